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
    pub fn delay(&self, attempt: u32, retry_after: Option<f64>, jitter: f64) -> Duration {
        if let Some(secs) = retry_after.filter(|s| s.is_finite() && *s >= 0.0) {
            return Duration::from_secs_f64(secs).min(self.retry_after_cap);
        }
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.min(20)))
            .min(self.max_delay);
        exp.mul_f64(0.75 + 0.25 * jitter.clamp(0.0, 1.0))
    }
}

/// Parses `Retry-After` (delta-seconds or an IMF-fixdate) into seconds from `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then_some(secs);
    }
    let at = parse_http_date(v)?;
    Some(((at * 1000.0 - now_ms) / 1000.0).max(0.0))
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT` into seconds since the epoch.
fn parse_http_date(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: i64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as i64
        + 1;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + m * 60 + sec) as f64)
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
