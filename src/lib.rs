//! # instantly-wasm
//!
//! An Instantly.ai API V2 client written in Rust for WebAssembly: the same core runs in
//! browsers, Node, Deno and Cloudflare Workers through the global `fetch`, and natively in tests.
//!
//! ## From Rust
//!
//! [`Client`] is generic over its two seams: a [`http::Transport`] that sends one request and a
//! [`http::Clock`] for timeouts, retries and waits. On wasm32, `http::fetch::FetchTransport`
//! (the global `fetch`) and `http::fetch::JsClock` (`setTimeout`) are both; natively, bring your
//! own transport (the tests' `tests/support/` has a scripted one and virtual clocks).
//!
//! ```ignore
//! use instantly_wasm::generated::models::CampaignListParams;
//! use instantly_wasm::http::fetch::{FetchTransport, JsClock};
//! use instantly_wasm::{Client, ClientOptions, RequestOptions};
//!
//! let client = Client::new(ClientOptions::new(api_key), FetchTransport, JsClock)?;
//! let page = client
//!     .campaigns()
//!     .list(&CampaignListParams::default(), &RequestOptions::default())
//!     .await?;
//! ```
//!
//! Every operation of the spec is a typed async fn on a group (`client.campaigns()`,
//! `client.leads()`, … see [`generated::api`]); lists have `list_all`, an `Unpin` `Stream`.
//! Beyond the spec: [`Client::import_leads`] and [`Client::import_from`] (bulk import,
//! [`import`]), [`Client::wait_for_job`] ([`jobs`]), [`webhooks::parse_webhook`], and
//! [`Client::call_endpoint`] for any route.
//!
//! In a page, `Client::new` refuses an API key (every visitor could read it) unless
//! [`ClientOptions::with_dangerously_allow_browser`] allows it (a browser extension with its
//! user's own key); a web app points `base_url` at a proxy that adds the key instead.
//!
//! The client and its futures are not `Send` (wasm has one thread): natively, run them on one
//! thread (`futures::executor::block_on`, a tokio `LocalSet`). In a Cloudflare Worker, give the
//! client [`ratelimit::Sharing::Unregistered`]`(None)` through
//! [`ClientOptions::with_rate_limit_sharing`] (see there why), as the JS package does.
//!
//! A crate that builds its own wasm module with wasm-bindgen depends on this one with
//! `default-features = false`: the `js` feature (on by default) is the npm package's JS facade,
//! whose exports would otherwise become the module's own.

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
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
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
/// Only with the `js` feature (on by default).
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod wasm;

pub use cancel::CancelToken;
pub use client::{ApiKey, Client, ClientOptions, RequestOptions};
pub use error::{Error, ErrorKind, Result};
