// Node (and Deno) entry: loads the wasm synchronously from the package, no init call needed.
import { readFileSync } from "node:fs";
import { initSync } from "./instantly_wasm.js";

initSync({ module: readFileSync(new URL("./instantly_wasm_bg.wasm", import.meta.url)) });

export * from "./instantly_wasm.js";

export * from "./client.js";
export { InstantlyRateLimiter } from "./rate-limiter.js";
