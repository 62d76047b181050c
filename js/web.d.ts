/**
 * The raw web entry: call the default export (`init`) once before creating a client.
 *
 * @packageDocumentation
 */
export { default, initSync } from "./instantly_wasm.js";
export * from "./instantly_wasm.js";
export * from "./client.js";
