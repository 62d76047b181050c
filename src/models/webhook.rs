//! Webhook subscriptions (`/webhooks`) and their delivery log (`/webhook-events`).
//!
//! Naming: the spec calls a delivery-log record `WebhookEvent`; here it is [`WebhookDelivery`],
//! because `WebhookEvent` is the payload a receiver gets (see [`crate::webhooks`]).

use super::common::{nullable, page_type};
use crate::error::{Error, Result};
use crate::validate::{self, Validate};
use crate::webhooks::{normalize_event_type, LIST_FILTER_EVENT_TYPES, SUBSCRIPTION_EVENT_TYPES};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub use crate::webhooks::WebhookSubscriptionEventType;

/// Webhook status values (`Webhook.status`). The field stays a number, open to new values.
pub struct WebhookStatus;

impl WebhookStatus {
    /// Delivering.
    pub const ACTIVE: i64 = 1;
    /// Disabled after repeated delivery failures; re-enable with `resume`.
    pub const DISABLED: i64 = -1;

    /// `(name, value)` pairs, as exported to JS.
    pub const ALL: &'static [(&'static str, i64)] = &[("Active", 1), ("Disabled", -1)];
}

/// A webhook subscription (`GET /webhooks/{id}` and every webhook write).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Webhook {
    /// UUID.
    pub id: String,
    /// Workspace (organization) UUID.
    pub organization: String,
    /// Where payloads are POSTed.
    pub target_hook_url: String,
    /// Creation time (ISO 8601).
    pub timestamp_created: String,
    /// Campaign UUID the subscription is limited to; `null` for every campaign.
    #[serde(default)]
    pub campaign: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Subscription event type (see `WebhookSubscriptionEventType`; an open string here so
    /// future values decode); `null` for custom-label subscriptions.
    #[serde(default)]
    pub event_type: Option<String>,
    /// The custom label's interest value, for custom-label subscriptions.
    #[serde(default)]
    pub custom_interest_value: Option<f64>,
    /// Extra HTTP headers sent with every delivery (where a shared secret lives).
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    /// 1 active, -1 disabled after delivery failures (see `WebhookStatus`); open for new values.
    #[serde(default)]
    pub status: Option<i64>,
    /// When the webhook was disabled (`null` while active).
    #[serde(default)]
    pub timestamp_error: Option<String>,
}

page_type!(
    /// A page of webhooks (`GET /webhooks`).
    WebhookPage,
    Webhook
);

/// Body of `POST /webhooks`.
///
/// Put the shared secret in `headers` (e.g. `{"x-shared-secret": "<random>"}`) and check it on
/// receipt with `parseWebhook({ secret })`: Instantly does not sign deliveries.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookCreateParams {
    /// Where to POST payloads: an `http://` or `https://` URL (required).
    pub target_hook_url: String,
    /// What to receive: a subscription name (`all_events` for everything, custom labels
    /// included; `email_link_clicked`, not the payload's `link_clicked`), or `null` for one
    /// custom label, chosen by `custom_interest_value`. Left out, the API's default applies.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_type: Option<Option<String>>,
    /// Limit to one campaign (UUID); `null` or absent for every campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// A name for the subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Interest value of the custom label to receive (with `event_type: null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_interest_value: Option<i64>,
    /// Extra HTTP headers sent with every delivery, e.g. a shared secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
}

/// Body of `PATCH /webhooks/{id}`: at least one field. `null` clears a nullable field
/// (`campaign: null` = every campaign, `event_type: null` = custom-label subscription).
/// In Rust, `None` leaves a field alone and `Some(None)` sends `null`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookUpdateParams {
    /// New target URL (`http://` or `https://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_hook_url: Option<String>,
    /// New subscription event type, or `null` for a custom-label subscription.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_type: Option<Option<String>>,
    /// Campaign UUID, or `null` for every campaign.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub campaign: Option<Option<String>>,
    /// Name, or `null` to clear it.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Option<String>>,
    /// Custom label interest value, or `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_interest_value: Option<Option<i64>>,
    /// Delivery headers (replace the current ones), or `null` to remove them.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub headers: Option<Option<BTreeMap<String, String>>>,
}

/// Query of `GET /webhooks`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookListParams {
    /// Page size, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Cursor from the previous page's `next_starting_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<String>,
    /// Only webhooks of this campaign (UUID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// Only webhooks with this subscription type (the filter does not accept `lead_no_show`
    /// or `supersearch_enrichment_completed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
}

/// One entry of `GET /webhooks/event-types`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WebhookEventTypeInfo {
    /// The value to subscribe with, e.g. `email_sent` (custom labels have their own ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display label, e.g. `Email Sent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `standard`, or another value for custom labels.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Answer of `GET /webhooks/event-types`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookEventTypeList {
    /// Every event type the workspace can subscribe to, custom labels included.
    pub event_types: Vec<WebhookEventTypeInfo>,
}

/// Answer of `POST /webhooks/{id}/test` (a test payload was sent to the target URL).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookTestResult {
    /// Whether the target answered 2xx.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Summary, e.g. `Webhook test successful`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// How long the target took, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_time_ms: Option<f64>,
    /// The target's HTTP status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i64>,
    /// Why the test failed, e.g. `Connection timeout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One delivery attempt (the spec's `WebhookEvent` schema, `GET /webhook-events/{id}`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WebhookDelivery {
    /// UUID.
    pub id: String,
    /// When the attempt was made (ISO 8601).
    pub timestamp_created: String,
    /// Day of the attempt, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_created_date: Option<String>,
    /// Workspace UUID.
    pub organization_id: String,
    /// The payload sent (decode it with `WebhookEvent::from_map` in Rust).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Map<String, Value>>,
    /// Whether the target answered 2xx.
    pub success: bool,
    /// Retries made so far.
    pub retry_count: i64,
    /// Whether another attempt is scheduled.
    pub will_retry: bool,
    /// The target URL.
    pub webhook_url: String,
    /// The target's HTTP status, if it answered.
    #[serde(default)]
    pub status_code: Option<i64>,
    /// Why the attempt failed.
    #[serde(default)]
    pub error_message: Option<String>,
    /// When the next attempt is due.
    #[serde(default)]
    pub timestamp_next_retry: Option<String>,
    /// Groups the attempts of one event (UUID).
    #[serde(default)]
    pub retry_group_id: Option<String>,
    /// For retries: whether this one succeeded.
    #[serde(default)]
    pub retry_successful: Option<bool>,
    /// The lead the event is about.
    #[serde(default)]
    pub lead_email: Option<String>,
    /// How long the target took, ms.
    #[serde(default)]
    pub response_time_ms: Option<f64>,
}

page_type!(
    /// A page of delivery attempts (`GET /webhook-events`).
    WebhookDeliveryPage,
    WebhookDelivery
);

/// Query of `GET /webhook-events`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookDeliveryListParams {
    /// Page size, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Cursor from the previous page's `next_starting_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<String>,
    /// Only successful (`true`) or failed (`false`) attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// First day, `YYYY-MM-DD` (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Exact target URL or lead email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

/// Query of `GET /webhook-events/summary` and `/summary-by-date`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookDeliverySummaryParams {
    /// First day, `YYYY-MM-DD` (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// Answer of `GET /webhook-events/summary`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookDeliverySummary {
    /// Attempts in the window.
    pub total_events: f64,
    /// Successful attempts.
    pub successful_events: f64,
    /// Failed attempts.
    pub failed_events: f64,
    /// Percentage (0–100) of successful attempts.
    pub success_rate: f64,
    /// Percentage (0–100) of failed attempts.
    pub failure_rate: f64,
}

/// One day of `GET /webhook-events/summary-by-date`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookDeliveryDailySummary {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Attempts that day.
    pub total_events: f64,
    /// Successful attempts.
    pub successful_events: f64,
    /// Failed attempts.
    pub failed_events: f64,
    /// Success rate of the day.
    pub success_rate: f64,
}

/// Answer of `GET /webhook-events/summary-by-date`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct WebhookDeliverySummaryByDate {
    /// One entry per day.
    pub items: Vec<WebhookDeliveryDailySummary>,
}

impl Validate for WebhookCreateParams {
    fn validate(&self) -> Result<()> {
        http_url("target_hook_url", &self.target_hook_url)?;
        if let Some(Some(t)) = &self.event_type {
            subscription_type("event_type", t, &SUBSCRIPTION_EVENT_TYPES)?;
        }
        if let Some(c) = &self.campaign {
            uuid("campaign", c)?;
        }
        if let Some(n) = &self.name {
            validate::non_empty("name", n)?;
        }
        if let Some(h) = &self.headers {
            header_map("headers", h)?;
        }
        Ok(())
    }
}

impl Validate for WebhookUpdateParams {
    fn validate(&self) -> Result<()> {
        if *self == WebhookUpdateParams::default() {
            return Err(Error::validation(
                "webhooks.update params",
                "set at least one field",
            ));
        }
        if let Some(u) = &self.target_hook_url {
            http_url("target_hook_url", u)?;
        }
        if let Some(Some(t)) = &self.event_type {
            subscription_type("event_type", t, &SUBSCRIPTION_EVENT_TYPES)?;
        }
        if let Some(Some(c)) = &self.campaign {
            uuid("campaign", c)?;
        }
        if let Some(Some(n)) = &self.name {
            validate::non_empty("name", n)?;
        }
        if let Some(Some(h)) = &self.headers {
            header_map("headers", h)?;
        }
        Ok(())
    }
}

impl Validate for WebhookListParams {
    fn validate(&self) -> Result<()> {
        validate::limit("limit", self.limit)?;
        if let Some(c) = &self.campaign {
            uuid("campaign", c)?;
        }
        if let Some(t) = &self.event_type {
            subscription_type("event_type", t, &LIST_FILTER_EVENT_TYPES)?;
        }
        Ok(())
    }
}

impl Validate for WebhookDeliveryListParams {
    fn validate(&self) -> Result<()> {
        validate::limit("limit", self.limit)?;
        date_window(self.from.as_deref(), self.to.as_deref())
    }
}

impl Validate for WebhookDeliverySummaryParams {
    fn validate(&self) -> Result<()> {
        date_window(self.from.as_deref(), self.to.as_deref())
    }
}

fn date_window(from: Option<&str>, to: Option<&str>) -> Result<()> {
    if let Some(f) = from {
        validate::date("from", f)?;
    }
    if let Some(t) = to {
        validate::date("to", t)?;
    }
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(Error::validation(
            "from",
            format!("must not be after `to` ({f} > {t})"),
        )),
        _ => Ok(()),
    }
}

/// A subscription name from `allowed`, with a hint when a payload name was given.
fn subscription_type(field: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let names = normalize_event_type(value);
    let hint = match names.subscription.as_deref() {
        Some(s) if s != value && allowed.contains(&s) => format!("; subscribe as {s:?}"),
        _ if value == "auto_reply_received" => {
            "; auto-replies have no subscription name of their own: use \"all_events\"".into()
        }
        _ if SUBSCRIPTION_EVENT_TYPES.contains(&value) => {
            "; the GET /webhooks filter does not accept it".into()
        }
        _ => "; custom labels subscribe with event_type null and custom_interest_value".into(),
    };
    validate::one_of(field, value, allowed).map_err(|mut e| {
        e.message.push_str(&hint);
        e
    })
}

/// An absolute `http://` or `https://` URL with a host and no whitespace.
fn http_url(field: &str, value: &str) -> Result<()> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let host = rest
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    let host_name = host.rsplit('@').next().unwrap_or("");
    let ok = rest.is_some()
        && !host_name.is_empty()
        && !host_name.starts_with(':')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("must be an http:// or https:// URL (got {value:?})"),
        ))
    }
}

/// A UUID: 8-4-4-4-12 hex digits.
fn uuid(field: &str, value: &str) -> Result<()> {
    let groups: Vec<&str> = value.split('-').collect();
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("must be a UUID (got {value:?})"),
        ))
    }
}

/// Header names are HTTP tokens; values have no line breaks.
fn header_map(field: &str, headers: &BTreeMap<String, String>) -> Result<()> {
    for (name, value) in headers {
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !token {
            return Err(Error::validation(
                format!("{field}.{name}"),
                "is not a valid HTTP header name",
            ));
        }
        if value.contains(['\r', '\n', '\0']) {
            return Err(Error::validation(
                format!("{field}.{name}"),
                "must not contain line breaks or NUL",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for good in [
            "https://example.com",
            "http://localhost:8787/hook",
            "https://user@hooks.example.com/a?b=c#d",
        ] {
            http_url("u", good).unwrap();
        }
        for bad in [
            "",
            "example.com/hook",
            "ftp://example.com",
            "https://",
            "https:///path",
            "https://exa mple.com",
            "HTTPS://example.com",
            "https://:80/x",
        ] {
            assert!(http_url("u", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn uuids() {
        uuid("c", "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b").unwrap();
        for bad in [
            "",
            "0199a3f2",
            "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5",
            "zzzzzzzz-1c2d-7e3f-8a9b-0c1d2e3f4a5b",
        ] {
            assert!(uuid("c", bad).is_err(), "{bad}");
        }
    }
}
