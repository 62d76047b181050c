//! Sharing one budget beyond a realm: the [`Coordinator`] seam and its reference algorithm.
//!
//! A coordinator grants budget for one *workspace* (a hash of the API key, never the key) and
//! one *lane* (`"workspace"` for the 100/s + 6,000/min budget, `"GET /emails"` and the like for
//! [`ROUTE_LIMITS`](super::ROUTE_LIMITS)) to every process, isolate or realm that asks it. The
//! local [`RateLimiter`](super::RateLimiter) keeps its FIFO queue and its own windows; when the
//! head of a lane has local budget it also needs a *slot* from the coordinator. Slots come in
//! batches: one [`Coordinator::lease`] round trip buys up to [`MAX_BATCH`] requests, each with
//! the time it may leave (an offset from when the lease was asked for) and a time to live after which
//! an unused slot is dropped. A 429 is reported with [`Coordinator::feedback`], so every sharer
//! pauses and slows down together.
//!
//! The lease request carries the lane's limits ([`LeaseRequest::windows`], taken from
//! [`WORKSPACE_PER_SECOND`](super::WORKSPACE_PER_SECOND), [`WORKSPACE_PER_MINUTE`](
//! super::WORKSPACE_PER_MINUTE) and [`ROUTE_LIMITS`](super::ROUTE_LIMITS)), so a coordinator
//! needs no copy of them: the Durable Object (`js/rate-limiter.js`), the Redis coordinator
//! (`js/redis.js`) and [`MemoryCoordinator`] apply whatever the client sends.
//!
//! # The grant algorithm (identical in every coordinator shipped)
//!
//! Per (workspace, lane):
//! * a **paced** window (the per-second one) hands out slots spaced
//!   `period / (limit × factor × 0.92)` apart, with no burst. A slot is used at its time or
//!   within its time to live ([`DEFAULT_TTL_MS`], 50 ms) after it, so the requests leaving in
//!   any second come from slots within 1,050 ms: at most 96.6 at 100/s, whichever sharer sends
//!   them. The rest of the margin is for requests that *arrive* bunched although they left on
//!   time: measured, a fresh Node process opening its first connections delivers 7 to 10
//!   requests within a few milliseconds, so two processes starting together come within 1 or
//!   2 requests of the limit in their first second (0.95 and 0.93 gave an occasional 429 there);
//! * every other window keeps a log of slot times and grants a slot only while fewer than `limit`
//!   slots lie within `period + period / 50 + ttl` before it;
//! * a lease's first slot may lie up to [`MAX_AHEAD_MS`] ahead (a place in line: the caller
//!   sleeps until it), further slots at most [`LEASE_AHEAD_MS`] ahead; a lease that can grant
//!   nothing says when to ask again;
//! * a 429 reported for the workspace pauses every lane of it until the retry time and halves
//!   `factor`, which recovers linearly over [`RECOVERY`] (as locally).

use super::{MIN_FACTOR, RECOVERY};
use futures::future::LocalBoxFuture;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// Most slots one lease asks for.
pub const MAX_BATCH: u32 = 25;
/// How far ahead of now a coordinator grants slots.
pub const LEASE_AHEAD_MS: f64 = 250.0;
/// How far ahead of now the first slot of a lease may lie.
pub const MAX_AHEAD_MS: f64 = 10_000.0;
/// How long an unused slot stays valid after its time (a coordinator may say otherwise).
pub const DEFAULT_TTL_MS: f64 = 50.0;
/// Share of a paced limit a coordinator hands out (room for late or bunched arrivals).
pub const PACED_SHARE: f64 = 0.92;
/// A lease that has not answered after this long is treated as a failure.
pub const LEASE_TIMEOUT_MS: u64 = 5_000;
/// After a failed lease, a lane limits locally only for this long before asking again.
pub const FALLBACK_MS: f64 = 1_000.0;

/// One limit of a lane, as sent to the coordinator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LaneWindow {
    /// Requests per period.
    pub limit: u32,
    /// Period in milliseconds.
    pub period_ms: f64,
    /// Whether slots are paced evenly (the per-second window) rather than counted.
    pub paced: bool,
}

/// What the local limiter asks a coordinator for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeaseRequest {
    /// Hex SHA-256 prefix of the API key (and `x-as-workspace`), never the key.
    pub workspace: String,
    /// `"workspace"` or `"<METHOD> <path>"` of a route with its own limit.
    pub lane: String,
    /// How many slots the lane could use now (1 to [`MAX_BATCH`]).
    pub want: u32,
    /// The lane's documented limits.
    pub windows: Vec<LaneWindow>,
}

/// A coordinator's answer: slots, or when to ask again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lease {
    /// When each granted slot may be used, in ms from now (ascending; at most `want`).
    pub slots_ms: Vec<f64>,
    /// How long past its time an unused slot stays valid.
    pub ttl_ms: f64,
    /// With no slots: ask again after this many ms.
    pub retry_in_ms: f64,
}

/// A 429 seen by one sharer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// As in [`LeaseRequest::workspace`].
    pub workspace: String,
    /// The lane of the rejected request (`"workspace"`: the workspace limit).
    pub lane: String,
    /// Always 429 for now.
    pub status: u16,
    /// The retry delay the client chose (honours `Retry-After`).
    pub retry_in_ms: f64,
}

/// Grants budget shared beyond one limiter. Implementations must not panic; a failed lease is an
/// `Err` with a message (the limiter then limits locally for [`FALLBACK_MS`]).
pub trait Coordinator {
    /// Identity for the realm registry: clients with the same key and the same coordinator share
    /// one local limiter.
    fn id(&self) -> u64;
    /// Asks for up to `req.want` slots.
    fn lease(&self, req: &LeaseRequest) -> LocalBoxFuture<'static, Result<Lease, String>>;
    /// Reports a 429 (fire and forget).
    fn feedback(&self, ev: &Feedback);
}

/// Budget state of one (workspace, lane).
#[derive(Debug, Default)]
struct LaneBudget {
    /// Next paced slot time.
    tat: f64,
    /// Slot times per counted window, oldest first.
    logs: Vec<VecDeque<f64>>,
}

/// Slow-down state of one workspace.
#[derive(Debug)]
struct WorkspaceState {
    pause_until: f64,
    slow_floor: f64,
    slow_since: f64,
}

impl Default for WorkspaceState {
    fn default() -> Self {
        WorkspaceState {
            pause_until: f64::NEG_INFINITY,
            slow_floor: 1.0,
            slow_since: 0.0,
        }
    }
}

impl WorkspaceState {
    fn factor(&self, now: f64) -> f64 {
        if self.slow_floor >= 1.0 {
            return 1.0;
        }
        let recovered = (now - self.slow_since).max(0.0) / RECOVERY.as_millis() as f64;
        (self.slow_floor + recovered * (1.0 - self.slow_floor)).min(1.0)
    }
}

/// The grant algorithm over plain state: the reference the JS coordinators follow, usable as an
/// in-process coordinator (tests, or several limiters in one program).
#[derive(Debug, Default)]
pub struct Budgets {
    lanes: HashMap<(String, String), LaneBudget>,
    workspaces: HashMap<String, WorkspaceState>,
}

impl Budgets {
    /// Grants slots for `req` at `now` (ms, any epoch shared by every caller).
    pub fn lease(&mut self, req: &LeaseRequest, now: f64) -> Lease {
        let ws = self.workspaces.entry(req.workspace.clone()).or_default();
        let ttl = DEFAULT_TTL_MS;
        if ws.pause_until > now {
            return Lease {
                slots_ms: Vec::new(),
                ttl_ms: ttl,
                retry_in_ms: ws.pause_until - now,
            };
        }
        let factor = ws.factor(now);
        let lane = self
            .lanes
            .entry((req.workspace.clone(), req.lane.clone()))
            .or_default();
        let counted: Vec<&LaneWindow> = req.windows.iter().filter(|w| !w.paced).collect();
        lane.logs.resize_with(counted.len(), VecDeque::new);
        let want = req.want.clamp(1, MAX_BATCH);
        let mut slots = Vec::new();
        let mut retry = f64::INFINITY;
        'grant: while (slots.len() as u32) < want {
            let mut at = now;
            if req.windows.iter().any(|w| w.paced) {
                at = at.max(lane.tat);
            }
            for (log, w) in lane.logs.iter_mut().zip(&counted) {
                let horizon = w.period_ms + w.period_ms / 50.0 + ttl;
                while log.front().is_some_and(|&t| now - t >= horizon) {
                    log.pop_front();
                }
                if log.len() >= w.limit as usize {
                    let free_at = log[log.len() - w.limit as usize] + horizon;
                    at = at.max(free_at);
                }
            }
            // Batches reach LEASE_AHEAD_MS ahead; the first slot of a lease may lie further
            // (up to MAX_AHEAD_MS), so a lease always buys a place in line and waiters do not
            // all ask again at once.
            let reach = if slots.is_empty() {
                MAX_AHEAD_MS
            } else {
                LEASE_AHEAD_MS
            };
            if at > now + reach {
                retry = retry.min(at - now - MAX_AHEAD_MS);
                break 'grant;
            }
            let spacing = req
                .windows
                .iter()
                .filter(|w| w.paced)
                .map(|w| w.period_ms / (w.limit.max(1) as f64 * factor * PACED_SHARE))
                .fold(0.0, f64::max);
            lane.tat = at + spacing;
            for log in &mut lane.logs {
                log.push_back(at);
                if log.len() > 1_000_000 {
                    log.pop_front();
                }
            }
            slots.push(at - now);
        }
        Lease {
            retry_in_ms: if slots.is_empty() {
                retry.clamp(1.0, 60_000.0)
            } else {
                0.0
            },
            slots_ms: slots,
            ttl_ms: ttl,
        }
    }

    /// Applies a reported 429 at `now`.
    pub fn feedback(&mut self, ev: &Feedback, now: f64) {
        let ws = self.workspaces.entry(ev.workspace.clone()).or_default();
        let retry = if ev.retry_in_ms.is_finite() {
            ev.retry_in_ms.clamp(0.0, 60_000.0)
        } else {
            0.0
        };
        ws.pause_until = ws.pause_until.max(now + retry);
        ws.slow_floor = (ws.factor(now) / 2.0).max(MIN_FACTOR);
        ws.slow_since = now;
    }
}

/// An in-process [`Coordinator`] over [`Budgets`], with its own clock function (ms).
pub struct MemoryCoordinator {
    id: u64,
    budgets: Rc<RefCell<Budgets>>,
    now: Box<dyn Fn() -> f64>,
    leases: std::cell::Cell<u64>,
}

impl MemoryCoordinator {
    /// A coordinator reading time from `now`; `id` tells coordinators apart in the registry.
    pub fn new(id: u64, now: impl Fn() -> f64 + 'static) -> Self {
        Self::over(id, Rc::default(), now)
    }

    /// A coordinator over `budgets`, which other coordinators may hold too (as if each were
    /// the connection of one process to a common store).
    pub fn over(id: u64, budgets: Rc<RefCell<Budgets>>, now: impl Fn() -> f64 + 'static) -> Self {
        MemoryCoordinator {
            id,
            budgets,
            now: Box::new(now),
            leases: std::cell::Cell::new(0),
        }
    }

    /// How many leases were asked for.
    pub fn leases(&self) -> u64 {
        self.leases.get()
    }
}

impl Coordinator for MemoryCoordinator {
    fn id(&self) -> u64 {
        self.id
    }

    fn lease(&self, req: &LeaseRequest) -> LocalBoxFuture<'static, Result<Lease, String>> {
        self.leases.set(self.leases.get() + 1);
        let lease = self.budgets.borrow_mut().lease(req, (self.now)());
        Box::pin(async move { Ok(lease) })
    }

    fn feedback(&self, ev: &Feedback) {
        self.budgets.borrow_mut().feedback(ev, (self.now)());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(want: u32) -> LeaseRequest {
        LeaseRequest {
            workspace: "w".into(),
            lane: "workspace".into(),
            want,
            windows: vec![
                LaneWindow {
                    limit: 100,
                    period_ms: 1000.0,
                    paced: true,
                },
                LaneWindow {
                    limit: 6000,
                    period_ms: 60_000.0,
                    paced: false,
                },
            ],
        }
    }

    #[test]
    fn paced_slots_are_spaced_and_limited_to_the_lease_horizon() {
        let mut b = Budgets::default();
        let l = b.lease(&req(25), 0.0);
        let spacing = 1000.0 / (100.0 * PACED_SHARE);
        let last = *l.slots_ms.last().unwrap();
        assert!(last <= LEASE_AHEAD_MS && last + spacing > LEASE_AHEAD_MS - 1e-6);
        assert!(l.slots_ms.len() > 20);
        assert!(l
            .slots_ms
            .windows(2)
            .all(|p| (p[1] - p[0] - spacing).abs() < 1e-9));
        // A place in line: one slot past the batch horizon.
        let next = b.lease(&req(25), 0.0);
        assert_eq!(next.slots_ms.len(), 1);
        assert!(next.slots_ms[0] > LEASE_AHEAD_MS);
    }

    #[test]
    fn counted_windows_cap_the_total_and_feedback_pauses() {
        let mut b = Budgets::default();
        let mut r = req(25);
        r.windows = vec![LaneWindow {
            limit: 20,
            period_ms: 60_000.0,
            paced: false,
        }];
        assert_eq!(b.lease(&r, 0.0).slots_ms.len(), 20);
        let none = b.lease(&r, 1.0);
        assert!(none.slots_ms.is_empty());
        b.feedback(
            &Feedback {
                workspace: "w".into(),
                lane: "workspace".into(),
                status: 429,
                retry_in_ms: 2000.0,
            },
            0.0,
        );
        let paused = b.lease(&req(1), 10.0);
        assert!(paused.slots_ms.is_empty());
        assert_eq!(paused.retry_in_ms, 1990.0);
    }
}
