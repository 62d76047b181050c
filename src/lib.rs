//! # instantly-wasm
//!
//! An Instantly.ai API V2 client written in Rust for WebAssembly: the same core runs in
//! browsers, Node, Deno and Cloudflare Workers through the global `fetch`, and natively in tests.
//!
//! Layers, from the wire up:

/// Cancellation tokens raced against requests (backs JS `AbortSignal`).
pub mod cancel;
/// The core client: the request loop.
pub mod client;
/// Leads from CSV text (RFC 4180, header mapping to lead fields and custom variables).
pub mod csv;
/// `client.call_endpoint()`: any other route of the API, for operations without a typed method.
pub mod endpoint;
/// The engine: every operation through one table-driven path (validate, build, send).
pub mod engine;
/// One error type and the lenient parsing of the API's error envelopes.
pub mod error;
/// Generated from the spec by `codegen/`: the operation table, the models and the typed
/// methods (`client.campaigns().list(…)`, one `<Group>Api` per group).
pub mod generated {
    pub mod api;
    pub mod models;
    pub mod table;
    #[cfg(target_arch = "wasm32")]
    mod ts;
}
/// Plain HTTP data, URL building, and the `Transport` / `Clock` seams (`http::fetch` in wasm).
pub mod http;
/// HTTP dates, as `Retry-After` carries them.
mod http_date;
/// The bulk lead importer: local checks, chunking, re-sends, a complete per-row report.
pub mod import;
/// Strict reading of caller options, with "did you mean" hints.
pub mod input;
/// Waiting for background jobs (lead moves, imports) to finish.
pub mod jobs;
/// Request and response models (serde + tsify), one file per resource.
pub mod models;
/// Client configuration: options, per-call options, the redacted API key.
pub mod options;
/// The client-side rate limiter (workspace and route limits, fair queueing, 429 feedback).
pub mod ratelimit;
/// The retry policy: what is retried and how long to wait.
pub mod retry;
/// The one small sort the client uses (a heapsort, a few hundred bytes per element type).
mod sort;
/// Joining and substring search without the standard library's larger generic code.
mod text;
/// Local checks run before anything is sent.
pub mod validate;
/// Receiving webhooks: typed payloads, shared-secret check, size limit, dedupe keys.
pub mod webhooks;

/// The JavaScript facade (wasm-bindgen classes, `Ts<T>` conversion, JS errors). No logic.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use cancel::CancelToken;
pub use client::{ApiKey, Client, ClientOptions, RequestOptions};
pub use error::{Error, ErrorKind, Result};
