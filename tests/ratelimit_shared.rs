//! One budget per workspace: the realm registry (many short-lived clients with one key), lower
//! per-client limits on top of it, and coordinators sharing the budget between limiters that
//! know nothing of each other (as separate processes would), on a simulated timeline against a
//! server that answers 429 past 100 requests in any second.

mod support;

use futures::future::join_all;
use instantly_wasm::http::{ApiRequest, HttpRequest, HttpResponse};
use instantly_wasm::ratelimit::realm::registry_len;
use instantly_wasm::ratelimit::shared::Budgets;
use instantly_wasm::ratelimit::{
    Coordinator, Feedback, Lease, LeaseRequest, MemoryCoordinator, RateLimit, SharedCoordinator,
    Sharing,
};
use instantly_wasm::{Client, ClientOptions, RequestOptions};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;
use support::sim::{max_in_window, run, sim_json, SimClock, SimReply, SimTransport};
use support::{BASE, KEY};

type SimClient = Client<SimTransport, SimClock>;

/// A server allowing `limit` requests per sliding second; counts its 429s.
struct Server {
    clock: SimClock,
    limit: usize,
    hits: RefCell<VecDeque<f64>>,
    rejected: Cell<usize>,
    accepted: RefCell<Vec<f64>>,
}

impl Server {
    fn new(clock: &SimClock, limit: usize) -> Rc<Server> {
        Rc::new(Server {
            clock: clock.clone(),
            limit,
            hits: RefCell::default(),
            rejected: Cell::new(0),
            accepted: RefCell::default(),
        })
    }

    fn answer(&self, _: &HttpRequest) -> SimReply {
        let now = self.clock.elapsed_ms();
        let mut h = self.hits.borrow_mut();
        while h.front().is_some_and(|&t| now - t >= 1000.0) {
            h.pop_front();
        }
        if h.len() >= self.limit {
            self.rejected.set(self.rejected.get() + 1);
            return SimReply::Http(HttpResponse {
                status: 429,
                headers: vec![("retry-after".into(), "1".into())],
                body: br#"{"statusCode":429,"error":"Too Many Requests"}"#.to_vec(),
            });
        }
        h.push_back(now);
        self.accepted.borrow_mut().push(now);
        sim_json(200, json!({}))
    }

    fn transport(self: &Rc<Self>) -> SimTransport {
        let s = self.clone();
        SimTransport::new(&self.clock, Duration::from_millis(30), move |r| s.answer(r))
    }
}

fn client(server: &Rc<Server>, options: ClientOptions) -> SimClient {
    Client::new(
        options.with_base_url(BASE).with_max_retries(10),
        server.transport(),
        server.clock.clone(),
    )
    .unwrap()
}

async fn calls(c: &SimClient, n: usize) -> Vec<instantly_wasm::Result<Value>> {
    join_all((0..n).map(|i| {
        let req = ApiRequest::get("/campaigns").query_pair("i", i.to_string());
        async move { c.request::<Value>(req, &RequestOptions::default()).await }
    }))
    .await
}

#[test]
fn five_hundred_calls_through_fifty_short_lived_clients_share_one_budget() {
    let clock = SimClock::new();
    let server = Server::new(&clock, 100);
    let work = async {
        let mut results = Vec::new();
        // 50 clients, each made for 10 concurrent calls and dropped when they are done; half of
        // them start while the others are still queued.
        let batch = |_| {
            let server = server.clone();
            async move {
                let c = client(&server, ClientOptions::new(KEY));
                calls(&c, 10).await
            }
        };
        let first = join_all((0..25).map(batch));
        let second = async {
            support::sim::SimClock::sleep_owned(&clock, Duration::from_millis(500)).await;
            join_all((25..50).map(batch)).await
        };
        let (a, b) = futures::future::join(first, second).await;
        results.extend(a.into_iter().flatten());
        results.extend(b.into_iter().flatten());
        results
    };
    let results = run(&clock, work);
    assert_eq!(results.len(), 500);
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(server.rejected.get(), 0, "no 429");
    assert!(max_in_window(&server.accepted.borrow(), 1000.0) <= 100);
    // Every client is gone; the shared limiter stays until idle, then the next registration
    // drops it.
    assert_eq!(registry_len(), 1);
    run(&clock, async {
        support::sim::SimClock::sleep_owned(&clock, Duration::from_secs(62)).await;
    });
    let other = client(&server, ClientOptions::new("another-key"));
    assert_eq!(registry_len(), 1, "the idle entry was dropped");
    drop(other);
}

#[test]
fn without_the_registry_fifty_clients_collect_429s() {
    let clock = SimClock::new();
    let server = Server::new(&clock, 100);
    let work = join_all((0..50).map(|_| {
        let server = server.clone();
        async move {
            let c = client(
                &server,
                ClientOptions::new(KEY).with_rate_limit_sharing(Sharing::PerClient),
            );
            calls(&c, 10).await
        }
    }));
    run(&clock, work);
    assert!(
        server.rejected.get() > 100,
        "{} × 429",
        server.rejected.get()
    );
}

#[test]
fn a_lower_limit_caps_its_client_on_top_of_the_shared_budget() {
    let clock = SimClock::new();
    let server = Server::new(&clock, 100);
    let slow = client(
        &server,
        ClientOptions::new(KEY).with_rate_limit(Some(RateLimit {
            per_second: Some(10),
            ..RateLimit::default()
        })),
    );
    let fast = client(&server, ClientOptions::new(KEY));
    let (a, b) = run(
        &clock,
        futures::future::join(calls(&slow, 50), calls(&fast, 300)),
    );
    assert!(a.iter().chain(&b).all(Result::is_ok));
    assert_eq!(server.rejected.get(), 0);
    assert!(max_in_window(&server.accepted.borrow(), 1000.0) <= 100);
    // 50 calls at 10/s (after a burst of one) take about 5 s; the 300 others about 3 s.
    assert!(clock.elapsed_ms() >= 4_500.0, "{}", clock.elapsed_ms());
}

/// Two limiters that share only a coordinator (different coordinator ids: two registry
/// entries, as two processes would have), each driving `n` concurrent calls.
fn two_processes(n: usize, coordinated: bool) -> (Rc<Server>, f64, u64) {
    let clock = SimClock::new();
    let server = Server::new(&clock, 100);
    let budgets = Rc::new(RefCell::new(Budgets::default()));
    let mut leases = Vec::new();
    let clients: Vec<SimClient> = (0..2)
        .map(|p| {
            let sharing = if coordinated {
                let c = clock.clone();
                let coord = Rc::new(MemoryCoordinator::over(p, budgets.clone(), move || {
                    instantly_wasm::http::Clock::now_ms(&c)
                }));
                leases.push(coord.clone());
                Sharing::Coordinated(SharedCoordinator(coord))
            } else {
                Sharing::PerClient
            };
            client(
                &server,
                ClientOptions::new(KEY).with_rate_limit_sharing(sharing),
            )
        })
        .collect();
    let results = run(&clock, join_all(clients.iter().map(|c| calls(c, n))));
    assert!(results.iter().flatten().all(Result::is_ok));
    let elapsed = clock.elapsed_ms();
    (server, elapsed, leases.iter().map(|c| c.leases()).sum())
}

#[test]
fn two_processes_with_one_coordinator_keep_the_workspace_limit() {
    let (server, elapsed, leases) = two_processes(600, true);
    assert_eq!(server.rejected.get(), 0, "no 429");
    let accepted = server.accepted.borrow();
    assert_eq!(accepted.len(), 1200);
    assert!(max_in_window(&accepted, 1000.0) <= 100);
    let rate = 1200.0 / (elapsed / 1000.0);
    assert!(rate >= 90.0, "combined rate {rate:.1}/s");
    // Batched: far fewer round trips than requests.
    assert!(leases < 1200 / 10, "{leases} leases");

    let (alone, _, _) = two_processes(600, false);
    assert!(
        alone.rejected.get() > 0,
        "the same load without it collects 429s"
    );
}

/// A coordinator that fails (an error, or no answer at all).
struct Broken {
    hang: bool,
    feedback: Cell<usize>,
}

impl Coordinator for Broken {
    fn id(&self) -> u64 {
        if self.hang {
            91
        } else {
            90
        }
    }

    fn lease(
        &self,
        _: &LeaseRequest,
    ) -> futures::future::LocalBoxFuture<'static, Result<Lease, String>> {
        if self.hang {
            Box::pin(futures::future::pending())
        } else {
            Box::pin(async { Err("coordinator unreachable".to_string()) })
        }
    }

    fn feedback(&self, _: &Feedback) {
        self.feedback.set(self.feedback.get() + 1);
    }
}

#[test]
fn a_failing_coordinator_falls_back_to_local_limits() {
    for hang in [false, true] {
        let clock = SimClock::new();
        let server = Server::new(&clock, 100);
        let broken = Rc::new(Broken {
            hang,
            feedback: Cell::new(0),
        });
        let c = client(
            &server,
            ClientOptions::new(KEY)
                .with_rate_limit_sharing(Sharing::Coordinated(SharedCoordinator(broken.clone()))),
        );
        let results = run(&clock, calls(&c, 300));
        assert!(results.iter().all(Result::is_ok), "hang: {hang}");
        assert_eq!(server.rejected.get(), 0);
        assert!(c.rate_limiter().unwrap().lease_failures() >= 1);
    }
}

#[test]
fn a_429_reaches_the_coordinator_and_pauses_every_sharer() {
    let clock = SimClock::new();
    // The server allows 40/s: another tenant of the workspace uses the rest.
    let server = Server::new(&clock, 40);
    let budgets = Rc::new(RefCell::new(Budgets::default()));
    let c = clock.clone();
    let coord = Rc::new(MemoryCoordinator::over(7, budgets.clone(), move || {
        instantly_wasm::http::Clock::now_ms(&c)
    }));
    let a = client(
        &server,
        ClientOptions::new(KEY)
            .with_rate_limit_sharing(Sharing::Coordinated(SharedCoordinator(coord.clone()))),
    );
    let results = run(&clock, calls(&a, 400));
    assert!(results.iter().all(Result::is_ok));
    // The coordinator slowed down: rejections stay a handful.
    assert!(
        server.rejected.get() < 40,
        "{} × 429",
        server.rejected.get()
    );
    assert!(server.rejected.get() > 0);
}

#[test]
fn unregistered_clients_keep_out_of_the_registry_and_share_through_the_coordinator() {
    // As in Cloudflare Workers: each client has a limiter of its own (no registry entry), and
    // 300 single-call clients (a client per request) still keep to 100/s together through one
    // coordinator, each lease buying a place in line.
    let clock = SimClock::new();
    let server = Server::new(&clock, 100);
    let c = clock.clone();
    let coord = Rc::new(MemoryCoordinator::new(11, move || {
        instantly_wasm::http::Clock::now_ms(&c)
    }));
    let clients: Vec<SimClient> = (0..300)
        .map(|_| {
            client(
                &server,
                ClientOptions::new(KEY).with_rate_limit_sharing(Sharing::Unregistered(Some(
                    SharedCoordinator(coord.clone()),
                ))),
            )
        })
        .collect();
    assert_eq!(registry_len(), 0);
    let results = run(&clock, join_all(clients.iter().map(|c| calls(c, 1))));
    assert!(results.iter().flatten().all(Result::is_ok));
    assert_eq!(server.rejected.get(), 0, "no 429");
    assert!(max_in_window(&server.accepted.borrow(), 1000.0) <= 100);
    // One lease per client: each got its place at once, nobody asked twice.
    assert_eq!(coord.leases(), 300);
}
