//! Client configuration: [`ClientOptions`] (Rust), [`InstantlyClientOptions`](crate::options::InstantlyClientOptions) (what JavaScript
//! passes to `new InstantlyClient({...})`), per-call [`RequestOptions`], and the [`ApiKey`] that
//! never prints.

use crate::cancel::CancelToken;
use crate::error::{Error, Result};
use crate::ratelimit::{RateLimit, RateLimitOptions, Sharing};
use crate::retry::RetryPolicy;
use std::fmt;
use std::time::Duration;

/// The public API origin.
pub const DEFAULT_BASE_URL: &str = "https://api.instantly.ai";
/// Path prefix of every API V2 route.
pub const API_PREFIX: &str = "/api/v2";
/// `User-Agent` sent where the runtime allows it.
pub const USER_AGENT: &str = concat!("instantly-wasm/", env!("CARGO_PKG_VERSION"));

/// An API key. It has no `Display`, no `Serialize`, and its `Debug` prints `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

/// Client configuration. Build it with [`ClientOptions::new`] and the `with_*` setters;
/// [`crate::Client::new`] checks it ([`ClientOptions::validate`], in a page or not).
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Bearer key; `None` when `base_url` is a proxy that adds it.
    pub api_key: Option<ApiKey>,
    /// Origin (and optional prefix) that `/api/v2/...` paths are appended to.
    pub base_url: String,
    /// Per-attempt timeout (default 30 s).
    pub timeout: Duration,
    /// Retries after the first attempt (default 3).
    pub max_retries: u32,
    /// Sent as `x-as-workspace` (admin keys acting on a sub-workspace).
    pub workspace_id: Option<String>,
    /// Sent as `User-Agent` when set (the wasm facade sets it outside browsers).
    pub user_agent: Option<String>,
    /// Backoff parameters.
    pub retry: RetryPolicy,
    /// Client-side rate limiter (default: the documented workspace and route limits); `None`
    /// turns it off. See [`crate::ratelimit`].
    pub rate_limit: Option<RateLimit>,
    /// Who shares the rate budget (default: every client of the realm with the same key). See
    /// [`crate::ratelimit`].
    pub rate_limit_sharing: Sharing,
    /// Allows an API key in a page (a `window` or `document` global exists), where every
    /// visitor can read it: [`crate::Client::new`] refuses one otherwise. For a browser
    /// extension storing its user's own key; a web app points `base_url` at a proxy instead.
    pub dangerously_allow_browser: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            api_key: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            timeout: Duration::from_secs(30),
            max_retries: 3,
            workspace_id: None,
            user_agent: None,
            retry: RetryPolicy::default(),
            rate_limit: Some(RateLimit::default()),
            rate_limit_sharing: Sharing::Realm,
            dangerously_allow_browser: false,
        }
    }
}

impl ClientOptions {
    /// Defaults with `api_key`.
    pub fn new(api_key: impl Into<String>) -> Self {
        ClientOptions {
            api_key: Some(ApiKey::new(api_key)),
            ..Default::default()
        }
    }

    /// Sets the base URL.
    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets the per-attempt timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the number of retries.
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the rate limiter configuration (`None`: off).
    pub fn with_rate_limit(mut self, rate_limit: Option<RateLimit>) -> Self {
        self.rate_limit = rate_limit;
        self
    }

    /// Sets who shares the rate budget.
    pub fn with_rate_limit_sharing(mut self, sharing: Sharing) -> Self {
        self.rate_limit_sharing = sharing;
        self
    }

    /// Allows the API key in a page; see [`ClientOptions::dangerously_allow_browser`].
    pub fn with_dangerously_allow_browser(mut self, allow: bool) -> Self {
        self.dangerously_allow_browser = allow;
        self
    }

    /// Sets `x-as-workspace`.
    pub fn with_workspace_id(mut self, id: impl Into<String>) -> Self {
        self.workspace_id = Some(id.into());
        self
    }

    /// Checks the options. `in_browser` is true when the code runs in a page (a `window` or
    /// `document` global exists, [`crate::http::in_browser`]): a secret key there needs
    /// `dangerously_allow_browser` (the argument; [`crate::Client::new`] passes the field).
    pub fn validate(&self, in_browser: bool, dangerously_allow_browser: bool) -> Result<()> {
        let base = self.base_url.trim();
        // A host after the scheme (`http://` alone would build `http:/api/v2/…`), and a path
        // with one leading slash (`//host` is another origin to `fetch`). URL parsers read a
        // backslash as a slash and drop tabs and line breaks, so none of those may hide either.
        let host = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"));
        let has_host = host.is_some_and(|h| !h.is_empty() && !h.starts_with(['/', ':']));
        let is_path = base.starts_with('/') && !base.starts_with("//");
        let plain = !base
            .bytes()
            .any(|b| b == b'\\' || b.is_ascii_control() || b == b' ');
        if !plain {
            return Err(Error::validation(
                "baseUrl",
                "must not contain spaces, backslashes or control characters",
            ));
        }
        if !(has_host || is_path) {
            return Err(Error::validation(
                "baseUrl",
                "must be an absolute http(s) URL with a host or a path on this origin, e.g. \"/instantly\"",
            ));
        }
        if base.contains(['?', '#']) {
            return Err(Error::validation(
                "baseUrl",
                "must not contain a query or fragment",
            ));
        }
        // Every request path starts with /api/v2 already: a base URL ending in it would send
        // requests to /api/v2/api/v2/… and get a 404 for every call.
        let end = base.trim_end_matches('/').as_bytes();
        if end.len() >= 7 && end[end.len() - 7..].eq_ignore_ascii_case(b"/api/v2") {
            return Err(Error::validation(
                "baseUrl",
                "must not end in /api/v2, which the client adds to every path (e.g. \"https://api.instantly.ai\")",
            ));
        }
        if let Some(key) = &self.api_key {
            let k = key.expose();
            // Sent in a header: `fetch` throws on characters a header cannot carry.
            if k.is_empty() || !k.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::validation(
                    "apiKey",
                    "must be a non-empty key of printable ASCII characters without whitespace",
                ));
            }
            if in_browser && !dangerously_allow_browser {
                return Err(Error::validation(
                    "apiKey",
                    "an API key in browser code is visible to every visitor; point baseUrl at a \
                     proxy that adds the key, or set dangerouslyAllowBrowser: true if you \
                     understand the risk (e.g. a browser extension storing the user's own key)",
                ));
            }
        } else if base.trim_end_matches('/') == DEFAULT_BASE_URL {
            return Err(Error::validation(
                "apiKey",
                "is required unless baseUrl points at a proxy that adds it",
            ));
        }
        if self.timeout.is_zero() {
            return Err(Error::validation("timeoutMs", "must be greater than 0"));
        }
        if self.max_retries > 10 {
            return Err(Error::validation("maxRetries", "must be between 0 and 10"));
        }
        if let Some(ws) = &self.workspace_id {
            crate::http::validate_id("workspaceId", ws)?;
            if !ws.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::validation(
                    "workspaceId",
                    format!(
                        "must be printable ASCII, as it is sent in a header (got {})",
                        crate::engine::formats::quote(ws)
                    ),
                ));
            }
        }
        if let Some(rl) = &self.rate_limit {
            for (field, v) in [
                ("rateLimit.perSecond", rl.per_second),
                ("rateLimit.perMinute", rl.per_minute),
            ] {
                if v == Some(0) {
                    return Err(Error::validation(
                        field,
                        "must be at least 1 (set rateLimit: false to turn the limiter off)",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Client options as JavaScript passes them to `new InstantlyClient({...})` (camelCase).
#[derive(tsify::Tsify, Default)]
#[serde(rename_all = "camelCase")]
pub struct InstantlyClientOptions {
    /// Your Instantly API V2 key (Settings → Integrations → API keys). Omit it when `baseUrl`
    /// points at your own proxy that adds the key.
    #[tsify(optional, type = "string | undefined")]
    pub api_key: Option<String>,
    /// API origin (default `https://api.instantly.ai`) or your proxy, without `/api/v2`: the
    /// client appends `/api/v2/...` itself.
    #[tsify(optional, type = "string | undefined")]
    pub base_url: Option<String>,
    /// Per-attempt timeout in milliseconds (default 30000).
    #[tsify(optional, type = "number | undefined")]
    pub timeout_ms: Option<f64>,
    /// Retries after the first attempt (default 3, at most 10).
    #[tsify(optional, type = "number | undefined")]
    pub max_retries: Option<u32>,
    /// Act on a sub-workspace (`x-as-workspace`; admin keys only).
    #[tsify(optional, type = "string | undefined")]
    pub workspace_id: Option<String>,
    /// Allow an `apiKey` in browser code, where every visitor can read it. Set it knowingly,
    /// e.g. in a browser extension that stores the user's own key.
    #[tsify(optional, type = "boolean | undefined")]
    pub dangerously_allow_browser: Option<bool>,
    /// Client-side rate limiter. Default: the documented limits (100 requests/second and
    /// 6,000/minute per workspace, lower on a few routes); concurrent calls queue in order
    /// instead of collecting 429s. Every client in the realm with the same key shares the
    /// budget; `shared` extends that to other processes and isolates. `false` turns it off.
    #[tsify(optional, type = "RateLimitOptions | false | undefined")]
    pub rate_limit: Option<serde_json::Value>,
}

impl crate::input::Input for InstantlyClientOptions {
    const KEYS: &'static [&'static str] = &[
        "apiKey",
        "baseUrl",
        "timeoutMs",
        "maxRetries",
        "workspaceId",
        "dangerouslyAllowBrowser",
        "rateLimit",
    ];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(InstantlyClientOptions {
            api_key: f.string("apiKey")?,
            base_url: f.string("baseUrl")?,
            timeout_ms: f.number("timeoutMs")?,
            max_retries: f.u32("maxRetries")?,
            workspace_id: f.string("workspaceId")?,
            dangerously_allow_browser: f.boolean("dangerouslyAllowBrowser")?,
            rate_limit: f.json("rateLimit"),
        })
    }
}

impl InstantlyClientOptions {
    /// Converts and validates; `in_browser` says whether a `window`/`document` global exists.
    pub fn into_options(self, in_browser: bool) -> Result<ClientOptions> {
        let mut o = ClientOptions {
            api_key: self.api_key.map(ApiKey::new),
            ..Default::default()
        };
        if let Some(url) = self.base_url {
            o.base_url = url;
        }
        if let Some(ms) = self.timeout_ms {
            o.timeout = timeout_from_ms(ms)?;
        }
        if let Some(r) = self.max_retries {
            o.max_retries = r;
        }
        o.workspace_id = self.workspace_id;
        (o.rate_limit, o.rate_limit_sharing) = RateLimitOptions::from_js_shared(self.rate_limit)?;
        if !in_browser {
            o.user_agent = Some(USER_AGENT.to_string());
        }
        o.dangerously_allow_browser = self.dangerously_allow_browser.unwrap_or(false);
        o.validate(in_browser, o.dangerously_allow_browser)?;
        Ok(o)
    }
}

/// A `timeoutMs` option (client or per call): 1 to 600,000 milliseconds.
pub fn timeout_from_ms(ms: f64) -> Result<Duration> {
    if ms.is_finite() && (1.0..=600_000.0).contains(&ms) {
        Ok(Duration::from_millis(ms as u64))
    } else {
        Err(Error::validation(
            "timeoutMs",
            "must be between 1 and 600000",
        ))
    }
}

/// A per-call `maxRetries` option as JavaScript passes it (a number): a whole number 0 to 10.
pub fn max_retries_from(n: f64) -> Result<u32> {
    if n.is_finite() && n.fract() == 0.0 && (0.0..=10.0).contains(&n) {
        Ok(n as u32)
    } else {
        Err(Error::validation(
            "maxRetries",
            "must be a whole number from 0 to 10",
        ))
    }
}

/// Per-call overrides (checked like the client's own: a timeout above 0, at most 10 retries).
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// Overrides [`ClientOptions::timeout`].
    pub timeout: Option<Duration>,
    /// Overrides [`ClientOptions::max_retries`].
    pub max_retries: Option<u32>,
    /// Aborts the call (any attempt in flight, or the wait between attempts).
    pub cancel: Option<CancelToken>,
    /// When true, `cancel` only stops the call while no attempt is in flight (queued for
    /// rate-limit budget or waiting to retry); an attempt already sent runs to its answer or
    /// timeout. Callers that must know whether the server saw a write (the bulk importer) use
    /// it: an `Aborted` error then means the request was not sent.
    pub cancel_before_send_only: bool,
}

impl RequestOptions {
    /// Checks the overrides as [`ClientOptions::validate`] checks the client's values.
    pub fn validate(&self) -> Result<()> {
        if self.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::validation("timeoutMs", "must be greater than 0"));
        }
        if self.max_retries.is_some_and(|n| n > 10) {
            return Err(Error::validation("maxRetries", "must be between 0 and 10"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JS options map onto the client's, are checked, and the key in a page needs the
    /// opt-in; outside a page the client names itself in `User-Agent`.
    #[test]
    fn js_options_become_checked_client_options() {
        let js = || InstantlyClientOptions {
            api_key: Some("k-123456".into()),
            base_url: Some("https://proxy.example/".into()),
            timeout_ms: Some(1500.0),
            max_retries: Some(2),
            workspace_id: Some("019a0000-0000-7000-8000-000000000001".into()),
            ..Default::default()
        };
        let o = js().into_options(false).unwrap();
        assert!(o.api_key.is_some());
        assert_eq!(o.base_url, "https://proxy.example/");
        assert_eq!(o.timeout, Duration::from_millis(1500));
        assert_eq!(o.max_retries, 2);
        assert_eq!(
            o.workspace_id.as_deref(),
            Some("019a0000-0000-7000-8000-000000000001")
        );
        assert_eq!(o.user_agent.as_deref(), Some(USER_AGENT));
        assert!(!o.dangerously_allow_browser);

        let e = js().into_options(true).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("apiKey"));
        let allowed = InstantlyClientOptions {
            dangerously_allow_browser: Some(true),
            ..js()
        };
        let o = allowed.into_options(true).unwrap();
        assert!(o.dangerously_allow_browser);
        assert_eq!(o.user_agent, None, "a page's fetch sends the browser's own");

        let bad = InstantlyClientOptions {
            max_retries: Some(11),
            ..js()
        };
        assert_eq!(
            bad.into_options(false).unwrap_err().field.as_deref(),
            Some("maxRetries")
        );
    }

    #[test]
    fn per_call_overrides_are_checked_like_the_clients() {
        assert!(RequestOptions::default().validate().is_ok());
        let ok = RequestOptions {
            timeout: Some(Duration::from_millis(1)),
            max_retries: Some(10),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        let zero = RequestOptions {
            timeout: Some(Duration::ZERO),
            ..Default::default()
        };
        assert_eq!(
            zero.validate().unwrap_err().field.as_deref(),
            Some("timeoutMs")
        );
        let many = RequestOptions {
            max_retries: Some(11),
            ..Default::default()
        };
        assert_eq!(
            many.validate().unwrap_err().field.as_deref(),
            Some("maxRetries")
        );
    }

    #[test]
    fn timeouts_from_js_are_1_to_600000_ms() {
        assert_eq!(timeout_from_ms(1.0).unwrap(), Duration::from_millis(1));
        assert_eq!(
            timeout_from_ms(600_000.0).unwrap(),
            Duration::from_secs(600)
        );
        assert_eq!(
            timeout_from_ms(1500.7).unwrap(),
            Duration::from_millis(1500)
        );
        for bad in [0.0, 0.5, -1.0, 600_000.5, f64::NAN, f64::INFINITY] {
            let e = timeout_from_ms(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("timeoutMs"), "{bad}");
        }
    }

    #[test]
    fn retries_from_js_are_whole_numbers_0_to_10() {
        assert_eq!(max_retries_from(0.0).unwrap(), 0);
        assert_eq!(max_retries_from(10.0).unwrap(), 10);
        for bad in [-1.0, 11.0, 2.5, f64::NAN, f64::NEG_INFINITY] {
            let e = max_retries_from(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("maxRetries"), "{bad}");
        }
    }
}
