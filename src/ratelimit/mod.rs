//! The client-side rate limiter: every attempt (retries included) takes budget here first, so a
//! busy client queues instead of collecting 429s.
//!
//! # What it enforces
//!
//! Instantly limits each **workspace** to 100 requests per second **and** 6,000 per minute, and a
//! few routes lower still (see [`ROUTE_LIMITS`](crate::ratelimit::ROUTE_LIMITS)). A [`RateLimiter`](crate::ratelimit::RateLimiter) keeps one budget per client:
//!
//! * **Windows.** Each limit is a sliding window over request *completions*: a new request is
//!   granted only while fewer than `limit` requests are in flight or completed within the last
//!   `period + margin` (margin `period / 50`). The server counts a request when it arrives,
//!   which is never later than when the client sees its answer, so the window stays within the
//!   server's limit however late a granted request actually leaves (a busy event loop, a slow
//!   connection pool). The per-second window is also **paced**: after a burst of a tenth of its
//!   limit, grants are spaced `period / limit` apart, so requests reach the server evenly.
//! * **Lanes and fairness.** Waiters queue FIFO in a lane; only the head of a lane looks at the
//!   clock (it sleeps until its grant time; the others sleep on a waker until they become head),
//!   so nothing busy-polls and nobody overtakes. Requests to a route with its own limit first
//!   queue in that route's lane, then, still holding the head of it, in the workspace lane, so
//!   `GET /emails` waiting for its 20/minute budget never blocks other traffic.
//! * **Server feedback.** [`RateLimiter::on_rate_limited`](crate::ratelimit::RateLimiter::on_rate_limited) (called by the request loop on a 429)
//!   pauses the workspace lane until the retry time and halves the paced rate; the rate recovers
//!   linearly over [`RECOVERY`](crate::ratelimit::RECOVERY). The workspace limit is shared by every key and process, so a 429
//!   can happen even when this client kept to its budget.
//!
//! [`RateLimiter::acquire`](crate::ratelimit::RateLimiter::acquire) resolves with a [`Permit`](crate::ratelimit::Permit); the request loop completes it when the
//! attempt ends (answer, error or timeout). Dropping an `acquire` future (cancellation, a
//! timeout around it) leaves the queue and wakes the next waiter. The budget is per client: two clients on one workspace each get the
//! full budget unless configured lower.

mod config;
mod window;

pub use config::{
    RateLimit, RateLimitOptions, RouteLimit, MIN_FACTOR, RECOVERY, ROUTE_LIMITS,
    WORKSPACE_PER_MINUTE, WORKSPACE_PER_SECOND,
};

use crate::http::{Clock, Method};
use config::{MINUTE_MS, SECOND_MS};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use window::Window;

/// A FIFO of waiters over a set of windows.
#[derive(Debug, Default)]
struct Lane {
    windows: Vec<Window>,
    /// `(ticket, waker)`, tickets strictly increasing front to back.
    queue: VecDeque<(u64, Option<Waker>)>,
    /// Bumped on every completion in this lane (wakes a head blocked by requests in flight).
    completions: u64,
}

impl Lane {
    fn wake_head(&mut self) -> Option<Waker> {
        self.queue.front_mut().and_then(|(_, w)| w.take())
    }
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
    /// The latest time seen (used when a permit is dropped without being completed).
    last_now: f64,
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
                    ..Lane::default()
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
                last_now: f64::NEG_INFINITY,
            }),
        }
    }

    /// Waits for budget for one attempt of `method path` (path relative to `/api/v2`, without
    /// the query) and grants it. Waiters are served in call order. Complete the permit when the
    /// attempt ends.
    pub async fn acquire<C: Clock>(&self, clock: &C, method: Method, path: &str) -> Permit<'_> {
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
        s.last_now = s.last_now.max(now);
        let factor = s.factor(now);
        for lane in std::iter::once(0).chain(route) {
            for w in &mut s.lanes[lane].windows {
                w.grant(now, factor);
            }
        }
        drop(s);
        drop(ticket);
        drop(route_ticket);
        Permit {
            limiter: self,
            route,
            done: false,
        }
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
            let (wait, completions) = self.wait_ms(ticket.lane, clock.now_ms());
            if wait <= 0.0 {
                return;
            }
            if wait.is_finite() {
                clock.sleep(Duration::from_millis(wait.ceil() as u64)).await;
            } else {
                Completion {
                    ticket,
                    seen: completions,
                }
                .await;
            }
        }
    }

    fn wait_ms(&self, lane: usize, now: f64) -> (f64, u64) {
        let mut s = self.state.borrow_mut();
        s.last_now = s.last_now.max(now);
        let factor = s.factor(now);
        let mut wait: f64 = 0.0;
        if lane == 0 {
            wait = wait.max(s.pause_until - now);
        }
        let lane = &mut s.lanes[lane];
        for w in &mut lane.windows {
            wait = wait.max(w.wait(now, factor));
        }
        (wait, lane.completions)
    }

    fn complete(&self, route: Option<usize>, now: f64) {
        let mut wake = Vec::new();
        {
            let mut s = self.state.borrow_mut();
            let now = now.max(s.last_now);
            s.last_now = now;
            for lane in std::iter::once(0).chain(route) {
                let lane = &mut s.lanes[lane];
                for w in &mut lane.windows {
                    w.complete(now);
                }
                lane.completions += 1;
                wake.extend(lane.wake_head());
            }
        }
        wake.into_iter().for_each(Waker::wake);
    }
}

/// A granted attempt. Call [`Permit::complete`] when the attempt ends; dropping it uncompleted
/// completes it at the latest time the limiter has seen.
#[derive(Debug)]
pub struct Permit<'a> {
    limiter: &'a RateLimiter,
    route: Option<usize>,
    done: bool,
}

impl Permit<'_> {
    /// The attempt ended (answer, error or timeout) at `now_ms`.
    pub fn complete(mut self, now_ms: f64) {
        self.done = true;
        self.limiter.complete(self.route, now_ms);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.limiter.complete(self.route, f64::NEG_INFINITY);
        }
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
            let lane = &mut s.lanes[self.lane];
            let Ok(pos) = lane.queue.binary_search_by_key(&self.id, |(id, _)| *id) else {
                return;
            };
            lane.queue.remove(pos);
            if pos == 0 {
                lane.wake_head()
            } else {
                None
            }
        };
        if let Some(w) = next {
            w.wake();
        }
    }
}

/// Stores `cx`'s waker in the ticket's queue slot.
fn park(lane: &mut Lane, id: u64, cx: &Context<'_>) {
    if let Ok(pos) = lane.queue.binary_search_by_key(&id, |(id, _)| *id) {
        let slot = &mut lane.queue[pos].1;
        if !slot.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            *slot = Some(cx.waker().clone());
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
        let lane = &mut s.lanes[t.lane];
        if lane.queue.front().is_some_and(|(id, _)| *id == t.id) {
            return Poll::Ready(());
        }
        park(lane, t.id, cx);
        Poll::Pending
    }
}

/// Resolves after the next completion in the ticket's lane (the head waits on it while
/// requests in flight fill a window).
struct Completion<'t, 'a> {
    ticket: &'t Ticket<'a>,
    seen: u64,
}

impl Future for Completion<'_, '_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let t = self.ticket;
        let mut s = t.limiter.state.borrow_mut();
        let lane = &mut s.lanes[t.lane];
        if lane.completions != self.seen {
            return Poll::Ready(());
        }
        park(lane, t.id, cx);
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(l.wait_ms(0, 15_000.0).0, 0.0);
        l.on_rate_limited(20_000.0, Duration::from_millis(2_500));
        assert_eq!(l.wait_ms(0, 20_000.0).0, 2_500.0);
    }
}
