// Node (and Deno) entry: loads the wasm synchronously from the package, no init call needed.
//
// `fs` comes from `process.getBuiltinModule` (Node ≥ 20.16 and ≥ 22.3, Deno, Bun), else from a
// `require`: an ESM import of `node:fs` builds its whole namespace, which loads Node's stream
// modules too and cost about 1.5 ms of a cold `import`.
import { createRequire } from "node:module";
import { initSync } from "./instantly_wasm.js";

const fs = globalThis.process?.getBuiltinModule?.("node:fs") ?? createRequire(import.meta.url)("node:fs");
initSync({ module: fs.readFileSync(new URL("./instantly_wasm_bg.wasm", import.meta.url)) });

export * from "./instantly_wasm.js";

export * from "./client.js";
