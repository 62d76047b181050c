// Checks the declarations of the built package:
//   1. no `any` in any pkg/*.d.ts, and callEndpoint's result is `Promise<unknown>`;
//   2. the TypeScript consumers (tests/ts/*.ts) import every exported name and call every method
//      and accessor of every exported class, so a new operation without a consumer check fails.
//
// The files are tokenized (comments, string and template literals skipped), so "Calls any route"
// in a doc comment or `"any"` in a string literal type does not count, while every `any` type
// does. Usage: node tests/ts/check-declarations.mjs [pkg-dir]   (default: pkg)

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Splits TypeScript source into `{ kind: "ident" | "punct", text, line }` tokens. */
export function tokenize(src) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const advance = (to) => {
    for (; i < to; i++) if (src[i] === "\n") line++;
  };
  while (i < n) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") {
      const end = src.indexOf("\n", i);
      advance(end === -1 ? n : end);
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end === -1) throw new Error(`unterminated comment at line ${line}`);
      advance(end + 2);
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === "\\") j++;
        else if (c !== "`" && src[j] === "\n") throw new Error(`unterminated string at line ${line}`);
        j++;
      }
      if (j >= n) throw new Error(`unterminated string at line ${line}`);
      tokens.push({ kind: "string", text: src.slice(i, j + 1), line });
      advance(j + 1);
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(src[j])) j++;
      tokens.push({ kind: "ident", text: src.slice(i, j), line });
      i = j;
    } else if (/\s/.test(c)) {
      advance(i + 1);
    } else {
      tokens.push({ kind: "punct", text: c, line });
      i++;
    }
  }
  return tokens;
}

/** Lines where the identifier `any` is used (as a type: declarations have no values). */
export function anyUses(src) {
  return tokenize(src)
    .filter((t) => t.kind === "ident" && t.text === "any")
    .map((t) => t.line);
}

/** The return type text of method `name(...)`, e.g. `Promise<unknown>`, or null if absent. */
export function returnTypeOf(src, name) {
  const t = tokenize(src);
  for (let k = 0; k < t.length; k++) {
    if (t[k].text !== name || t[k + 1]?.text !== "(") continue;
    let depth = 0;
    let j = k + 1;
    for (; j < t.length; j++) {
      if (t[j].text === "(") depth++;
      if (t[j].text === ")" && --depth === 0) break;
    }
    if (t[j + 1]?.text !== ":") continue;
    let out = "";
    for (j += 2; j < t.length && t[j].text !== ";"; j++) out += t[j].text;
    return out;
  }
  return null;
}

/** Names a declaration file exports, and the members of each exported class. */
export function exportsOf(src) {
  const t = tokenize(src);
  const names = [];
  const classes = {};
  for (let k = 0; k < t.length; k++) {
    if (t[k].text !== "export" || t[k - 1]?.text === ".") continue;
    let j = k + 1;
    if (t[j]?.text === "default") continue;
    if (t[j]?.text === "declare") j++;
    const kind = t[j]?.text;
    if (!["interface", "type", "class", "enum", "function", "const"].includes(kind)) continue;
    const name = t[j + 1].text;
    names.push(name);
    if (kind !== "class") continue;
    while (t[j].text !== "{") j++;
    const members = new Set();
    let depth = 0;
    for (; j < t.length; j++) {
      const x = t[j];
      if ("{([<".includes(x.text) && x.kind === "punct") depth++;
      else if ("})]>".includes(x.text) && x.kind === "punct") {
        if (--depth === 0) break;
      } else if (depth === 1 && x.kind === "ident" && ["(", ":"].includes(t[j + 1]?.text)) {
        const prev = t[j - 1]?.text;
        if (prev === "{" || prev === ";" || prev === ")" || prev === "readonly" || prev === "static") members.add(x.text);
      }
    }
    classes[name] = [...members];
  }
  return { names, classes };
}

function selfTest() {
  const sample = [
    "/** Calls any route; `any` in a comment. */",
    "// any",
    "export type S = \"any\" | 'any' | `any`;",
    "export function f(a: any): Promise<unknown>;",
    "export interface X { y: Array<any>; anyway: number; callEndpoint(p: string, o?: { x: any } | null): Promise<unknown>; }",
  ].join("\n");
  const uses = anyUses(sample);
  if (uses.join(",") !== "4,5,5") throw new Error(`self-test: expected any on lines 4,5,5, got ${uses}`);
  if (returnTypeOf(sample, "callEndpoint") !== "Promise<unknown>") throw new Error("self-test: callEndpoint return type");
  const ex = exportsOf("export class A {\n free(): void;\n get(id: string, p?: { x: number } | null): Promise<B>;\n readonly leads: L;\n constructor(o: O);\n}\nexport interface B { y: string; }\nexport type C = 1;");
  if (JSON.stringify(ex) !== JSON.stringify({ names: ["A", "B", "C"], classes: { A: ["free", "get", "leads", "constructor"] } })) {
    throw new Error(`self-test: exportsOf gave ${JSON.stringify(ex)}`);
  }
}

/** Every exported name must be imported, and every class member used, by tests/ts/*.ts. */
function coverage(dts) {
  const consumers = readdirSync(HERE).filter((f) => f.endsWith(".ts"));
  const tokens = consumers.flatMap((f) => tokenize(readFileSync(path.join(HERE, f), "utf8")));
  const idents = new Set(tokens.filter((t) => t.kind === "ident").map((t) => t.text));
  const accessed = new Set(tokens.filter((t, i) => t.kind === "ident" && tokens[i - 1]?.text === ".").map((t) => t.text));
  const { names, classes } = exportsOf(dts);
  const problems = [];
  for (const n of names) if (!idents.has(n)) problems.push(`export \`${n}\` is not used by any tests/ts/*.ts consumer (add it to one)`);
  let members = 0;
  for (const [cls, ms] of Object.entries(classes)) {
    for (const m of ms) {
      if (m === "constructor") continue;
      members++;
      if (!accessed.has(m)) problems.push(`\`${cls}.${m}\` is not called by any tests/ts/*.ts consumer (add a call)`);
    }
  }
  return { problems, summary: `${names.length} exports and ${members} class members used by ${consumers.join(", ")}` };
}

function main() {
  selfTest();
  const dir = process.argv[2] ?? "pkg";
  const files = readdirSync(dir).filter((f) => f.endsWith(".d.ts"));
  if (!files.includes("instantly_wasm.d.ts")) throw new Error(`${dir}/instantly_wasm.d.ts not found: build the package first`);
  const problems = [];
  for (const f of files) {
    const src = readFileSync(path.join(dir, f), "utf8");
    for (const line of anyUses(src)) problems.push(`${dir}/${f}:${line}: \`any\` in a public declaration`);
  }
  // The wasm bindings and the generated client (its classes are the package's API).
  const main = ["instantly_wasm.d.ts", "client.d.ts"].map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
  const ret = returnTypeOf(main, "callEndpoint");
  if (ret !== "Promise<unknown>") problems.push(`callEndpoint must return Promise<unknown>, declared: ${ret}`);
  const cov = coverage(main);
  problems.push(...cov.problems);
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(`no \`any\` in ${files.length} declaration files (${files.join(", ")}); callEndpoint returns ${ret}`);
  console.log(cov.summary);
}

main();
