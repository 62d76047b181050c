/**
 * A typed client for the Instantly.ai API V2, written in Rust and compiled to WebAssembly.
 * Start with {@link InstantlyClient}: one accessor per group of operations
 * (`client.campaigns.list()`, `client.leads.bulkAdd()`, …), errors that satisfy
 * {@link isInstantlyError}, and {@link parseWebhook} for receiving webhook deliveries.
 *
 * Node and Deno (the `node` and `deno` export conditions): `node.js` reads the `.wasm` from the
 * package and instantiates it synchronously, so no init call is needed.
 *
 * @packageDocumentation
 */
// Types are those of the generated bindings; this entry only initialises the module.
export * from "./instantly_wasm.js";
export * from "./client.js";
