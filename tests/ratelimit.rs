//! The rate limiter inside the request loop, on a simulated timeline: ceilings and FIFO order
//! under 500 concurrent calls, route lanes, retries taking budget, 429 feedback, cancellation
//! while queued, and the JS option parsing.

mod support;

use futures::future::join_all;
use instantly_wasm::http::{ApiRequest, HttpRequest, HttpResponse};
use instantly_wasm::ratelimit::{RateLimit, RateLimitOptions, Sharing};
use instantly_wasm::{CancelToken, Client, ClientOptions, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;
use support::sim::{max_in_window, run, sim_json, SimClock, SimReply, SimTransport};
use support::{BASE, KEY};

type SimClient = Client<SimTransport, SimClock>;

fn sim_client(
    rate_limit: Option<RateLimit>,
    latency_ms: u64,
    handler: impl Fn(&HttpRequest) -> SimReply + 'static,
) -> (SimClient, SimTransport, SimClock) {
    let clock = SimClock::new();
    let transport = SimTransport::new(&clock, Duration::from_millis(latency_ms), handler);
    // Each scenario of the policy starts from a fresh budget: a limiter of the client's own
    // (the realm registry is exercised in tests/ratelimit_shared.rs).
    let options = ClientOptions::new(KEY)
        .with_base_url(BASE)
        .with_rate_limit(rate_limit)
        .with_rate_limit_sharing(Sharing::PerClient);
    let client = Client::new(options, transport.clone(), clock.clone()).unwrap();
    (client, transport, clock)
}

fn ok(_: &HttpRequest) -> SimReply {
    sim_json(200, json!({"ok": true}))
}

/// The `i` query value of a logged request.
fn index_of(req: &HttpRequest) -> usize {
    let q = req.url.split("i=").nth(1).expect("request without i=");
    q.split('&').next().unwrap().parse().unwrap()
}

/// `n` concurrent GETs to `path`, call `i` carrying `?i=i`; returns each result.
async fn burst(c: &SimClient, path: &str, n: usize) -> Vec<instantly_wasm::Result<Value>> {
    join_all((0..n).map(|i| {
        let req = ApiRequest::get(path).query_pair("i", i.to_string());
        async move { c.request::<Value>(req, &RequestOptions::default()).await }
    }))
    .await
}

#[test]
fn five_hundred_concurrent_calls_keep_both_ceilings_in_fifo_order() {
    let config = RateLimit {
        per_second: Some(100),
        per_minute: Some(300),
        route_limits: true,
    };
    let (c, t, clock) = sim_client(Some(config), 40, ok);
    let results = run(&clock, burst(&c, "/campaigns", 500));
    assert!(results.iter().all(Result::is_ok));
    let times = t.times();
    assert_eq!(times.len(), 500);
    assert!(max_in_window(&times, 1000.0) <= 100, "per-second ceiling");
    assert!(max_in_window(&times, 60_000.0) <= 300, "per-minute ceiling");
    // Served strictly in call order.
    let order: Vec<usize> = t.log().iter().map(|(_, r)| index_of(r)).collect();
    assert_eq!(order, (0..500).collect::<Vec<_>>());
    // Not needlessly slow: 300 within the first minute (3 s at 100/s), the other 200 right after
    // the minute window (plus its 2% margin) frees up, at 100/s again.
    assert!(times[299] < 3_200.0, "300th grant at {}", times[299]);
    assert!(times[300] >= 61_200.0, "301st grant at {}", times[300]);
    assert!(
        times[499] < 61_200.0 + 2_200.0,
        "last grant at {}",
        times[499]
    );
    // Waiters sleep on wakers, not on polling timers: about one timer per grant for the head of
    // the line, plus one latency and one timeout timer per attempt.
    assert!(
        clock.timers_created() < 4 * 500,
        "{} timers armed",
        clock.timers_created()
    );
    assert_eq!(c.rate_limiter().unwrap().waiting(), 0);
}

#[test]
fn default_limits_pace_a_burst_at_about_100_per_second() {
    let (c, t, clock) = sim_client(Some(RateLimit::default()), 40, ok);
    run(&clock, burst(&c, "/campaigns", 500));
    let times = t.times();
    assert!(max_in_window(&times, 1000.0) <= 100);
    // Never more than a tenth of the limit at one instant.
    assert!(max_in_window(&times, 1.0) <= 10);
    let last = times[499];
    assert!((4_500.0..5_300.0).contains(&last), "last grant at {last}");
}

#[test]
fn without_a_limiter_everything_goes_at_once() {
    let (c, t, clock) = sim_client(None, 40, ok);
    run(&clock, burst(&c, "/campaigns", 500));
    assert!(t.times().iter().all(|&ms| ms == 0.0));
    assert!(c.rate_limiter().is_none());
}

#[test]
fn a_route_limit_queues_its_route_without_blocking_other_traffic() {
    let (c, t, clock) = sim_client(Some(RateLimit::default()), 10, ok);
    let (emails, campaigns) = run(
        &clock,
        futures::future::join(burst(&c, "/emails", 30), burst(&c, "/campaigns", 30)),
    );
    assert!(emails.iter().chain(&campaigns).all(Result::is_ok));
    let log = t.log();
    let at = |path: &str| -> Vec<f64> {
        log.iter()
            .filter(|(_, r)| r.url.contains(&format!("/api/v2{path}?")))
            .map(|(t, _)| *t)
            .collect()
    };
    let (e, k) = (at("/emails"), at("/campaigns"));
    assert_eq!((e.len(), k.len()), (30, 30));
    assert!(k.iter().all(|&ms| ms < 1_000.0), "campaigns were held up");
    assert_eq!(max_in_window(&e, 61_200.0), 20, "GET /emails is 20/minute");
    assert!(e[20] >= 61_200.0 && e[29] < 62_000.0, "{:?}", &e[19..]);
    // GET /emails/{id} is not the limited route.
    let (c2, t2, clock2) = sim_client(Some(RateLimit::default()), 10, ok);
    run(
        &clock2,
        burst(&c2, "/emails/0199a1b2-0000-7000-8000-00000000000a", 30),
    );
    assert!(t2.times().iter().all(|&ms| ms < 1_000.0));
    // Route limits can be turned off.
    let no_routes = RateLimit {
        route_limits: false,
        ..RateLimit::default()
    };
    let (c3, t3, clock3) = sim_client(Some(no_routes), 10, ok);
    run(&clock3, burst(&c3, "/emails", 30));
    assert!(t3.times().iter().all(|&ms| ms < 1_000.0));
}

#[test]
fn retries_take_budget_too() {
    let config = RateLimit {
        per_second: None,
        per_minute: Some(3),
        route_limits: false,
    };
    let first = Rc::new(RefCell::new(true));
    let f = first.clone();
    let (c, t, clock) = sim_client(Some(config), 10, move |_| {
        if f.replace(false) {
            sim_json(503, json!({}))
        } else {
            sim_json(200, json!({}))
        }
    });
    let results = run(&clock, burst(&c, "/campaigns", 3));
    assert!(results.iter().all(Result::is_ok));
    let times = t.times();
    // 3 calls + 1 retry = 4 attempts: the 4th waits for the minute window.
    assert_eq!(times.len(), 4);
    assert!(times[..3].iter().all(|&ms| ms == 0.0));
    assert!(times[3] >= 61_200.0, "retry sent at {}", times[3]);
}

/// A server allowing `limit` requests per sliding second, answering 429 beyond it.
fn strict_server(clock: &SimClock, limit: usize) -> impl Fn(&HttpRequest) -> SimReply {
    let clock = clock.clone();
    let hits: RefCell<VecDeque<f64>> = RefCell::default();
    move |_| {
        let now = clock.elapsed_ms();
        let mut h = hits.borrow_mut();
        while h.front().is_some_and(|&t| now - t >= 1000.0) {
            h.pop_front();
        }
        if h.len() >= limit {
            return SimReply::Http(HttpResponse {
                status: 429,
                headers: vec![],
                body: br#"{"statusCode":429,"error":"Too Many Requests","message":"Rate limit exceeded"}"#.to_vec(),
            });
        }
        h.push_back(now);
        sim_json(200, json!({}))
    }
}

/// Runs 500 concurrent calls against a server allowing 40/s (another process shares the
/// workspace) and returns how many attempts it rejected.
fn rejections_against_a_40_per_second_server(rate_limit: Option<RateLimit>) -> usize {
    let clock = SimClock::new();
    let handler = strict_server(&clock, 40);
    let transport = SimTransport::new(&clock, Duration::from_millis(20), handler);
    let options = ClientOptions::new(KEY)
        .with_base_url(BASE)
        .with_max_retries(10)
        .with_rate_limit(rate_limit);
    let c = Client::new(options, transport.clone(), clock.clone()).unwrap();
    let results = run(&clock, burst(&c, "/campaigns", 500));
    assert!(
        results.iter().all(Result::is_ok),
        "every call eventually succeeds"
    );
    transport.log().len() - 500
}

#[test]
fn a_429_slows_the_limiter_down_below_the_server_rate() {
    // The client believes in 100/s; the server allows 40/s. Feedback from the first 429s brings
    // the paced rate down, so rejections stay a handful, where a client without a limiter
    // (retrying with backoff) collects hundreds.
    let with = rejections_against_a_40_per_second_server(Some(RateLimit::default()));
    let without = rejections_against_a_40_per_second_server(None);
    assert!(with < 20, "{with} rejections with the limiter");
    assert!(
        without > 10 * with.max(1),
        "{without} rejections without a limiter"
    );
}

#[test]
fn retry_after_on_a_429_holds_back_every_queued_call() {
    let clock = SimClock::new();
    let n = Rc::new(RefCell::new(0));
    let n2 = n.clone();
    let transport = SimTransport::new(&clock, Duration::from_millis(5), move |_| {
        *n2.borrow_mut() += 1;
        if *n2.borrow() == 5 {
            SimReply::Http(HttpResponse {
                status: 429,
                headers: vec![("retry-after".into(), "2".into())],
                body: b"{}".to_vec(),
            })
        } else {
            sim_json(200, json!({}))
        }
    });
    let c = Client::new(
        ClientOptions::new(KEY).with_base_url(BASE),
        transport.clone(),
        clock.clone(),
    )
    .unwrap();
    let results = run(&clock, burst(&c, "/campaigns", 40));
    assert!(results.iter().all(Result::is_ok));
    let times = transport.times();
    // The 429 arrived at 5 ms (sent at 0 in the first burst of 10); nothing was sent after it
    // until 2 s later.
    let after: Vec<f64> = times.iter().copied().filter(|&t| t > 0.0).collect();
    assert!(!after.is_empty());
    assert!(after.iter().all(|&t| t >= 2_005.0), "{after:?}");
}

#[test]
fn cancelling_a_queued_call_lets_the_next_one_through() {
    let config = RateLimit {
        per_second: None,
        per_minute: Some(1),
        route_limits: false,
    };
    let (c, t, clock) = sim_client(Some(config), 10, ok);
    let token = CancelToken::new();
    let cancelled = RequestOptions {
        cancel: Some(token.clone()),
        ..Default::default()
    };
    let plain = RequestOptions::default();
    let get = |i: u32| ApiRequest::get("/campaigns").query_pair("i", i.to_string());
    let (a, b, cc, _) = run(&clock, async {
        futures::join!(
            c.request::<Value>(get(0), &plain),
            c.request::<Value>(get(1), &cancelled),
            c.request::<Value>(get(2), &plain),
            async {
                use instantly_wasm::http::Clock;
                clock.sleep(Duration::from_secs(10)).await;
                token.cancel();
            }
        )
    });
    assert!(a.is_ok() && cc.is_ok());
    let err = b.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Aborted);
    assert_eq!(err.path.as_deref(), Some("/api/v2/campaigns"));
    let log = t.log();
    let sent: Vec<(f64, usize)> = log.iter().map(|(t, r)| (*t, index_of(r))).collect();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0], (0.0, 0));
    assert_eq!(sent[1].1, 2);
    assert!((61_200.0..61_300.0).contains(&sent[1].0), "{sent:?}");
    assert_eq!(c.rate_limiter().unwrap().waiting(), 0);
}

#[test]
fn js_rate_limit_option_is_false_or_a_strict_object() {
    assert_eq!(
        RateLimitOptions::from_js(None).unwrap(),
        Some(RateLimit::default())
    );
    assert_eq!(RateLimitOptions::from_js(Some(json!(false))).unwrap(), None);
    let custom = RateLimitOptions::from_js(Some(json!({"perSecond": 20, "routeLimits": false})))
        .unwrap()
        .unwrap();
    assert_eq!(custom.per_second, Some(20));
    assert_eq!(custom.per_minute, Some(6_000));
    assert!(!custom.route_limits);
    let typo = RateLimitOptions::from_js(Some(json!({"perSec": 20}))).unwrap_err();
    assert_eq!(typo.kind, ErrorKind::Validation);
    assert_eq!(typo.field.as_deref(), Some("rateLimit.perSec"));
    let wrong = RateLimitOptions::from_js(Some(json!(true))).unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("rateLimit"));
    let zero = ClientOptions::new(KEY).with_rate_limit(Some(RateLimit {
        per_second: Some(0),
        ..RateLimit::default()
    }));
    let e = zero.validate(false, false).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("rateLimit.perSecond"));
}

/// A transport whose requests reach the server after a varying delay (a busy event loop, a
/// connection pool), recording arrival times.
#[derive(Clone)]
struct LateArrivals {
    clock: SimClock,
    arrivals: Rc<RefCell<Vec<f64>>>,
    seq: Rc<std::cell::Cell<u64>>,
}

impl instantly_wasm::http::Transport for LateArrivals {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> impl std::future::Future<Output = Result<HttpResponse, instantly_wasm::http::TransportError>>
    {
        // Delays of 0–290 ms in a scrambled order.
        let n = self.seq.get();
        self.seq.set(n + 1);
        let delay = Duration::from_millis((n * 7919) % 30 * 10);
        let (clock, arrivals) = (self.clock.clone(), self.arrivals.clone());
        async move {
            clock.sleep_owned(delay).await;
            arrivals.borrow_mut().push(clock.elapsed_ms());
            clock.sleep_owned(Duration::from_millis(5)).await;
            Ok(HttpResponse {
                status: 200,
                headers: vec![],
                body: b"{}".to_vec(),
            })
        }
    }
}

#[test]
fn late_departures_never_push_the_server_over_its_limit() {
    let clock = SimClock::new();
    let transport = LateArrivals {
        clock: clock.clone(),
        arrivals: Rc::default(),
        seq: Rc::default(),
    };
    let c = Client::new(
        ClientOptions::new(KEY).with_base_url(BASE),
        transport.clone(),
        clock.clone(),
    )
    .unwrap();
    let plain = RequestOptions::default();
    let results = run(&clock, async {
        join_all((0..500).map(|_| c.request::<Value>(ApiRequest::get("/campaigns"), &plain))).await
    });
    assert!(results.iter().all(Result::is_ok));
    let arrivals = transport.arrivals.borrow();
    assert_eq!(arrivals.len(), 500);
    // What the server sees, by arrival: never more than 100 within a second.
    assert!(
        max_in_window(&arrivals, 1000.0) <= 100,
        "{}",
        max_in_window(&arrivals, 1000.0)
    );
}
