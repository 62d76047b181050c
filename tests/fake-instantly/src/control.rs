//! The control plane under `/__fake/` (no auth). Routes acting on a
//! workspace use the workspace of `Authorization: Bearer KEY`, or the default
//! key's workspace when the header is absent.

use crate::errors::{ok, ApiError, ApiResult};
use crate::faults::FaultRule;
use crate::seed;
use crate::simulate;
use crate::state::{AppState, RuntimeConfig};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/reset", post(reset))
        .route("/keys", post(add_key).get(list_keys))
        .route("/seed", post(seed_ws))
        .route("/simulate", post(simulate_ticks))
        .route("/events", post(inject_event))
        .route(
            "/faults",
            post(add_fault).get(list_faults).delete(clear_faults),
        )
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/state", get(dump_state))
        .route("/config", post(set_config).get(get_config))
        .route("/clock", post(set_clock).get(get_clock))
        .with_state(state)
}

fn workspace_of(app: &AppState, headers: &HeaderMap) -> ApiResult<String> {
    let s = app.lock();
    let key = match headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
    {
        Some((_, k)) => k.trim().to_string(),
        None => s.default_key.clone(),
    };
    s.workspace_for_key(&key)
        .ok_or_else(|| ApiError::unauthorized("Invalid API key"))
}

fn json_body(bytes: &Bytes) -> ApiResult<Map<String, Value>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(ApiError::bad_request("body must be a JSON object")),
    }
}

async fn reset(State(app): State<AppState>) -> Response {
    app.reset();
    ok(json!({ "ok": true }))
}

async fn add_key(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = json_body(&body)?;
    let key = b
        .get("api_key")
        .and_then(Value::as_str)
        .filter(|k| !k.trim().is_empty() && !k.contains(char::is_whitespace))
        .ok_or_else(|| {
            ApiError::bad_request("body must have a non-empty string property 'api_key'")
        })?;
    let ws = app.lock().register_key(key);
    Ok(ok(json!({ "api_key": key, "workspace_id": ws })))
}

async fn list_keys(State(app): State<AppState>) -> Response {
    let s = app.lock();
    let keys: Vec<Value> = s
        .keys
        .iter()
        .map(|(k, ws)| json!({"api_key": k, "workspace_id": ws, "default": *k == s.default_key}))
        .collect();
    ok(json!({ "keys": keys }))
}

async fn seed_ws(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let ws = workspace_of(&app, &headers)?;
    let b = json_body(&body)?;
    let scenario = b.get("scenario").and_then(Value::as_str).unwrap_or("demo");
    let mut s = app.lock();
    let out = seed::run(&app, &mut s, &ws, scenario).ok_or_else(|| {
        ApiError::bad_request(format!("Unknown scenario '{scenario}' (known: demo)"))
    })?;
    Ok(ok(out))
}

async fn simulate_ticks(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let ws = workspace_of(&app, &headers)?;
    let b = json_body(&body)?;
    let ticks = b
        .get("ticks")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .min(10_000) as u32;
    let campaign = b.get("campaign_id").and_then(Value::as_str);
    let mut s = app.lock();
    if let Some(c) = campaign {
        if !s.ws(&ws).campaigns.contains_key(c) {
            return Err(ApiError::not_found("Campaign not found"));
        }
    }
    let summary = simulate::run(&app, &mut s, &ws, ticks, campaign, None);
    Ok(ok(summary.to_json(ticks)))
}

async fn inject_event(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let ws = workspace_of(&app, &headers)?;
    let b = json_body(&body)?;
    let mut s = app.lock();
    Ok(ok(simulate::inject(&app, &mut s, &ws, &b)?))
}

async fn add_fault(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let rule: FaultRule = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("invalid fault rule: {e}")))?;
    if rule.count == 0 {
        return Err(ApiError::bad_request("count must be >= 1"));
    }
    let mut s = app.lock();
    s.faults.push(rule);
    Ok(ok(json!({ "faults": s.faults })))
}

async fn list_faults(State(app): State<AppState>) -> Response {
    ok(json!({ "faults": app.lock().faults }))
}

async fn clear_faults(State(app): State<AppState>) -> Response {
    app.lock().faults.clear();
    ok(json!({ "faults": [] }))
}

#[derive(Deserialize)]
struct RequestFilter {
    path: Option<String>,
}

async fn list_requests(State(app): State<AppState>, Query(f): Query<RequestFilter>) -> Response {
    let s = app.lock();
    let items: Vec<Value> = s
        .requests
        .iter()
        .filter(|r| match &f.path {
            None => true,
            Some(p) => {
                let path = r["path"].as_str().unwrap_or_default();
                match p.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => path == p,
                }
            }
        })
        .cloned()
        .collect();
    ok(Value::Array(items))
}

async fn clear_requests(State(app): State<AppState>) -> Response {
    let mut s = app.lock();
    s.requests.clear();
    s.request_log_bytes = 0;
    ok(json!([]))
}

async fn dump_state(State(app): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let ws_id = workspace_of(&app, &headers)?;
    let mut s = app.lock();
    let unauthorized = s.unauthorized;
    let faults = serde_json::to_value(&s.faults).unwrap_or_default();
    let keys: Vec<String> = s
        .keys
        .iter()
        .filter(|(_, w)| **w == ws_id)
        .map(|(k, _)| k.clone())
        .collect();
    let ws = s.ws(&ws_id);
    let vals = |m: &std::collections::BTreeMap<String, Map<String, Value>>| -> Vec<Value> {
        m.values().cloned().map(Value::Object).collect()
    };
    let out = json!({
        "workspace_id": ws.id,
        "api_keys": keys,
        "campaigns": vals(&ws.campaigns),
        "leads": ws.leads.values().map(|l| Value::Object(l.data.clone())).collect::<Vec<_>>(),
        "lead_lists": vals(&ws.lead_lists),
        "webhooks": vals(&ws.webhooks),
        "background_jobs": ws.coll_ref(crate::jobs::COLLECTION).map(vals).unwrap_or_default(),
        "collections": ws.records.iter().map(|(k, m)| (k.clone(), Value::Array(vals(m)))).collect::<Map<String, Value>>(),
        "webhook_events": vals(&ws.webhook_events),
        "activities": ws.activities.len(),
        "sim_tick": ws.sim_tick,
        "counters": {
            "requests": ws.counters.requests,
            "rate_limited": ws.counters.rate_limited,
            "webhook_deliveries": ws.counters.webhook_deliveries,
            "webhook_delivery_failures": ws.counters.webhook_delivery_failures,
            "unauthorized_total": unauthorized,
        },
        "faults": faults,
    });
    Ok(ok(out))
}

async fn get_config(State(app): State<AppState>) -> Response {
    ok(serde_json::to_value(&app.lock().config).unwrap_or_default())
}

async fn set_config(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = json_body(&body)?;
    let mut s = app.lock();
    let mut current = serde_json::to_value(&s.config).unwrap_or_default();
    for (k, v) in b {
        if current.get(&k).is_none() {
            return Err(ApiError::bad_request(format!("unknown config key '{k}'")));
        }
        current[&k] = v;
    }
    let cfg: RuntimeConfig = serde_json::from_value(current)
        .map_err(|e| ApiError::bad_request(format!("invalid config: {e}")))?;
    s.config = cfg;
    Ok(ok(serde_json::to_value(&s.config).unwrap_or_default()))
}

fn clock_json(c: &crate::state::Clock) -> Value {
    json!({ "frozen": c.frozen.is_some(), "offset_ms": c.offset.as_millis() as u64 })
}

async fn get_clock(State(app): State<AppState>) -> Response {
    ok(clock_json(&app.lock().clock))
}

/// `{"freeze"?: bool, "advance_ms"?: n}`: freezes (or releases) the rate
/// limiter's clock and moves it forward, so tests of the windows never
/// depend on how fast they run.
async fn set_clock(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = json_body(&body)?;
    for k in b.keys() {
        if k != "freeze" && k != "advance_ms" {
            return Err(ApiError::bad_request(format!("unknown clock key '{k}'")));
        }
    }
    let mut s = app.lock();
    match b.get("freeze") {
        Some(Value::Bool(true)) if s.clock.frozen.is_none() => {
            s.clock.frozen = Some(std::time::Instant::now())
        }
        Some(Value::Bool(false)) => s.clock.frozen = None,
        Some(Value::Bool(_)) | None => {}
        Some(_) => return Err(ApiError::bad_request("freeze must be a boolean")),
    }
    match b.get("advance_ms") {
        None => {}
        Some(v) => {
            let ms = v.as_u64().ok_or_else(|| {
                ApiError::bad_request("advance_ms must be a non-negative integer")
            })?;
            s.clock.offset += std::time::Duration::from_millis(ms);
        }
    }
    Ok(ok(clock_json(&s.clock)))
}
