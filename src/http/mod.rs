//! Plain HTTP data, URL building and the two seams to the outside world.
//!
//! Everything here is target-independent except `fetch`, the only module of the core that
//! touches JavaScript (the global `fetch` and `setTimeout`, through js-sys / web-sys). The core
//! talks to the network through [`Transport`](crate::http::Transport) (one HTTP attempt) and to time through [`Clock`](crate::http::Clock)
//! (sleep and now), so native tests drive the whole request loop with a mock transport and a
//! virtual clock.

mod packed;
mod request;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod slots;
mod url;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sleeps_are_chained_timers_that_set_timeout_honours() {
        let steps = |d: Duration| timer_steps(d).collect::<Vec<_>>();
        assert_eq!(steps(Duration::ZERO), vec![0]);
        assert_eq!(steps(Duration::from_nanos(1)), vec![1]);
        assert_eq!(steps(Duration::from_millis(1500)), vec![1500]);
        let max = u64::from(MAX_TIMER_MS);
        assert_eq!(steps(Duration::from_millis(max)), vec![MAX_TIMER_MS]);
        assert_eq!(steps(Duration::from_millis(max + 1)), vec![MAX_TIMER_MS, 1]);
        assert_eq!(
            steps(Duration::from_millis(3 * max + 7)),
            vec![MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS, 7]
        );
        let mut forever = timer_steps(Duration::MAX);
        assert_eq!(forever.next(), Some(MAX_TIMER_MS));
        assert_eq!(forever.next(), Some(MAX_TIMER_MS));
    }
}

#[cfg(target_arch = "wasm32")]
pub mod fetch;

/// True when the code runs in a page: on wasm32, a `window` or `document` global exists.
pub fn in_browser() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        fetch::in_browser()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

pub use packed::{js_number, unpack_json};
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

/// A shared transport (one behind several clients, or kept by a test to inspect).
impl<T: Transport> Transport for std::rc::Rc<T> {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// A borrowed transport.
impl<T: Transport> Transport for &T {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// The longest delay `setTimeout` honours, in milliseconds (2³¹−1, about 24.8 days): a longer
/// one fires at once.
pub const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// The `setTimeout` delays that together sleep `duration`: whole milliseconds, rounded up (a
/// sleep is never shorter than asked), in steps of at most [`MAX_TIMER_MS`]. A zero duration is
/// one step of 0. Lazy, so even [`Duration::MAX`] costs nothing until slept.
pub fn timer_steps(duration: Duration) -> impl Iterator<Item = u32> {
    let mut left: Option<u128> = Some(duration.as_nanos().div_ceil(1_000_000));
    std::iter::from_fn(move || {
        let total = left?;
        let step = total.min(u128::from(MAX_TIMER_MS));
        left = Some(total - step).filter(|l| *l > 0);
        Some(step as u32)
    })
}

/// Parses JSON text (an answer's body, a webhook payload) into a [`serde_json::Value`]: the one
/// place the crate reads JSON text. Natively serde_json parses it; in wasm the runtime's
/// `JSON.parse` does, and the value comes back packed in one byte array ([`unpack_json`]), so
/// the wasm carries no JSON parser of its own. `Err` says why the text is not JSON (or nests
/// deeper than 128 levels, serde_json's limit).
pub fn parse_json(text: &[u8]) -> Result<serde_json::Value, String> {
    #[cfg(target_arch = "wasm32")]
    {
        fetch::parse_json(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_slice(text).map_err(|e| e.to_string())
    }
}

/// Time, as the request loop and the rate limiter see it.
pub trait Clock {
    /// Resolves after `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()>;
    /// Milliseconds since the Unix epoch (used for `Retry-After` dates and rate windows).
    fn now_ms(&self) -> f64;
}

/// A shared clock.
impl<C: Clock> Clock for std::rc::Rc<C> {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        (**self).sleep(duration)
    }

    fn now_ms(&self) -> f64 {
        (**self).now_ms()
    }
}

/// A borrowed clock.
impl<C: Clock> Clock for &C {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        (**self).sleep(duration)
    }

    fn now_ms(&self) -> f64 {
        (**self).now_ms()
    }
}
