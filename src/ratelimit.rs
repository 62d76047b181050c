//! The client-side rate limiter: every attempt (retries included) takes budget here first, so a
//! busy client queues instead of collecting 429s.
//!
//! # What it enforces
//!
//! Instantly limits each **workspace** to 100 requests per second **and** 6,000 per minute, and a
//! few routes lower still (see [`ROUTE_LIMITS`]). A [`RateLimiter`] keeps one budget per client:
//!
//! * **Windows.** Each limit is a sliding window: never more than `limit` grants within any
//!   `period + margin` (the margin, `period / 50`, absorbs the difference between when the client
//!   sends and when the server counts). The per-second window is also **paced**: after a burst of
//!   a tenth of its limit, grants are spaced `period / limit` apart, so requests reach the server
//!   evenly instead of in bursts whose arrival jitter could cross the server's window edge.
//! * **Lanes and fairness.** Waiters queue FIFO in a lane; only the head of a lane looks at the
//!   clock (it sleeps until its grant time; the others sleep on a waker until they become head),
//!   so nothing busy-polls and nobody overtakes. Requests to a route with its own limit first
//!   queue in that route's lane, then, still holding the head of it, in the workspace lane, so
//!   `GET /emails` waiting for its 20/minute budget never blocks other traffic.
//! * **Server feedback.** [`RateLimiter::on_rate_limited`] (called by the request loop on a 429)
//!   pauses the workspace lane until the retry time and halves the paced rate; the rate recovers
//!   linearly over [`RECOVERY`]. The workspace limit is shared by every key and process, so a 429
//!   can happen even when this client kept to its budget.
//!
//! Dropping an [`RateLimiter::acquire`] future (cancellation, a timeout around it) leaves the queue
//! and wakes the next waiter. The budget is per client: two clients on one workspace each get the
//! full budget unless configured lower.

use crate::http::{Clock, Method};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Documented workspace limit per second.
pub const WORKSPACE_PER_SECOND: u32 = 100;
/// Documented workspace limit per minute.
pub const WORKSPACE_PER_MINUTE: u32 = 6_000;
/// How long the paced rate takes to recover fully after a 429.
pub const RECOVERY: Duration = Duration::from_secs(30);
/// The lowest fraction of the paced rate a run of 429s can bring it down to.
pub const MIN_FACTOR: f64 = 0.125;

const SECOND_MS: f64 = 1_000.0;
const MINUTE_MS: f64 = 60_000.0;
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

/// `rateLimit` client option: the budget this client keeps to. The workspace limit is shared by
/// every key and process of the workspace, so lower it when several clients run at once.
#[derive(tsify::Tsify, serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RateLimitOptions {
    /// Requests per second (default 100), paced evenly after a short burst.
    #[serde(default)]
    #[tsify(optional)]
    pub per_second: Option<u32>,
    /// Requests per minute (default 6000).
    #[serde(default)]
    #[tsify(optional)]
    pub per_minute: Option<u32>,
    /// Whether the documented per-route limits apply (e.g. `GET /emails` 20/minute); default
    /// true.
    #[serde(default)]
    #[tsify(optional)]
    pub route_limits: Option<bool>,
}

impl RateLimitOptions {
    /// The rate-limit configuration from the JS `rateLimit` value (`false` → off).
    pub fn from_js(value: Option<serde_json::Value>) -> crate::Result<Option<RateLimit>> {
        use serde_json::Value;
        match value {
            None | Some(Value::Null) => Ok(Some(RateLimit::default())),
            Some(Value::Bool(false)) => Ok(None),
            Some(v @ Value::Object(_)) => {
                let o: RateLimitOptions = crate::input::decode_input("rateLimit", v)
                    .map_err(|e| prefix_field(e, "rateLimit"))?;
                let d = RateLimit::default();
                Ok(Some(RateLimit {
                    per_second: o.per_second.or(d.per_second),
                    per_minute: o.per_minute.or(d.per_minute),
                    route_limits: o.route_limits.unwrap_or(d.route_limits),
                }))
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

/// One sliding window (and, when paced, a GCRA schedule).
#[derive(Debug)]
struct Window {
    limit: u32,
    period_ms: f64,
    paced: bool,
    /// Grant times, oldest first; at most `limit` entries.
    log: VecDeque<f64>,
    /// Theoretical arrival time of the next paced grant.
    tat: f64,
}

impl Window {
    fn new(limit: u32, period_ms: f64, paced: bool) -> Self {
        Window {
            limit,
            period_ms,
            paced,
            log: VecDeque::new(),
            tat: f64::NEG_INFINITY,
        }
    }

    fn horizon(&self) -> f64 {
        self.period_ms + self.period_ms / 50.0
    }

    fn effective_limit(&self, factor: f64) -> u32 {
        if self.paced {
            ((self.limit as f64 * factor).floor() as u32).max(1)
        } else {
            self.limit
        }
    }

    /// Milliseconds until a grant is allowed at `now` (0: now).
    fn wait(&mut self, now: f64, factor: f64) -> f64 {
        let horizon = self.horizon();
        while self.log.front().is_some_and(|&t| now - t >= horizon) {
            self.log.pop_front();
        }
        let limit = self.effective_limit(factor) as usize;
        let mut wait = match self.log.len().checked_sub(limit) {
            Some(i) => self.log[i] + horizon - now,
            None => 0.0,
        };
        if self.paced {
            let spacing = self.period_ms / limit as f64;
            let tolerance = spacing * ((limit / 10).max(1) - 1) as f64;
            wait = wait.max(self.tat - tolerance - now);
        }
        if wait < 1e-6 {
            0.0
        } else {
            wait
        }
    }

    fn record(&mut self, now: f64, factor: f64) {
        self.log.push_back(now);
        while self.log.len() > self.limit as usize {
            self.log.pop_front();
        }
        if self.paced {
            let spacing = self.period_ms / self.effective_limit(factor) as f64;
            self.tat = self.tat.max(now) + spacing;
        }
    }
}

/// A FIFO of waiters over a set of windows.
#[derive(Debug, Default)]
struct Lane {
    windows: Vec<Window>,
    /// `(ticket, waker)`, tickets strictly increasing front to back.
    queue: VecDeque<(u64, Option<Waker>)>,
}

#[derive(Debug)]
struct State {
    /// Lane 0 is the workspace lane; lane `i + 1` is `routes[i]`.
    lanes: Vec<Lane>,
    routes: Vec<(Method, &'static str)>,
    pause_until: f64,
    /// Paced-rate factor right after the last 429, and when it happened.
    slow_floor: f64,
    slow_since: f64,
    next_ticket: u64,
}

impl State {
    fn factor(&self, now: f64) -> f64 {
        if self.slow_floor >= 1.0 {
            return 1.0;
        }
        let recovered = (now - self.slow_since).max(0.0) / RECOVERY.as_millis() as f64;
        (self.slow_floor + recovered * (1.0 - self.slow_floor)).min(1.0)
    }
}

/// A per-client rate limiter. See the module docs for the policy.
#[derive(Debug)]
pub struct RateLimiter {
    state: RefCell<State>,
}

impl RateLimiter {
    /// A limiter enforcing `config`.
    pub fn new(config: &RateLimit) -> Self {
        let mut workspace = Lane::default();
        if let Some(n) = config.per_second {
            workspace.windows.push(Window::new(n, SECOND_MS, true));
        }
        if let Some(n) = config.per_minute {
            workspace.windows.push(Window::new(n, MINUTE_MS, false));
        }
        let mut lanes = vec![workspace];
        let mut routes = Vec::new();
        if config.route_limits {
            for r in ROUTE_LIMITS {
                routes.push((r.method, r.path));
                lanes.push(Lane {
                    windows: r
                        .windows
                        .iter()
                        .map(|&(n, p)| Window::new(n, p, false))
                        .collect(),
                    queue: VecDeque::new(),
                });
            }
        }
        RateLimiter {
            state: RefCell::new(State {
                lanes,
                routes,
                pause_until: f64::NEG_INFINITY,
                slow_floor: 1.0,
                slow_since: 0.0,
                next_ticket: 0,
            }),
        }
    }

    /// Waits for budget for one attempt of `method path` (path relative to `/api/v2`, without
    /// the query), then records the grant. Waiters are served in call order.
    pub async fn acquire<C: Clock>(&self, clock: &C, method: Method, path: &str) {
        let route = self.route_lane(method, path);
        let route_ticket = match route {
            Some(lane) => {
                let ticket = self.enqueue(lane);
                self.wait_for_budget(clock, &ticket).await;
                Some(ticket)
            }
            None => None,
        };
        let ticket = self.enqueue(0);
        self.wait_for_budget(clock, &ticket).await;
        let now = clock.now_ms();
        let mut s = self.state.borrow_mut();
        let factor = s.factor(now);
        for lane in std::iter::once(0).chain(route) {
            for w in &mut s.lanes[lane].windows {
                w.record(now, factor);
            }
        }
        drop(s);
        drop(ticket);
        drop(route_ticket);
    }

    /// The server answered 429: pause the workspace lane for `retry_in` (the request loop's
    /// retry delay, which honours `Retry-After`) and halve the paced rate.
    pub fn on_rate_limited(&self, now: f64, retry_in: Duration) {
        let mut s = self.state.borrow_mut();
        s.pause_until = s.pause_until.max(now + retry_in.as_secs_f64() * 1000.0);
        s.slow_floor = (s.factor(now) / 2.0).max(MIN_FACTOR);
        s.slow_since = now;
    }

    /// The fraction of the configured per-second rate currently allowed (1.0 unless slowed by
    /// recent 429s).
    pub fn rate_factor(&self, now: f64) -> f64 {
        self.state.borrow().factor(now)
    }

    /// How many callers are waiting in any lane.
    pub fn waiting(&self) -> usize {
        self.state
            .borrow()
            .lanes
            .iter()
            .map(|l| l.queue.len())
            .sum()
    }

    fn route_lane(&self, method: Method, path: &str) -> Option<usize> {
        let path = path.split(['?', '#']).next().unwrap_or(path);
        let path = path.trim_end_matches('/');
        let s = self.state.borrow();
        s.routes
            .iter()
            .position(|(m, p)| *m == method && p.eq_ignore_ascii_case(path))
            .map(|i| i + 1)
    }

    fn enqueue(&self, lane: usize) -> Ticket<'_> {
        let mut s = self.state.borrow_mut();
        let id = s.next_ticket;
        s.next_ticket += 1;
        s.lanes[lane].queue.push_back((id, None));
        Ticket {
            limiter: self,
            lane,
            id,
        }
    }

    /// Waits until `ticket` heads its lane and the lane's windows allow a grant now.
    async fn wait_for_budget<C: Clock>(&self, clock: &C, ticket: &Ticket<'_>) {
        loop {
            Turn { ticket }.await;
            let wait = self.wait_ms(ticket.lane, clock.now_ms());
            if wait <= 0.0 {
                return;
            }
            clock.sleep(Duration::from_millis(wait.ceil() as u64)).await;
        }
    }

    fn wait_ms(&self, lane: usize, now: f64) -> f64 {
        let mut s = self.state.borrow_mut();
        let factor = s.factor(now);
        let mut wait: f64 = 0.0;
        if lane == 0 {
            wait = wait.max(s.pause_until - now);
        }
        for w in &mut s.lanes[lane].windows {
            wait = wait.max(w.wait(now, factor));
        }
        wait
    }
}

/// A place in a lane's queue; leaving (drop) wakes the next waiter if this one was the head.
struct Ticket<'a> {
    limiter: &'a RateLimiter,
    lane: usize,
    id: u64,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        let next = {
            let mut s = self.limiter.state.borrow_mut();
            let queue = &mut s.lanes[self.lane].queue;
            let Ok(pos) = queue.binary_search_by_key(&self.id, |(id, _)| *id) else {
                return;
            };
            queue.remove(pos);
            if pos == 0 {
                queue.front_mut().and_then(|(_, w)| w.take())
            } else {
                None
            }
        };
        if let Some(w) = next {
            w.wake();
        }
    }
}

/// Resolves once the ticket heads its lane.
struct Turn<'t, 'a> {
    ticket: &'t Ticket<'a>,
}

impl Future for Turn<'_, '_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let t = self.ticket;
        let mut s = t.limiter.state.borrow_mut();
        let queue = &mut s.lanes[t.lane].queue;
        if queue.front().is_some_and(|(id, _)| *id == t.id) {
            return Poll::Ready(());
        }
        if let Ok(pos) = queue.binary_search_by_key(&t.id, |(id, _)| *id) {
            let slot = &mut queue[pos].1;
            if !slot.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                *slot = Some(cx.waker().clone());
            }
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_allows_limit_per_period_plus_margin() {
        let mut w = Window::new(3, 1000.0, false);
        for _ in 0..3 {
            assert_eq!(w.wait(0.0, 1.0), 0.0);
            w.record(0.0, 1.0);
        }
        assert_eq!(w.wait(0.0, 1.0), 1020.0);
        assert_eq!(w.wait(1019.0, 1.0), 1.0);
        assert_eq!(w.wait(1020.0, 1.0), 0.0);
    }

    #[test]
    fn paced_window_allows_a_tenth_as_burst_then_spaces_grants() {
        let mut w = Window::new(100, 1000.0, true);
        for _ in 0..10 {
            assert_eq!(w.wait(0.0, 1.0), 0.0);
            w.record(0.0, 1.0);
        }
        assert!((w.wait(0.0, 1.0) - 10.0).abs() < 1e-9);
        w.record(10.0, 1.0);
        assert!((w.wait(10.0, 1.0) - 10.0).abs() < 1e-9);
        // Half speed after a 429: spacing doubles, burst halves.
        let mut slow = Window::new(100, 1000.0, true);
        for _ in 0..5 {
            assert_eq!(slow.wait(0.0, 0.5), 0.0);
            slow.record(0.0, 0.5);
        }
        assert!((slow.wait(0.0, 0.5) - 20.0).abs() < 1e-9);
    }

    #[test]
    fn routes_match_method_and_exact_path() {
        let l = RateLimiter::new(&RateLimit::default());
        assert_eq!(l.route_lane(Method::Get, "/emails"), Some(1));
        assert_eq!(l.route_lane(Method::Get, "/emails/"), Some(1));
        assert_eq!(l.route_lane(Method::Get, "/emails/0199"), None);
        assert_eq!(l.route_lane(Method::Post, "/emails"), None);
        assert_eq!(l.route_lane(Method::Post, "/emails/test"), Some(2));
        let off = RateLimiter::new(&RateLimit {
            route_limits: false,
            ..RateLimit::default()
        });
        assert_eq!(off.route_lane(Method::Get, "/emails"), None);
    }

    #[test]
    fn a_429_halves_the_rate_which_recovers_linearly() {
        let l = RateLimiter::new(&RateLimit::default());
        assert_eq!(l.rate_factor(0.0), 1.0);
        l.on_rate_limited(0.0, Duration::from_secs(1));
        assert_eq!(l.rate_factor(0.0), 0.5);
        assert!((l.rate_factor(15_000.0) - 0.75).abs() < 1e-9);
        l.on_rate_limited(15_000.0, Duration::ZERO);
        assert!((l.rate_factor(15_000.0) - 0.375).abs() < 1e-9);
        for _ in 0..10 {
            l.on_rate_limited(15_000.0, Duration::ZERO);
        }
        assert_eq!(l.rate_factor(15_000.0), MIN_FACTOR);
        assert_eq!(l.rate_factor(15_000.0 + 30_000.0), 1.0);
        assert_eq!(l.wait_ms(0, 15_000.0), 0.0);
        l.on_rate_limited(20_000.0, Duration::from_millis(2_500));
        assert_eq!(l.wait_ms(0, 20_000.0), 2_500.0);
    }
}
