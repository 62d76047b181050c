//! The core client: the request loop (rate limit, timeout, retry, backoff) and response
//! decoding. Its configuration lives in [`crate::options`] (re-exported here).
//!
//! [`Client`] is generic over the [`Transport`](crate::http::Transport) that performs one HTTP attempt and the [`Clock`](crate::http::Clock)
//! that sleeps, so the same loop runs over `fetch` in wasm and over a mock with a virtual clock in
//! native tests. Resource accessors ([`Client::campaigns`], [`Client::leads`], …) live in
//! [`crate::generated::api`].

use crate::cancel::CancelToken;
use crate::error::{Error, ErrorKind, Result};
use crate::http::{
    encode_query, ApiRequest, Clock, HttpRequest, HttpResponse, Transport, TransportError,
};
use crate::ratelimit::{realm, ClientLimiter, Grant, RateLimiter};
use crate::retry::parse_retry_after;
use futures::future::{select, Either};
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::fmt;
use std::time::Duration;

pub use crate::options::{
    ApiKey, ClientOptions, InstantlyClientOptions, RequestOptions, API_PREFIX, DEFAULT_BASE_URL,
    USER_AGENT,
};

/// The Instantly API V2 client over a transport and a clock.
pub struct Client<T, C> {
    options: ClientOptions,
    transport: T,
    clock: C,
    rng: Cell<u64>,
    limiter: Option<ClientLimiter>,
}

/// `Debug` shows the configuration, never the key.
impl<T, C> fmt::Debug for Client<T, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.options.base_url)
            .field("has_api_key", &self.options.api_key.is_some())
            .field("timeout", &self.options.timeout)
            .field("max_retries", &self.options.max_retries)
            .field("rate_limit", &self.options.rate_limit)
            .finish()
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// A client with validated `options`. In a page (wasm32 with a `window` or `document`
    /// global), an API key needs [`ClientOptions::dangerously_allow_browser`].
    pub fn new(options: ClientOptions, transport: T, clock: C) -> Result<Self> {
        options.validate(crate::http::in_browser(), options.dangerously_allow_browser)?;
        Ok(Self::new_unchecked(options, transport, clock))
    }

    /// A client whose options were already validated by the caller.
    pub fn new_unchecked(mut options: ClientOptions, transport: T, clock: C) -> Self {
        options.base_url = options.base_url.trim().trim_end_matches('/').to_string();
        let seed = (clock.now_ms() as u64) ^ 0x9E37_79B9_7F4A_7C15;
        let limiter = options.rate_limit.as_ref().map(|config| {
            let workspace = realm::workspace_hash(
                options.api_key.as_ref().map(ApiKey::expose),
                options.workspace_id.as_deref(),
                &options.base_url,
            );
            ClientLimiter::new(
                config,
                &workspace,
                &options.rate_limit_sharing,
                clock.now_ms(),
            )
        });
        Client {
            options,
            transport,
            clock,
            rng: Cell::new(seed | 1),
            limiter,
        }
    }

    /// The options in effect.
    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// The clock (shared with helpers such as job polling).
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// The rate limiter this client shares with the other clients of its workspace (or its
    /// own with `Sharing::PerClient`), unless turned off.
    pub fn rate_limiter(&self) -> Option<&RateLimiter> {
        self.limiter.as_ref().map(ClientLimiter::shared)
    }

    /// Builds the HTTP request for `req`: URL, auth and headers.
    pub fn build_http(&self, req: &ApiRequest) -> HttpRequest {
        let mut url = format!("{}{}{}", self.options.base_url, API_PREFIX, req.path);
        if !req.query.is_empty() {
            url.push('?');
            url.push_str(&encode_query(&req.query));
        }
        let mut headers = vec![("accept".to_string(), "application/json".to_string())];
        if let Some(key) = &self.options.api_key {
            headers.push(("authorization".into(), format!("Bearer {}", key.expose())));
        }
        if req.body.is_some() {
            headers.push(("content-type".into(), "application/json".into()));
        }
        if let Some(ws) = &self.options.workspace_id {
            headers.push(("x-as-workspace".into(), ws.clone()));
        }
        if let Some(ua) = &self.options.user_agent {
            headers.push(("user-agent".into(), ua.clone()));
        }
        HttpRequest {
            method: req.method,
            url,
            headers,
            body: req.body.clone(),
        }
    }

    /// Sends `req` with retries and decodes the JSON answer into `R`.
    pub async fn request<R: DeserializeOwned>(
        &self,
        req: ApiRequest,
        opts: &RequestOptions,
    ) -> Result<R> {
        self.request_with(req, opts, decode_json).await
    }

    /// [`Client::request`] answering the JSON as it came (see [`decode_value`]).
    pub async fn request_value(
        &self,
        req: ApiRequest,
        opts: &RequestOptions,
    ) -> Result<serde_json::Value> {
        self.request_with(req, opts, decode_value).await
    }

    /// Sends `req` and decodes the answer with `decode`; a decode error names the request and
    /// is redacted like every error of the request loop (an answer may echo the key).
    pub(crate) async fn request_with<R>(
        &self,
        req: ApiRequest,
        opts: &RequestOptions,
        decode: fn(&HttpResponse) -> Result<R>,
    ) -> Result<R> {
        let method = req.method.as_str();
        let path = format!("{API_PREFIX}{}", req.path);
        let response = self.send(req, opts).await?;
        decode(&response).map_err(|e| self.redact(e.with_request(method, &path)))
    }

    /// Sends `req` with the rate-limit/timeout/retry loop and returns the first 2xx response.
    ///
    /// Every attempt first takes budget from the rate limiter (waiting in line, cancellable;
    /// the wait is not part of the per-attempt timeout). A 429 pauses the limiter for the retry
    /// delay and slows it down.
    pub async fn send(&self, req: ApiRequest, opts: &RequestOptions) -> Result<HttpResponse> {
        opts.validate()?;
        let http = self.build_http(&req);
        let path = format!("{API_PREFIX}{}", req.path);
        let method = req.method.as_str();
        let timeout = opts.timeout.unwrap_or(self.options.timeout);
        let max_retries = opts.max_retries.unwrap_or(self.options.max_retries);
        let mut attempt: u32 = 0;
        loop {
            let permit = self
                .take_budget(&req, opts.cancel.as_ref())
                .await
                .map_err(|e| e.with_request(method, &path))?;
            let in_flight_cancel = opts
                .cancel
                .as_ref()
                .filter(|_| !opts.cancel_before_send_only);
            let outcome = self.attempt(&http, timeout, in_flight_cancel).await;
            if let Some(p) = permit {
                p.complete(self.clock.now_ms());
            }
            let error = match outcome {
                Ok(resp) => match envelope_in_success(&resp) {
                    None => return Ok(resp),
                    Some(e) => e,
                },
                Err(e) => e,
            };
            let error = self.redact(error.with_request(method, &path));
            let delay = self
                .options
                .retry
                .delay(attempt, error.retry_after, self.next_jitter());
            if let (ErrorKind::RateLimit, Some(limiter)) = (error.kind, &self.limiter) {
                limiter.on_rate_limited(self.clock.now_ms(), delay);
            }
            if error.kind == ErrorKind::Aborted
                || attempt >= max_retries
                || !self.options.retry.should_retry(&error, req.retry_safe)
            {
                return Err(error);
            }
            if let Some(cancel) = &opts.cancel {
                let sleep = std::pin::pin!(self.clock.sleep(delay));
                if let Either::Right(_) = select(sleep, cancel.cancelled()).await {
                    return Err(aborted().with_request(method, &path));
                }
            } else {
                self.clock.sleep(delay).await;
            }
            attempt += 1;
        }
    }

    /// Waits for rate-limit budget for one attempt of `req`, unless `cancel` fires first.
    /// The permit is completed by the caller when the attempt ends (see [`crate::ratelimit`]).
    async fn take_budget(
        &self,
        req: &ApiRequest,
        cancel: Option<&CancelToken>,
    ) -> Result<Option<Grant<'_>>> {
        let Some(limiter) = &self.limiter else {
            return Ok(None);
        };
        if cancel.is_some_and(CancelToken::is_cancelled) {
            return Err(aborted());
        }
        let acquire = std::pin::pin!(limiter.acquire(&self.clock, req.method, &req.path));
        match cancel {
            Some(c) => match select(acquire, std::pin::pin!(c.cancelled())).await {
                Either::Left((permit, _)) => Ok(Some(permit)),
                Either::Right(_) => Err(aborted()),
            },
            None => Ok(Some(acquire.await)),
        }
    }

    /// One attempt, raced against the timeout and the cancel token. Dropping the losing
    /// transport future aborts the underlying fetch.
    async fn attempt(
        &self,
        http: &HttpRequest,
        timeout: Duration,
        cancel: Option<&CancelToken>,
    ) -> Result<HttpResponse> {
        if cancel.is_some_and(CancelToken::is_cancelled) {
            return Err(aborted());
        }
        let send = std::pin::pin!(self.transport.send(http.clone()));
        let sleep = std::pin::pin!(self.clock.sleep(timeout));
        let timed = select(send, sleep);
        let outcome = match cancel {
            Some(c) => match select(timed, std::pin::pin!(c.cancelled())).await {
                Either::Left((outcome, _)) => outcome,
                Either::Right(_) => return Err(aborted()),
            },
            None => timed.await,
        };
        match outcome {
            Either::Left((Ok(resp), _)) => {
                if (200..300).contains(&resp.status) {
                    Ok(resp)
                } else {
                    let retry_after = retry_after_of(&resp, self.clock.now_ms());
                    Err(Error::from_response(resp.status, &resp.body, retry_after))
                }
            }
            Either::Left((Err(TransportError::Connection(msg)), _)) => Err(Error::new(
                ErrorKind::Connection,
                format!("connection failed: {msg}"),
            )),
            Either::Left((Err(TransportError::Body(msg)), _)) => Err(Error::new(
                ErrorKind::Connection,
                format!("connection lost while reading the response: {msg}"),
            )),
            Either::Right(_) => Err(Error::new(
                ErrorKind::Timeout,
                format!(
                    "no response within {} ms; the request was aborted",
                    // As u64: printing a u128 brings its own formatter.
                    timeout.as_millis() as u64
                ),
            )),
        }
    }

    /// Removes the API key from `e` (every error leaving the client passes here).
    pub(crate) fn redact(&self, e: Error) -> Error {
        match &self.options.api_key {
            Some(k) => e.redact(k.expose()),
            None => e,
        }
    }

    /// A number in `[0, 1)` from a xorshift generator (jitter needs no cryptographic quality).
    fn next_jitter(&self) -> f64 {
        let mut x = self.rng.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng.set(x);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn aborted() -> Error {
    Error::new(ErrorKind::Aborted, "the operation was aborted")
}

fn retry_after_of(resp: &HttpResponse, now_ms: f64) -> Option<f64> {
    if let Some(ms) = resp
        .header("retry-after-ms")
        .and_then(|v| crate::retry::parse_decimal(v.trim()))
    {
        return ms.is_finite().then_some(ms / 1000.0);
    }
    resp.header("retry-after")
        .and_then(|v| parse_retry_after(v, now_ms))
}

/// A 2xx whose body is exactly the API's error envelope (`{statusCode ≥ 400, error, message}`)
/// is treated as that error rather than decoded as data.
fn envelope_in_success(resp: &HttpResponse) -> Option<Error> {
    if !resp.body.starts_with(b"{") || resp.body.len() > 4096 {
        return None;
    }
    // Without the key written out, the body holds a `statusCode` only if it spells the key with
    // escapes, which need a backslash: most answers are ruled out without being parsed.
    let key = b"\"statusCode\"";
    if !resp.body.windows(key.len()).any(|w| w == key) && !resp.body.contains(&b'\\') {
        return None;
    }
    let v = crate::http::parse_json(&resp.body).ok()?;
    let map = v.as_object()?;
    let status = map.get("statusCode")?.as_u64()?;
    let looks_like_envelope = (400..600).contains(&status)
        && map.contains_key("error")
        && map
            .keys()
            .all(|k| matches!(k.as_str(), "statusCode" | "error" | "message" | "code"));
    looks_like_envelope.then(|| Error::from_response(status as u16, &resp.body, None))
}

/// Decodes a 2xx body into `R`; an empty body decodes as JSON `null`.
///
/// The text is parsed by [`crate::http::parse_json`] (the runtime's `JSON.parse` in wasm, so
/// the wasm carries no JSON parser) and the value decoded into `R`; unknown fields are ignored.
/// In the package's own wasm only small answers take this way (bulk-add counts, job status):
/// the JS methods hand answers to `JSON.parse` untouched.
pub fn decode_json<R: DeserializeOwned>(resp: &HttpResponse) -> Result<R> {
    let value = parse_answer(resp, || short_type_name::<R>())?;
    R::deserialize(&value).map_err(|e| {
        let what = short_type_name::<R>();
        decode_failure(resp, &what, &e.to_string(), Some(value))
    })
}

/// A 2xx body as JSON (an empty body is `null`), for the client's own logic, which reads the
/// few fields it needs from the value.
pub fn decode_value(resp: &HttpResponse) -> Result<serde_json::Value> {
    parse_answer(resp, || "JSON".to_string())
}

/// The body parsed, or a `DecodeError` naming `what` the answer was to be decoded as.
fn parse_answer(resp: &HttpResponse, what: impl Fn() -> String) -> Result<serde_json::Value> {
    if resp.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Null);
    }
    crate::http::parse_json(&resp.body).map_err(|e| decode_failure(resp, &what(), &e, None))
}

/// A `DecodeError` with the status and the body: the parsed JSON when there is one, else the
/// text's first 1,000 characters.
fn decode_failure(
    resp: &HttpResponse,
    what: &str,
    reason: &str,
    parsed: Option<serde_json::Value>,
) -> Error {
    let mut err = Error::new(
        ErrorKind::Decode,
        format!("could not decode the response as {what}: {reason}"),
    );
    err.status = Some(resp.status);
    err.body = Some(parsed.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(&resp.body);
        serde_json::Value::String(text.chars().take(1000).collect())
    }));
    err
}

fn short_type_name<R>() -> String {
    let full = std::any::type_name::<R>();
    let mut out = String::new();
    for part in full.split_inclusive(['<', '>', ',', ' ']) {
        let (name, sep) = match part.char_indices().last() {
            Some((i, '<' | '>' | ',' | ' ')) => (&part[..i], &part[i..]),
            _ => (part, ""),
        };
        out.push_str(name.rsplit(':').next().unwrap_or(name));
        out.push_str(sep);
    }
    out
}
