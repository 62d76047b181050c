//! Background jobs (`GET /background-jobs/{id}`).

use crate::errors::{ok, ApiError, ApiResult};
use crate::ids::now_iso;
use crate::state::{AppState, Ctx, Workspace};
use crate::validation::op;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

/// The collection holding the workspace's background jobs.
pub const COLLECTION: &str = "background-jobs";

/// Sets a job's status and progress (and its moved emails, for moves).
pub fn update(
    ws: &mut Workspace,
    id: &str,
    status: &str,
    progress: u32,
    moved: Option<Vec<Value>>,
) {
    if let Some(job) = ws.coll(COLLECTION).get_mut(id) {
        job.insert("status".into(), json!(status));
        job.insert("progress".into(), json!(progress));
        job.insert("updated_at".into(), json!(now_iso()));
        if let Some(m) = moved {
            job.insert("data".into(), json!({ "moved_lead_emails": m }));
        }
    }
}

pub async fn get_one(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let o = op("get", "/api/v2/background-jobs/{id}");
    o.params(&[("id", &id)])?;
    let p = o.query(q.as_deref())?;
    let mut s = app.lock();
    let mut job = s
        .ws(&ctx.workspace_id)
        .coll(COLLECTION)
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Background job not found"))?;
    if let Some(fields) = p.get("data_fields").and_then(Value::as_str) {
        let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
        let data: Map<String, Value> = job
            .get("data")
            .and_then(Value::as_object)
            .map(|d| {
                d.iter()
                    .filter(|(k, _)| wanted.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        job.insert("data".into(), Value::Object(data));
    }
    Ok(ok(Value::Object(job)))
}
