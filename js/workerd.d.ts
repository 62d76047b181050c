/**
 * A typed client for the Instantly.ai API V2, written in Rust and compiled to WebAssembly.
 * Start with {@link InstantlyClient}: one accessor per group of operations
 * (`client.campaigns.list()`, `client.leads.bulkAdd()`, …), errors that satisfy
 * {@link isInstantlyError}, and {@link parseWebhook} for receiving webhook deliveries.
 *
 * Cloudflare Workers (the `workerd` export condition): `workerd.js` imports the `.wasm` as a
 * compiled `WebAssembly.Module` (as wrangler bundles it) and instantiates it synchronously.
 *
 * @packageDocumentation
 */
// Types are those of the generated bindings; this entry only initialises the module.
export * from "./instantly_wasm.js";
export * from "./client.js";
export { InstantlyRateLimiter } from "./rate-limiter.js";
