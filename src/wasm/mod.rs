//! The JavaScript facade: wasm-bindgen classes that convert, call the core, and convert back.
//!
//! No logic lives here. One class, [`Engine`](crate::wasm::Engine), serves the generated `InstantlyClient`
//! (`js/client.js`): arguments are read synchronously as JSON ([`read_json`](crate::wasm::read_json)), checked
//! and sent by [`crate::engine`], and answers are handed to the runtime's `JSON.parse`; every
//! failure becomes a real JS `Error` built by the `errors` module.

mod constants;
mod convert;
mod coordinator;
mod csv;
mod engine;
mod errors;
mod import;
mod jobs;
mod js;
mod paginate;
mod signal;
mod source;
mod webhook_receive;

pub use convert::{read_json, read_json_with, ReadLimits, DEFAULT_READ_LIMITS};
pub use engine::Engine;
pub use paginate::ListIterator;

/// A promise settled by `future`. The future is boxed first, so the wasm holds one copy of
/// wasm-bindgen-futures' promise and task glue instead of one per caller.
pub(crate) fn promise(
    future: impl std::future::Future<Output = Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>>
        + 'static,
) -> js_sys::Promise {
    let boxed: futures::future::LocalBoxFuture<'static, _> = Box::pin(future);
    wasm_bindgen_futures::future_to_promise(boxed)
}

/// The core client over `fetch` and `setTimeout`, as every facade class holds it.
pub(crate) type Core =
    crate::Client<crate::http::fetch::FetchTransport, crate::http::fetch::JsClock>;
