// Adds doc comments to the members wasm-bindgen declares without one (every class's `free()` and
// `[Symbol.dispose]()`, the init types of the raw module), in place. Lines that already follow a
// doc comment are left alone, so running it twice changes nothing.
// Usage: node scripts/doc-bindings.mjs pkg/instantly_wasm.d.ts
import { readFileSync, writeFileSync } from "node:fs";

const DOCS = [
  ["free(): void;", "Frees the memory this object holds in the wasm module now instead of on garbage collection; the object is unusable afterwards."],
  ["[Symbol.dispose](): void;", "Same as `free()`, for `using` declarations."],
  ["export type InitInput ", "What `init()`, the default export of `instantly-wasm/web`, accepts: the `.wasm` as a URL, a request, a response, bytes or a compiled module."],
  ["export type SyncInitInput ", "What `initSync()` accepts: the `.wasm` as bytes or a compiled module."],
  ["export interface InitOutput ", "The instantiated wasm module's raw exports, as `init()` and `initSync()` return them: an internal ABI, not for direct use.\n@internal"],
];

const file = process.argv[2];
const out = [];
for (const line of readFileSync(file, "utf8").split("\n")) {
  const doc = DOCS.find(([start]) => line.trimStart().startsWith(start));
  if (doc && !(out.at(-1) ?? "").trimEnd().endsWith("*/")) {
    const indent = /^\s*/.exec(line)[0];
    const [first, ...rest] = doc[1].split("\n");
    out.push(rest.length ? [`${indent}/**`, ...[first, ...rest].map((l) => `${indent} * ${l}`), `${indent} */`].join("\n") : `${indent}/** ${first} */`);
  }
  out.push(line);
}
writeFileSync(file, out.join("\n"));
