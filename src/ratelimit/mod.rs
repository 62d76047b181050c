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
//! timeout around it) leaves the queue and wakes the next waiter.
//!
//! # Whose budget
//!
//! By default the budget is the **workspace's within the realm**: [`ClientLimiter::new`](crate::ratelimit::ClientLimiter::new) takes
//! the realm's [`RateLimiter`](crate::ratelimit::RateLimiter) for the key from a registry ([`realm`](crate::ratelimit::realm)), so every client with the
//! same key (and `x-as-workspace`) queues in one line, however many clients there are. A client
//! configured *lower* (`perSecond`, `perMinute` below the documented limits) gets, on top, a
//! limiter of its own with those limits: its calls first queue in their own line for the lower
//! budget, then in the shared line, so the lower setting caps that client without raising or
//! lowering anyone else's. [`Sharing::PerClient`](crate::ratelimit::Sharing::PerClient) (`rateLimit: { shared: false }`) restores a
//! budget per client whose limits are exactly the configured ones (e.g. above the documented
//! ones, for a plan that allows more). Beyond one realm, a [`Coordinator`](crate::ratelimit::Coordinator) (see [`shared`](crate::ratelimit::shared))
//! grants the workspace lanes' budget to every process that shares it. In Cloudflare Workers
//! the registry is not used ([`Sharing::Unregistered`](crate::ratelimit::Sharing::Unregistered)): there, clients share only through a
//! coordinator (the Durable Object).

mod config;
pub mod realm;
pub mod shared;
mod window;

pub use config::{
    RateLimit, RateLimitOptions, RouteLimit, MIN_FACTOR, RECOVERY, ROUTE_LIMITS,
    WORKSPACE_PER_MINUTE, WORKSPACE_PER_SECOND,
};
pub use shared::{Coordinator, Feedback, LaneWindow, Lease, LeaseRequest, MemoryCoordinator};

use crate::http::{Clock, Method};
use config::{MINUTE_MS, SECOND_MS};
use futures::future::{select, Either};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use window::Window;

/// A [`Coordinator`] as the options carry it.
#[derive(Clone)]
pub struct SharedCoordinator(pub Rc<dyn Coordinator>);

impl fmt::Debug for SharedCoordinator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedCoordinator({})", self.0.id())
    }
}

/// Who shares a client's budget.
#[derive(Debug, Clone, Default)]
pub enum Sharing {
    /// Every client of the realm with the same key (the default).
    #[default]
    Realm,
    /// Every client with the same key that uses this coordinator, in any realm or process.
    Coordinated(SharedCoordinator),
    /// This client alone, with exactly its configured limits.
    PerClient,
    /// The documented budget (lower limits on top) and, if given, a coordinator, in a limiter of
    /// this client's own rather than the realm's: for runtimes where a call must never be woken
    /// by another request's work. In Cloudflare Workers a promise of one request that is
    /// resolved, or a `fetch` started, from another request's handler is cancelled (workerd
    /// reports the waiting request as hung), so the wasm facade uses this there: clients share a
    /// budget through the Durable Object only.
    Unregistered(Option<SharedCoordinator>),
}

/// A FIFO of waiters over a set of windows.
#[derive(Debug, Default)]
struct Lane {
    windows: Vec<Window>,
    /// `(ticket, waker)`, tickets strictly increasing front to back.
    queue: VecDeque<(u64, Option<Waker>)>,
    /// Bumped on every completion in this lane (wakes a head blocked by requests in flight).
    completions: u64,
    /// Slots leased from the coordinator, when there is one.
    coord: Option<CoordLane>,
}

/// A lane's side of the coordinator: its name and limits, and the slots leased so far.
#[derive(Debug)]
struct CoordLane {
    name: String,
    windows: Vec<LaneWindow>,
    /// `(usable from, usable until)` in local ms, ascending.
    slots: VecDeque<(f64, f64)>,
    /// Nothing granted: ask again at this time.
    retry_at: f64,
    /// A lease failed: limit locally only until this time.
    fallback_until: f64,
}

/// What the head of a lane does about coordinator slots.
enum Slot {
    /// Go (a slot was taken, or none is needed).
    Go,
    /// Sleep this many ms, then look again.
    Sleep(f64),
    /// Ask the coordinator for a lease.
    Lease,
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
    workspace: String,
    coordinator: Option<SharedCoordinator>,
    lease_failures: u64,
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

/// A rate limiter: one budget, FIFO lanes. See the module docs for the policy.
#[derive(Debug)]
pub struct RateLimiter {
    state: RefCell<State>,
}

fn coord_lane(name: String, windows: Vec<LaneWindow>) -> CoordLane {
    CoordLane {
        name,
        windows,
        slots: VecDeque::new(),
        retry_at: f64::NEG_INFINITY,
        fallback_until: f64::NEG_INFINITY,
    }
}

impl RateLimiter {
    /// A limiter enforcing `config`, alone.
    pub fn new(config: &RateLimit) -> Self {
        Self::with_coordinator(config, String::new(), None)
    }

    /// A limiter enforcing `config` whose lanes also take slots from `coordinator` for
    /// `workspace` (see [`shared`]).
    pub fn with_coordinator(
        config: &RateLimit,
        workspace: String,
        coordinator: Option<SharedCoordinator>,
    ) -> Self {
        let with_coord = coordinator.is_some();
        let mut workspace_lane = Lane::default();
        let mut ws_windows = Vec::new();
        if let Some(n) = config.per_second {
            workspace_lane.windows.push(Window::new(n, SECOND_MS, true));
            ws_windows.push(LaneWindow {
                limit: n,
                period_ms: SECOND_MS,
                paced: true,
            });
        }
        if let Some(n) = config.per_minute {
            workspace_lane
                .windows
                .push(Window::new(n, MINUTE_MS, false));
            ws_windows.push(LaneWindow {
                limit: n,
                period_ms: MINUTE_MS,
                paced: false,
            });
        }
        if with_coord {
            workspace_lane.coord = Some(coord_lane("workspace".into(), ws_windows));
        }
        let mut lanes = vec![workspace_lane];
        let mut routes = Vec::new();
        if config.route_limits {
            for r in ROUTE_LIMITS {
                routes.push((r.method, r.path));
                let coord = with_coord.then(|| {
                    coord_lane(
                        format!("{} {}", r.method.as_str(), r.path),
                        r.windows
                            .iter()
                            .map(|&(limit, period_ms)| LaneWindow {
                                limit,
                                period_ms,
                                paced: false,
                            })
                            .collect(),
                    )
                });
                lanes.push(Lane {
                    windows: r
                        .windows
                        .iter()
                        .map(|&(n, p)| Window::new(n, p, false))
                        .collect(),
                    coord,
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
                workspace,
                coordinator,
                lease_failures: 0,
            }),
        }
    }

    /// Waits for budget for one attempt of `method path` (path relative to `/api/v2`, without
    /// the query) and grants it. Waiters are served in call order. Complete the permit when the
    /// attempt ends.
    pub async fn acquire<C: Clock>(&self, clock: &C, method: Method, path: &str) -> Permit<'_> {
        self.acquire_in(clock, method, path, true).await
    }

    /// [`RateLimiter::acquire`], skipping the route lanes unless `routes`.
    pub async fn acquire_in<C: Clock>(
        &self,
        clock: &C,
        method: Method,
        path: &str,
        routes: bool,
    ) -> Permit<'_> {
        let route = if routes {
            self.route_lane(method, path)
        } else {
            None
        };
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
    /// retry delay, which honours `Retry-After`) and halve the paced rate. With a coordinator,
    /// the slots leased so far are dropped and the 429 is reported to it.
    pub fn on_rate_limited(&self, now: f64, retry_in: Duration) {
        let mut s = self.state.borrow_mut();
        s.pause_until = s.pause_until.max(now + retry_in.as_secs_f64() * 1000.0);
        s.slow_floor = (s.factor(now) / 2.0).max(MIN_FACTOR);
        s.slow_since = now;
        for lane in &mut s.lanes {
            if let Some(c) = &mut lane.coord {
                c.slots.clear();
            }
        }
        let report = s.coordinator.clone().map(|c| {
            (
                c,
                Feedback {
                    workspace: s.workspace.clone(),
                    lane: "workspace".into(),
                    status: 429,
                    retry_in_ms: retry_in.as_secs_f64() * 1000.0,
                },
            )
        });
        drop(s);
        if let Some((c, ev)) = report {
            c.0.feedback(&ev);
        }
    }

    /// How many leases failed (an error or no answer in time) since the limiter was made.
    pub fn lease_failures(&self) -> u64 {
        self.state.borrow().lease_failures
    }

    /// True when nothing is queued or in flight and the workspace windows hold nothing from
    /// the last `period + margin` before `now`: forgetting the limiter then loses nothing the
    /// server still counts (except the long windows of a few routes).
    pub fn is_idle(&self, now: f64) -> bool {
        let s = self.state.borrow();
        s.pause_until <= now
            && s.lanes
                .iter()
                .all(|l| l.queue.is_empty() && l.windows.iter().all(|w| w.in_flight() == 0))
            && s.lanes[0].windows.iter().all(|w| w.is_idle(now))
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

    /// Waits until `ticket` heads its lane and the lane's windows allow a grant now (and,
    /// with a coordinator, a leased slot is due).
    async fn wait_for_budget<C: Clock>(&self, clock: &C, ticket: &Ticket<'_>) {
        loop {
            Turn { ticket }.await;
            let now = clock.now_ms();
            let (wait, completions) = self.wait_ms(ticket.lane, now);
            if wait <= 0.0 {
                match self.take_slot(ticket.lane, now) {
                    Slot::Go => return,
                    Slot::Sleep(ms) => {
                        clock.sleep(Duration::from_millis(ms.ceil() as u64)).await;
                    }
                    Slot::Lease => self.lease(clock, ticket.lane).await,
                }
                continue;
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

    /// Takes a due slot for the head of `lane`, or says what to do first.
    fn take_slot(&self, lane: usize, now: f64) -> Slot {
        let mut s = self.state.borrow_mut();
        let Some(c) = &mut s.lanes[lane].coord else {
            return Slot::Go;
        };
        if now < c.fallback_until {
            return Slot::Go;
        }
        while c.slots.front().is_some_and(|&(_, until)| until < now) {
            c.slots.pop_front();
        }
        if let Some(&(from, _)) = c.slots.front() {
            if from <= now {
                c.slots.pop_front();
                return Slot::Go;
            }
            return Slot::Sleep(from - now);
        }
        if c.retry_at > now {
            return Slot::Sleep(c.retry_at - now);
        }
        Slot::Lease
    }

    /// Asks the coordinator for slots for `lane` (as its head), at most [`shared::MAX_BATCH`]
    /// and no more than the lane's queue. A lease that fails or takes longer than
    /// [`shared::LEASE_TIMEOUT_MS`] switches the lane to local limits for
    /// [`shared::FALLBACK_MS`].
    async fn lease<C: Clock>(&self, clock: &C, lane: usize) {
        let (coordinator, req) = {
            let s = self.state.borrow();
            let l = &s.lanes[lane];
            let (Some(coordinator), Some(c)) = (s.coordinator.clone(), &l.coord) else {
                return;
            };
            let want = (l.queue.len() as u32).clamp(1, shared::MAX_BATCH);
            let req = LeaseRequest {
                workspace: s.workspace.clone(),
                lane: c.name.clone(),
                want,
                windows: c.windows.clone(),
            };
            (coordinator, req)
        };
        // Slot times count from when the lease was asked for, not from when it arrived: an
        // answer that arrives late (a busy event loop) then finds its first slots due or
        // expired, instead of using them late, where they could crowd the slots granted to
        // another sharer right after them.
        let sent = clock.now_ms();
        let asked = coordinator.0.lease(&req);
        let timeout = clock.sleep(Duration::from_millis(shared::LEASE_TIMEOUT_MS));
        let outcome = match select(asked, std::pin::pin!(timeout)).await {
            Either::Left((Ok(lease), _)) => Some(lease),
            Either::Left((Err(_), _)) | Either::Right(_) => None,
        };
        let now = clock.now_ms();
        let mut s = self.state.borrow_mut();
        let Some(lease) = outcome else {
            s.lease_failures += 1;
            if let Some(c) = &mut s.lanes[lane].coord {
                c.fallback_until = now + shared::FALLBACK_MS;
            }
            return;
        };
        let Some(c) = &mut s.lanes[lane].coord else {
            return;
        };
        let ttl = if lease.ttl_ms.is_finite() {
            lease.ttl_ms.clamp(0.0, 10_000.0)
        } else {
            shared::DEFAULT_TTL_MS
        };
        let mut slots: Vec<f64> = lease
            .slots_ms
            .iter()
            .take(req.want as usize)
            .map(|&o| {
                if o.is_finite() {
                    o.clamp(0.0, 60_000.0)
                } else {
                    0.0
                }
            })
            .collect();
        crate::sort::sort_by(&mut slots, |a, b| a.total_cmp(b).is_lt());
        c.slots.extend(
            slots
                .into_iter()
                .map(|o| (sent + o, sent + o + ttl))
                .filter(|&(_, until)| until >= now),
        );
        if c.slots.is_empty() {
            let retry = if lease.retry_in_ms.is_finite() {
                lease.retry_in_ms.clamp(1.0, 60_000.0)
            } else {
                1_000.0
            };
            c.retry_at = now + retry;
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

/// A client's limiters: the shared one (the realm's, or its own with [`Sharing::PerClient`])
/// and, when the client asked for less than the documented limits, one of its own on top.
#[derive(Debug)]
pub struct ClientLimiter {
    shared: Rc<RateLimiter>,
    own: Option<RateLimiter>,
    routes: bool,
}

impl ClientLimiter {
    /// The limiters for a client of `workspace` (see [`realm::workspace_hash`]) configured with
    /// `config`, shared as `sharing` says. `now` is the current time (ms; to drop idle entries
    /// of the realm registry).
    pub fn new(config: &RateLimit, workspace: &str, sharing: &Sharing, now: f64) -> Self {
        let coordinator = match sharing {
            Sharing::PerClient => {
                return ClientLimiter {
                    shared: Rc::new(RateLimiter::new(config)),
                    own: None,
                    routes: config.route_limits,
                }
            }
            Sharing::Realm => None,
            Sharing::Coordinated(c) => Some(c.clone()),
            Sharing::Unregistered(_) => None,
        };
        let shared = match sharing {
            Sharing::Unregistered(c) => Rc::new(RateLimiter::with_coordinator(
                &RateLimit::default(),
                workspace.to_string(),
                c.clone(),
            )),
            _ => realm::shared_limiter(workspace, coordinator, now),
        };
        let documented = RateLimit::default();
        let lower = |mine: Option<u32>, doc: Option<u32>| match (mine, doc) {
            (Some(m), Some(d)) if m < d => Some(m),
            _ => None,
        };
        let own = RateLimit {
            per_second: lower(config.per_second, documented.per_second),
            per_minute: lower(config.per_minute, documented.per_minute),
            route_limits: false,
        };
        let own =
            (own.per_second.is_some() || own.per_minute.is_some()).then(|| RateLimiter::new(&own));
        ClientLimiter {
            shared,
            own,
            routes: config.route_limits,
        }
    }

    /// The limiter shared with the other clients of the workspace (or this client's alone).
    pub fn shared(&self) -> &RateLimiter {
        &self.shared
    }

    /// Waits in the client's own line (when it has lower limits), then in the shared one.
    pub async fn acquire<C: Clock>(&self, clock: &C, method: Method, path: &str) -> Grant<'_> {
        let own = match &self.own {
            Some(l) => Some(l.acquire_in(clock, method, path, false).await),
            None => None,
        };
        let shared = self
            .shared
            .acquire_in(clock, method, path, self.routes)
            .await;
        Grant { own, shared }
    }

    /// A 429: the shared limiter pauses and slows down (and tells its coordinator).
    pub fn on_rate_limited(&self, now: f64, retry_in: Duration) {
        self.shared.on_rate_limited(now, retry_in);
    }
}

/// The permits of one attempt (see [`ClientLimiter::acquire`]).
#[derive(Debug)]
pub struct Grant<'a> {
    own: Option<Permit<'a>>,
    shared: Permit<'a>,
}

impl Grant<'_> {
    /// The attempt ended at `now_ms`.
    pub fn complete(self, now_ms: f64) {
        if let Some(p) = self.own {
            p.complete(now_ms);
        }
        self.shared.complete(now_ms);
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
