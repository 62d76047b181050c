//! `client.webhooks()` and `client.webhook_events()`: the exact request of every operation,
//! decoding of the spec's examples, retry safety, and validation before sending.

mod support;

use futures::StreamExt;
use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::webhooks::{WebhookEvent, LIST_FILTER_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES};
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use support::spec::{body_properties, enum_values, operation, query_params, response_example};
use support::*;

const ID: &str = "019ffad2-9cbd-765b-a65b-d6d9e55bbb22";
const CAMPAIGN: &str = "019ffad2-5cf8-732d-8cf0-41466f7573b6";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

fn webhook_example() -> Value {
    response_example("GET", "/webhooks/{id}", "200")
}

fn url_of(path: &str) -> String {
    format!("{BASE}/api/v2{path}")
}

/// Webhook statuses as the API numbers them.
const ACTIVE: f64 = 1.0;
const DISABLED: f64 = -1.0;

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn names_match_the_spec() {
    let spec_enum = enum_values(
        &support::spec::request_schema("POST", "/webhooks")["properties"]["event_type"],
    );
    assert_eq!(spec_enum, SUBSCRIPTION_EVENT_TYPES.to_vec());
    let filter = operation("GET", "/webhooks")["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "event_type")
        .unwrap();
    assert_eq!(
        enum_values(&filter["schema"]),
        LIST_FILTER_EVENT_TYPES.to_vec()
    );
    // Our parameter structs serialize exactly the spec's names.
    let create = WebhookCreateParams {
        target_hook_url: Some("https://x.test".into()),
        event_type: Some(Some("all_events".into())),
        campaign: Some(Some(CAMPAIGN.into())),
        name: Some(Some("n".into())),
        custom_interest_value: Some(Some(1)),
        headers: Some(Some(BTreeMap::new())),
    };
    let keys = |v: Value| sorted(v.as_object().unwrap().keys().cloned().collect());
    assert_eq!(
        keys(serde_json::to_value(&create).unwrap()),
        sorted(body_properties("POST", "/webhooks"))
    );
    let list = WebhookListParams {
        limit: Some(1),
        starting_after: Some("x".into()),
        campaign: Some(CAMPAIGN.into()),
        event_type: Some("email_sent".into()),
    };
    assert_eq!(
        keys(serde_json::to_value(&list).unwrap()),
        sorted(query_params("GET", "/webhooks"))
    );
    let deliveries = WebhookDeliveryListParams {
        limit: Some(1),
        starting_after: Some("x".into()),
        success: Some(true),
        from: Some("2026-01-01".into()),
        to: Some("2026-01-02".into()),
        search: Some("s".into()),
    };
    assert_eq!(
        keys(serde_json::to_value(&deliveries).unwrap()),
        sorted(query_params("GET", "/webhook-events"))
    );
}

#[test]
fn create_posts_the_body_with_the_secret_header() {
    let (c, t, _) = client();
    t.push(json(200, webhook_example()));
    let p: WebhookCreateParams = serde_json::from_value(json!({
            "target_hook_url": "https://hooks.example.test/instantly",
            "event_type": "reply_received",
            "campaign": CAMPAIGN,
            "name": "Replies to CRM",
            "headers": {"x-shared-secret": "whsec_123"}
    }))
    .unwrap();
    let w = run(c.webhooks().create(&p, &opts())).unwrap();
    assert_eq!(w, serde_json::from_value(webhook_example()).unwrap());
    assert_eq!(w.status, Some(ACTIVE));
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, url_of("/webhooks"));
    assert_eq!(
        body_of(&req),
        json!({
            "target_hook_url": "https://hooks.example.test/instantly",
            "event_type": "reply_received",
            "campaign": CAMPAIGN,
            "name": "Replies to CRM",
            "headers": {"x-shared-secret": "whsec_123"}
        })
    );
}

#[test]
fn create_sends_an_explicit_null_event_type_for_custom_labels() {
    let (c, t, _) = client();
    t.push(json(200, webhook_example()));
    let p: WebhookCreateParams = serde_json::from_value(json!({
            "target_hook_url": "http://localhost:8787/hook",
            "event_type": null,
            "custom_interest_value": 7
    }))
    .unwrap();
    assert_eq!(p.event_type, Some(None));
    run(c.webhooks().create(&p, &opts())).unwrap();
    assert_eq!(
        body_of(&t.single()),
        json!({"target_hook_url": "http://localhost:8787/hook", "event_type": null, "custom_interest_value": 7})
    );
    // Left out, it stays out.
    let (c, t, _) = client();
    t.push(json(200, webhook_example()));
    let p = WebhookCreateParams {
        target_hook_url: Some("https://x.test/h".into()),
        ..Default::default()
    };
    run(c.webhooks().create(&p, &opts())).unwrap();
    assert_eq!(
        body_of(&t.single()),
        json!({"target_hook_url": "https://x.test/h"})
    );
}

#[test]
fn create_is_not_retried_after_an_ambiguous_failure() {
    let (c, t, _) = client();
    t.push(json(503, json!({"message": "unavailable"})));
    let p = WebhookCreateParams {
        target_hook_url: Some("https://x.test/h".into()),
        ..Default::default()
    };
    let e = run(c.webhooks().create(&p, &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Server);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn create_validates_before_sending() {
    let (c, t, _) = client();
    let base = || json!({"target_hook_url": "https://x.test/h"});
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Mutation, &str, &str)> = vec![
        (
            Box::new(|p| p["target_hook_url"] = json!("x.test/h")),
            "target_hook_url",
            "http",
        ),
        (
            Box::new(|p| p["target_hook_url"] = json!("ftp://x.test")),
            "target_hook_url",
            "http",
        ),
        (
            Box::new(|p| p["target_hook_url"] = json!("https://")),
            "target_hook_url",
            "http",
        ),
        (
            Box::new(|p| p["event_type"] = json!("link_clicked")),
            "event_type",
            "try \"email_link_clicked\"",
        ),
        (
            Box::new(|p| p["event_type"] = json!("auto_reply_received")),
            "event_type",
            "all_events",
        ),
        (
            Box::new(|p| p["event_type"] = json!("Hot Lead")),
            "event_type",
            "custom_interest_value",
        ),
        (
            Box::new(|p| p["campaign"] = json!("not-a-uuid")),
            "campaign",
            "UUID",
        ),
        (Box::new(|p| p["name"] = json!("  ")), "name", "non-blank"),
        (
            Box::new(|p| p["headers"] = json!({"x secret": "v"})),
            "headers.x secret",
            "header name",
        ),
        (
            Box::new(|p| p["headers"] = json!({"x-secret": "a\r\nb: c"})),
            "headers.x-secret",
            "single-line",
        ),
        // Unknown and misspelled fields never reach the API.
        (
            Box::new(|p| p["url"] = json!("https://x.test")),
            "url",
            "url",
        ),
        (
            Box::new(|p| p["custom_interest_value"] = json!(1.5)),
            "custom_interest_value",
            "integer",
        ),
    ];
    let op = engine::operation("webhooks.create").unwrap();
    for (mutate, field, needle) in cases {
        let mut v = base();
        mutate(&mut v);
        let e = run(c.call_raw(op, &[], v.clone(), &opts())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{field}");
        assert_eq!(e.field.as_deref(), Some(field));
        assert!(e.message.contains(needle), "{field}: {}", e.message);
        // The typed method, where the model can hold the value.
        let p: WebhookCreateParams = serde_json::from_value(v.clone()).unwrap();
        if serde_json::to_value(&p).unwrap() == v {
            let e = run(c.webhooks().create(&p, &opts())).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "typed: {e}");
        }
    }
    assert!(t.requests().is_empty());
}

#[test]
fn list_sends_the_query_and_decodes_the_page() {
    let (c, t, _) = client();
    t.push(json(200, response_example("GET", "/webhooks", "200")));
    let p = WebhookListParams {
        limit: Some(20),
        starting_after: Some(ID.into()),
        campaign: Some(CAMPAIGN.into()),
        event_type: Some("email_link_clicked".into()),
    };
    let page = run(c.webhooks().list(&p, &opts())).unwrap();
    assert_eq!(page.items.map(|i| i.len()), Some(1));
    let req = t.single();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        url_of(&format!(
            "/webhooks?limit=20&starting_after={ID}&campaign={CAMPAIGN}&event_type=email_link_clicked"
        ))
    );
    assert!(req.body.is_none());
}

#[test]
fn list_validates_before_sending() {
    let (c, t, _) = client();
    let cases = [
        (
            WebhookListParams {
                limit: Some(101),
                ..Default::default()
            },
            "limit",
        ),
        (
            WebhookListParams {
                campaign: Some("x".into()),
                ..Default::default()
            },
            "campaign",
        ),
        (
            WebhookListParams {
                event_type: Some("lead_no_show".into()),
                ..Default::default()
            },
            "event_type",
        ),
    ];
    for (p, field) in cases {
        let e = run(c.webhooks().list(&p, &opts())).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    assert!(t.requests().is_empty());
}

#[test]
fn responses_decode_leniently() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({
            "id": ID,
            "organization": "org",
            "target_hook_url": "https://x.test",
            "timestamp_created": "2026-08-13T11:11:58.201Z",
            "event_type": "some_future_type",
            "status": -1,
            "timestamp_error": "2026-08-14T00:00:00.000Z",
            "headers": {"x-shared-secret": "s"},
            "brand_new_field": [1, 2]
        }),
    ));
    let w = run(c.webhooks().get(ID, &opts())).unwrap();
    assert_eq!(w.event_type.as_deref(), Some("some_future_type"));
    assert_eq!(w.status, Some(DISABLED));
    assert_eq!(w.campaign, None);
    assert_eq!(w.headers.unwrap()["x-shared-secret"], "s");
}

#[test]
fn item_operations_hit_the_right_routes() {
    type Op = fn(&TestClient) -> instantly_wasm::Result<Value>;
    let ops: Vec<(&str, &str, Op, Value)> = vec![
        (
            "GET",
            "",
            |c| run(c.webhooks().get(ID, &opts())).map(|w| json!(w.id)),
            webhook_example(),
        ),
        (
            "DELETE",
            "",
            |c| run(c.webhooks().delete(ID, &opts())).map(|w| json!(w.id)),
            response_example("DELETE", "/webhooks/{id}", "200"),
        ),
        (
            "POST",
            "/resume",
            |c| run(c.webhooks().resume(ID, &opts())).map(|w| json!(w.status)),
            response_example("POST", "/webhooks/{id}/resume", "200"),
        ),
        (
            "POST",
            "/test",
            |c| run(c.webhooks().test(ID, &opts())).map(|r| json!([r.success, r.status_code])),
            response_example("POST", "/webhooks/{id}/test", "200"),
        ),
    ];
    for (method, suffix, op, answer) in ops {
        let (c, t, _) = client();
        t.push(json(200, answer));
        let got = op(&c).unwrap();
        assert_ne!(got, Value::Null, "{method} {suffix}");
        let req = t.single();
        assert_eq!(req.method.as_str(), method);
        assert_eq!(req.url, url_of(&format!("/webhooks/{ID}{suffix}")));
        assert!(req.body.is_none(), "{method} {suffix} has no body");
        assert_eq!(req.header("content-type"), None);
    }
    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("POST", "/webhooks/{id}/test", "200"),
    ));
    let r = run(c.webhooks().test(ID, &opts())).unwrap();
    assert_eq!(r.success, Some(true));
    assert_eq!(r.message.as_deref(), Some("Webhook test successful"));
    assert_eq!(r.status_code, Some(200.0));
    assert_eq!(r.response_time_ms, Some(250.0));
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn resume_is_retried_but_test_is_not() {
    let (c, t, _) = client();
    t.push(json(503, json!({}))).push(json(
        200,
        response_example("POST", "/webhooks/{id}/resume", "200"),
    ));
    run(c.webhooks().resume(ID, &opts())).unwrap();
    assert_eq!(t.requests().len(), 2);

    let (c, t, _) = client();
    t.push(json(503, json!({})));
    assert_eq!(
        run(c.webhooks().test(ID, &opts())).unwrap_err().kind,
        ErrorKind::Server
    );
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn update_sends_only_the_fields_set_with_nulls() {
    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("PATCH", "/webhooks/{id}", "200"),
    ));
    let p: WebhookUpdateParams = serde_json::from_value(
        json!({"campaign": null, "event_type": "all_events", "headers": {"x-shared-secret": "rotated"}}),
    )
    .unwrap();
    assert_eq!(p.campaign, Some(None));
    run(c.webhooks().update(ID, &p, &opts())).unwrap();
    let req = t.single();
    assert_eq!(req.method.as_str(), "PATCH");
    assert_eq!(req.url, url_of(&format!("/webhooks/{ID}")));
    assert_eq!(
        body_of(&req),
        json!({"campaign": null, "event_type": "all_events", "headers": {"x-shared-secret": "rotated"}})
    );
    // Nothing to change, or a bad value: rejected before sending.
    let (c, t, _) = client();
    let e = run(c
        .webhooks()
        .update(ID, &WebhookUpdateParams::default(), &opts()))
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(e.message.contains("at least one field"), "{e}");
    let p = WebhookUpdateParams {
        target_hook_url: Some("mailto:a@b.co".into()),
        ..Default::default()
    };
    let e = run(c.webhooks().update(ID, &p, &opts())).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("target_hook_url"));
    assert!(t.requests().is_empty());
}

#[test]
fn ids_are_checked() {
    let (c, t, _) = client();
    for id in ["", "../campaigns", "a/b", "event-types"] {
        let e = run(c.webhooks().get(id, &opts())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{id:?}");
        assert_eq!(e.field.as_deref(), Some("id"));
    }
    for id in ["summary", "summary-by-date", "x?y"] {
        let e = run(c.webhook_events().get(id, &opts())).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("id"), "{id:?}");
    }
    assert!(t.requests().is_empty());
}

#[test]
fn event_types_lists_what_can_be_subscribed() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"event_types": [
            {"id": "email_sent", "label": "Email Sent", "type": "standard"},
            {"id": "4", "label": "Hot Lead", "type": "custom"}
        ]}),
    ));
    let r = run(c.webhooks().event_types(&opts())).unwrap();
    let types = r.event_types.unwrap();
    assert_eq!(types.len(), 2);
    assert_eq!(types[1].type_.as_deref(), Some("custom"));
    let req = t.single();
    assert_eq!(
        (req.method.as_str(), req.url.as_str()),
        ("GET", url_of("/webhooks/event-types").as_str())
    );
}

#[test]
fn delivery_log_list_and_get() {
    let (c, t, _) = client();
    let mut page = response_example("GET", "/webhook-events", "200");
    // A real payload in the record, decodable as a WebhookEvent.
    page["items"][0]["payload"] = json!({
        "timestamp": "2026-08-13T11:12:14.515Z", "event_type": "link_clicked",
        "workspace": "w", "campaign_id": CAMPAIGN, "campaign_name": "Q1", "step": 1
    });
    t.push(json(200, page));
    let p = WebhookDeliveryListParams {
        limit: Some(50),
        success: Some(false),
        from: Some("2026-08-01".into()),
        to: Some("2026-08-31".into()),
        search: Some("jane@acme.test".into()),
        starting_after: None,
    };
    let page = run(c.webhook_events().list(&p, &opts())).unwrap();
    let d = &page.items.unwrap()[0];
    assert_eq!(d.success, Some(true));
    assert_eq!(
        d.webhook_url.as_deref(),
        Some("https://webhook.site/unique-url")
    );
    let event = WebhookEvent::from_map(d.payload.clone().unwrap()).unwrap();
    assert_eq!(event.step, Some(1));
    let req = t.single();
    assert_eq!(
        req.url,
        url_of("/webhook-events?limit=50&success=false&from=2026-08-01&to=2026-08-31&search=jane%40acme.test")
    );

    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("GET", "/webhook-events/{id}", "200"),
    ));
    let d = run(c.webhook_events().get(ID, &opts())).unwrap();
    assert_eq!(d.retry_count, Some(0.0));
    assert_eq!(d.status_code, Some(200.0));
    assert_eq!(t.single().url, url_of(&format!("/webhook-events/{ID}")));
}

#[test]
fn delivery_log_validates_dates() {
    let (c, t, _) = client();
    let bad = [
        (Some("2026-13-01"), None, "from"),
        (None, Some("yesterday"), "to"),
        // A window that ends before it starts: the engine names the end.
        (Some("2026-08-31"), Some("2026-08-01"), "to"),
    ];
    for (from, to, field) in bad {
        let p = WebhookDeliveryListParams {
            from: from.map(Into::into),
            to: to.map(Into::into),
            ..Default::default()
        };
        let e = run(c.webhook_events().list(&p, &opts())).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field));
        let s = WebhookDeliverySummaryParams {
            from: from.map(Into::into),
            to: to.map(Into::into),
        };
        let e = run(c.webhook_events().summary(&s, &opts())).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field));
    }
    let p = WebhookDeliveryListParams {
        limit: Some(0),
        ..Default::default()
    };
    assert!(run(c.webhook_events().list(&p, &opts())).is_err());
    assert!(t.requests().is_empty());
}

#[test]
fn summaries() {
    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("GET", "/webhook-events/summary", "200"),
    ));
    let s = WebhookDeliverySummaryParams {
        from: Some("2026-08-01".into()),
        to: Some("2026-08-31".into()),
    };
    let sum = run(c.webhook_events().summary(&s, &opts())).unwrap();
    assert_eq!(sum.total_events, Some(100.0));
    assert_eq!(sum.success_rate, Some(50.0));
    assert_eq!(
        t.single().url,
        url_of("/webhook-events/summary?from=2026-08-01&to=2026-08-31")
    );

    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [
            {"date": "2026-08-01", "total_events": 3, "successful_events": 2, "failed_events": 1, "success_rate": 66.67},
            {"date": "2026-08-02", "total_events": 0, "successful_events": 0, "failed_events": 0, "success_rate": 0}
        ]}),
    ));
    let by_date = run(c
        .webhook_events()
        .summary_by_date(&WebhookDeliverySummaryByDateParams::default(), &opts()))
    .unwrap();
    let items = by_date.items.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].failed_events, Some(1.0));
    let req = t.single();
    assert_eq!(req.url, url_of("/webhook-events/summary-by-date"));
    assert!(req.body.is_none());
}

#[test]
fn list_all_walks_subscriptions_and_deliveries_with_the_cursor_in_the_query() {
    let webhook = |id: &str| {
        let mut w = webhook_example();
        w["id"] = json!(id);
        w
    };
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [webhook("w1"), webhook("w2")], "next_starting_after": "w2"}),
    ))
    .push(json(200, json!({"items": [webhook("w3")]})));
    let p = WebhookListParams {
        limit: Some(2),
        event_type: Some("all_events".into()),
        ..Default::default()
    };
    let mut all = std::pin::pin!(c.webhooks().list_all(&p, None, &opts()));
    let mut ids = Vec::new();
    run(async {
        while let Some(w) = all.next().await {
            ids.push(w.unwrap().id.unwrap());
        }
    });
    assert_eq!(ids, ["w1", "w2", "w3"]);
    let reqs = t.requests();
    assert_eq!(
        reqs[0].url,
        url_of("/webhooks?limit=2&event_type=all_events")
    );
    assert_eq!(
        reqs[1].url,
        url_of("/webhooks?limit=2&starting_after=w2&event_type=all_events")
    );

    let delivery = |id: &str| {
        let mut d = response_example("GET", "/webhook-events/{id}", "200");
        d["id"] = json!(id);
        d
    };
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [delivery("d1"), delivery("d2")], "next_starting_after": "d2"}),
    ))
    .push(json(200, json!({"items": [delivery("d3")]})));
    let p = WebhookDeliveryListParams {
        success: Some(false),
        ..Default::default()
    };
    let mut all = std::pin::pin!(c.webhook_events().list_all(&p, Some(2), &opts()));
    let mut ids = Vec::new();
    run(async {
        while let Some(d) = all.next().await {
            ids.push(d.unwrap().id.unwrap());
        }
    });
    assert_eq!(ids, ["d1", "d2"], "stops after max_items");
    assert_eq!(t.single().url, url_of("/webhook-events?success=false"));
}

/// api-notes §7 recordings: the event-type list carries names the spec's enum lacks
/// (`custom_label_any_positive`, type `custom_label`), and a test against a failing target
/// answers 200 with `success: false`, `status_code` and `error` but no `message`.
#[test]
fn recorded_answers_decode() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"event_types": [
            {"id": "email_link_clicked", "label": "Link Clicked", "type": "standard"},
            {"id": "custom_label_any_positive", "label": "Any positive", "type": "custom_label"}
        ]}),
    ));
    let types = run(c.webhooks().event_types(&opts()))
        .unwrap()
        .event_types
        .unwrap();
    assert_eq!(types[1].id.as_deref(), Some("custom_label_any_positive"));
    assert_eq!(types[1].type_.as_deref(), Some("custom_label"));

    t.push(json(
        200,
        json!({"success": false, "status_code": 500, "error": "Request failed with status code 500"}),
    ));
    let r = run(c.webhooks().test(ID, &opts())).unwrap();
    assert_eq!(r.success, Some(false));
    assert_eq!(r.status_code, Some(500.0));
    assert_eq!(r.message, None);
    assert!(r.error.unwrap().contains("500"));
}
