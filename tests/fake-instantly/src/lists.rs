//! `/lead-lists` CRUD.

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

const LIST: &str = "/api/v2/lead-lists";
const ONE: &str = "/api/v2/lead-lists/{id}";

pub fn create_in(ws: &mut Workspace, body: &Map<String, Value>) -> Map<String, Value> {
    let l = json!({
        "id": new_uuid(),
        "organization_id": ws.id,
        "has_enrichment_task": body.get("has_enrichment_task").cloned().unwrap_or(json!(false)),
        "owned_by": body.get("owned_by").cloned().unwrap_or(Value::Null),
        "name": body["name"],
        "timestamp_created": now_iso(),
    });
    let l = l.as_object().unwrap().clone();
    ws.lead_lists
        .insert(l["id"].as_str().unwrap().to_string(), l.clone());
    l
}

pub async fn create(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", LIST).body(body)?;
    let mut s = app.lock();
    let l = create_in(s.ws(&ctx.workspace_id), body.as_object().unwrap());
    Ok(ok(Value::Object(l)))
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
        .map(str::to_lowercase);
    let enrich = p.get("has_enrichment_task").and_then(Value::as_bool);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    Ok(ok(pagination::page_seek(
        &ws.lead_lists,
        &p,
        |l| {
            search.as_ref().is_none_or(|q| {
                l["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(q)
            }) && enrich.is_none_or(|e| l["has_enrichment_task"].as_bool().unwrap_or(false) == e)
        },
        |l| Value::Object(l.clone()),
    )))
}

pub async fn get_one(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("get", ONE).params(&[("id", &id)])?;
    let mut s = app.lock();
    let l = s
        .ws(&ctx.workspace_id)
        .lead_lists
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Lead list not found"))?;
    Ok(ok(Value::Object(l)))
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
    let l = s
        .ws(&ctx.workspace_id)
        .lead_lists
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("Lead list not found"))?;
    for (k, v) in body.as_object().unwrap() {
        l.insert(k.clone(), v.clone());
    }
    Ok(ok(Value::Object(l.clone())))
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
    let l = ws
        .lead_lists
        .remove(&id)
        .ok_or_else(|| ApiError::not_found("Lead list not found"))?;
    let doomed: Vec<String> = ws
        .leads_in_list(&id)
        .filter(|x| x.campaign().is_none())
        .map(|x| x.id().to_string())
        .collect();
    for lid in doomed {
        ws.remove_lead(&lid);
    }
    Ok(ok(Value::Object(l)))
}
