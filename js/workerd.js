// Cloudflare Workers (workerd) entry: Workers may not compile wasm from bytes, so the .wasm is
// imported as a module (wrangler/esbuild bundle it as a WebAssembly.Module) and instantiated here.
import wasmModule from "./instantly_wasm_bg.wasm";
import { initSync } from "./instantly_wasm.js";

initSync({ module: wasmModule });

export * from "./instantly_wasm.js";

export * from "./client.js";
export { InstantlyRateLimiter } from "./rate-limiter.js";
