//! Test doubles for the two seams: a scripted [`MockTransport`] that records every request, and
//! a [`VirtualClock`] whose sleeps complete at once and advance virtual time.
#![allow(dead_code)]

pub mod sim;
pub mod spec;

use futures::future::{FutureExt, LocalBoxFuture};
use instantly_wasm::http::{Clock, HttpRequest, HttpResponse, Transport, TransportError};
use instantly_wasm::{Client, ClientOptions};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

pub const KEY: &str = "sk_test_4f3a9c2b1e";
pub const BASE: &str = "https://api.example.test";

/// What the mock answers to one attempt.
pub enum Reply {
    /// A response.
    Http(HttpResponse),
    /// A network failure.
    Connection(&'static str),
    /// Never answers (the request loop's timeout must fire).
    Hang,
}

/// A JSON response with `status`.
pub fn json(status: u16, body: serde_json::Value) -> Reply {
    Reply::Http(HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: serde_json::to_vec(&body).unwrap(),
    })
}

/// A response with extra headers and a raw body.
pub fn raw(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    Reply::Http(HttpResponse {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
    })
}

#[derive(Default)]
struct MockState {
    replies: VecDeque<Reply>,
    requests: Vec<HttpRequest>,
    dropped_in_flight: usize,
}

/// Scripted transport; clones share state.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Rc<RefCell<MockState>>,
}

impl MockTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues the answer to the next attempt.
    pub fn push(&self, reply: Reply) -> &Self {
        self.state.borrow_mut().replies.push_back(reply);
        self
    }

    /// Every request sent so far.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.state.borrow().requests.clone()
    }

    /// The only request sent (panics otherwise).
    pub fn single(&self) -> HttpRequest {
        let reqs = self.requests();
        assert_eq!(reqs.len(), 1, "expected exactly one request, got {reqs:?}");
        reqs.into_iter().next().unwrap()
    }

    /// How many attempts were dropped before answering (aborted fetches).
    pub fn dropped_in_flight(&self) -> usize {
        self.state.borrow().dropped_in_flight
    }
}

struct DropGuard(Rc<RefCell<MockState>>);
impl Drop for DropGuard {
    fn drop(&mut self) {
        self.0.borrow_mut().dropped_in_flight += 1;
    }
}

impl Transport for MockTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> impl Future<Output = Result<HttpResponse, TransportError>> {
        let reply = {
            let mut s = self.state.borrow_mut();
            s.requests.push(request);
            s.replies
                .pop_front()
                .expect("the mock transport ran out of scripted replies")
        };
        let state = self.state.clone();
        let fut: LocalBoxFuture<'static, Result<HttpResponse, TransportError>> = match reply {
            Reply::Http(r) => async move { Ok(r) }.boxed_local(),
            Reply::Connection(m) => {
                async move { Err(TransportError::Connection(m.into())) }.boxed_local()
            }
            Reply::Hang => {
                let guard = DropGuard(state);
                async move {
                    let _g = guard;
                    futures::future::pending::<()>().await;
                    unreachable!()
                }
                .boxed_local()
            }
        };
        fut
    }
}

/// Virtual time: sleeps finish immediately when polled and advance `now`.
#[derive(Clone)]
pub struct VirtualClock {
    now: Rc<Cell<f64>>,
    sleeps: Rc<RefCell<Vec<Duration>>>,
}

impl Default for VirtualClock {
    fn default() -> Self {
        VirtualClock {
            now: Rc::new(Cell::new(1_700_000_000_000.0)),
            sleeps: Rc::default(),
        }
    }
}

impl VirtualClock {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every completed sleep, in order (timeouts that fired included).
    pub fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.borrow().clone()
    }

    /// Virtual milliseconds elapsed since the clock was created.
    pub fn elapsed_ms(&self) -> f64 {
        self.now.get() - 1_700_000_000_000.0
    }
}

impl Clock for VirtualClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        let now = self.now.clone();
        let sleeps = self.sleeps.clone();
        async move {
            now.set(now.get() + duration.as_secs_f64() * 1000.0);
            sleeps.borrow_mut().push(duration);
        }
    }

    fn now_ms(&self) -> f64 {
        self.now.get()
    }
}

pub type TestClient = Client<MockTransport, VirtualClock>;

/// A client against [`BASE`] with [`KEY`], plus handles on its transport and clock.
pub fn client() -> (TestClient, MockTransport, VirtualClock) {
    client_with(ClientOptions::new(KEY).with_base_url(BASE))
}

pub fn client_with(options: ClientOptions) -> (TestClient, MockTransport, VirtualClock) {
    let transport = MockTransport::new();
    let clock = VirtualClock::new();
    let client = Client::new(options, transport.clone(), clock.clone()).unwrap();
    (client, transport, clock)
}

/// Runs a future to completion on this thread.
pub fn run<F: Future>(f: F) -> F::Output {
    futures::executor::block_on(f)
}

/// The JSON body of a request.
pub fn body_of(req: &HttpRequest) -> serde_json::Value {
    serde_json::from_slice(req.body.as_ref().expect("request has no body")).unwrap()
}

/// A campaign as the spec's example answers it.
pub fn campaign_json(id: &str, name: &str, status: i64) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "name": name,
        "status": status,
        "campaign_schedule": {
            "schedules": [{
                "name": "Weekdays",
                "timing": {"from": "09:00", "to": "17:00"},
                "days": {"1": true, "2": true, "3": true, "4": true, "5": true},
                "timezone": "America/Chicago"
            }]
        },
        "timestamp_created": "2026-08-13T11:11:55.811Z",
        "timestamp_updated": "2026-08-13T11:11:55.811Z",
        "organization": "0199a3f2-0000-7000-8000-000000000001",
        "some_future_field": {"nested": true}
    })
}
