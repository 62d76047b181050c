// Types are those of the generated bindings; this entry only initialises the module.
export * from "./instantly_wasm.js";
