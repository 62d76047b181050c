//! The checks a webhook receiver runs before trusting a body: the shared-secret header
//! (compared in constant time) and the body size limit.
//!
//! Instantly does not sign deliveries. The only authentication is a header you put in the
//! subscription's `headers` (e.g. `{"x-shared-secret": "<random>"}`) and compare on receipt.

use crate::error::{Error, ErrorKind, Result};
use sha2::{Digest, Sha256};
use std::fmt;
use subtle::ConstantTimeEq;

/// Header read when no `secret_header` is configured: the name Instantly's own starter kit
/// checks. Header names are matched case-insensitively.
pub const DEFAULT_SECRET_HEADER: &str = "x-shared-secret";

/// Body size limit when none is configured: 256 KiB, far above any documented payload (the
/// largest carry an email's HTML and a reply's HTML).
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024;

/// The largest `maxBytes` accepted: webhook payloads are a few KiB, and a body is copied into
/// memory whole before it is checked.
pub const MAX_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How [`super::parse_webhook`] checks a delivery. The JS `parseWebhook` options, minus
/// `headers` (which may be a `Headers` object and is converted by the facade).
#[derive(Clone, Default, PartialEq)]
pub struct WebhookOptions {
    /// The request's headers as `(name, value)` pairs; names are matched case-insensitively
    /// and repeated names are joined with `", "` (as `Headers.get` does).
    pub headers: Vec<(String, String)>,
    /// Header carrying the shared secret (default [`DEFAULT_SECRET_HEADER`]). Setting it
    /// without `secret` is a configuration error.
    pub secret_header: Option<String>,
    /// The shared secret. When set, a delivery without the header or with another value is
    /// rejected ([`ErrorKind::WebhookUnauthorized`], status 401). When unset, nothing is
    /// checked: anyone who knows the URL can post events.
    pub secret: Option<String>,
    /// Largest accepted body in bytes (default [`DEFAULT_MAX_BYTES`]; 1 to [`MAX_MAX_BYTES`]).
    pub max_bytes: Option<u64>,
}

impl fmt::Debug for WebhookOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookOptions")
            .field(
                "header_names",
                &self.headers.iter().map(|h| &h.0).collect::<Vec<_>>(),
            )
            .field("secret_header", &self.secret_header)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

/// The JS `parseWebhook` options other than `headers`.
impl crate::input::Input for WebhookOptions {
    const KEYS: &'static [&'static str] = &["secretHeader", "secret", "maxBytes"];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(WebhookOptions {
            headers: Vec::new(),
            secret_header: f.string("secretHeader")?,
            secret: f.string("secret")?,
            max_bytes: f.u64("maxBytes")?,
        })
    }
}

impl WebhookOptions {
    /// Options checking `secret` in the default header.
    pub fn with_secret(secret: impl Into<String>) -> Self {
        WebhookOptions {
            secret: Some(secret.into()),
            ..Default::default()
        }
    }

    /// Adds one request header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The header name checked for the secret.
    pub fn secret_header_name(&self) -> &str {
        self.secret_header
            .as_deref()
            .unwrap_or(DEFAULT_SECRET_HEADER)
    }

    /// The size limit in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES as u64)
    }

    /// Rejects configurations that would silently weaken the check (a programming error, not a
    /// bad delivery: the error has no `status`, so a handler answers 500).
    pub fn validate(&self) -> Result<()> {
        if let Some(secret) = &self.secret {
            if secret.is_empty() {
                return Err(Error::validation(
                    "secret",
                    "must not be empty (leave it unset to skip the check)",
                ));
            }
        } else if self.secret_header.is_some() {
            return Err(Error::validation(
                "secretHeader",
                "is set but `secret` is not, so nothing would be checked",
            ));
        }
        if let Some(name) = &self.secret_header {
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                return Err(Error::validation(
                    "secretHeader",
                    format!(
                        "{} is not a valid HTTP header name",
                        crate::engine::formats::quote(name)
                    ),
                ));
            }
        }
        if self.max_bytes == Some(0) {
            return Err(Error::validation("maxBytes", "must be at least 1"));
        }
        if self.max_bytes.is_some_and(|n| n > MAX_MAX_BYTES) {
            return Err(Error::validation(
                "maxBytes",
                format!("must be at most {MAX_MAX_BYTES} (64 MiB)"),
            ));
        }
        Ok(())
    }

    /// The value of header `name` (case-insensitive); repeated headers joined with `", "`.
    pub fn header_value(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| crate::text::join(&values, ", "))
    }
}

/// Checks the shared-secret header when a secret is configured.
///
/// Both sides are hashed with SHA-256 and the digests compared in constant time, so neither the
/// position of the first differing byte nor the secret's length shows in the timing. The error
/// never contains the expected or the received value.
pub fn verify_secret(options: &WebhookOptions) -> Result<()> {
    options.validate()?;
    let Some(secret) = &options.secret else {
        return Ok(());
    };
    let name = options.secret_header_name();
    let Some(given) = options.header_value(name) else {
        return Err(unauthorized(format!(
            "webhook delivery has no `{name}` header"
        )));
    };
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(secret.as_bytes());
    if bool::from(a.as_slice().ct_eq(b.as_slice())) {
        Ok(())
    } else {
        Err(unauthorized(format!(
            "webhook delivery has a wrong `{name}` header"
        )))
    }
}

/// Rejects a body of `len` bytes when it exceeds the limit ([`ErrorKind::PayloadTooLarge`],
/// status 413).
pub fn check_size(len: u64, options: &WebhookOptions) -> Result<()> {
    let max = options.max_bytes();
    if len > max {
        let mut e = Error::new(
            ErrorKind::PayloadTooLarge,
            format!("webhook body is larger than {max} bytes"),
        );
        e.status = Some(413);
        return Err(e);
    }
    Ok(())
}

fn unauthorized(message: String) -> Error {
    let mut e = Error::new(ErrorKind::WebhookUnauthorized, message);
    e.status = Some(401);
    e
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let o = WebhookOptions::with_secret("s3cr3t-value").header("x-shared-secret", "guess");
        let d = format!("{o:?}");
        assert!(!d.contains("s3cr3t-value") && !d.contains("guess"), "{d}");
        assert!(d.starts_with("WebhookOptions {"), "{d}");
        assert!(
            d.contains("\"x-shared-secret\"") && d.contains("[redacted]"),
            "{d}"
        );
    }

    #[test]
    fn header_lookup_is_case_insensitive_and_joins_repeats() {
        let o = WebhookOptions::default()
            .header("X-Shared-Secret", "a")
            .header("x-shared-secret", "b");
        assert_eq!(o.header_value("x-SHARED-secret").as_deref(), Some("a, b"));
        assert_eq!(o.header_value("other"), None);
    }
}
