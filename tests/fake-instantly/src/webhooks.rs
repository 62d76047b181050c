//! `/webhooks` management routes and `/webhook-events` (the delivery log).

use crate::api::JsonBody;
use crate::delivery::{self, STATUS_ACTIVE};
use crate::errors::{ok, ApiError, ApiResult};
use crate::ids::{iso, new_uuid, now_iso};
use crate::pagination;
use crate::state::{AppState, Ctx};
use crate::validation::op;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

const LIST: &str = "/api/v2/webhooks";
const ONE: &str = "/api/v2/webhooks/{id}";

/// Subscription event types offered by `GET /webhooks/event-types`.
pub const EVENT_TYPES: &[(&str, &str)] = &[
    ("all_events", "All Events"),
    ("email_sent", "Email Sent"),
    ("email_opened", "Email Opened"),
    ("email_link_clicked", "Email Link Clicked"),
    ("reply_received", "Reply Received"),
    ("email_bounced", "Email Bounced"),
    ("lead_unsubscribed", "Lead Unsubscribed"),
    ("campaign_completed", "Campaign Completed"),
    ("account_error", "Account Error"),
    ("lead_neutral", "Lead Marked as Neutral"),
    ("lead_interested", "Lead Marked as Interested"),
    ("lead_not_interested", "Lead Marked as Not Interested"),
    ("lead_meeting_booked", "Lead Meeting Booked"),
    ("lead_meeting_completed", "Lead Meeting Completed"),
    ("lead_closed", "Lead Closed"),
    ("lead_out_of_office", "Lead Out of Office"),
    ("lead_wrong_person", "Lead Wrong Person"),
    ("lead_no_show", "Lead No Show"),
    (
        "supersearch_enrichment_completed",
        "SuperSearch Enrichment Completed",
    ),
];

/// The spec's `event_type` enum has no `null`: a custom-label webhook
/// (event_type null + custom_interest_value) is answered without the key.
fn drop_null_event_type(w: &mut Map<String, Value>) {
    if w.get("event_type").is_some_and(Value::is_null) {
        w.remove("event_type");
    }
}

fn check_campaign(app: &AppState, ctx: &Ctx, body: &Map<String, Value>) -> ApiResult<()> {
    if let Some(c) = body.get("campaign").and_then(Value::as_str) {
        if !app.lock().ws(&ctx.workspace_id).campaigns.contains_key(c) {
            return Err(ApiError::not_found("Campaign not found"));
        }
    }
    Ok(())
}

pub async fn create(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", LIST).body(body)?;
    let body = body.as_object().unwrap();
    check_campaign(&app, &ctx, body)?;
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let get = |k: &str| body.get(k).cloned().unwrap_or(Value::Null);
    let w = json!({
        "id": new_uuid(),
        "organization": ws.id,
        "campaign": get("campaign"),
        "name": get("name"),
        "target_hook_url": get("target_hook_url"),
        "event_type": match (body.get("event_type"), body.get("custom_interest_value")) {
            (Some(t), _) => t.clone(),
            (None, Some(v)) if !v.is_null() => Value::Null,
            (None, _) => json!("all_events"),
        },
        "custom_interest_value": get("custom_interest_value"),
        "headers": get("headers"),
        "timestamp_created": now_iso(),
        "status": STATUS_ACTIVE,
        "timestamp_error": null,
    });
    let mut w = w.as_object().unwrap().clone();
    drop_null_event_type(&mut w);
    ws.webhooks
        .insert(w["id"].as_str().unwrap().to_string(), w.clone());
    Ok(ok(Value::Object(w)))
}

pub async fn list(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", LIST).query(q.as_deref())?;
    let campaign = p.get("campaign").and_then(Value::as_str);
    let event_type = p.get("event_type").and_then(Value::as_str);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    Ok(ok(pagination::page_seek(
        &ws.webhooks,
        &p,
        |w| {
            campaign.is_none_or(|c| w["campaign"].as_str() == Some(c))
                && event_type.is_none_or(|t| w["event_type"].as_str() == Some(t))
        },
        |w| Value::Object(w.clone()),
    )))
}

fn with_webhook<T>(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    f: impl FnOnce(&mut Map<String, Value>) -> T,
) -> ApiResult<T> {
    let mut s = app.lock();
    let w = s
        .ws(&ctx.workspace_id)
        .webhooks
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Webhook not found"))?;
    Ok(f(w))
}

pub async fn get_one(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("get", ONE).params(&[("id", &id)])?;
    with_webhook(&app, &ctx, &id, |w| ok(Value::Object(w.clone())))
}

pub async fn patch(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let o = op("patch", ONE);
    o.params(&[("id", &id)])?;
    let body = o.body(body)?;
    let body = body.as_object().unwrap();
    check_campaign(&app, &ctx, body)?;
    with_webhook(&app, &ctx, &id, |w| {
        for (k, v) in body {
            w.insert(k.clone(), v.clone());
        }
        drop_null_event_type(w);
        ok(Value::Object(w.clone()))
    })
}

pub async fn delete(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let o = op("delete", ONE);
    o.params(&[("id", &id)])?;
    o.body(body)?;
    let mut s = app.lock();
    let w = s
        .ws(&ctx.workspace_id)
        .webhooks
        .remove(&id)
        .ok_or_else(|| ApiError::not_found("Webhook not found"))?;
    Ok(ok(Value::Object(w)))
}

pub async fn event_types(
    State(_app): State<AppState>,
    Extension(_ctx): Extension<Ctx>,
) -> ApiResult<Response> {
    let types: Vec<Value> = EVENT_TYPES
        .iter()
        .map(|(id, label)| json!({"id": id, "label": label, "type": "standard"}))
        .collect();
    Ok(ok(json!({ "event_types": types })))
}

pub async fn resume(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("post", "/api/v2/webhooks/{id}/resume").params(&[("id", &id)])?;
    with_webhook(&app, &ctx, &id, |w| {
        w.insert("status".into(), json!(STATUS_ACTIVE));
        w.insert("timestamp_error".into(), Value::Null);
        ok(Value::Object(w.clone()))
    })
}

/// Sends a sample payload to the webhook's URL right away and reports the
/// result; test deliveries are not logged under `/webhook-events`.
pub async fn test(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("post", "/api/v2/webhooks/{id}/test").params(&[("id", &id)])?;
    let (w, timeout) = {
        let mut s = app.lock();
        let timeout = s.config.webhook_timeout_ms;
        let w = s
            .ws(&ctx.workspace_id)
            .webhooks
            .get(&id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Webhook not found"))?;
        (w, timeout)
    };
    let payload = json!({
        "timestamp": iso(Utc::now()),
        "event_type": w["event_type"].as_str().unwrap_or("all_events"),
        "workspace": ctx.workspace_id,
        "campaign_id": w["campaign"],
        "campaign_name": "Test Campaign",
        "lead_email": "test.lead@example.com",
        "is_test": true,
    });
    let r = delivery::post(
        &app.0.http,
        w["target_hook_url"].as_str().unwrap_or_default(),
        w.get("headers").and_then(Value::as_object),
        &payload,
        Duration::from_millis(timeout.max(1)),
    )
    .await;
    let mut out = json!({
        "success": r.success(),
        "message": if r.success() { "Webhook test successful" } else { "Webhook test failed" },
        "response_time_ms": r.elapsed_ms,
    });
    if let Some(code) = r.status_code {
        out["status_code"] = json!(code);
    }
    if let Some(e) = r.error {
        out["error"] = json!(e);
    }
    Ok(ok(out))
}

fn date_param(p: &Map<String, Value>, k: &str) -> Option<NaiveDate> {
    p.get(k)
        .and_then(Value::as_str)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn in_range(e: &Map<String, Value>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    let d = e["timestamp_created_date"]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    from.is_none_or(|f| d.is_some_and(|d| d >= f)) && to.is_none_or(|t| d.is_some_and(|d| d <= t))
}

pub async fn list_events(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/webhook-events").query(q.as_deref())?;
    let success = p.get("success").and_then(Value::as_bool);
    let (from, to) = (date_param(&p, "from"), date_param(&p, "to"));
    let search = p
        .get("search")
        .and_then(Value::as_str)
        .map(str::to_lowercase);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    Ok(ok(pagination::page_seek(
        &ws.webhook_events,
        &p,
        |e| {
            success.is_none_or(|b| e["success"].as_bool() == Some(b))
                && in_range(e, from, to)
                && search.as_ref().is_none_or(|q| {
                    e["lead_email"]
                        .as_str()
                        .is_some_and(|m| m.to_lowercase().contains(q))
                        || e["webhook_url"]
                            .as_str()
                            .is_some_and(|u| u.to_lowercase().contains(q))
                })
        },
        |e| Value::Object(e.clone()),
    )))
}

pub async fn get_event(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("get", "/api/v2/webhook-events/{id}").params(&[("id", &id)])?;
    let mut s = app.lock();
    let e = s
        .ws(&ctx.workspace_id)
        .webhook_events
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Webhook event not found"))?;
    Ok(ok(Value::Object(e)))
}

fn rate(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        (part as f64 * 10000.0 / total as f64).round() / 100.0
    }
}

pub async fn summary(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/webhook-events/summary").query(q.as_deref())?;
    let (from, to) = (date_param(&p, "from"), date_param(&p, "to"));
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let (mut total, mut good) = (0u64, 0u64);
    for e in ws.webhook_events.values().filter(|e| in_range(e, from, to)) {
        total += 1;
        if e["success"].as_bool() == Some(true) {
            good += 1;
        }
    }
    Ok(ok(json!({
        "total_events": total,
        "successful_events": good,
        "failed_events": total - good,
        "success_rate": rate(good, total),
        "failure_rate": rate(total - good, total),
    })))
}

pub async fn summary_by_date(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/webhook-events/summary-by-date").query(q.as_deref())?;
    let (from, to) = (date_param(&p, "from"), date_param(&p, "to"));
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let mut by_date: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for e in ws.webhook_events.values().filter(|e| in_range(e, from, to)) {
        let entry = by_date
            .entry(
                e["timestamp_created_date"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
            .or_default();
        entry.0 += 1;
        if e["success"].as_bool() == Some(true) {
            entry.1 += 1;
        }
    }
    let items: Vec<Value> = by_date
        .into_iter()
        .map(|(date, (total, good))| {
            json!({
                "date": date,
                "total_events": total,
                "successful_events": good,
                "failed_events": total - good,
                "success_rate": rate(good, total),
            })
        })
        .collect();
    Ok(ok(json!({ "items": items })))
}
