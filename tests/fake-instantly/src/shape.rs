//! Answer shapes. By default the fake answers the way the live service does
//! (`shared/reference/api-notes.md` §7), which differs from the spec's ideal
//! in documented ways only: unset campaign settings are omitted, schedule
//! dates come back as `""` or ISO date-times, a lead without a campaign has
//! no `campaign` key, emails omit null fields, the analytics overview has no
//! `completed_count`, a fetched background job has no `user_id`, the webhook
//! event types are the live list, a failed webhook test has no `message`,
//! warmup analytics omit a zero `landed_spam` and label health as `"100%"`.
//! With `--spec-shapes` (config `spec_shapes`) the answers are the spec's
//! complete shapes instead, valid against the declared response schemas.
//!
//! The API routes run inside [`scope`], which records the matched operation
//! in a task-local; [`apply`] (called by `errors::answer`) rewrites an answer
//! for that operation. Where the components sit in an answer is read from
//! the response schema's `$ref`s, so a Campaign is shaped alike in every
//! operation that answers one.

use crate::optable::{self, Op};
use crate::spec::operation;
use crate::state::AppState;
use crate::synth::synth;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The operation an answer is for, and the shape mode.
#[derive(Clone, Copy)]
pub struct Current {
    pub op: Option<&'static Op>,
    pub spec_shapes: bool,
}

tokio::task_local! {
    static CURRENT: Current;
}

/// Route layer of the API: runs the handler with the matched operation known.
pub async fn scope(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let op = req
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| optable::find(req.method().as_str(), m.as_str()));
    let spec_shapes = app.lock().config.spec_shapes;
    CURRENT
        .scope(Current { op, spec_shapes }, next.run(req))
        .await
}

/// Rewrites a success answer of the current operation for the shape mode.
pub fn apply(status: u16, value: &mut Value) {
    let _ = CURRENT.try_with(|c| {
        if let Some(op) = c.op {
            shape(op, status, c.spec_shapes, value);
        }
    });
}

/// Components whose answers are reshaped wherever they appear.
const SHAPED: &[&str] = &["Campaign", "Lead", "Email", "BackgroundJob"];

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Each,
}

type Plan = Vec<(Vec<Seg>, &'static str)>;

/// Where the shaped components sit in the answer of `op` for `status`.
fn plan(op: &Op, status: u16) -> std::sync::Arc<Plan> {
    static CACHE: OnceLock<Mutex<HashMap<String, std::sync::Arc<Plan>>>> = OnceLock::new();
    let key = format!("{} {}", op.name(), status);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(p) = cache.lock().unwrap().get(&key) {
        return p.clone();
    }
    let mut out = Plan::new();
    if let Some(schema) = operation(op.method, op.path).and_then(|o| {
        o.pointer(&format!(
            "/responses/{status}/content/application~1json/schema"
        ))
    }) {
        walk(schema, &mut Vec::new(), &mut out, 0);
    }
    let p = std::sync::Arc::new(out);
    cache.lock().unwrap().insert(key, p.clone());
    p
}

fn walk(schema: &Value, path: &mut Vec<Seg>, out: &mut Plan, depth: usize) {
    if depth > 6 {
        return;
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        if let Some(n) = SHAPED.iter().find(|s| **s == name) {
            out.push((path.clone(), n));
        }
        return;
    }
    if let Some(items) = schema.get("items") {
        path.push(Seg::Each);
        walk(items, path, out, depth + 1);
        path.pop();
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            path.push(Seg::Key(k.clone()));
            walk(p, path, out, depth + 1);
            path.pop();
        }
    }
}

fn visit(v: &mut Value, path: &[Seg], f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match path.split_first() {
        None => {
            if let Value::Object(m) = v {
                f(m)
            }
        }
        Some((Seg::Key(k), rest)) => {
            if let Some(child) = v.get_mut(k) {
                visit(child, rest, f)
            }
        }
        Some((Seg::Each, rest)) => {
            if let Value::Array(a) = v {
                for item in a {
                    visit(item, rest, f)
                }
            }
        }
    }
}

/// Applies the shape of `op`'s answer (components, then the operation's own).
pub fn shape(op: &Op, status: u16, spec_shapes: bool, value: &mut Value) {
    for (path, component) in plan(op, status).iter() {
        visit(value, path, &mut |m| match *component {
            "Campaign" if spec_shapes => complete_campaign(m),
            "Campaign" => live_campaign(m),
            "Lead" if !spec_shapes => live_lead(m),
            "Lead" => spec_lead(m),
            "Email" if !spec_shapes => live_email(m),
            "BackgroundJob"
                if !spec_shapes
                    && op.method == "GET"
                    && m.get("user_id").is_some_and(Value::is_null) =>
            {
                m.remove("user_id");
            }
            _ => {}
        });
    }
    if !spec_shapes {
        live_operation(op, value);
    }
}

/// Keys a live campaign always carries.
const CAMPAIGN_CORE: &[&str] = &[
    "id",
    "name",
    "status",
    "organization",
    "sequences",
    "campaign_schedule",
    "timestamp_created",
    "timestamp_updated",
];

fn live_date(v: &mut Value) {
    match v {
        Value::Null => *v = json!(""),
        Value::String(s) if s.len() == 10 => *v = json!(format!("{s}T00:00:00.000Z")),
        _ => {}
    }
}

/// Unset settings (null, `[]`, `{}`) are omitted; schedule dates are `""`
/// when unset and ISO date-times when set.
fn live_campaign(m: &mut Map<String, Value>) {
    m.retain(|k, v| {
        CAMPAIGN_CORE.contains(&k.as_str())
            || !(v.is_null()
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_object().is_some_and(Map::is_empty))
    });
    if let Some(Value::Object(s)) = m.get_mut("campaign_schedule") {
        for k in ["start_date", "end_date"] {
            if let Some(v) = s.get_mut(k) {
                live_date(v);
            }
        }
    }
}

/// A campaign without a schedule (one created from a shared campaign) gets
/// the schema's example schedule, which the spec requires.
fn complete_campaign(m: &mut Map<String, Value>) {
    let missing = m
        .get("campaign_schedule")
        .and_then(Value::as_object)
        .is_none_or(|s| !s.contains_key("schedules"));
    if missing {
        if let Some(schema) = optable::component_schema("Campaign")
            .and_then(|c| c.pointer("/properties/campaign_schedule"))
        {
            m.insert("campaign_schedule".into(), synth(schema));
        }
    }
}

/// Whether a lead's field stays in an answer: live answers leave out a null
/// `campaign` (a lead outside any campaign) and a null `list_id`; the spec's
/// `lt_interest_status` enum has only the built-in statuses, so spec-shaped
/// answers leave out a custom label's value (5, -5, ...).
pub fn lead_field_kept(spec_shapes: bool, k: &str, v: &Value) -> bool {
    match k {
        "campaign" | "list_id" => spec_shapes || !v.is_null(),
        "lt_interest_status" => !spec_shapes || v.as_i64().is_none_or(|v| (-4..=4).contains(&v)),
        _ => true,
    }
}

fn live_lead(m: &mut Map<String, Value>) {
    m.retain(|k, v| lead_field_kept(false, k, v));
}

fn spec_lead(m: &mut Map<String, Value>) {
    m.retain(|k, v| lead_field_kept(true, k, v));
}

/// A stored lead serialized in the answer's shape without copying it
/// (`POST /leads/list` pages are written straight from the store).
pub struct LeadOut<'a> {
    pub data: &'a Map<String, Value>,
    pub spec_shapes: bool,
}

impl serde::Serialize for LeadOut<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(None)?;
        for (k, v) in self.data {
            if lead_field_kept(self.spec_shapes, k, v) {
                m.serialize_entry(k, v)?;
            }
        }
        m.end()
    }
}

/// Null fields are omitted; sent-manually emails (`ue_type` 3) have no
/// `step` or `is_unread`.
fn live_email(m: &mut Map<String, Value>) {
    m.retain(|_, v| !v.is_null());
    if m.get("ue_type") == Some(&json!(3)) {
        m.remove("step");
        m.remove("is_unread");
    }
}

/// Live event types: the two custom-label kinds are listed, `lead_no_show`
/// and `supersearch_enrichment_completed` are not.
pub const LIVE_EVENT_TYPES_EXTRA: &[(&str, &str)] = &[
    ("custom_label_any_positive", "Any positive custom label"),
    ("custom_label_any_negative", "Any negative custom label"),
];

fn live_operation(op: &Op, value: &mut Value) {
    match (op.method, op.route.as_str()) {
        ("GET", "/campaigns/analytics/overview") => {
            if let Value::Object(m) = value {
                m.remove("completed_count");
            }
        }
        ("GET", "/webhooks/event-types") => {
            if let Some(Value::Array(types)) = value.get_mut("event_types") {
                types.retain(|t| {
                    !matches!(
                        t["id"].as_str(),
                        Some("lead_no_show" | "supersearch_enrichment_completed")
                    )
                });
                for (id, label) in LIVE_EVENT_TYPES_EXTRA {
                    types.push(json!({"id": id, "label": label, "type": "custom_label"}));
                }
            }
        }
        ("POST", "/webhooks/{id}/test") if value["success"] == json!(false) => {
            if let Value::Object(m) = value {
                m.remove("message");
            }
        }
        ("POST", "/accounts/warmup-analytics") => live_warmup(value),
        _ => {}
    }
}

/// Zero `landed_spam` omitted; `health_score_label` is the score as `"N%"`.
fn live_warmup(value: &mut Value) {
    let drop_zero_spam = |m: &mut Map<String, Value>| {
        if m.get("landed_spam") == Some(&json!(0)) {
            m.remove("landed_spam");
        }
    };
    if let Some(Value::Object(by_email)) = value.get_mut("email_date_data") {
        for days in by_email.values_mut() {
            if let Value::Object(days) = days {
                for day in days.values_mut() {
                    if let Value::Object(d) = day {
                        drop_zero_spam(d);
                    }
                }
            }
        }
    }
    if let Some(Value::Object(agg)) = value.get_mut("aggregate_data") {
        for a in agg.values_mut() {
            if let Value::Object(a) = a {
                drop_zero_spam(a);
                if let Some(score) = a.get("health_score").and_then(Value::as_f64) {
                    a.insert("health_score_label".into(), json!(format!("{score}%")));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn campaigns_and_leads_take_live_shapes() {
        let op = optable::find("GET", "/api/v2/campaigns").unwrap();
        let mut v = json!({"items": [{
            "id": "c", "name": "n", "status": 0, "pl_value": null, "email_list": [],
            "daily_limit": 100, "campaign_schedule": {"start_date": null, "end_date": "2026-01-02", "schedules": []}
        }]});
        shape(op, 200, false, &mut v);
        let c = &v["items"][0];
        assert!(c.get("pl_value").is_none() && c.get("email_list").is_none());
        assert_eq!(c["daily_limit"], 100);
        assert_eq!(c["campaign_schedule"]["start_date"], "");
        assert_eq!(
            c["campaign_schedule"]["end_date"],
            "2026-01-02T00:00:00.000Z"
        );
        let op = optable::find("POST", "/api/v2/leads/list").unwrap();
        let mut v = json!({"items": [{"id": "l", "campaign": null, "list_id": "x"}]});
        shape(op, 200, false, &mut v);
        assert_eq!(v, json!({"items": [{"id": "l", "list_id": "x"}]}));
        let mut v = json!({"items": [{"id": "l", "campaign": null, "list_id": "x"}]});
        shape(op, 200, true, &mut v);
        assert_eq!(v["items"][0]["campaign"], Value::Null);
    }
}
