//! A discrete-event simulation for tests with many concurrent futures: a [`SimClock`] whose
//! sleeps are timers in a heap, a single-threaded [`run`] loop that polls the work until nothing
//! is ready and then jumps virtual time to the next timer, and a [`SimTransport`] that answers
//! from a handler after a simulated latency.
//!
//! Unlike `VirtualClock` (whose sleeps finish as soon as they are polled, fine for one sequential
//! call), time here only moves when every future is waiting, so 500 concurrent callers see one
//! consistent timeline.

use futures::future::{FutureExt, LocalBoxFuture};
use futures::task::ArcWake;
use instantly_wasm::http::{Clock, HttpRequest, HttpResponse, Transport, TransportError};
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Virtual epoch of a new clock (ms since the Unix epoch).
pub const EPOCH_MS: f64 = 1_700_000_000_000.0;

#[derive(Default)]
struct Timer {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

#[derive(Default)]
struct ClockState {
    /// Microseconds since [`EPOCH_MS`].
    now_us: u64,
    seq: u64,
    created: u64,
    heap: BinaryHeap<Reverse<(u64, u64)>>,
    timers: std::collections::HashMap<u64, std::rc::Weak<Timer>>,
}

/// Virtual time driven by [`run`]; clones share the timeline.
#[derive(Clone, Default)]
pub struct SimClock {
    state: Rc<RefCell<ClockState>>,
}

impl SimClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Virtual milliseconds since the clock was created.
    pub fn elapsed_ms(&self) -> f64 {
        self.state.borrow().now_us as f64 / 1000.0
    }

    /// How many timers were ever armed (a busy-polling waiter would arm one per poll).
    pub fn timers_created(&self) -> u64 {
        self.state.borrow().created
    }

    /// Jumps to the earliest live timer and fires every timer due then. False when no live
    /// timer is left.
    fn advance(&self) -> bool {
        let due: Vec<Rc<Timer>> = {
            let mut s = self.state.borrow_mut();
            let next = loop {
                let Some(Reverse((at, seq))) = s.heap.peek().copied() else {
                    return false;
                };
                match s.timers.get(&seq).and_then(std::rc::Weak::upgrade) {
                    Some(_) => break at,
                    None => {
                        s.heap.pop();
                        s.timers.remove(&seq);
                    }
                }
            };
            s.now_us = s.now_us.max(next);
            let mut due = Vec::new();
            while let Some(Reverse((at, seq))) = s.heap.peek().copied() {
                if at > s.now_us {
                    break;
                }
                s.heap.pop();
                if let Some(t) = s.timers.remove(&seq).and_then(|w| w.upgrade()) {
                    due.push(t);
                }
            }
            due
        };
        for t in due {
            t.fired.set(true);
            if let Some(w) = t.waker.borrow_mut().take() {
                w.wake();
            }
        }
        true
    }
}

/// A sleep on the [`SimClock`]; dropping it cancels the timer.
pub struct Sleep {
    clock: SimClock,
    duration: Duration,
    timer: Option<Rc<Timer>>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.duration.is_zero() {
            return Poll::Ready(());
        }
        match &self.timer {
            Some(t) if t.fired.get() => Poll::Ready(()),
            Some(t) => {
                *t.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
            None => {
                let t = Rc::new(Timer::default());
                *t.waker.borrow_mut() = Some(cx.waker().clone());
                {
                    let mut s = self.clock.state.borrow_mut();
                    let at = s.now_us + self.duration.as_micros() as u64;
                    let seq = s.seq;
                    s.seq += 1;
                    s.created += 1;
                    s.heap.push(Reverse((at, seq)));
                    s.timers.insert(seq, Rc::downgrade(&t));
                }
                self.timer = Some(t);
                Poll::Pending
            }
        }
    }
}

impl SimClock {
    /// A sleep that owns its handle on the clock.
    pub fn sleep_owned(&self, duration: Duration) -> Sleep {
        Sleep {
            clock: self.clone(),
            duration,
            timer: None,
        }
    }
}

impl Clock for SimClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        self.sleep_owned(duration)
    }

    fn now_ms(&self) -> f64 {
        EPOCH_MS + self.elapsed_ms()
    }
}

struct Flag(AtomicBool);

impl ArcWake for Flag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs `f` to completion on virtual time: polls it whenever it was woken; when it is waiting
/// and not woken, jumps the clock to the next timer. Panics on a deadlock (waiting, no timer).
pub fn run<F: Future>(clock: &SimClock, f: F) -> F::Output {
    let flag = Arc::new(Flag(AtomicBool::new(true)));
    let waker = futures::task::waker(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    loop {
        if flag.0.swap(false, Ordering::SeqCst) {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
            continue;
        }
        assert!(
            clock.advance(),
            "deadlock: every future is waiting and no timer is pending"
        );
    }
}

/// What a [`SimTransport`] handler answers.
pub enum SimReply {
    /// A response after the transport's latency.
    Http(HttpResponse),
    /// A connection failure after the latency.
    Connection(&'static str),
    /// No answer, ever (the request loop's timeout must fire).
    Hang,
}

/// A JSON reply.
pub fn sim_json(status: u16, body: serde_json::Value) -> SimReply {
    SimReply::Http(HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: serde_json::to_vec(&body).unwrap(),
    })
}

type Handler = dyn Fn(&HttpRequest) -> SimReply;

/// A transport that records `(virtual ms, request)` and answers from a handler after `latency`.
#[derive(Clone)]
pub struct SimTransport {
    clock: SimClock,
    latency: Duration,
    handler: Rc<Handler>,
    log: Rc<RefCell<Vec<(f64, HttpRequest)>>>,
}

impl SimTransport {
    pub fn new(
        clock: &SimClock,
        latency: Duration,
        handler: impl Fn(&HttpRequest) -> SimReply + 'static,
    ) -> Self {
        SimTransport {
            clock: clock.clone(),
            latency,
            handler: Rc::new(handler),
            log: Rc::default(),
        }
    }

    /// Every request with the virtual time it was sent at (ms since the clock's creation).
    pub fn log(&self) -> Vec<(f64, HttpRequest)> {
        self.log.borrow().clone()
    }

    /// Send times only.
    pub fn times(&self) -> Vec<f64> {
        self.log.borrow().iter().map(|(t, _)| *t).collect()
    }
}

impl Transport for SimTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let reply = (self.handler)(&request);
        self.log
            .borrow_mut()
            .push((self.clock.elapsed_ms(), request));
        let sleep = self.clock.sleep_owned(self.latency);
        let fut: LocalBoxFuture<'static, Result<HttpResponse, TransportError>> = match reply {
            SimReply::Http(r) => async move {
                sleep.await;
                Ok(r)
            }
            .boxed_local(),
            SimReply::Connection(m) => async move {
                sleep.await;
                Err(TransportError::Connection(m.into()))
            }
            .boxed_local(),
            SimReply::Hang => futures::future::pending().boxed_local(),
        };
        fut
    }
}

/// The largest number of `times` (sorted or not) within any half-open window of `width_ms`.
pub fn max_in_window(times: &[f64], width_ms: f64) -> usize {
    let mut t = times.to_vec();
    t.sort_by(f64::total_cmp);
    let mut best = 0;
    let mut lo = 0;
    for hi in 0..t.len() {
        while t[hi] - t[lo] >= width_ms {
            lo += 1;
        }
        best = best.max(hi - lo + 1);
    }
    best
}
