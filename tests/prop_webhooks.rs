//! Property tests of receiving webhooks: any body with any options is an event or one of the
//! documented errors (401 `webhook_unauthorized`, 413 `payload_too_large`, 400 `decode`, or a
//! `validation` error without status for bad options); a well-formed payload with the right
//! secret always decodes to its fields; the dedupe key ignores what does not identify an event.
#![cfg(not(target_arch = "wasm32"))]

use instantly_wasm::webhooks::{
    dedupe_key, interest_status_of, normalize_event_type, parse_webhook, WebhookEvent,
    WebhookOptions,
};
use instantly_wasm::ErrorKind;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Any JSON value, up to four levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    jsonprop::json_value(4, 32, 5)
}

const FIELDS: &[&str] = &[
    "event_type",
    "timestamp",
    "workspace",
    "campaign_id",
    "campaign_name",
    "lead_email",
    "email_account",
    "step",
    "variant",
    "is_first",
    "email_id",
    "reply_text",
    "first_name",
];

/// Payload-shaped bodies: known fields with values of every type, extra keys, or any bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        prop::collection::btree_map(prop::sample::select(FIELDS.to_vec()), json_value(), 0..10)
            .prop_map(|m| serde_json::to_vec(&m).unwrap()),
    ]
}

fn options() -> impl Strategy<Value = WebhookOptions> {
    (
        prop::option::of(prop_oneof![Just("s3cret".to_string()), ".{0,10}"]),
        prop::option::of(prop_oneof![
            Just("x-shared-secret".to_string()),
            Just("X-Other".to_string()),
            ".{0,10}"
        ]),
        prop::option::of(prop_oneof![
            Just(0u64),
            Just(1u64),
            0u64..1000,
            Just(u64::MAX)
        ]),
        prop::collection::vec(
            (
                prop_oneof![Just("x-shared-secret".to_string()), ".{0,10}"],
                prop_oneof![Just("s3cret".to_string()), ".{0,10}"],
            ),
            0..3,
        ),
    )
        .prop_map(
            |(secret, secret_header, max_bytes, headers)| WebhookOptions {
                headers,
                secret_header,
                secret,
                max_bytes,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_delivery_is_an_event_or_a_documented_error(body in body(), opts in options()) {
        match parse_webhook(&body, &opts) {
            Ok(event) => {
                prop_assert!(body.len() as u64 <= opts.max_bytes());
                prop_assert_eq!(dedupe_key(&event).len(), 64);
                let _ = interest_status_of(&event.event_type);
                // The event serialises and decodes back to itself.
                let again = WebhookEvent::from_value(serde_json::to_value(&event).unwrap()).unwrap();
                prop_assert_eq!(again, event);
            }
            Err(e) => match e.kind {
                ErrorKind::WebhookUnauthorized => prop_assert_eq!(e.status, Some(401)),
                ErrorKind::PayloadTooLarge => {
                    prop_assert_eq!(e.status, Some(413));
                    prop_assert!(body.len() as u64 > opts.max_bytes());
                }
                ErrorKind::Decode => prop_assert_eq!(e.status, Some(400)),
                ErrorKind::Validation => {
                    prop_assert_eq!(e.status, None);
                    let f = e.field.clone().unwrap_or_default();
                    prop_assert!(["secret", "secretHeader", "maxBytes"].contains(&f.as_str()), "{f:?}");
                }
                other => prop_assert!(false, "unexpected kind {other:?}: {}", e.message),
            },
        }
    }

    /// The secret check: only the exact value in the configured header passes.
    #[test]
    fn only_the_exact_secret_passes(secret in ".{1,20}", given in prop::option::of(".{0,20}")) {
        let payload = br#"{"event_type":"email_sent","timestamp":"t","workspace":"w"}"#;
        let mut opts = WebhookOptions::with_secret(secret.clone());
        if let Some(g) = &given {
            opts = opts.header("X-Shared-Secret", g.clone());
        }
        match parse_webhook(payload, &opts) {
            Ok(_) => prop_assert_eq!(given.as_deref(), Some(secret.as_str())),
            Err(e) => {
                prop_assert_ne!(given.as_deref(), Some(secret.as_str()));
                prop_assert_eq!(e.kind, ErrorKind::WebhookUnauthorized);
                prop_assert!(!e.message.contains(&secret) || secret.len() < 4);
            }
        }
    }

    /// A well-formed payload decodes field for field; the dedupe key depends only on the
    /// identifying fields.
    #[test]
    fn well_formed_payloads_decode_and_dedupe_stably(
        event_type in ".{1,20}",
        timestamp in ".{0,30}",
        lead_email in prop::option::of(".{0,30}"),
        step in prop::option::of(any::<i64>()),
        reply_text in prop::option::of(".{0,50}"),
        extra in prop::collection::btree_map("[a-z]{1,6}", json_value(), 0..4),
    ) {
        let mut m = Map::new();
        m.insert("event_type".into(), json!(event_type));
        m.insert("timestamp".into(), json!(timestamp));
        m.insert("workspace".into(), json!("0199a3f2-0000-7000-8000-000000000001"));
        m.insert("lead_email".into(), json!(lead_email));
        m.insert("step".into(), json!(step));
        m.insert("reply_text".into(), json!(reply_text));
        for (k, v) in extra {
            m.entry(k).or_insert(v);
        }
        let body = serde_json::to_vec(&m).unwrap();
        let event = parse_webhook(&body, &WebhookOptions::default()).unwrap();
        prop_assert_eq!(&event.event_type, &event_type);
        prop_assert_eq!(&event.lead_email, &lead_email);
        prop_assert_eq!(event.step, step);
        let mut other = event.clone();
        other.reply_text = Some("changed".into());
        other.extra.insert("first_name".into(), json!("someone else"));
        prop_assert_eq!(dedupe_key(&event), dedupe_key(&other));
        other.timestamp.push('x');
        prop_assert_ne!(dedupe_key(&event), dedupe_key(&other));
    }

    #[test]
    fn event_names_map_whatever_they_are(name in ".{0,30}") {
        let names = normalize_event_type(&name);
        if !names.known {
            prop_assert_eq!(names.payload.as_deref(), Some(name.as_str()));
            prop_assert_eq!(names.subscription, None);
        }
        let _ = interest_status_of(&name);
    }
}
