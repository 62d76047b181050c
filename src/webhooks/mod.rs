//! The receiving side of webhooks: typed payloads, shared-secret verification, size limit,
//! dedupe keys and event-name mapping. Plain Rust: the JS `parseWebhook`, `normalizeEventType`,
//! `dedupeKey` and `interestStatusOf` only convert their arguments and call these.
//!
//! ```
//! use instantly_wasm::webhooks::{parse_webhook, dedupe_key, WebhookOptions, WebhookEventType};
//!
//! let body = br#"{"timestamp":"2026-08-13T11:12:14.515Z","event_type":"reply_received",
//!   "workspace":"0199a3f2-0000-7000-8000-000000000001","campaign_id":null,"campaign_name":null,
//!   "lead_email":"jane@acme.test","reply_text":"Sounds good"}"#;
//! let options = WebhookOptions::with_secret("s3cret").header("X-Shared-Secret", "s3cret");
//! let event = parse_webhook(body, &options).unwrap();
//! assert_eq!(event.kind(), Some(WebhookEventType::ReplyReceived));
//! assert_eq!(event.reply_text.as_deref(), Some("Sounds good"));
//! assert_eq!(dedupe_key(&event).len(), 64);
//! ```

mod dedupe;
mod event;
mod names;
mod ts;
mod verify;

pub use dedupe::dedupe_key;
pub use event::{WebhookEvent, KNOWN_FIELDS};
pub use names::{
    interest_status_of, normalize_event_type, EventTypeNames, InterestChange, WebhookEventType,
    WebhookSubscriptionEventType, LIST_FILTER_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES,
};
pub use ts::WEBHOOK_TS;
pub use verify::{
    check_size, verify_secret, WebhookOptions, DEFAULT_MAX_BYTES, DEFAULT_SECRET_HEADER,
    MAX_MAX_BYTES,
};

use crate::Result;

/// Checks and decodes one delivery, in this order:
///
/// 1. the shared secret, when `options.secret` is set ([`crate::ErrorKind::WebhookUnauthorized`],
///    status 401), so an unauthenticated caller learns nothing about the body;
/// 2. the size ([`crate::ErrorKind::PayloadTooLarge`], status 413);
/// 3. the payload: JSON, an object, required fields present and known fields well typed
///    ([`crate::ErrorKind::Decode`], status 400, `field` set when one field is to blame).
///
/// Bad options are a [`crate::ErrorKind::Validation`] error without a status (answer 500).
/// Any well-formed payload with a string `event_type` decodes, whatever the type's name.
pub fn parse_webhook(body: &[u8], options: &WebhookOptions) -> Result<WebhookEvent> {
    verify_secret(options)?;
    check_size(body.len() as u64, options)?;
    WebhookEvent::from_slice(body)
}
