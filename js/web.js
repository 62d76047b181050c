// The raw web entry (`instantly-wasm/web`): call the default export (`init`) once before use,
// e.g. with the URL or bytes of `instantly_wasm_bg.wasm`; then use the client as from any entry.
export { default, initSync } from "./instantly_wasm.js";
export * from "./instantly_wasm.js";
export * from "./client.js";
