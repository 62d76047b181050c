//! `dedupe_key`, `normalize_event_type` and `interest_status_of`.

use instantly_wasm::models::LeadInterestStatus;
use instantly_wasm::webhooks::*;
use serde_json::{json, Value};
use std::collections::HashSet;

fn fixture(name: &str) -> WebhookEvent {
    let path = format!(
        "{}/tests/fixtures/webhooks/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    WebhookEvent::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn all_fixture_names() -> Vec<String> {
    let mut names: Vec<String> = WebhookEventType::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .collect();
    names.push("custom_label".into());
    names.push("future_event_type".into());
    names
}

#[test]
fn dedupe_key_is_stable_across_redeliveries() {
    let raw = std::fs::read(format!(
        "{}/tests/fixtures/webhooks/reply_received.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let first = dedupe_key(&WebhookEvent::from_slice(&raw).unwrap());
    // The same bytes again.
    assert_eq!(first, dedupe_key(&WebhookEvent::from_slice(&raw).unwrap()));
    assert_eq!(first.len(), 64);
    assert!(first
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    // Re-serialized with other key order and whitespace, with lead data that changed in the
    // meantime and reply text re-rendered: still the same event.
    let mut v: serde_json::Map<String, Value> = serde_json::from_slice(&raw).unwrap();
    v.insert("first_name".into(), json!("Janet"));
    v.insert("email_open_count".into(), json!(3));
    v.insert("reply_html".into(), json!("<p>re-rendered</p>"));
    let reordered: String = {
        let mut pairs: Vec<_> = v.iter().collect();
        pairs.reverse();
        let body: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("\n  {:?} : {v}", k))
            .collect();
        format!("{{{}\n}}", body.join(","))
    };
    let again = WebhookEvent::from_slice(reordered.as_bytes()).unwrap();
    assert_eq!(dedupe_key(&again), first);
    // A missing campaign and a null campaign are the same.
    let a = fixture("account_error");
    assert_eq!(a.campaign_id, None);
    let mut without = a.to_map();
    assert_eq!(without.remove("campaign_id"), Some(Value::Null));
    let b = WebhookEvent::from_map(without).unwrap();
    assert_eq!(dedupe_key(&b), dedupe_key(&a));
}

#[test]
fn dedupe_key_differs_between_events() {
    let keys: HashSet<String> = all_fixture_names()
        .iter()
        .map(|n| dedupe_key(&fixture(n)))
        .collect();
    assert_eq!(keys.len(), all_fixture_names().len());

    let base = fixture("reply_received");
    let k = dedupe_key(&base);
    type Change = (&'static str, fn(&mut WebhookEvent));
    let changes: [Change; 8] = [
        ("event_type", |e| {
            e.event_type = "auto_reply_received".into()
        }),
        ("timestamp", |e| {
            e.timestamp = "2026-08-13T11:12:14.516Z".into()
        }),
        ("workspace", |e| e.workspace = "other-workspace".into()),
        ("campaign_id", |e| e.campaign_id = None),
        ("lead_email", |e| {
            e.lead_email = Some("john@acme.test".into())
        }),
        ("email_id", |e| e.email_id = Some("another-reply".into())),
        ("step", |e| e.step = Some(3)),
        ("variant", |e| e.variant = None),
    ];
    for (field, change) in changes {
        let mut e = base.clone();
        change(&mut e);
        assert_ne!(dedupe_key(&e), k, "changing {field} must change the key");
    }
    // Fields are not confused with each other (no naive concatenation).
    let mut a = base.clone();
    a.lead_email = Some("x".into());
    a.email_id = None;
    let mut b = base.clone();
    b.lead_email = None;
    b.email_id = Some("x".into());
    assert_ne!(dedupe_key(&a), dedupe_key(&b));
}

#[test]
fn normalize_maps_both_ways() {
    let n = |payload: Option<&str>, subscription: Option<&str>, known| EventTypeNames {
        payload: payload.map(Into::into),
        subscription: subscription.map(Into::into),
        known,
    };
    let cases = [
        (
            "email_link_clicked",
            n(Some("link_clicked"), Some("email_link_clicked"), true),
        ),
        (
            "link_clicked",
            n(Some("link_clicked"), Some("email_link_clicked"), true),
        ),
        (
            "auto_reply_received",
            n(Some("auto_reply_received"), None, true),
        ),
        ("all_events", n(None, Some("all_events"), true)),
        (
            "reply_received",
            n(Some("reply_received"), Some("reply_received"), true),
        ),
        (
            "lead_closed",
            n(Some("lead_closed"), Some("lead_closed"), true),
        ),
        (
            "lead_no_show",
            n(Some("lead_no_show"), Some("lead_no_show"), true),
        ),
        (
            "supersearch_enrichment_completed",
            n(
                Some("supersearch_enrichment_completed"),
                Some("supersearch_enrichment_completed"),
                true,
            ),
        ),
        ("Hot Lead", n(Some("Hot Lead"), None, false)),
        ("Link_Clicked", n(Some("Link_Clicked"), None, false)),
    ];
    for (name, expected) in cases {
        assert_eq!(normalize_event_type(name), expected, "{name}");
    }
    // Every documented name, given either way, maps to a consistent pair.
    for t in WebhookEventType::ALL {
        let by_payload = normalize_event_type(t.as_str());
        assert_eq!(by_payload.payload.as_deref(), Some(t.as_str()));
        if let Some(sub) = &by_payload.subscription {
            assert_eq!(normalize_event_type(sub), by_payload);
        }
    }
    for s in SUBSCRIPTION_EVENT_TYPES {
        let names = normalize_event_type(s);
        assert_eq!(names.subscription.as_deref(), Some(s));
        assert!(names.known);
    }
}

#[test]
fn interest_status_of_every_event() {
    use InterestChange::{Reset, Set};
    let expected: [(&str, Option<InterestChange>); 21] = [
        ("lead_interested", Some(Set(LeadInterestStatus::INTERESTED))),
        ("lead_not_interested", Some(Set(-1))),
        ("lead_meeting_booked", Some(Set(2))),
        ("lead_meeting_completed", Some(Set(3))),
        ("lead_closed", Some(Set(LeadInterestStatus::WON))),
        ("lead_out_of_office", Some(Set(0))),
        ("lead_wrong_person", Some(Set(-2))),
        ("lead_no_show", Some(Set(LeadInterestStatus::NO_SHOW))),
        ("lead_neutral", Some(Reset)),
        ("email_sent", None),
        ("email_opened", None),
        ("link_clicked", None),
        ("reply_received", None),
        ("auto_reply_received", None),
        ("email_bounced", None),
        ("lead_unsubscribed", None),
        ("account_error", None),
        ("campaign_completed", None),
        ("Hot Lead", None),
        ("LEAD_INTERESTED", None),
        ("all_events", None),
    ];
    for (t, want) in expected {
        assert_eq!(interest_status_of(t), want, "{t}");
    }
    // And through the fixtures.
    assert_eq!(
        interest_status_of(&fixture("lead_meeting_booked").event_type),
        Some(Set(LeadInterestStatus::MEETING_BOOKED))
    );
    assert_eq!(
        interest_status_of(&fixture("custom_label").event_type),
        None
    );
}

/// Keys a handler may have stored stay the same from one version to the next: the hash of each
/// fixture's identifying fields, pinned.
#[test]
fn dedupe_keys_do_not_change_between_versions() {
    for (name, key) in [
        (
            "reply_received",
            "eecbcdb197c6d2651cd0de44417840fd21c3bccb9cd3a3fb0f9e5b596909cc7b",
        ),
        (
            "account_error",
            "29c84baa69aa1df4bf62264f6b409e6a0afdd9776f5677253d788dbd8cae1708",
        ),
        (
            "email_sent",
            "f6f29591e0e9c824672a1172e087dd39fe39b3e91c0dec3fa558d0c97db3a10d",
        ),
    ] {
        assert_eq!(dedupe_key(&fixture(name)), key, "{name}");
    }
}
