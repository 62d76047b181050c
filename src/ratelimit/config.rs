//! Configuration: the documented limits, the Rust [`RateLimit`] and the JS `rateLimit` option.

use crate::http::Method;
use std::time::Duration;

/// Documented workspace limit per second.
pub const WORKSPACE_PER_SECOND: u32 = 100;
/// Documented workspace limit per minute.
pub const WORKSPACE_PER_MINUTE: u32 = 6_000;
/// How long the paced rate takes to recover fully after a 429.
pub const RECOVERY: Duration = Duration::from_secs(30);
/// The lowest fraction of the paced rate a run of 429s can bring it down to.
pub const MIN_FACTOR: f64 = 0.125;

pub(super) const SECOND_MS: f64 = 1_000.0;
pub(super) const MINUTE_MS: f64 = 60_000.0;
const HOUR_MS: f64 = 3_600_000.0;
const DAY_MS: f64 = 86_400_000.0;

/// Rate-limit configuration (`ClientOptions::rate_limit`; `None` there turns the limiter off).
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimit {
    /// Requests per second (paced); `None` for no per-second window. Default 100.
    pub per_second: Option<u32>,
    /// Requests per minute; `None` for no per-minute window. Default 6,000.
    pub per_minute: Option<u32>,
    /// Whether the documented per-route limits ([`ROUTE_LIMITS`]) apply. Default true.
    pub route_limits: bool,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit {
            per_second: Some(WORKSPACE_PER_SECOND),
            per_minute: Some(WORKSPACE_PER_MINUTE),
            route_limits: true,
        }
    }
}

/// A documented limit on one route, on top of the workspace limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteLimit {
    /// HTTP method.
    pub method: Method,
    /// Path relative to `/api/v2`.
    pub path: &'static str,
    /// `(limit, period in ms)` windows, all enforced.
    pub windows: &'static [(u32, f64)],
}

/// The per-route limits the API documents (spec operation descriptions).
pub const ROUTE_LIMITS: &[RouteLimit] = &[
    RouteLimit {
        method: Method::Get,
        path: "/emails",
        windows: &[(20, MINUTE_MS)],
    },
    RouteLimit {
        method: Method::Post,
        path: "/emails/test",
        windows: &[(10, MINUTE_MS)],
    },
    RouteLimit {
        method: Method::Post,
        path: "/oauth/google/init",
        windows: &[(75, MINUTE_MS)],
    },
    RouteLimit {
        method: Method::Post,
        path: "/oauth/microsoft/init",
        windows: &[(75, MINUTE_MS)],
    },
    RouteLimit {
        method: Method::Post,
        path: "/dfy-email-account-orders/domains/check",
        windows: &[(30, MINUTE_MS), (900, HOUR_MS)],
    },
    RouteLimit {
        method: Method::Post,
        path: "/lead-labels/ai-reply-label",
        windows: &[(500, 30.0 * DAY_MS)],
    },
];

/// `rateLimit` client option: the budget this client keeps to. By default every client in the
/// realm (page, isolate, process) with the same API key shares one budget; lower limits cap this
/// client on top of that shared budget.
#[derive(tsify::Tsify, Default)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitOptions {
    /// Who shares the budget. Default: every client in this realm with the same API key. A
    /// coordinator (`{ lease, feedback }`, or a Cloudflare Durable Object namespace bound to
    /// `InstantlyRateLimiter`) shares it with every process and isolate that uses the same
    /// coordinator. `false`: this client alone, with exactly `perSecond` and `perMinute` (which
    /// may then exceed the documented limits).
    #[tsify(
        optional,
        type = "RateLimitCoordinator | DurableObjectNamespaceLike | boolean | undefined"
    )]
    pub shared: Option<serde_json::Value>,
    /// Requests per second (default 100), paced evenly after a short burst.
    #[tsify(optional, type = "number | undefined")]
    pub per_second: Option<u32>,
    /// Requests per minute (default 6000).
    #[tsify(optional, type = "number | undefined")]
    pub per_minute: Option<u32>,
    /// Whether the documented per-route limits apply (e.g. `GET /emails` 20/minute); default
    /// true.
    #[tsify(optional, type = "boolean | undefined")]
    pub route_limits: Option<bool>,
}

impl crate::input::Input for RateLimitOptions {
    const KEYS: &'static [&'static str] = &["shared", "perSecond", "perMinute", "routeLimits"];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(RateLimitOptions {
            shared: f.json("shared"),
            per_second: f.u32("perSecond")?,
            per_minute: f.u32("perMinute")?,
            route_limits: f.boolean("routeLimits")?,
        })
    }
}

impl RateLimitOptions {
    /// The rate-limit configuration from the JS `rateLimit` value (`false` → off).
    pub fn from_js(value: Option<serde_json::Value>) -> crate::Result<Option<RateLimit>> {
        Self::from_js_shared(value).map(|(config, _)| config)
    }

    /// [`RateLimitOptions::from_js`] and the sharing it asks for. A coordinator object never
    /// reaches here (the wasm facade takes it out of `shared` first and sets
    /// [`Sharing::Coordinated`](super::Sharing::Coordinated) itself); `shared` may be `true`,
    /// `false` or absent.
    pub fn from_js_shared(
        value: Option<serde_json::Value>,
    ) -> crate::Result<(Option<RateLimit>, super::Sharing)> {
        use serde_json::Value;
        match value {
            None | Some(Value::Null) => Ok((Some(RateLimit::default()), super::Sharing::Realm)),
            Some(Value::Bool(false)) => Ok((None, super::Sharing::Realm)),
            Some(v @ Value::Object(_)) => {
                let o: RateLimitOptions = crate::input::read_input("rateLimit", &v)
                    .map_err(|e| prefix_field(e, "rateLimit"))?;
                let sharing = match o.shared {
                    None | Some(Value::Null) | Some(Value::Bool(true)) => super::Sharing::Realm,
                    Some(Value::Bool(false)) => super::Sharing::PerClient,
                    Some(_) => {
                        return Err(crate::Error::validation(
                            "rateLimit.shared",
                            "must be a coordinator ({ lease, feedback } or a Durable Object \
                             namespace), true (the realm's budget) or false (this client alone)",
                        ))
                    }
                };
                let d = RateLimit::default();
                Ok((
                    Some(RateLimit {
                        per_second: o.per_second.or(d.per_second),
                        per_minute: o.per_minute.or(d.per_minute),
                        route_limits: o.route_limits.unwrap_or(d.route_limits),
                    }),
                    sharing,
                ))
            }
            Some(_) => Err(crate::Error::validation(
                "rateLimit",
                "must be an object like { perSecond: 50 } or false to turn the limiter off",
            )),
        }
    }
}

fn prefix_field(mut e: crate::Error, prefix: &str) -> crate::Error {
    if let Some(f) = &e.field {
        if !f.is_empty() && f != prefix {
            e.field = Some(format!("{prefix}.{f}"));
        }
    }
    e
}
