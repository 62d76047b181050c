//! One error type for every failure, with no JavaScript in it.
//!
//! [`Error`] carries what a caller branches on: a [`ErrorKind`] (which maps to the JS `name` and
//! the stable snake_case `code`), the HTTP `status` when a response arrived, `retry_after` on 429,
//! the parsed error `body`, and the `method` and `path` of the request. The API's error envelope is
//! parsed leniently: `{statusCode, error, message}`, `{error}`, `{message}` and plain text all work.

use serde_json::Value;
use std::fmt;

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, coarsely enough to branch on.
///
/// The HTTP mapping follows the usual SDK table: 400 → `BadRequest`, 401 → `Authentication`,
/// 402 → `PaymentRequired`, 403 → `PermissionDenied`, 404 → `NotFound`, 409 → `Conflict`,
/// 429 → `RateLimit`, ≥ 500 → `Server`, any other non-2xx → `Api`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// 400: the API rejected the request.
    BadRequest,
    /// 401: missing or unknown API key.
    Authentication,
    /// 402: the workspace has no plan that allows this call.
    PaymentRequired,
    /// 403: the key's scope or plan does not allow this call.
    PermissionDenied,
    /// 404: no such resource (or route).
    NotFound,
    /// 409: the resource already exists or is in a conflicting state.
    Conflict,
    /// 429: a rate limit was hit (after retries were exhausted).
    RateLimit,
    /// 5xx: the API failed.
    Server,
    /// Any other non-2xx status.
    Api,
    /// No response within the timeout; the request was aborted.
    Timeout,
    /// The request never got a response (DNS, TCP, TLS, CORS, dropped connection).
    Connection,
    /// The caller aborted the operation (an `AbortSignal` fired).
    Aborted,
    /// Bad input caught before anything was sent.
    Validation,
    /// A response arrived but its body could not be decoded; also a webhook body that is not
    /// a valid payload (`status` 400 then, the answer a webhook handler should give).
    Decode,
    /// A webhook delivery without the configured shared-secret header, or with a wrong value
    /// (`status` 401, the answer a webhook handler should give).
    WebhookUnauthorized,
    /// A webhook body larger than the configured limit (`status` 413).
    PayloadTooLarge,
    /// A background job that was waited for ended `failed` or `cancelled`; `body` holds the
    /// job.
    JobFailed,
}

impl ErrorKind {
    /// The JS `Error.name` for this kind, e.g. `NotFoundError`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequestError",
            ErrorKind::Authentication => "AuthenticationError",
            ErrorKind::PaymentRequired => "PaymentRequiredError",
            ErrorKind::PermissionDenied => "PermissionDeniedError",
            ErrorKind::NotFound => "NotFoundError",
            ErrorKind::Conflict => "ConflictError",
            ErrorKind::RateLimit => "RateLimitError",
            ErrorKind::Server => "ServerError",
            ErrorKind::Api => "APIError",
            ErrorKind::Timeout => "TimeoutError",
            ErrorKind::Connection => "ConnectionError",
            ErrorKind::Aborted => "AbortError",
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Decode => "DecodeError",
            ErrorKind::WebhookUnauthorized => "WebhookAuthError",
            ErrorKind::PayloadTooLarge => "PayloadTooLargeError",
            ErrorKind::JobFailed => "JobFailedError",
        }
    }

    /// The stable snake_case code, e.g. `not_found`; callers branch on `err.code`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Authentication => "authentication",
            ErrorKind::PaymentRequired => "payment_required",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::RateLimit => "rate_limit",
            ErrorKind::Server => "server_error",
            ErrorKind::Api => "api_error",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Connection => "connection",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Validation => "validation",
            ErrorKind::Decode => "decode",
            ErrorKind::WebhookUnauthorized => "webhook_unauthorized",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::JobFailed => "job_failed",
        }
    }

    /// The kind for a non-2xx HTTP status.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            402 => ErrorKind::PaymentRequired,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimit,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Api,
        }
    }

    /// Every kind, for tables and exhaustive tests.
    pub const ALL: [ErrorKind; 17] = [
        ErrorKind::BadRequest,
        ErrorKind::Authentication,
        ErrorKind::PaymentRequired,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::RateLimit,
        ErrorKind::Server,
        ErrorKind::Api,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Aborted,
        ErrorKind::Validation,
        ErrorKind::Decode,
        ErrorKind::WebhookUnauthorized,
        ErrorKind::PayloadTooLarge,
        ErrorKind::JobFailed,
    ];
}

/// A failed operation. Never contains the API key (see [`Error::redact`]).
///
/// The details live behind one allocation (an `Error` is a pointer wide, so `Result`s stay
/// small); read them as fields through `Deref`: `err.kind`, `err.status`, ….
#[derive(Clone, PartialEq)]
pub struct Error(Box<ErrorDetails>);

/// The fields of an [`Error`].
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetails {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A readable, single-line message.
    pub message: String,
    /// The HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// Seconds the server asked us to wait (`Retry-After`), on 429/503.
    pub retry_after: Option<f64>,
    /// The parsed error body (JSON, or the raw text as a JSON string).
    pub body: Option<Value>,
    /// HTTP method of the request, e.g. `POST`.
    pub method: Option<String>,
    /// Path of the request relative to the API root, e.g. `/api/v2/leads/add`.
    pub path: Option<String>,
    /// For validation errors: the offending input field, e.g. `leads[3].email`.
    pub field: Option<String>,
}

impl Error {
    /// A bare error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorDetails {
            kind,
            message: message.into(),
            status: None,
            retry_after: None,
            body: None,
            method: None,
            path: None,
            field: None,
        }))
    }

    /// A [`ErrorKind::Validation`] error about `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let message = message.into();
        let mut e = Error::new(ErrorKind::Validation, format!("{field}: {message}"));
        e.field = Some(field);
        e
    }

    /// Builds the error for a non-2xx response, parsing the body leniently.
    pub fn from_response(status: u16, body: &[u8], retry_after: Option<f64>) -> Self {
        let kind = ErrorKind::from_status(status);
        let parsed: Option<Value> = crate::http::parse_json(body).ok();
        let text = String::from_utf8_lossy(body);
        let detail = parsed
            .as_ref()
            .and_then(envelope_message)
            .or_else(|| {
                let t = text.trim();
                (!t.is_empty()).then(|| truncate(t, 300))
            })
            .unwrap_or_else(|| default_reason(status).to_string());
        let body =
            parsed.or_else(|| (!text.trim().is_empty()).then(|| Value::String(text.into_owned())));
        let mut e = Error::new(kind, format!("{status} {detail}"));
        e.status = Some(status);
        e.body = body;
        e.retry_after = retry_after;
        e
    }

    /// Sets the request's method and path (done by the request loop for every error).
    pub fn with_request(mut self, method: &str, path: &str) -> Self {
        self.method.get_or_insert_with(|| method.to_string());
        self.path.get_or_insert_with(|| path.to_string());
        self
    }

    /// Removes every occurrence of `secret` from the message and body.
    ///
    /// The request loop calls this with the API key on every error it returns, so a server that
    /// echoes the `Authorization` header cannot leak the key through an error.
    pub fn redact(mut self, secret: &str) -> Self {
        if secret.len() < 4 {
            return self;
        }
        if let Some(redacted) = crate::text::replace_all(&self.message, secret, "[redacted]") {
            self.message = redacted;
        }
        if let Some(redacted) = redact_cuts(&self.message, secret) {
            self.message = redacted;
        }
        if let Some(body) = self.body.as_mut() {
            redact_value(body, secret);
        }
        self
    }

    /// True when a retry may succeed (used by the request loop and bulk import).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimit | ErrorKind::Timeout | ErrorKind::Connection
        ) || matches!(self.status, Some(500 | 502 | 503 | 504))
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorDetails;

    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetails {
        &mut self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.method, &self.path) {
            (Some(m), Some(p)) => write!(f, "{}: {} ({m} {p})", self.kind.name(), self.message),
            _ => write!(f, "{}: {}", self.kind.name(), self.message),
        }
    }
}

impl std::error::Error for Error {}

/// The human message of an error body, whichever envelope the endpoint uses.
fn envelope_message(v: &Value) -> Option<String> {
    match v {
        Value::Object(map) => {
            // Bounded, single-line: the text comes from the server, whatever its size.
            let pick = |k: &str| map.get(k).and_then(Value::as_str).map(|s| truncate(s, 300));
            match (pick("error"), pick("message")) {
                (Some(error), Some(message)) if error != message => {
                    Some(format!("{error}: {message}"))
                }
                (_, Some(message)) => Some(message),
                (Some(error), None) => Some(error),
                (None, None) => None,
            }
        }
        Value::String(s) if !s.trim().is_empty() => Some(truncate(s.trim(), 300)),
        _ => None,
    }
}

fn default_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

fn truncate(s: &str, max: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match one_line.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// `message` with the first part of `secret` (4 bytes or more) removed where it ends a piece of
/// text that `truncate` cut (just before a `…`), or `None` when there is none.
fn redact_cuts(message: &str, secret: &str) -> Option<String> {
    let mut out = String::new();
    let mut changed = false;
    let mut rest = message;
    while let Some(at) = rest.find('…') {
        let piece = &rest[..at];
        let cut = (4..secret.len())
            .rev()
            .find(|&n| secret.is_char_boundary(n) && piece.ends_with(&secret[..n]));
        match cut {
            Some(n) => {
                out.push_str(&piece[..piece.len() - n]);
                out.push_str("[redacted]");
                changed = true;
            }
            None => out.push_str(piece),
        }
        out.push('…');
        rest = &rest[at + '…'.len_utf8()..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

fn redact_value(v: &mut Value, secret: &str) {
    match v {
        Value::String(s) => {
            if let Some(redacted) = crate::text::replace_all(s, secret, "[redacted]") {
                *s = redacted;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact_value(i, secret)),
        // Keys too: a server may echo a header as an object key.
        Value::Object(map) if map.keys().any(|k| crate::text::find(k, secret).is_some()) => {
            for (k, mut v) in std::mem::take(map) {
                redact_value(&mut v, secret);
                let k = crate::text::replace_all(&k, secret, "[redacted]").unwrap_or(k);
                map.insert(k, v);
            }
        }
        Value::Object(map) => map.values_mut().for_each(|i| redact_value(i, secret)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_standard_envelope() {
        let e = Error::from_response(
            400,
            br#"{"statusCode":400,"error":"Bad Request","message":"body must have required property 'name'"}"#,
            None,
        );
        assert_eq!(e.kind, ErrorKind::BadRequest);
        assert_eq!(
            e.message,
            "400 Bad Request: body must have required property 'name'"
        );
        assert_eq!(e.body.as_ref().unwrap()["statusCode"], 400);
    }

    #[test]
    fn parses_error_only_message_only_and_text_bodies() {
        let e = Error::from_response(400, br#"{"error":"Invalid lead email"}"#, None);
        assert_eq!(e.message, "400 Invalid lead email");
        let e = Error::from_response(
            400,
            br#"{"message":"Start Date must be earlier than End Date"}"#,
            None,
        );
        assert_eq!(e.message, "400 Start Date must be earlier than End Date");
        let e = Error::from_response(502, b"<html>bad gateway</html>", None);
        assert_eq!(e.kind, ErrorKind::Server);
        assert_eq!(e.message, "502 <html>bad gateway</html>");
        assert_eq!(
            e.body,
            Some(Value::String("<html>bad gateway</html>".into()))
        );
        let e = Error::from_response(503, b"", Some(2.0));
        assert_eq!(e.message, "503 Service Unavailable");
        assert_eq!(e.body, None);
        assert_eq!(e.retry_after, Some(2.0));
    }

    #[test]
    fn maps_every_status_class() {
        for (status, kind) in [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Authentication),
            (402, ErrorKind::PaymentRequired),
            (403, ErrorKind::PermissionDenied),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (429, ErrorKind::RateLimit),
            (500, ErrorKind::Server),
            (503, ErrorKind::Server),
            (413, ErrorKind::Api),
        ] {
            assert_eq!(ErrorKind::from_status(status), kind, "status {status}");
        }
    }

    #[test]
    fn names_and_codes_are_distinct() {
        let names: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.name()).collect();
        let codes: std::collections::HashSet<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(codes.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn redacts_a_secret_from_message_and_body() {
        let e = Error::from_response(
            401,
            br#"{"message":"bad key sk_live_abc123","echo":{"auth":["Bearer sk_live_abc123"]}}"#,
            None,
        )
        .redact("sk_live_abc123");
        assert!(!format!("{e:?}").contains("sk_live_abc123"));
        assert_eq!(e.message, "401 bad key [redacted]");
    }

    #[test]
    fn redacts_a_secret_cut_by_the_length_limit_and_in_object_keys() {
        let key = "sk_live_SECRETKEY_0123456789abcdef";
        // The envelope's text is cut at 300 characters, in the middle of the echoed key, in
        // `message` (the end of the text) and in `error` (before ": message").
        let long = |c: &str| format!("{}{key}", c.repeat(290));
        let body =
            serde_json::json!({ "error": long("y"), "message": long("x"), key: { key: "v" } });
        let e = Error::from_response(400, body.to_string().as_bytes(), None).redact(key);
        assert!(!e.message.contains(&key[..8]), "{}", e.message);
        assert!(e.message.ends_with("x[redacted]…"), "{}", e.message);
        assert!(e.message.contains("y[redacted]…: x"), "{}", e.message);
        let body = serde_json::to_string(&e.body).unwrap();
        assert!(!body.contains(&key[..8]), "{body}");
        assert!(
            body.contains(r#""[redacted]":{"[redacted]":"v"}"#),
            "{body}"
        );
        // Fewer than 4 bytes of the key before a cut are left, like a key shorter than 4.
        let e = Error::new(ErrorKind::Api, "sk_… and sk_l… more…").redact(key);
        assert_eq!(e.message, "sk_… and [redacted]… more…");
    }
}
