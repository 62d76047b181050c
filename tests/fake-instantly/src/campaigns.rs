//! `/campaigns` CRUD plus activate, pause and duplicate.

use crate::api::JsonBody;
use crate::errors::{ok, ApiError, ApiResult};
use crate::ids::{new_uuid, now_iso};
use crate::pagination;
use crate::state::{AppState, Ctx, Workspace};
use crate::validation::op;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

const LIST: &str = "/api/v2/campaigns";
const ONE: &str = "/api/v2/campaigns/{id}";

pub const STATUS_DRAFT: i64 = 0;
pub const STATUS_ACTIVE: i64 = 1;
pub const STATUS_PAUSED: i64 = 2;
pub const STATUS_COMPLETED: i64 = 3;

/// Defaults the real API fills in for fields a create request omits.
fn defaults() -> Map<String, Value> {
    match json!({
        "pl_value": null,
        "is_evergreen": false,
        "sequences": [],
        "email_gap": 10,
        "random_wait_max": 10,
        "text_only": false,
        "first_email_text_only": false,
        "email_list": [],
        "daily_limit": 100,
        "stop_on_reply": true,
        "email_tag_list": [],
        "link_tracking": true,
        "open_tracking": true,
        "stop_on_auto_reply": false,
        "daily_max_leads": null,
        "prioritize_new_leads": false,
        "auto_variant_select": null,
        "match_lead_esp": false,
        "stop_for_company": false,
        "core_variables": {},
        "custom_variables": {},
        "insert_unsubscribe_header": false,
        "allow_risky_contacts": false,
        "disable_bounce_protect": false,
        "limit_emails_per_company_override": null,
        "cc_list": [],
        "bcc_list": [],
        "owned_by": null,
        "ai_sdr_id": null,
        "provider_routing_rules": [],
    }) {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// Builds and stores a campaign from a validated create body.
pub fn create_in(ws: &mut Workspace, body: &Map<String, Value>) -> Map<String, Value> {
    let now = now_iso();
    let mut c = Map::new();
    c.insert("id".into(), json!(new_uuid()));
    c.insert("name".into(), body["name"].clone());
    c.insert("status".into(), json!(STATUS_DRAFT));
    c.insert(
        "campaign_schedule".into(),
        body["campaign_schedule"].clone(),
    );
    c.insert("timestamp_created".into(), json!(now));
    c.insert("timestamp_updated".into(), json!(now));
    c.insert("organization".into(), json!(ws.id));
    for (k, v) in defaults() {
        c.insert(k.clone(), body.get(&k).cloned().unwrap_or(v));
    }
    let id = c["id"].as_str().unwrap().to_string();
    ws.campaigns.insert(id, c.clone());
    c
}

pub async fn create(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", LIST).body(body)?;
    let mut s = app.lock();
    let c = create_in(s.ws(&ctx.workspace_id), body.as_object().unwrap());
    Ok(ok(Value::Object(c)))
}

pub async fn list(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", LIST).query(q.as_deref())?;
    let search = p
        .get("search")
        .and_then(Value::as_str)
        .map(|s| s.to_lowercase());
    let status = p.get("status").and_then(Value::as_f64);
    let exclude = p.get("exclude_status").and_then(Value::as_f64);
    let agent = p.get("ai_sales_agent_id").and_then(Value::as_str);
    let tags: Vec<&str> = p
        .get("tag_ids")
        .and_then(Value::as_str)
        .map(|t| {
            t.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    // Custom tags attached with /custom-tags/toggle-resource, or the tags of
    // the sending accounts the campaign uses (`email_tag_list`).
    let tag_list: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
    let tagged = crate::generic::records::tagged_resources(ws, "tag_ids", &tag_list);
    let page = pagination::page_seek(
        &ws.campaigns,
        &p,
        |c| {
            let st = c["status"].as_f64();
            search.as_ref().is_none_or(|q| {
                c["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(q)
            }) && status.is_none_or(|x| st == Some(x))
                && exclude.is_none_or(|x| st != Some(x))
                && agent.is_none_or(|a| c["ai_sdr_id"].as_str() == Some(a))
                && (tags.is_empty()
                    || c["id"].as_str().is_some_and(|id| tagged.contains(id))
                    || c["email_tag_list"].as_array().is_some_and(|l| {
                        l.iter().any(|t| tags.contains(&t.as_str().unwrap_or("")))
                    }))
        },
        |c| Value::Object(c.clone()),
    );
    Ok(ok(page))
}

/// Validates `{id}` for `spec_path` and returns the campaign.
fn load(ws: &Workspace, method: &str, spec_path: &str, id: &str) -> ApiResult<Map<String, Value>> {
    op(method, spec_path).params(&[("id", id)])?;
    ws.campaigns
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Campaign not found"))
}

pub async fn get_one(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut s = app.lock();
    let c = load(s.ws(&ctx.workspace_id), "get", ONE, &id)?;
    Ok(ok(Value::Object(c)))
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
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let c = ws
        .campaigns
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("Campaign not found"))?;
    for (k, v) in body.as_object().unwrap() {
        c.insert(k.clone(), v.clone());
    }
    c.insert("timestamp_updated".into(), json!(now_iso()));
    Ok(ok(Value::Object(c.clone())))
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
    let ws = s.ws(&ctx.workspace_id);
    let c = ws
        .campaigns
        .remove(&id)
        .ok_or_else(|| ApiError::not_found("Campaign not found"))?;
    let lead_ids: Vec<String> = ws
        .leads_in_campaign(&id)
        .map(|l| l.id().to_string())
        .collect();
    for lid in lead_ids {
        ws.remove_lead(&lid);
    }
    Ok(ok(Value::Object(c)))
}

fn set_status(
    app: &AppState,
    ctx: &Ctx,
    spec_path: &str,
    id: &str,
    body: Option<Value>,
    status: i64,
) -> ApiResult<Response> {
    op("post", spec_path).params(&[("id", id)])?;
    if let Some(b) = body {
        if !b.is_object() {
            return Err(ApiError::bad_request("body must be object"));
        }
    }
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let c = ws
        .campaigns
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found("Campaign not found"))?;
    c.insert("status".into(), json!(status));
    c.insert("timestamp_updated".into(), json!(now_iso()));
    Ok(ok(Value::Object(c.clone())))
}

pub async fn activate(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    set_status(
        &app,
        &ctx,
        "/api/v2/campaigns/{id}/activate",
        &id,
        body,
        STATUS_ACTIVE,
    )
}

pub async fn pause(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    set_status(
        &app,
        &ctx,
        "/api/v2/campaigns/{id}/pause",
        &id,
        body,
        STATUS_PAUSED,
    )
}

pub async fn duplicate(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let o = op("post", "/api/v2/campaigns/{id}/duplicate");
    o.params(&[("id", &id)])?;
    let body = o.body(body)?;
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let src = ws
        .campaigns
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Campaign not found"))?;
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} (copy)", src["name"].as_str().unwrap_or_default()));
    let now = now_iso();
    let mut c = src;
    let new_id = new_uuid();
    c.insert("id".into(), json!(new_id));
    c.insert("name".into(), json!(name));
    c.insert("status".into(), json!(STATUS_DRAFT));
    c.insert("timestamp_created".into(), json!(now));
    c.insert("timestamp_updated".into(), json!(now));
    c.remove("not_sending_status");
    ws.campaigns.insert(new_id, c.clone());
    Ok(ok(Value::Object(c)))
}
