//! [`WebhookEvent`]: one delivered payload, decoded field by field so that a wrong type in a
//! known field is a typed error naming the field, and every other key is kept.

use super::names::WebhookEventType;
use crate::error::{Error, ErrorKind, Result};
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// One webhook payload as Instantly delivers it.
///
/// `event_type` is the payload name (`link_clicked`, `auto_reply_received`, a custom label's
/// text, …); [`WebhookEvent::kind`] discriminates the documented types. The always-present
/// fields are required, except `campaign_id` and `campaign_name`, which are `None` for events
/// without a campaign (Instantly and the test double send `null` there). Every other documented
/// field is optional; keys that are not documented fields (lead data such as `first_name`,
/// `company_name`, custom variables) are kept in [`WebhookEvent::extra`] and serialized back at
/// the top level, so the JS object has the payload's shape.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WebhookEvent {
    /// Payload event type, as sent (see [`super::normalize_event_type`]).
    pub event_type: String,
    /// When the event occurred (ISO 8601).
    pub timestamp: String,
    /// Workspace UUID.
    pub workspace: String,
    /// Campaign UUID, `None` for events without a campaign.
    pub campaign_id: Option<String>,
    /// Campaign name, `None` for events without a campaign.
    pub campaign_name: Option<String>,
    /// The lead's email address.
    pub lead_email: Option<String>,
    /// The sending account's email address.
    pub email_account: Option<String>,
    /// Link to the conversation in Unibox (reply events).
    pub unibox_url: Option<String>,
    /// Sequence step, 1-based.
    pub step: Option<i64>,
    /// Variant of the step, 1-based (analytics endpoints count variants from 0).
    pub variant: Option<i64>,
    /// True for the first email of the sequence.
    pub is_first: Option<bool>,
    /// The email's id: for replies, the `reply_to_uuid` to answer in-thread.
    pub email_id: Option<String>,
    /// Subject of the campaign email.
    pub email_subject: Option<String>,
    /// Plain-text body of the campaign email.
    pub email_text: Option<String>,
    /// HTML body of the campaign email.
    pub email_html: Option<String>,
    /// First characters of the reply.
    pub reply_text_snippet: Option<String>,
    /// Subject of the reply.
    pub reply_subject: Option<String>,
    /// Plain-text reply.
    pub reply_text: Option<String>,
    /// HTML reply.
    pub reply_html: Option<String>,
    /// Every other key of the payload (lead fields, custom variables, future fields).
    pub extra: Map<String, Value>,
}

/// The documented field names, in the order they are serialized.
pub const KNOWN_FIELDS: [&str; 19] = [
    "event_type",
    "timestamp",
    "workspace",
    "campaign_id",
    "campaign_name",
    "lead_email",
    "email_account",
    "unibox_url",
    "step",
    "variant",
    "is_first",
    "email_id",
    "email_subject",
    "email_text",
    "email_html",
    "reply_text_snippet",
    "reply_subject",
    "reply_text",
    "reply_html",
];

impl WebhookEvent {
    /// The documented type of this event, or `None` for a custom label or an unknown type.
    pub fn kind(&self) -> Option<WebhookEventType> {
        WebhookEventType::from_payload_name(&self.event_type)
    }

    /// True for a custom label or a type this version does not know.
    pub fn is_custom(&self) -> bool {
        self.kind().is_none()
    }

    /// Decodes a payload from JSON bytes. Bad JSON, a non-object, a missing required field or a
    /// wrongly typed known field is a [`ErrorKind::Decode`] error with `status` 400 and `field`
    /// set when one field is to blame.
    pub fn from_slice(body: &[u8]) -> Result<WebhookEvent> {
        let value = crate::http::parse_json(body)
            .map_err(|e| decode_error(None, format!("webhook body is not valid JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Decodes a payload from a JSON value (see [`WebhookEvent::from_slice`]).
    pub fn from_value(value: Value) -> Result<WebhookEvent> {
        match value {
            Value::Object(map) => Self::from_map(map),
            other => Err(decode_error(
                None,
                format!(
                    "webhook body must be a JSON object (got {})",
                    crate::engine::json_type(&other)
                ),
            )),
        }
    }

    /// Decodes a payload from a JSON object.
    pub fn from_map(map: Map<String, Value>) -> Result<WebhookEvent> {
        // The documented fields and the rest, split in one pass (maps built by insertion,
        // never shrunk by removal: less code in the wasm).
        let mut known = Map::new();
        let mut extra = Map::new();
        for (k, v) in map {
            if KNOWN_FIELDS.contains(&k.as_str()) {
                known.insert(k, v);
            } else {
                extra.insert(k, v);
            }
        }
        let mut f = Fields(&mut known);
        let event = WebhookEvent {
            event_type: f.required_str("event_type")?,
            timestamp: f.required_str("timestamp")?,
            workspace: f.required_str("workspace")?,
            campaign_id: f.str("campaign_id")?,
            campaign_name: f.str("campaign_name")?,
            lead_email: f.str("lead_email")?,
            email_account: f.str("email_account")?,
            unibox_url: f.str("unibox_url")?,
            step: f.int("step")?,
            variant: f.int("variant")?,
            is_first: f.bool("is_first")?,
            email_id: f.str("email_id")?,
            email_subject: f.str("email_subject")?,
            email_text: f.str("email_text")?,
            email_html: f.str("email_html")?,
            reply_text_snippet: f.str("reply_text_snippet")?,
            reply_subject: f.str("reply_subject")?,
            reply_text: f.str("reply_text")?,
            reply_html: f.str("reply_html")?,
            extra,
        };
        Ok(event)
    }

    /// The payload as a JSON object: documented fields first (`campaign_id` and
    /// `campaign_name` always present, `null` when unset; other unset fields left out), then
    /// the extra keys.
    pub fn to_map(&self) -> Map<String, Value> {
        let mut m = Map::new();
        let s = |v: &str| Value::String(v.to_string());
        m.insert("event_type".into(), s(&self.event_type));
        m.insert("timestamp".into(), s(&self.timestamp));
        m.insert("workspace".into(), s(&self.workspace));
        let nullable = |v: &Option<String>| v.as_deref().map_or(Value::Null, s);
        m.insert("campaign_id".into(), nullable(&self.campaign_id));
        m.insert("campaign_name".into(), nullable(&self.campaign_name));
        let mut opt = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                m.insert(k.to_string(), v);
            }
        };
        let st = |v: &Option<String>| v.as_deref().map(s);
        opt("lead_email", st(&self.lead_email));
        opt("email_account", st(&self.email_account));
        opt("unibox_url", st(&self.unibox_url));
        opt("step", self.step.map(Value::from));
        opt("variant", self.variant.map(Value::from));
        opt("is_first", self.is_first.map(Value::Bool));
        opt("email_id", st(&self.email_id));
        opt("email_subject", st(&self.email_subject));
        opt("email_text", st(&self.email_text));
        opt("email_html", st(&self.email_html));
        opt("reply_text_snippet", st(&self.reply_text_snippet));
        opt("reply_subject", st(&self.reply_subject));
        opt("reply_text", st(&self.reply_text));
        opt("reply_html", st(&self.reply_html));
        for (k, v) in &self.extra {
            if !KNOWN_FIELDS.contains(&k.as_str()) {
                m.insert(k.clone(), v.clone());
            }
        }
        m
    }
}

impl Serialize for WebhookEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let map = self.to_map();
        let mut out = serializer.serialize_map(Some(map.len()))?;
        for (k, v) in &map {
            out.serialize_entry(k, v)?;
        }
        out.end()
    }
}

impl<'de> Deserialize<'de> for WebhookEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        WebhookEvent::from_value(value).map_err(|e| serde::de::Error::custom(e.message.clone()))
    }
}

/// Takes the documented fields out of their map, checking their types.
struct Fields<'a>(&'a mut Map<String, Value>);

impl Fields<'_> {
    /// Takes `key`'s value (leaving `null`); `null` counts as absent.
    fn take(&mut self, key: &str) -> Option<Value> {
        self.0
            .get_mut(key)
            .map(Value::take)
            .filter(|v| !v.is_null())
    }

    fn required_str(&mut self, key: &str) -> Result<String> {
        match self.take(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(wrong_type(key, "a string", &other)),
            None => Err(decode_error(
                Some(key),
                format!("webhook payload is missing `{key}`"),
            )),
        }
    }

    fn str(&mut self, key: &str) -> Result<Option<String>> {
        match self.take(key) {
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_type(key, "a string", &other)),
            None => Ok(None),
        }
    }

    /// An integer; a float with no fractional part (`1.0`) is accepted as the same number.
    fn int(&mut self, key: &str) -> Result<Option<i64>> {
        match self.take(key) {
            Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Ok(Some(i)),
                (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                _ => Err(wrong_type(key, "an integer", &Value::Number(n))),
            },
            Some(other) => Err(wrong_type(key, "an integer", &other)),
            None => Ok(None),
        }
    }

    fn bool(&mut self, key: &str) -> Result<Option<bool>> {
        match self.take(key) {
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(wrong_type(key, "a boolean", &other)),
            None => Ok(None),
        }
    }
}

/// A `Decode` error with status 400 (what a webhook handler should answer).
pub(crate) fn decode_error(field: Option<&str>, message: String) -> Error {
    let mut e = Error::new(ErrorKind::Decode, message);
    e.status = Some(400);
    e.field = field.map(str::to_string);
    e
}

fn wrong_type(key: &str, expected: &str, got: &Value) -> Error {
    decode_error(
        Some(key),
        format!(
            "webhook payload field `{key}` must be {expected} (got {})",
            crate::engine::json_type(got)
        ),
    )
}
