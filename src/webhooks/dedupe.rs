//! [`dedupe_key`]: a stable identifier for one event, for processing redeliveries once.

use super::event::WebhookEvent;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A key that is the same for every delivery of one event and differs between events: 64
/// lowercase hex characters (SHA-256).
///
/// Instantly retries failed deliveries and can deliver an event twice, with no delivery id in
/// the payload. The key hashes the fields that identify the event itself, never the time of
/// receipt or anything random: `event_type`, `timestamp` (when the event occurred, which a
/// redelivery repeats), `workspace`, `campaign_id`, `lead_email`, `email_id` (the email or the
/// reply), `step` and `variant`. Lead data and the email/reply texts are left out on purpose:
/// they describe the event rather than identify it, and lead data may change between attempts.
/// A missing field and a `null` field hash the same.
pub fn dedupe_key(event: &WebhookEvent) -> String {
    let text = |v: &str| Value::String(v.to_string());
    let optional = |v: &Option<String>| v.as_deref().map_or(Value::Null, text);
    let number = |v: Option<i64>| v.map_or(Value::Null, Value::from);
    // Hashed as compact JSON text, the way the first version wrote it (`json!` and `to_string`).
    let canonical = Value::Array(vec![
        text("instantly-webhook-v1"),
        text(&event.event_type),
        text(&event.timestamp),
        text(&event.workspace),
        optional(&event.campaign_id),
        optional(&event.lead_email),
        optional(&event.email_id),
        number(event.step),
        number(event.variant),
    ]);
    let digest = Sha256::digest(serde_json::to_vec(&canonical).unwrap_or_default());
    crate::text::hex(&digest)
}
