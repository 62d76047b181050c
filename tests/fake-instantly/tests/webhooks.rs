//! Real webhook delivery to an in-test receiver: payloads, custom headers,
//! subscription matching, retries, auto-disable and resume, delivery log.

mod common;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use common::*;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Receiver {
    hits: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    async fn start() -> (Receiver, String) {
        let r = Receiver::default();
        r.status.store(200, Ordering::SeqCst);
        async fn hook(
            State(r): State<Receiver>,
            headers: HeaderMap,
            Json(body): Json<Value>,
        ) -> StatusCode {
            r.hits.lock().unwrap().push((headers, body));
            StatusCode::from_u16(r.status.load(Ordering::SeqCst)).unwrap()
        }
        let app = Router::new()
            .route("/hook", post(hook))
            .with_state(r.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (r, url)
    }
    fn bodies(&self) -> Vec<Value> {
        self.hits
            .lock()
            .unwrap()
            .iter()
            .map(|(_, b)| b.clone())
            .collect()
    }
    async fn wait_for(&self, n: usize) -> Vec<Value> {
        let me = self.clone();
        eventually(3000, || {
            let me = me.clone();
            async move {
                let bodies = me.bodies();
                (bodies.len() >= n).then_some(bodies)
            }
        })
        .await
    }
}

async fn webhook(f: &Fake, body: Value) -> Value {
    f.ok("POST", "/webhooks", "/webhooks", Some(body)).await
}

#[tokio::test]
async fn reply_event_reaches_receiver_with_payload_and_headers() {
    let f = Fake::new().await;
    let (rx, url) = Receiver::start().await;
    let c = f.campaign("Hooks").await;
    let cid = c["id"].as_str().unwrap().to_string();
    let other = f.campaign("Other").await;
    f.add_leads(&cid, "hook", 1).await;
    let w = webhook(&f, json!({"target_hook_url": url, "event_type": "reply_received",
        "name": "Replies", "headers": {"x-shared-secret": "s3cret", "Authorization": "Basic dXNlcjpwYXNz"}})).await;
    assert_eq!(w["status"], 1);
    // Scoped to another campaign, and subscribed to something else: neither
    // must receive the reply. Each has its own receiver.
    let (scoped, scoped_url) = Receiver::start().await;
    let (opened, opened_url) = Receiver::start().await;
    webhook(
        &f,
        json!({"target_hook_url": scoped_url, "event_type": "all_events", "campaign": other["id"]}),
    )
    .await;
    webhook(
        &f,
        json!({"target_hook_url": opened_url, "event_type": "email_opened"}),
    )
    .await;
    let out = f.control("POST", "/events", Some(json!({
        "event_type": "reply_received", "campaign_id": cid, "lead_email": "hook0@example.com",
        "reply_text": "Sounds great, let's talk"
    }))).await;
    assert_eq!(out["webhooks_matched"], 1);
    let bodies = rx.wait_for(1).await;
    let (headers, p) = rx.hits.lock().unwrap()[0].clone();
    assert_eq!(headers["x-shared-secret"], "s3cret");
    assert_eq!(headers["authorization"], "Basic dXNlcjpwYXNz");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(p["event_type"], "reply_received");
    assert_eq!(p["campaign_id"], cid);
    assert_eq!(p["campaign_name"], "Hooks");
    assert_eq!(p["lead_email"], "hook0@example.com");
    assert_eq!(p["workspace"], f.state().await["workspace_id"]);
    assert_eq!(p["reply_text"], "Sounds great, let's talk");
    assert_eq!(p["first_name"], "First0");
    assert!(p["unibox_url"].as_str().unwrap().starts_with("https://"));
    assert!(p["timestamp"].as_str().unwrap().ends_with('Z'));
    assert!(p["email_id"].is_string() && p["reply_subject"].is_string());
    // A later event both other subscriptions match: each webhook's queue is
    // ordered, so had the reply been queued for them it would arrive first.
    f.add_leads(other["id"].as_str().unwrap(), "barrier", 1)
        .await;
    f.control("POST", "/events", Some(json!({
        "event_type": "email_opened", "campaign_id": other["id"], "lead_email": "barrier0@example.com"
    }))).await;
    for r in [&scoped, &opened] {
        let got = r.wait_for(1).await;
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0]["event_type"], "email_opened",
            "the reply never reached it"
        );
    }
    assert_eq!(
        rx.bodies().len(),
        1,
        "only the matching subscription: {bodies:?}"
    );
    // The reply counted.
    let lead = &f.state().await["leads"][0];
    assert_eq!(lead["email_reply_count"], 1);
    // Delivery log.
    let all = f
        .ok("GET", "/webhook-events", "/webhook-events", None)
        .await;
    assert_eq!(
        all["items"].as_array().unwrap().len(),
        3,
        "the reply and two barrier deliveries"
    );
    let events = f
        .ok(
            "GET",
            "/webhook-events?search=hook0@example.com",
            "/webhook-events",
            None,
        )
        .await;
    let items = events["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["success"], true);
    assert_eq!(items[0]["status_code"], 200);
    assert_eq!(items[0]["retry_count"], 0);
    assert_eq!(items[0]["lead_email"], "hook0@example.com");
    let id = items[0]["id"].as_str().unwrap();
    let one = f
        .ok(
            "GET",
            &format!("/webhook-events/{id}"),
            "/webhook-events/{id}",
            None,
        )
        .await;
    assert_eq!(one["payload"]["event_type"], "reply_received");
    let filtered = f
        .ok(
            "GET",
            "/webhook-events?success=false",
            "/webhook-events",
            None,
        )
        .await;
    assert_eq!(filtered["items"], json!([]));
    let summary = f
        .ok(
            "GET",
            "/webhook-events/summary",
            "/webhook-events/summary",
            None,
        )
        .await;
    assert_eq!(summary["total_events"], 3);
    assert_eq!(summary["success_rate"], 100.0);
    let by_date = f
        .ok(
            "GET",
            "/webhook-events/summary-by-date",
            "/webhook-events/summary-by-date",
            None,
        )
        .await;
    assert_eq!(by_date["items"][0]["successful_events"], 3);
    let types = f
        .ok(
            "GET",
            "/webhooks/event-types",
            "/webhooks/event-types",
            None,
        )
        .await;
    assert!(types["event_types"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["id"] == "email_link_clicked"));
}

#[tokio::test]
async fn payload_names_interest_changes_and_custom_labels() {
    let f = Fake::new().await;
    let (clicks, clicks_url) = Receiver::start().await;
    let (interest, interest_url) = Receiver::start().await;
    let (custom, custom_url) = Receiver::start().await;
    let c = f.campaign("Names").await;
    let cid = c["id"].as_str().unwrap().to_string();
    f.add_leads(&cid, "n", 1).await;
    webhook(
        &f,
        json!({"target_hook_url": clicks_url, "event_type": "email_link_clicked"}),
    )
    .await;
    webhook(&f, json!({"target_hook_url": interest_url, "event_type": "lead_meeting_booked", "campaign": cid})).await;
    let cw = webhook(
        &f,
        json!({"target_hook_url": custom_url, "custom_interest_value": 7}),
    )
    .await;
    assert!(cw.get("event_type").is_none());
    f.control("POST", "/events", Some(json!({"event_type": "email_link_clicked", "campaign_id": cid, "lead_email": "n0@example.com"}))).await;
    let b = clicks.wait_for(1).await;
    assert_eq!(b[0]["event_type"], "link_clicked");
    assert_eq!(b[0]["step"], 1);
    assert_eq!(b[0]["variant"], 1);
    f.expect(
        "POST",
        "/leads/update-interest-status",
        "/leads/update-interest-status",
        Some(json!({"lead_email": "n0@example.com", "interest_value": 2})),
        202,
    )
    .await;
    let b = interest.wait_for(1).await;
    assert_eq!(b[0]["event_type"], "lead_meeting_booked");
    assert_eq!(b[0]["lead_email"], "n0@example.com");
    assert_eq!(b[0]["campaign_name"], "Names");
    f.expect(
        "POST",
        "/leads/update-interest-status",
        "/leads/update-interest-status",
        Some(json!({"lead_email": "n0@example.com", "interest_value": 7})),
        202,
    )
    .await;
    let b = custom.wait_for(1).await;
    assert_eq!(b[0]["event_type"], "Custom Label 7");
    // Barrier events the other two subscriptions match: queues are ordered,
    // so the custom-label event would have arrived before them.
    f.control("POST", "/events", Some(json!({"event_type": "lead_meeting_booked", "campaign_id": cid, "lead_email": "n0@example.com"}))).await;
    f.control("POST", "/events", Some(json!({"event_type": "email_link_clicked", "campaign_id": cid, "lead_email": "n0@example.com"}))).await;
    let types = |bodies: Vec<Value>| -> Vec<Value> {
        bodies.iter().map(|b| b["event_type"].clone()).collect()
    };
    assert_eq!(
        types(interest.wait_for(2).await),
        json!(["lead_meeting_booked", "lead_meeting_booked"])
            .as_array()
            .unwrap()
            .clone()
    );
    assert_eq!(
        types(clicks.wait_for(2).await),
        json!(["link_clicked", "link_clicked"])
            .as_array()
            .unwrap()
            .clone()
    );
    let overview = f
        .ok(
            "GET",
            "/campaigns/analytics/overview",
            "/campaigns/analytics/overview",
            None,
        )
        .await;
    assert_eq!(
        overview["total_opportunities"], 1,
        "meeting booked counted as an opportunity"
    );
}

#[tokio::test]
async fn simulation_delivers_every_event_in_order() {
    let f = Fake::new().await;
    let (rx, url) = Receiver::start().await;
    f.sender_account().await;
    let c = f.campaign("Sim hooks").await;
    let cid = c["id"].as_str().unwrap().to_string();
    f.add_leads(&cid, "s", 10).await;
    webhook(
        &f,
        json!({"target_hook_url": url, "event_type": "all_events"}),
    )
    .await;
    f.ok(
        "POST",
        &format!("/campaigns/{cid}/activate"),
        "/campaigns/{id}/activate",
        None,
    )
    .await;
    let sum = f
        .control("POST", "/simulate", Some(json!({"ticks": 3})))
        .await;
    let n = sum["webhook_deliveries"].as_u64().unwrap() as usize;
    assert!(n >= 10);
    let bodies = rx.wait_for(n).await;
    assert_eq!(bodies.len(), n);
    let count = |t: &str| bodies.iter().filter(|b| b["event_type"] == t).count() as u64;
    assert_eq!(count("email_sent"), sum["sent"].as_u64().unwrap());
    assert_eq!(count("email_opened"), sum["opened"].as_u64().unwrap());
    assert_eq!(count("link_clicked"), sum["clicked"].as_u64().unwrap());
    assert_eq!(count("campaign_completed"), 1);
    assert_eq!(
        bodies[0]["event_type"], "email_sent",
        "queue keeps event order"
    );
    for b in bodies.iter().filter(|b| b["event_type"] == "email_sent") {
        assert_eq!(b["email_account"], "sender@outreach.example.com");
        assert!(b["is_first"].is_boolean() && b["email_subject"].is_string());
    }
}

#[tokio::test]
async fn failing_receiver_gets_retries_then_webhook_is_disabled_and_resumable() {
    let f = Fake::new().await;
    let (rx, url) = Receiver::start().await;
    rx.status.store(500, Ordering::SeqCst);
    let c = f.campaign("Failing").await;
    let cid = c["id"].as_str().unwrap().to_string();
    f.add_leads(&cid, "fail", 1).await;
    let w = webhook(
        &f,
        json!({"target_hook_url": url, "event_type": "email_opened"}),
    )
    .await;
    let wid = w["id"].as_str().unwrap().to_string();
    let emit = || {
        f.control("POST", "/events", Some(json!({"event_type": "email_opened", "campaign_id": cid, "lead_email": "fail0@example.com"})))
    };
    emit().await;
    rx.wait_for(3).await;
    let disabled = eventually(3000, || {
        let (f, wid) = (&f, wid.clone());
        async move {
            let w = f
                .ok("GET", &format!("/webhooks/{wid}"), "/webhooks/{id}", None)
                .await;
            (w["status"] == -1).then_some(w)
        }
    })
    .await;
    assert!(disabled["timestamp_error"].is_string());
    let log = f
        .ok(
            "GET",
            "/webhook-events?success=false",
            "/webhook-events",
            None,
        )
        .await;
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items
            .iter()
            .map(|e| e["retry_count"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![0, 1, 2]
    );
    assert_eq!(
        items
            .iter()
            .map(|e| e["will_retry"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        vec![true, true, false]
    );
    assert!(items
        .iter()
        .all(|e| e["status_code"] == 500 && e["retry_group_id"] == items[0]["retry_group_id"]));
    let summary = f
        .ok(
            "GET",
            "/webhook-events/summary",
            "/webhook-events/summary",
            None,
        )
        .await;
    assert_eq!(summary["failed_events"], 3);
    // Disabled: new events are not queued for it.
    let out = emit().await;
    assert_eq!(out["webhooks_matched"], 0);
    assert_eq!(rx.bodies().len(), 3);
    // Resume re-enables it.
    rx.status.store(200, Ordering::SeqCst);
    let resumed = f
        .ok(
            "POST",
            &format!("/webhooks/{wid}/resume"),
            "/webhooks/{id}/resume",
            None,
        )
        .await;
    assert_eq!(resumed["status"], 1);
    let out = f
        .control(
            "POST",
            "/events",
            Some(json!({"event_type": "email_opened", "campaign_id": cid,
        "lead_email": "fail0@example.com", "marker": "after-resume"})),
        )
        .await;
    assert_eq!(out["webhooks_matched"], 1);
    let got = rx.wait_for(4).await;
    assert_eq!(
        got[3]["marker"], "after-resume",
        "nothing from the disabled period was queued"
    );
    // Test endpoint reports the receiver's answer.
    let t = f
        .ok(
            "POST",
            &format!("/webhooks/{wid}/test"),
            "/webhooks/{id}/test",
            None,
        )
        .await;
    assert_eq!(t["success"], true);
    assert_eq!(t["status_code"], 200);
    let patched = f
        .ok(
            "PATCH",
            &format!("/webhooks/{wid}"),
            "/webhooks/{id}",
            Some(json!({"target_hook_url": "http://127.0.0.1:9/closed"})),
        )
        .await;
    assert_eq!(patched["target_hook_url"], "http://127.0.0.1:9/closed");
    let t = f
        .ok(
            "POST",
            &format!("/webhooks/{wid}/test"),
            "/webhooks/{id}/test",
            None,
        )
        .await;
    assert_eq!(t["success"], false);
    assert!(t["error"].is_string());
    let listed = f
        .ok(
            "GET",
            "/webhooks?event_type=email_opened",
            "/webhooks",
            None,
        )
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let gone = f
        .ok(
            "DELETE",
            &format!("/webhooks/{wid}"),
            "/webhooks/{id}",
            None,
        )
        .await;
    assert_eq!(gone["id"], wid);
}

#[tokio::test]
async fn a_lead_label_names_the_interest_event_of_its_value() {
    let f = Fake::new().await;
    let (rx, url) = Receiver::start().await;
    let label = f
        .ok(
            "POST",
            "/lead-labels",
            "/lead-labels",
            Some(json!({"label": "Hot Lead", "interest_status_label": "positive"})),
        )
        .await;
    let value = label["interest_status"].as_i64().unwrap();
    webhook(
        &f,
        json!({"target_hook_url": url, "custom_interest_value": value}),
    )
    .await;
    let c = f.campaign("Labelled").await;
    f.add_leads(c["id"].as_str().unwrap(), "hot", 1).await;
    f.expect(
        "POST",
        "/leads/update-interest-status",
        "/leads/update-interest-status",
        Some(json!({"lead_email": "hot0@example.com", "interest_value": value})),
        202,
    )
    .await;
    let b = rx.wait_for(1).await;
    assert_eq!(b[0]["event_type"], "Hot Lead");
    assert_eq!(b[0]["lead_email"], "hot0@example.com");
}
