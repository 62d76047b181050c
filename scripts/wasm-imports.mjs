// Post-processes the wasm's imports (and a few exports), in the module and the wasm-bindgen glue
// alike.
//
// Short names. wasm-bindgen names every import after its Rust item plus a 16-hex-digit hash
// (`__wbg_describe_0d092880ed1010ca`), from a module named after the glue file
// (`./instantly_wasm_bg.js`, repeated for each import). The wasm's import section holds each name
// once, and the glue twice (the import object's key, and the function name esbuild keeps): about
// 3 KiB gzip of hashes, which compress badly. This renames the module to `w` and each import to a
// short base-52 name, in both files, and fails if the glue does not name every import exactly
// once as a key. Functions imported straight from a JS module (the transport) keep that module's
// export names, and exports keep theirs (`initSync` returns them under their declared names).
//
// Matching arity. An import that may throw is `function() { return handleError(function (arg0,
// …) {…}, arguments); }` in the glue: a function of no parameters for a wasm signature with some.
// When Node 20's V8 instantiates the module, it compiles a wrapper for each signature of an
// import whose JS function takes a different number of parameters (26 signatures in a hand-made
// module: 0.8–1.4 ms with such functions, 0.09 ms with matching ones). The outer function takes
// the inner one's parameters instead (`arguments` is unchanged), and every import of the glue is
// then checked to take as many parameters as its wasm signature has: the module and its glue
// instantiated in 0.59 ms instead of 1.24 ms (Node 20, cold `import`).
//
// Short export names for the closure shims. wasm-bindgen exports one function per closure
// signature that JavaScript calls back into, named after the whole signature
// (`wasm_bindgen_<hash>___convert__closures_____invoke___js_sys_<hash>___Function_fn_…`, up to
// 300 characters), which only the glue calls. They become `invoke_a`, `invoke_b`, … in the module,
// the glue and the declarations of its exports (`InitOutput`): about 0.3 KiB gzip.
//
// Usage: node scripts/wasm-imports.mjs <module.wasm> <glue.js> [<declarations.d.ts> ...]

import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath, ...declarationPaths] = process.argv.slice(2);
if (!wasmPath || !gluePath) throw new Error("usage: wasm-imports.mjs <module.wasm> <glue.js> [<declarations.d.ts> ...]");

const GLUE_MODULE = "./instantly_wasm_bg.js";
const SHORT_MODULE = "w";

/** The `n`th short name: a..z, A..Z, then two letters, and so on. */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[n % 52] + name;
    n = Math.floor(n / 52) - 1;
  } while (n >= 0);
  return name;
}

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    if (b === undefined) throw new Error("truncated LEB128 number");
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function writeU32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder("utf-8", { fatal: true });

function readName(bytes, at) {
  const [len, start] = readU32(bytes, at);
  return [text.decode(bytes.subarray(start, start + len)), start + len];
}

function name(s) {
  const b = utf8.encode(s);
  return [...writeU32(b.length), ...b];
}

/** The bytes of an import's description (after its names), and where it ends. */
function importDesc(bytes, at) {
  const start = at;
  const kind = bytes[at++];
  const limits = () => {
    const flags = bytes[at++];
    [, at] = readU32(bytes, at);
    if (flags & 1) [, at] = readU32(bytes, at);
  };
  if (kind === 0) [, at] = readU32(bytes, at); // function: type index
  else if (kind === 1) {
    at++; // table: reference type
    limits();
  } else if (kind === 2) limits(); // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else if (kind === 4) [, at] = readU32(bytes, at + 1); // tag: attribute, type index
  else throw new Error(`unknown import kind ${kind}`);
  return [bytes.subarray(start, at), at];
}

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
const out = [wasm.subarray(0, 8)];
const renamed = new Map();
/** The closure shims' exports: original name → short name. */
const invokers = new Map();
/** The parameter count of each function type, by type index (the type section). */
const paramCounts = [];
/** The type index of each glue import, by its original name. */
const importType = new Map();
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, bodyStart] = readU32(wasm, at + 1);
  const end = bodyStart + size;
  if (id === 1) readTypes(wasm, bodyStart, end);
  if (id === 7) {
    out.push(renameInvokers(wasm, bodyStart, end));
    at = end;
    continue;
  }
  if (id !== 2) {
    out.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let p = bodyStart;
  let count;
  [count, p] = readU32(wasm, p);
  const body = [...writeU32(count)];
  for (let i = 0; i < count; i++) {
    let module, field, desc;
    [module, p] = readName(wasm, p);
    [field, p] = readName(wasm, p);
    [desc, p] = importDesc(wasm, p);
    if (module !== GLUE_MODULE) {
      // A function wasm-bindgen imports straight from a JS module (src/http/transport.js):
      // its name is that module's export.
      body.push(...name(module), ...name(field), ...desc);
      continue;
    }
    if (desc[0] === 0) importType.set(field, readU32(desc, 1)[0]);
    if (!renamed.has(field)) renamed.set(field, shortName(renamed.size));
    body.push(...name(SHORT_MODULE), ...name(renamed.get(field)), ...desc);
  }
  if (p !== end) throw new Error("the import section has bytes after its imports");
  out.push(Uint8Array.from([2, ...writeU32(body.length), ...body]));
  at = end;
}
if (renamed.size === 0) throw new Error(`${wasmPath} has no imports`);

let glue = readFileSync(gluePath, "utf8");
glue = matchArity(glue);
for (const [field, short] of renamed) {
  const key = new RegExp(`\\b${field}(?=:)`, "g");
  const found = glue.match(key)?.length ?? 0;
  const anywhere = glue.split(field).length - 1;
  if (found !== 1 || anywhere !== 1) {
    throw new Error(`the glue names the import ${field} ${anywhere} times (${found} as a key); expected once, as a key`);
  }
  glue = glue.replace(key, short);
}
const moduleKey = `"${GLUE_MODULE}": import0`;
if (glue.split(moduleKey).length !== 2) throw new Error(`the glue does not pass its imports as ${moduleKey}`);
glue = glue.replace(moduleKey, `"${SHORT_MODULE}": import0`);
if (invokers.size === 0) throw new Error(`${wasmPath} exports no closure shim`);
glue = renameEverywhere(glue, gluePath);
const declarations = declarationPaths.map((path) => [path, renameEverywhere(readFileSync(path, "utf8"), path)]);

writeFileSync(wasmPath, Buffer.concat(out));
writeFileSync(gluePath, glue);
for (const [path, source] of declarations) writeFileSync(path, source);
console.log(
  `wasm-imports: ${renamed.size} imports renamed, each taking as many parameters as its signature; ${invokers.size} closure shims renamed`,
);

/** The export section at `p`..`end` with the closure shims renamed (see the header). */
function renameInvokers(bytes, p, end) {
  let count;
  [count, p] = readU32(bytes, p);
  const exports = [];
  for (let i = 0; i < count; i++) {
    let field;
    [field, p] = readName(bytes, p);
    const kind = bytes[p++];
    let index;
    [index, p] = readU32(bytes, p);
    exports.push([field, kind, index]);
  }
  if (p !== end) throw new Error("the export section has bytes after its exports");
  const taken = new Set(exports.map(([field]) => field));
  const body = [...writeU32(count)];
  for (const [field, kind, index] of exports) {
    let short = field;
    if (/^wasm_bindgen_[0-9a-f]+___convert__closures_/.test(field)) {
      short = `invoke_${shortName(invokers.size)}`;
      if (taken.has(short)) throw new Error(`the module already exports ${short}`);
      invokers.set(field, short);
    }
    body.push(...name(short), kind, ...writeU32(index));
  }
  return Uint8Array.from([7, ...writeU32(body.length), ...body]);
}

/** `source` with every closure shim's name replaced by its short one; each must occur. */
function renameEverywhere(source, path) {
  for (const [field, short] of invokers) {
    const pattern = new RegExp(`\\b${field}\\b`, "g");
    if (!pattern.test(source)) throw new Error(`${path} does not name the export ${field}`);
    source = source.replace(pattern, short);
  }
  return source;
}

/** Reads the parameter count of every function type of the type section at `p`..`end`. */
function readTypes(bytes, p, end) {
  let count;
  [count, p] = readU32(bytes, p);
  for (let i = 0; i < count; i++) {
    if (bytes[p++] !== 0x60) throw new Error("the type section holds a type that is not a function type");
    let params, results;
    [params, p] = readU32(bytes, p);
    p += params; // one byte per number or reference type (no type of this module is longer)
    [results, p] = readU32(bytes, p);
    p += results;
    paramCounts.push(params);
  }
  if (p !== end) throw new Error("the type section has bytes after its types");
}

/** The glue with each `handleError` import taking its inner function's parameters, checked:
 * every glue import takes as many parameters as its wasm signature has. */
function matchArity(glue) {
  glue = glue.replace(
    /^(\s*\w+: function)\(\) \{ return handleError\(function \(([\w, ]*)\) \{$/gm,
    (_, head, params) => `${head}(${params}) { return handleError(function (${params}) {`,
  );
  const wrong = [];
  for (const [field, type] of importType) {
    const found = new RegExp(`\\b${field}: function\\(([\\w, ]*)\\)`).exec(glue);
    if (!found) throw new Error(`the glue has no function for the import ${field}`);
    const arity = found[1].trim() === "" ? 0 : found[1].split(",").length;
    if (arity !== paramCounts[type]) wrong.push(`${field} takes ${arity}, its signature ${paramCounts[type]}`);
  }
  if (wrong.length > 0) throw new Error(`glue imports whose arity differs from their signature:\n${wrong.join("\n")}`);
  return glue;
}
