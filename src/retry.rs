//! The retry policy, as pure functions the request loop calls.
//!
//! # What is retried
//!
//! * **429** is always retried: the server refused the request before processing it.
//! * **Timeouts, connection errors and 500/502/503/504** are retried only for requests that are
//!   safe to repeat: GET, PATCH, PUT, DELETE, and the POSTs whose effect does not stack
//!   (`POST /leads/list`, `/campaigns/{id}/activate`, `/campaigns/{id}/pause`,
//!   `/leads/update-interest-status`). The API has no idempotency keys, so creates, duplicate,
//!   bulk add and move are **not** retried after a failure the server may have processed: the
//!   error is returned and the caller decides (the bulk importer in [`crate::import`] re-sends
//!   the same chunk: the API never re-adds a lead already in the target campaign or list).
//! * Nothing else is retried (400, 401, 402, 403, 404, 409, decode and validation errors).
//!
//! # How long to wait
//!
//! Attempt `n` (0-based) waits `base · 2ⁿ` capped at `max_delay`, scaled by a jitter factor in
//! `[0.75, 1.0]`. A `Retry-After` header (seconds or an HTTP date, or `retry-after-ms`) replaces
//! the computed delay, capped at `retry_after_cap` (60 s by default).

use crate::error::{Error, ErrorKind};
use std::time::Duration;

/// Backoff parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Delay before the first retry (default 500 ms).
    pub base_delay: Duration,
    /// Upper bound of the exponential delay (default 8 s).
    pub max_delay: Duration,
    /// Upper bound for a server-supplied `Retry-After` (default 60 s).
    pub retry_after_cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            retry_after_cap: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Whether `error` on a request with the given safety may be retried.
    pub fn should_retry(&self, error: &Error, retry_safe: bool) -> bool {
        match error.kind {
            ErrorKind::RateLimit => true,
            ErrorKind::Timeout | ErrorKind::Connection => retry_safe,
            ErrorKind::Server => retry_safe && matches!(error.status, Some(500 | 502 | 503 | 504)),
            _ => false,
        }
    }

    /// The wait before retry number `attempt` (0-based). `jitter` is a number in `[0, 1)`.
    ///
    /// A `retry_after` (seconds) that is finite and not negative wins, capped at
    /// `retry_after_cap` whatever its size (`1e20` waits the cap, it does not overflow).
    pub fn delay(&self, attempt: u32, retry_after: Option<f64>, jitter: f64) -> Duration {
        if let Some(secs) = retry_after.filter(|s| s.is_finite() && *s >= 0.0) {
            return duration_from_secs(secs).min(self.retry_after_cap);
        }
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(20)))
            .min(self.max_delay);
        let jitter = if jitter.is_nan() {
            1.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let factor = 0.75 + 0.25 * jitter;
        // `factor` ≤ 1: never more than `exp` (f64 rounding could otherwise add a little).
        duration_from_secs(exp.as_secs_f64() * factor).min(exp)
    }
}

/// `secs` seconds as a [`Duration`], saturating: negative and NaN give zero, anything beyond
/// [`Duration::MAX`] (including +∞) gives [`Duration::MAX`]. Never panics, unlike
/// [`Duration::from_secs_f64`].
pub fn duration_from_secs(secs: f64) -> Duration {
    if secs.is_nan() || secs <= 0.0 {
        return Duration::ZERO;
    }
    Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX)
}

/// `ms` milliseconds as a [`Duration`], saturating like [`duration_from_secs`].
pub fn duration_from_ms(ms: f64) -> Duration {
    duration_from_secs(ms / 1000.0)
}

/// Reads a non-negative decimal number, `[digits][.digits][e[+|-]digits]` with at least one
/// digit (what `Retry-After`
/// delta-seconds and `retry-after-ms` carry), without core's float parser and its tables, which
/// would be most of the size of the wasm's number parsing.
///
/// Up to 19 significant digits are kept; with at most 15 of them and a power of ten up to 22 the
/// result is exact (both operands are exact doubles, and one IEEE multiply or divide rounds
/// correctly). Beyond that it is within a few units in the last place, far below the
/// microsecond a wait can resolve. Anything else (a sign, even `-0`, a bare `.`, `inf`, `NaN`, spaces) is
/// `None`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut mantissa: u64 = 0;
    let mut kept = 0u32;
    let mut exp10: i64 = 0;
    let mut digits = 0usize;
    let mut fraction = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if kept < 19 {
                    if mantissa != 0 || b != b'0' {
                        kept += 1;
                    }
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if fraction {
                        exp10 -= 1;
                    }
                } else if !fraction {
                    exp10 += 1;
                }
            }
            b'.' if !fraction => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
            e = (e * 10 + i64::from(b - b'0')).min(100_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if negative { -e } else { e };
    }
    if i != bytes.len() {
        return None;
    }
    let m = mantissa as f64;
    if m == 0.0 {
        return Some(0.0);
    }
    Some(if exp10 >= 0 {
        scale(m, exp10, |x, p| x * p)
    } else {
        scale(m, -exp10, |x, p| x / p)
    })
}

/// The powers of ten a double holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Applies `10^exp` to `m` with `op`, at most 10²² per step, so an exponent up to 22 costs one
/// correctly rounded operation.
fn scale(mut m: f64, mut exp: i64, op: impl Fn(f64, f64) -> f64) -> f64 {
    while exp > 0 && m != 0.0 && m.is_finite() {
        let step = exp.min(22);
        m = op(m, POW10.get(step as usize).copied().unwrap_or(1e22));
        exp -= step;
    }
    m
}

/// Parses `Retry-After` into seconds from `now_ms`: delta-seconds (a non-negative number) or an
/// HTTP date (IMF-fixdate, RFC 850 or asctime, the three forms of RFC 9110; a date in the past
/// gives 0). Anything else, including a date that does not exist, is `None` (the header is
/// ignored and the computed backoff applies).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if let Some(secs) = parse_decimal(v) {
        return secs.is_finite().then_some(secs);
    }
    let at_secs = crate::http_date::seconds_since_epoch(v)? as f64;
    let now_secs = if now_ms.is_finite() {
        now_ms / 1000.0
    } else {
        0.0
    };
    // A date in the past means "now"; both operands are finite, so the difference is too.
    Some((at_secs - now_secs).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_with_cap_and_jitter() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(0, None, 1.0), Duration::from_millis(500));
        assert_eq!(p.delay(1, None, 1.0), Duration::from_millis(1000));
        assert_eq!(p.delay(2, None, 1.0), Duration::from_millis(2000));
        assert_eq!(p.delay(10, None, 1.0), Duration::from_secs(8));
        assert_eq!(p.delay(0, None, 0.0), Duration::from_millis(375));
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(0, Some(2.0), 0.3), Duration::from_secs(2));
        assert_eq!(p.delay(0, Some(3600.0), 0.3), Duration::from_secs(60));
    }

    #[test]
    fn parses_seconds_and_http_dates() {
        assert_eq!(parse_retry_after("2", 0.0), Some(2.0));
        assert_eq!(parse_retry_after("1.5", 0.0), Some(1.5));
        assert_eq!(parse_retry_after("-1", 0.0), None);
        assert_eq!(parse_retry_after("soon", 0.0), None);
        // 784111777 = Sun, 06 Nov 1994 08:49:37 GMT
        let now = 784_111_770_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(7.0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now + 60_000.0),
            Some(0.0)
        );
    }

    #[test]
    fn huge_and_odd_retry_after_values_saturate_at_the_cap() {
        let p = RetryPolicy::default();
        for secs in [1e20, 1e308, f64::MAX, 18_446_744_073_709_551_616.0] {
            assert_eq!(
                p.delay(0, Some(secs), 0.5),
                Duration::from_secs(60),
                "{secs}"
            );
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0] {
            assert_eq!(
                p.delay(0, Some(bad), 1.0),
                Duration::from_millis(500),
                "{bad}"
            );
        }
        assert_eq!(p.delay(0, None, f64::NAN), Duration::from_millis(500));
        let unbounded = RetryPolicy {
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            retry_after_cap: Duration::MAX,
        };
        assert_eq!(unbounded.delay(30, None, 1.0), Duration::MAX);
        assert_eq!(unbounded.delay(0, Some(1e300), 0.0), Duration::MAX);
    }

    #[test]
    fn saturating_conversions() {
        assert_eq!(duration_from_secs(f64::NAN), Duration::ZERO);
        assert_eq!(duration_from_secs(-0.0), Duration::ZERO);
        assert_eq!(duration_from_secs(f64::INFINITY), Duration::MAX);
        assert_eq!(duration_from_ms(1e23), Duration::MAX);
        assert_eq!(duration_from_ms(1500.0), Duration::from_millis(1500));
    }

    #[test]
    fn decimals_are_read_exactly_where_a_header_can_carry_them() {
        for (text, want) in [
            ("0", 0.0),
            ("000", 0.0),
            ("7", 7.0),
            ("120", 120.0),
            ("1.5", 1.5),
            ("0.25", 0.25),
            ("0.1", 0.1),
            ("1500.5", 1500.5),
            ("3.", 3.0),
            (".5", 0.5),
            ("0.000001", 0.000001),
            ("1e20", 1e20),
            ("2.5E-3", 0.0025),
            ("1e+2", 100.0),
            ("123456789012345", 123456789012345.0),
            ("0.123456789012345", 0.123456789012345),
            ("12345678901234567890123", 12345678901234567890123.0),
        ] {
            assert_eq!(parse_decimal(text), Some(want), "{text}");
        }
        assert_eq!(parse_decimal("1e400"), Some(f64::INFINITY));
        assert_eq!(parse_decimal("1e-400"), Some(0.0));
        assert_eq!(parse_decimal("1e99999999999999999999"), Some(f64::INFINITY));
        for text in [
            "", ".", "-1", "-0", "+1", "1..2", "1.2.3", "1e", "1e+", "e5", "1 ", " 1", "inf",
            "NaN", "1_000", "0x10", "١",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn impossible_or_malformed_dates_are_ignored() {
        for v in [
            "Wed, 99 Foo 99999 99:99:99 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 99999999999999999999 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "é, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(v, 0.0), None, "{v}");
        }
        assert_eq!(parse_retry_after("1e20", 0.0), Some(1e20));
        assert_eq!(parse_retry_after("NaN", 0.0), None);
        assert_eq!(parse_retry_after("inf", 0.0), None);
        // A date far in the future, with a clock that is not finite.
        assert!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", f64::NAN).is_some());
    }

    #[test]
    fn retries_only_what_is_safe() {
        let p = RetryPolicy::default();
        let status = |s: u16| Error::from_response(s, b"", None);
        assert!(p.should_retry(&status(429), false));
        assert!(p.should_retry(&status(503), true));
        assert!(!p.should_retry(&status(503), false));
        assert!(!p.should_retry(&status(501), true));
        assert!(!p.should_retry(&status(400), true));
        assert!(!p.should_retry(&status(404), true));
        let timeout = Error::new(ErrorKind::Timeout, "t");
        assert!(p.should_retry(&timeout, true));
        assert!(!p.should_retry(&timeout, false));
        assert!(!p.should_retry(&Error::new(ErrorKind::Decode, "d"), true));
    }
}
