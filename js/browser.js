// Browser and bundler entry (Vite, webpack 5, esbuild, plain <script type="module">): fetches and
// instantiates the wasm next to this file with top-level await, so importers need no init call.
import init from "./instantly_wasm.js";

await init({ module_or_path: new URL("./instantly_wasm_bg.wasm", import.meta.url) });

export * from "./instantly_wasm.js";

export * from "./client.js";
