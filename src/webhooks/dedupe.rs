//! [`dedupe_key`]: a stable identifier for one event, for processing redeliveries once.

use super::event::WebhookEvent;
use serde_json::{json, Value};
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
    let canonical: Value = json!([
        "instantly-webhook-v1",
        event.event_type,
        event.timestamp,
        event.workspace,
        event.campaign_id,
        event.lead_email,
        event.email_id,
        event.step,
        event.variant,
    ]);
    let digest = Sha256::digest(canonical.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
