//! Plain HTTP data, URL building and the two seams to the outside world.
//!
//! Everything here is target-independent except [`fetch`], the only module of the core that
//! touches JavaScript (the global `fetch` and `setTimeout`, through js-sys / web-sys). The core
//! talks to the network through [`Transport`] (one HTTP attempt) and to time through [`Clock`]
//! (sleep and now), so native tests drive the whole request loop with a mock transport and a
//! virtual clock.

mod request;
mod url;

#[cfg(target_arch = "wasm32")]
pub mod fetch;

pub(crate) use request::append_query as append_query_value;
pub use request::{ApiRequest, Method};
pub use url::{encode_path_segment, encode_query, path_value, validate_id, PathFormat};

use std::future::Future;
use std::time::Duration;

/// One fully built HTTP request, ready for a [`Transport`].
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL including the query string.
    pub url: String,
    /// Header name/value pairs (names lower-case).
    pub headers: Vec<(String, String)>,
    /// JSON body bytes, if any.
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Debug output never shows the `Authorization` header.
impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("authorization") {
                    (k.as_str(), "[redacted]")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field(
                "body",
                &self.body.as_ref().map(|b| String::from_utf8_lossy(b)),
            )
            .finish()
    }
}

/// One HTTP response as the transport received it.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Header name/value pairs.
    pub headers: Vec<(String, String)>,
    /// Raw body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why a transport attempt produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The network failed: DNS, refused or dropped connection, CORS, TLS. The text is the
    /// runtime's description and never contains request headers.
    Connection(String),
    /// The response started but its body could not be read.
    Body(String),
}

/// One HTTP attempt. Implementations must abort the underlying request when the returned future
/// is dropped (the request loop drops it on timeout or cancellation).
pub trait Transport {
    /// Sends `request` and resolves with the complete response.
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>>;
}

/// Time, as the request loop and the rate limiter see it.
pub trait Clock {
    /// Resolves after `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()>;
    /// Milliseconds since the Unix epoch (used for `Retry-After` dates and rate windows).
    fn now_ms(&self) -> f64;
}
