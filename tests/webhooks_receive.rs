//! The receiving side: every documented payload type decoded from a fixture, custom and future
//! types, optional/extra/wrongly typed fields, the size limit and the shared-secret check.

use instantly_wasm::webhooks::*;
use instantly_wasm::ErrorKind;
use serde_json::{json, Map, Value};

const SECRET: &str = "whsec_7Yt2kQ9mP4xR8vL1";

fn fixture_path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/webhooks/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn fixture(name: &str) -> Map<String, Value> {
    match serde_json::from_slice(&fixture_bytes(name)).unwrap() {
        Value::Object(m) => m,
        _ => panic!("fixture {name} is not an object"),
    }
}

fn parse(body: &[u8]) -> instantly_wasm::Result<WebhookEvent> {
    parse_webhook(body, &WebhookOptions::default())
}

fn minimal() -> Map<String, Value> {
    match json!({
        "timestamp": "2026-08-13T11:12:14.515Z",
        "event_type": "email_opened",
        "workspace": "0199a3f2-0000-7000-8000-000000000001",
        "campaign_id": "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b",
        "campaign_name": "Q1 Outreach"
    }) {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

fn bytes(map: &Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(map).unwrap()
}

/// Every documented field of `raw` decodes to the same value, every other key lands in `extra`,
/// and serializing the event gives back the payload.
fn assert_lossless(name: &str, raw: &Map<String, Value>, event: &WebhookEvent) {
    let back = event.to_map();
    assert_eq!(
        &back, raw,
        "{name}: serialized event differs from the payload"
    );
    for (k, v) in raw {
        if KNOWN_FIELDS.contains(&k.as_str()) {
            assert!(!event.extra.contains_key(k), "{name}: {k} in extra");
        } else {
            assert_eq!(event.extra.get(k), Some(v), "{name}: extra {k}");
        }
    }
    assert_eq!(event.event_type, raw["event_type"], "{name}");
    assert_eq!(event.timestamp, raw["timestamp"], "{name}");
    assert_eq!(event.workspace, raw["workspace"], "{name}");
    assert_eq!(
        event.campaign_id.as_deref(),
        raw["campaign_id"].as_str(),
        "{name}"
    );
    assert_eq!(
        event.lead_email.as_deref(),
        raw.get("lead_email").and_then(Value::as_str)
    );
    assert_eq!(
        event.step,
        raw.get("step").and_then(Value::as_i64),
        "{name}"
    );
    assert_eq!(event.variant, raw.get("variant").and_then(Value::as_i64));
    assert_eq!(event.is_first, raw.get("is_first").and_then(Value::as_bool));
    assert_eq!(
        event.email_id.as_deref(),
        raw.get("email_id").and_then(Value::as_str)
    );
}

#[test]
fn every_documented_event_type_decodes_from_its_fixture() {
    assert_eq!(WebhookEventType::ALL.len(), 17);
    for t in WebhookEventType::ALL {
        let name = t.as_str();
        let raw = fixture(name);
        let event = parse(&fixture_bytes(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(event.kind(), Some(t), "{name}");
        assert!(!event.is_custom(), "{name}");
        assert_lossless(name, &raw, &event);
    }
}

#[test]
fn reply_fixture_fills_the_reply_fields() {
    let e = parse(&fixture_bytes("reply_received")).unwrap();
    assert_eq!(e.kind(), Some(WebhookEventType::ReplyReceived));
    assert_eq!(e.step, Some(2));
    assert_eq!(e.variant, Some(2));
    assert_eq!(e.is_first, Some(false));
    assert_eq!(
        e.email_id.as_deref(),
        Some("0199a3f2-5d00-702c-b737-000000000042")
    );
    assert!(e
        .reply_text
        .as_deref()
        .unwrap()
        .starts_with("Thanks for reaching out"));
    assert!(e.reply_html.as_deref().unwrap().starts_with("<div>"));
    assert_eq!(
        e.reply_subject.as_deref(),
        Some("Re: Quick question about Acme")
    );
    assert!(e.reply_text_snippet.is_some() && e.unibox_url.is_some());
    assert_eq!(e.extra["job_title"], "Head of Sales");
    assert_eq!(e.extra["first_name"], "Jane");
}

#[test]
fn account_error_without_a_campaign_keeps_nulls() {
    let raw = fixture("account_error");
    let e = parse(&fixture_bytes("account_error")).unwrap();
    assert_eq!(e.campaign_id, None);
    assert_eq!(e.campaign_name, None);
    assert_eq!(e.email_account.as_deref(), Some("sales@outreach.test"));
    assert_eq!(e.to_map()["campaign_id"], Value::Null);
    assert_eq!(e.to_map(), raw);
}

#[test]
fn custom_labels_and_future_types_decode_as_open_events() {
    for (name, event_type) in [
        ("custom_label", "Hot Lead"),
        ("future_event_type", "meeting_rescheduled"),
    ] {
        let raw = fixture(name);
        let e = parse(&fixture_bytes(name)).unwrap();
        assert_eq!(e.event_type, event_type);
        assert_eq!(e.kind(), None);
        assert!(e.is_custom());
        assert_lossless(name, &raw, &e);
    }
    let e = parse(&fixture_bytes("future_event_type")).unwrap();
    assert_eq!(e.extra["meeting"]["provider"], "calendly");
    assert_eq!(e.extra["tags"], json!(["vip", "q3"]));
    assert_eq!(e.extra["score"], json!(87.5));
    // Any string is a valid event type, even an empty one or one that only differs in case.
    for t in ["", "Reply_Received", "lead interested ✅"] {
        let mut m = minimal();
        m.insert("event_type".into(), json!(t));
        let e = parse(&bytes(&m)).unwrap();
        assert_eq!((e.event_type.as_str(), e.kind()), (t, None));
    }
}

#[test]
fn optional_fields_may_be_missing_or_null() {
    let e = parse(&bytes(&minimal())).unwrap();
    assert_eq!(e.kind(), Some(WebhookEventType::EmailOpened));
    assert_eq!(
        (e.lead_email, e.step, e.is_first, e.reply_text),
        (None, None, None, None)
    );
    assert!(e.extra.is_empty());

    let mut m = minimal();
    m.remove("campaign_id");
    m.remove("campaign_name");
    for k in ["lead_email", "step", "variant", "is_first", "reply_html"] {
        m.insert(k.into(), Value::Null);
    }
    let e = parse(&bytes(&m)).unwrap();
    assert_eq!(
        (e.campaign_id.clone(), e.step, e.is_first),
        (None, None, None)
    );
    // Output always carries the campaign fields (null) and leaves unset optional fields out.
    let out = e.to_map();
    assert_eq!(out["campaign_id"], Value::Null);
    assert_eq!(out["campaign_name"], Value::Null);
    assert!(!out.contains_key("step") && !out.contains_key("lead_email"));
}

#[test]
fn missing_required_fields_are_decode_errors_naming_the_field() {
    for k in ["event_type", "timestamp", "workspace"] {
        for replacement in [None, Some(Value::Null)] {
            let mut m = minimal();
            match &replacement {
                None => m.remove(k),
                Some(v) => m.insert(k.into(), v.clone()),
            };
            let e = parse(&bytes(&m)).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Decode, "{k}");
            assert_eq!(e.status, Some(400), "{k}");
            assert_eq!(e.field.as_deref(), Some(k));
            assert!(e.message.contains(k), "{}", e.message);
        }
    }
}

#[test]
fn wrong_types_in_known_fields_are_typed_errors() {
    let mut cases: Vec<(&str, Value)> = Vec::new();
    for k in KNOWN_FIELDS {
        match k {
            "step" | "variant" => {
                cases.push((k, json!("1")));
                cases.push((k, json!(1.5)));
                cases.push((k, json!(true)));
            }
            "is_first" => {
                cases.push((k, json!("true")));
                cases.push((k, json!(1)));
            }
            _ => {
                cases.push((k, json!(5)));
                cases.push((k, json!({"nested": "object"})));
                cases.push((k, json!(["a"])));
            }
        }
    }
    for (k, v) in cases {
        let mut m = minimal();
        m.insert(k.into(), v.clone());
        let e = parse(&bytes(&m)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode, "{k}={v}");
        assert_eq!(e.status, Some(400), "{k}={v}");
        assert_eq!(e.field.as_deref(), Some(k), "{k}={v}");
        assert!(e.message.contains(&format!("`{k}`")), "{}", e.message);
    }
    // Whole floats are the same integer.
    let mut m = minimal();
    m.insert("step".into(), json!(2.0));
    assert_eq!(parse(&bytes(&m)).unwrap().step, Some(2));
    // Extra keys may hold anything.
    let mut m = minimal();
    m.insert("first_name".into(), json!(42));
    m.insert("custom".into(), json!({"deep": [1, null, {"x": true}]}));
    let e = parse(&bytes(&m)).unwrap();
    assert_eq!(e.extra["first_name"], 42);
    assert_eq!(e.extra["custom"]["deep"][2]["x"], true);
}

#[test]
fn bad_json_and_non_objects_are_400_decode_errors() {
    for body in [
        &b""[..],
        b"not json",
        b"{\"event_type\":",
        b"[1,2]",
        b"\"reply_received\"",
        b"null",
        b"42",
        b"\xff\xfe{}",
    ] {
        let e = parse(body).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode, "{body:?}");
        assert_eq!(e.status, Some(400), "{body:?}");
        assert_eq!(e.field, None);
    }
    assert!(parse(b"[]").unwrap_err().message.contains("an array"));
}

#[test]
fn oversize_bodies_are_413_and_the_limit_is_inclusive() {
    let opts = WebhookOptions {
        max_bytes: Some(160),
        ..Default::default()
    };
    let mut m = minimal();
    m.remove("campaign_name");
    m.remove("campaign_id");
    let mut body = bytes(&m);
    assert!(body.len() < 160);
    let pad = 160 - body.len();
    // Pad inside the JSON with spaces so the body stays valid.
    body.splice(1..1, std::iter::repeat_n(b' ', pad));
    assert_eq!(body.len(), 160);
    parse_webhook(&body, &opts).unwrap();
    body.insert(1, b' ');
    let e = parse_webhook(&body, &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::PayloadTooLarge);
    assert_eq!(e.status, Some(413));
    // The default limit is 256 KiB.
    assert_eq!(DEFAULT_MAX_BYTES, 262_144);
    let big = vec![b' '; DEFAULT_MAX_BYTES + 1];
    assert_eq!(parse(&big).unwrap_err().kind, ErrorKind::PayloadTooLarge);
}

fn with_header(name: &str, value: &str) -> WebhookOptions {
    WebhookOptions::with_secret(SECRET).header(name, value)
}

#[test]
fn the_right_secret_is_accepted_in_any_header_case() {
    let body = fixture_bytes("reply_received");
    for name in ["x-shared-secret", "X-Shared-Secret", "X-SHARED-SECRET"] {
        parse_webhook(&body, &with_header(name, SECRET)).unwrap();
    }
    // Other headers are ignored.
    let opts = with_header("content-type", "application/json").header("X-Shared-Secret", SECRET);
    parse_webhook(&body, &opts).unwrap();
    // A custom header name, matched case-insensitively both ways.
    let opts = WebhookOptions {
        secret_header: Some("Authorization".into()),
        ..WebhookOptions::with_secret(format!("Bearer {SECRET}"))
    }
    .header("authorization", format!("Bearer {SECRET}"));
    parse_webhook(&body, &opts).unwrap();
}

#[test]
fn wrong_missing_or_different_length_secrets_are_401() {
    let body = fixture_bytes("reply_received");
    let same_len_wrong = format!("{}X", &SECRET[..SECRET.len() - 1]);
    let cases: Vec<(&str, WebhookOptions)> = vec![
        ("missing", WebhookOptions::with_secret(SECRET)),
        (
            "wrong, same length",
            with_header("x-shared-secret", &same_len_wrong),
        ),
        ("shorter", with_header("x-shared-secret", &SECRET[..5])),
        (
            "longer",
            with_header("x-shared-secret", &format!("{SECRET}{SECRET}")),
        ),
        ("empty", with_header("x-shared-secret", "")),
        (
            "surrounding space",
            with_header("x-shared-secret", &format!(" {SECRET}")),
        ),
        ("other header", with_header("x-shared-secrets", SECRET)),
        (
            "repeated header",
            with_header("x-shared-secret", SECRET).header("X-Shared-Secret", SECRET),
        ),
    ];
    for (what, opts) in cases {
        let e = parse_webhook(&body, &opts).unwrap_err();
        assert_eq!(e.kind, ErrorKind::WebhookUnauthorized, "{what}");
        assert_eq!(e.status, Some(401), "{what}");
        assert_eq!(e.kind.code(), "webhook_unauthorized");
        assert_eq!(e.kind.name(), "WebhookAuthError");
        let shown = format!("{e} {e:?}");
        assert!(
            !shown.contains(SECRET) && !shown.contains(&same_len_wrong),
            "{what}: {shown}"
        );
        assert!(shown.contains("x-shared-secret"), "{shown}");
    }
}

#[test]
fn the_secret_is_checked_before_size_and_json() {
    let opts = WebhookOptions {
        max_bytes: Some(10),
        ..WebhookOptions::with_secret(SECRET)
    };
    let e = parse_webhook(b"this is neither small nor JSON", &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::WebhookUnauthorized);
    let opts = opts.header("x-shared-secret", SECRET);
    let e = parse_webhook(b"this is neither small nor JSON", &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::PayloadTooLarge);
    let e = parse_webhook(b"not JSON", &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
}

#[test]
fn without_a_secret_nothing_is_checked() {
    let opts = WebhookOptions::default().header("x-shared-secret", "anything");
    parse_webhook(&fixture_bytes("email_sent"), &opts).unwrap();
}

#[test]
fn bad_options_are_validation_errors_without_status() {
    let cases = [
        (WebhookOptions::with_secret(""), "secret"),
        (
            WebhookOptions {
                secret_header: Some("x-token".into()),
                ..Default::default()
            },
            "secretHeader",
        ),
        (
            WebhookOptions {
                secret_header: Some("bad header".into()),
                ..WebhookOptions::with_secret(SECRET)
            },
            "secretHeader",
        ),
        (
            WebhookOptions {
                secret_header: Some(String::new()),
                ..WebhookOptions::with_secret(SECRET)
            },
            "secretHeader",
        ),
        (
            WebhookOptions {
                max_bytes: Some(0),
                ..Default::default()
            },
            "maxBytes",
        ),
    ];
    for (opts, field) in cases {
        let e = parse_webhook(&fixture_bytes("email_sent"), &opts).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{field}");
        assert_eq!(e.field.as_deref(), Some(field));
        assert_eq!(e.status, None);
    }
}

#[test]
fn serde_round_trip_keeps_the_payload_shape() {
    let raw = fixture("lead_interested");
    let e: WebhookEvent = serde_json::from_slice(&fixture_bytes("lead_interested")).unwrap();
    assert_eq!(serde_json::to_value(&e).unwrap(), Value::Object(raw));
    let err = serde_json::from_str::<WebhookEvent>(r#"{"event_type":1}"#).unwrap_err();
    assert!(err.to_string().contains("`event_type`"), "{err}");
}

#[test]
fn the_typescript_declaration_covers_every_type_and_field() {
    for t in WebhookEventType::ALL {
        assert!(
            WEBHOOK_TS.contains(&format!("\"{}\"", t.as_str())),
            "{} missing from the TS union",
            t.as_str()
        );
    }
    for f in KNOWN_FIELDS {
        assert!(
            WEBHOOK_TS.contains(&format!("  {f}?:")) || WEBHOOK_TS.contains(&format!("  {f}:")),
            "{f} missing from the TS declaration"
        );
    }
    assert!(WEBHOOK_TS.contains(
        "interface WebhookCustomEvent extends WebhookEventBase, WebhookEmailFields, WebhookReplyFields"
    ));
}
