//! Concurrency, rate limits, fault injection, the request log, the control
//! plane and the sending simulation.

mod common;

use common::*;
use fake_instantly::RuntimeConfig;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_bulk_adds_lose_nothing_and_duplicate_nothing() {
    let f = Fake::new().await;
    let c = f.campaign("Concurrent").await;
    let cid = c["id"].as_str().unwrap().to_string();
    // 200 requests of 10 leads; each email appears in 2 different requests,
    // so 1000 distinct emails arrive twice each, all at once.
    let mut tasks = Vec::new();
    for r in 0..200usize {
        let (http, base, cid) = (f.http.clone(), f.base.clone(), cid.clone());
        tasks.push(tokio::spawn(async move {
            let leads: Vec<Value> = (0..10)
                .map(|i| json!({"email": format!("p{}@example.com", (r % 100) * 10 + i)}))
                .collect();
            let resp = http
                .post(format!("{base}/api/v2/leads/add"))
                .bearer_auth(KEY)
                .json(&json!({"campaign_id": cid, "leads": leads}))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }));
    }
    let mut uploaded = 0;
    let mut duplicated = 0;
    let mut created_ids = HashSet::new();
    for t in tasks {
        let v = t.await.unwrap();
        assert_matches_spec("POST", "/api/v2/leads/add", 200, &v);
        uploaded += v["leads_uploaded"].as_u64().unwrap();
        duplicated += v["duplicated_leads"].as_u64().unwrap();
        for c in v["created_leads"].as_array().unwrap() {
            assert!(created_ids.insert(c["id"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(uploaded, 1000);
    assert_eq!(duplicated, 1000);
    let state = f.state().await;
    let leads = state["leads"].as_array().unwrap();
    assert_eq!(leads.len(), 1000);
    let emails: HashSet<&str> = leads.iter().map(|l| l["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 1000, "no email twice in the campaign");
    let ids: HashSet<String> = leads
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, created_ids);
}

#[tokio::test]
async fn rate_limits_per_second_and_per_minute_with_counters() {
    let f = Fake::with(RuntimeConfig {
        rate_per_second: 5,
        rate_per_minute: 0,
        ..RuntimeConfig::default()
    })
    .await;
    // The limiter's clock stands still while the test runs, however slow.
    f.control("POST", "/clock", Some(json!({"freeze": true})))
        .await;
    let mut codes = Vec::new();
    for _ in 0..8 {
        codes.push(
            f.send("GET", "/api/v2/campaigns", Some(KEY), None)
                .await
                .status,
        );
    }
    assert_eq!(codes, vec![200, 200, 200, 200, 200, 429, 429, 429]);
    // Another workspace has its own window.
    f.control("POST", "/keys", Some(json!({"api_key": "other"})))
        .await;
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some("other"), None)
            .await
            .status,
        200
    );
    // The window slides: a second later the key works again.
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        429,
        "still inside the second"
    );
    let clock = f
        .control("POST", "/clock", Some(json!({"advance_ms": 1000})))
        .await;
    assert_eq!(clock, json!({"frozen": true, "offset_ms": 1000}));
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200
    );
    let state = f.state().await;
    assert_eq!(state["counters"]["rate_limited"], 4);
    assert_eq!(state["counters"]["requests"], 10);
    // Per-minute limit, set at runtime; 0 turns a limit off.
    f.control(
        "POST",
        "/config",
        Some(json!({"rate_per_second": 0, "rate_per_minute": 7})),
    )
    .await;
    let mut codes = Vec::new();
    for _ in 0..3 {
        codes.push(
            f.send("GET", "/api/v2/campaigns", Some(KEY), None)
                .await
                .status,
        );
    }
    assert_eq!(
        codes,
        vec![200, 429, 429],
        "6 of 7 were used in the last minute"
    );
    f.control("POST", "/clock", Some(json!({"advance_ms": 60_000})))
        .await;
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200,
        "a minute later the minute window is empty again"
    );
    f.control("POST", "/config", Some(json!({"rate_per_minute": 0})))
        .await;
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200
    );
    let cfg = f.control("GET", "/config", None).await;
    assert_eq!(cfg["rate_per_minute"], 0);
}

async fn add_fault(f: &Fake, rule: Value) {
    f.control("POST", "/faults", Some(rule)).await;
}

#[tokio::test]
async fn status_faults_answer_then_expire() {
    let f = Fake::new().await;
    add_fault(
        &f,
        json!({"method": "GET", "path": "/api/v2/campaigns", "count": 2,
        "fault": {"type": "status", "status": 429, "retry_after": "2"}}),
    )
    .await;
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.headers["retry-after"], "2");
    assert_eq!(r.json()["message"], "Rate limit exceeded");
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        429
    );
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200,
        "count exhausted"
    );
    // Method and prefix matching, custom bodies.
    add_fault(
        &f,
        json!({"path": "/api/v2/leads*", "fault": {"type": "status", "status": 503}}),
    )
    .await;
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200,
        "path does not match"
    );
    let r = f
        .send("POST", "/api/v2/leads/list", Some(KEY), Some(&json!({})))
        .await;
    assert_eq!(r.status, 503);
    assert_eq!(
        r.json(),
        json!({"statusCode": 503, "error": "Service Unavailable", "message": "Service Unavailable"})
    );
    for status in [500, 502] {
        add_fault(&f, json!({"fault": {"type": "status", "status": status, "body": "<html>bad gateway</html>"}})).await;
        let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
        assert_eq!(r.status, status);
        assert_eq!(r.text, "<html>bad gateway</html>");
    }
    // `before` faults change nothing, even without auth.
    add_fault(&f, json!({"method": "POST", "path": "/api/v2/campaigns", "fault": {"type": "status", "status": 500}})).await;
    assert_eq!(
        f.send("POST", "/api/v2/campaigns", None, Some(&campaign_body("x")))
            .await
            .status,
        500
    );
    assert_eq!(f.state().await["campaigns"], json!([]));
    // Clearing.
    add_fault(
        &f,
        json!({"count": 5, "fault": {"type": "status", "status": 500}}),
    )
    .await;
    assert_eq!(
        f.control("GET", "/faults", None).await["faults"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    f.control("DELETE", "/faults", None).await;
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn after_faults_apply_the_request_then_fail() {
    let f = Fake::new().await;
    add_fault(
        &f,
        json!({"method": "POST", "path": "/api/v2/campaigns", "when": "after",
        "fault": {"type": "status", "status": 502}}),
    )
    .await;
    let r = f
        .send(
            "POST",
            "/api/v2/campaigns",
            Some(KEY),
            Some(&campaign_body("Lost answer")),
        )
        .await;
    assert_eq!(r.status, 502);
    let state = f.state().await;
    assert_eq!(
        state["campaigns"].as_array().unwrap().len(),
        1,
        "processed anyway"
    );
    assert_eq!(state["campaigns"][0]["name"], "Lost answer");
    // A dropped connection after processing.
    add_fault(&f, json!({"path": "/api/v2/campaigns", "method": "POST", "when": "after", "fault": {"type": "drop"}})).await;
    let err = f
        .http
        .post(format!("{}/api/v2/campaigns", f.base))
        .bearer_auth(KEY)
        .json(&campaign_body("Dropped"))
        .send()
        .await;
    assert!(err.is_err(), "connection closed without a response");
    assert_eq!(f.state().await["campaigns"].as_array().unwrap().len(), 2);
    // Truncated after: the real body, cut short.
    add_fault(&f, json!({"path": "/api/v2/campaigns", "method": "GET", "when": "after", "fault": {"type": "truncated"}})).await;
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert_eq!(r.status, 200);
    assert!(r.text.starts_with("{\"items\":[{\"id\":"));
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
}

#[tokio::test]
async fn drop_delay_truncated_malformed_and_error_body_faults() {
    let f = Fake::new().await;
    add_fault(
        &f,
        json!({"path": "/api/v2/campaigns", "fault": {"type": "drop"}}),
    )
    .await;
    let r = f
        .http
        .get(format!("{}/api/v2/campaigns", f.base))
        .bearer_auth(KEY)
        .send()
        .await;
    let e = r.expect_err("dropped");
    assert!(!e.is_timeout());
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some(KEY), None)
            .await
            .status,
        200,
        "server still fine"
    );

    add_fault(
        &f,
        json!({"path": "/api/v2/campaigns", "fault": {"type": "delay", "ms": 300}}),
    )
    .await;
    let start = Instant::now();
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.status, 200);
    assert_matches_spec("GET", "/api/v2/campaigns", 200, &r.json());

    add_fault(
        &f,
        json!({"path": "/api/v2/campaigns", "fault": {"type": "truncated"}}),
    )
    .await;
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert_eq!(r.status, 200);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(!r.text.is_empty());
    assert!(serde_json::from_str::<Value>(&r.text).is_err());

    add_fault(
        &f,
        json!({"path": "/api/v2/campaigns", "fault": {"type": "malformed"}}),
    )
    .await;
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());

    add_fault(
        &f,
        json!({"path": "/api/v2/campaigns", "fault": {"type": "error_body_200"}}),
    )
    .await;
    let r = f.send("GET", "/api/v2/campaigns", Some(KEY), None).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["statusCode"], 500);
    assert!(v["error"].is_string() && v["message"].is_string());

    let r = f
        .send(
            "POST",
            "/__fake/faults",
            None,
            Some(&json!({"fault": {"type": "explode"}})),
        )
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn request_log_records_and_redacts() {
    let f = Fake::new().await;
    f.send(
        "GET",
        "/api/v2/campaigns?limit=5&ids=a&ids=b",
        Some(KEY),
        None,
    )
    .await;
    f.send(
        "POST",
        "/api/v2/lead-lists",
        Some(KEY),
        Some(&json!({"name": "Logged"})),
    )
    .await;
    f.send("GET", "/api/v2/campaigns", None, None).await;
    let all = f.control("GET", "/requests", None).await;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["method"], "GET");
    assert_eq!(all[0]["path"], "/api/v2/campaigns");
    assert_eq!(all[0]["query"], json!({"limit": "5", "ids": ["a", "b"]}));
    assert_eq!(all[0]["headers"]["authorization"], "Bearer [REDACTED]");
    assert!(!all[0].to_string().contains(KEY), "the key never appears");
    assert_eq!(all[0]["status"], 200);
    assert!(
        all[0]["duration_ms"].as_f64().unwrap() >= 0.0,
        "time to answer: {}",
        all[0]
    );
    assert_eq!(all[1]["body"], json!({"name": "Logged"}));
    assert_eq!(all[2]["status"], 401);
    let only = f
        .control("GET", "/requests?path=/api/v2/lead-lists", None)
        .await;
    assert_eq!(only.as_array().unwrap().len(), 1);
    let prefix = f.control("GET", "/requests?path=/api/v2/camp*", None).await;
    assert_eq!(prefix.as_array().unwrap().len(), 2);
    f.control("DELETE", "/requests", None).await;
    assert_eq!(f.control("GET", "/requests", None).await, json!([]));
}

#[tokio::test]
async fn control_plane_reset_keys_state_and_cors() {
    let f = Fake::new().await;
    let k = f
        .control("POST", "/keys", Some(json!({"api_key": "k2"})))
        .await;
    assert!(k["workspace_id"].is_string());
    f.campaign("Before reset").await;
    add_fault(
        &f,
        json!({"count": 3, "fault": {"type": "status", "status": 500}}),
    )
    .await;
    f.control("POST", "/reset", None).await;
    let s = f.state().await;
    assert_eq!(s["campaigns"], json!([]));
    assert_eq!(s["faults"], json!([]));
    assert_eq!(f.control("GET", "/requests", None).await, json!([]));
    assert_eq!(
        f.send("GET", "/api/v2/campaigns", Some("k2"), None)
            .await
            .status,
        200,
        "keys kept"
    );
    // State of another workspace through its key.
    let r = f
        .http
        .get(format!("{}/__fake/state", f.base))
        .bearer_auth("k2")
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["workspace_id"], k["workspace_id"]);
    assert_eq!(v["counters"]["requests"], 1);
    for key in [
        "campaigns",
        "leads",
        "lead_lists",
        "webhooks",
        "background_jobs",
        "webhook_events",
        "counters",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    // CORS preflight and headers.
    let r = f
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v2/leads/add", f.base),
        )
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-as-workspace",
        )
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let methods = r.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_string();
    for m in ["GET", "POST", "PATCH", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let r = f
        .http
        .get(format!("{}/api/v2/campaigns", f.base))
        .bearer_auth(KEY)
        .header("origin", "http://localhost:5173")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase()
        .contains("retry-after"));
    // Seeding an unknown scenario is refused.
    let r = f
        .send(
            "POST",
            "/__fake/seed",
            None,
            Some(&json!({"scenario": "nope"})),
        )
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn simulation_is_deterministic_and_feeds_analytics() {
    async fn run_once() -> (Value, Value) {
        let f = Fake::new().await;
        f.sender_account().await;
        let c = f.campaign("Sim").await;
        let cid = c["id"].as_str().unwrap().to_string();
        f.add_leads(&cid, "sim", 60).await;
        // Drafts do not send.
        let idle = f
            .control("POST", "/simulate", Some(json!({"ticks": 1})))
            .await;
        assert_eq!(idle["sent"], 0);
        f.ok(
            "POST",
            &format!("/campaigns/{cid}/activate"),
            "/campaigns/{id}/activate",
            None,
        )
        .await;
        let sum = f
            .control(
                "POST",
                "/simulate",
                Some(json!({"ticks": 4, "campaign_id": cid})),
            )
            .await;
        let analytics = f
            .ok(
                "GET",
                &format!("/campaigns/analytics?id={cid}"),
                "/campaigns/analytics",
                None,
            )
            .await;
        let a = &analytics[0];
        assert_eq!(a["emails_sent_count"], sum["sent"]);
        assert_eq!(a["open_count"], sum["opened"]);
        assert_eq!(a["link_click_count"], sum["clicked"]);
        assert_eq!(a["reply_count"], sum["replied"]);
        assert_eq!(a["bounced_count"], sum["bounced"]);
        assert_eq!(a["new_leads_contacted_count"], 60);
        let leads = f
            .ok(
                "POST",
                "/leads/list",
                "/leads/list",
                Some(json!({"campaign": cid, "filter": "FILTER_VAL_CONTACTED", "limit": 100})),
            )
            .await;
        assert_eq!(leads["items"].as_array().unwrap().len(), 60);
        let opened: u64 = f.state().await["leads"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["email_open_count"].as_u64().unwrap())
            .sum();
        assert_eq!(opened, sum["opened"].as_u64().unwrap());
        let campaign = f
            .ok("GET", &format!("/campaigns/{cid}"), "/campaigns/{id}", None)
            .await;
        assert_eq!(campaign["status"], 3, "two-step sequence finished");
        let mut a = a.clone();
        a.as_object_mut().unwrap().remove("campaign_id");
        (sum, a)
    }
    let (s1, a1) = run_once().await;
    let (s2, a2) = run_once().await;
    let sent = s1["sent"].as_u64().unwrap();
    assert!(
        (60..=120).contains(&sent),
        "every lead gets step 1, some get step 2: {sent}"
    );
    assert_eq!(s1, s2, "same seed, same outcome");
    assert_eq!(a1, a2);
}
