//! The middleware in front of every `/api/v2` route: request log, fault
//! injection, bearer auth, per-workspace rate limits and Fastify's JSON body
//! parsing rules. Handlers read the parsed body from [`JsonBody`].

use crate::errors::{ApiError, ApiResult};
use crate::faults::{self, Fault, When};
use crate::ids::now_iso;
use crate::server::ConnKill;
use crate::state::{
    AppState, Ctx, RuntimeConfig, Workspace, REQUEST_LOG_CAP, REQUEST_LOG_MAX_BYTES,
};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The request body after content-type parsing: `None` when no body was sent.
#[derive(Debug, Clone)]
pub struct JsonBody(pub Option<Value>);

pub async fn middleware(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let (mut parts, body) = req.into_parts();
    let bytes = match to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::with_code(
                StatusCode::PAYLOAD_TOO_LARGE,
                "FST_ERR_CTP_BODY_TOO_LARGE",
                "Request body is too large",
            )
            .into_response()
        }
    };
    let method = parts.method.clone();
    // Nested under /api/v2: the full path is in OriginalUri.
    let uri = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map(|o| o.0.clone())
        .unwrap_or_else(|| parts.uri.clone());
    let path = uri.path().to_string();
    let query = uri.query().map(str::to_string);
    let kill = parts.extensions.get::<ConnKill>().cloned();

    // 1. Log, 2. pick a fault.
    let (log_seq, fault) = {
        let mut s = app.lock();
        let seq = log_request(
            &mut s,
            &method,
            &path,
            query.as_deref(),
            &parts.headers,
            &bytes,
        );
        (seq, faults::take(&mut s, method.as_str(), &path))
    };

    if let Some(rule) = &fault {
        if rule.when == When::Before {
            match &rule.fault {
                Fault::Delay { ms } => tokio::time::sleep(Duration::from_millis(*ms)).await,
                Fault::Drop => return drop_connection(kill).await,
                other => {
                    let resp = faults::response(other, None);
                    set_logged_status(&app, log_seq, resp.status().as_u16(), started);
                    return resp;
                }
            }
        }
    }

    let resp = match authorize(&app, &parts.headers) {
        Err(e) => e.into_response(),
        Ok(ctx) => match parse_body(&method, &parts.headers, &bytes) {
            Err(e) => e.into_response(),
            Ok(parsed) => {
                parts.extensions.insert(ctx);
                parts.extensions.insert(JsonBody(parsed));
                next.run(Request::from_parts(parts, Body::empty())).await
            }
        },
    };

    let resp = match fault {
        Some(rule) if rule.when == When::After => match &rule.fault {
            Fault::Delay { ms } => {
                tokio::time::sleep(Duration::from_millis(*ms)).await;
                resp
            }
            Fault::Drop => return drop_connection(kill).await,
            other => {
                let real = to_bytes(resp.into_body(), BODY_LIMIT).await.ok();
                faults::response(other, real.as_deref())
            }
        },
        _ => resp,
    };
    set_logged_status(&app, log_seq, resp.status().as_u16(), started);
    resp
}

async fn drop_connection(kill: Option<ConnKill>) -> Response {
    if let Some(k) = kill {
        k.0.notify_one();
        std::future::pending::<()>().await;
    }
    // Not served by our accept loop: the best we can do is an aborted body.
    Response::new(Body::from_stream(futures_util_stream_error()))
}

fn futures_util_stream_error(
) -> impl futures_core::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    struct Failing(bool);
    impl futures_core::Stream for Failing {
        type Item = Result<axum::body::Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.0 {
                return std::task::Poll::Ready(None);
            }
            self.0 = true;
            std::task::Poll::Ready(Some(Err(std::io::Error::other("dropped"))))
        }
    }
    Failing(false)
}

/// Resolves the workspace from `Authorization: Bearer KEY` (and an optional
/// `x-as-workspace`), then applies the rate limits.
fn authorize(app: &AppState, headers: &HeaderMap) -> ApiResult<Ctx> {
    let mut s = app.lock();
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let key = match auth {
        None => {
            s.unauthorized += 1;
            return Err(ApiError::unauthorized("Missing Authorization header"));
        }
        Some(v) => match v.split_once(' ') {
            Some((scheme, key))
                if scheme.eq_ignore_ascii_case("bearer") && !key.trim().is_empty() =>
            {
                key.trim().to_string()
            }
            _ => {
                s.unauthorized += 1;
                return Err(ApiError::unauthorized(
                    "Invalid Authorization header, expected 'Bearer <api key>'",
                ));
            }
        },
    };
    let Some(mut ws_id) = s.workspace_for_key(&key) else {
        s.unauthorized += 1;
        return Err(ApiError::unauthorized("Invalid API key"));
    };
    if let Some(target) = headers.get("x-as-workspace").and_then(|v| v.to_str().ok()) {
        let target = target.trim();
        if !target.is_empty() && target != ws_id {
            if s.workspaces.contains_key(target) {
                ws_id = target.to_string();
            } else {
                s.unauthorized += 1;
                return Err(ApiError::unauthorized(
                    "This API key cannot act as the requested workspace",
                ));
            }
        }
    }
    let config = s.config.clone();
    let now = s.clock.now();
    let ws = s.ws(&ws_id);
    ws.counters.requests += 1;
    if !rate_allows(ws, &config, now) {
        ws.counters.rate_limited += 1;
        return Err(ApiError::too_many_requests());
    }
    Ok(Ctx {
        workspace_id: ws_id,
    })
}

/// Sliding windows of one second and one minute; rejected requests do not
/// count towards the windows.
pub fn rate_allows(ws: &mut Workspace, config: &RuntimeConfig, now: Instant) -> bool {
    let hits = &mut ws.rate.hits;
    while let Some(front) = hits.front() {
        if now.duration_since(*front) >= Duration::from_secs(60) {
            hits.pop_front();
        } else {
            break;
        }
    }
    if config.rate_per_minute > 0 && hits.len() >= config.rate_per_minute as usize {
        return false;
    }
    if config.rate_per_second > 0 {
        let in_last_second = hits
            .iter()
            .rev()
            .take_while(|t| now.duration_since(**t) < Duration::from_secs(1))
            .count();
        if in_last_second >= config.rate_per_second as usize {
            return false;
        }
    }
    if config.rate_per_second > 0 || config.rate_per_minute > 0 {
        hits.push_back(now);
    }
    true
}

/// Fastify's content-type parsing: empty JSON bodies, invalid JSON and
/// non-JSON media types are rejected before validation.
fn parse_body(method: &Method, headers: &HeaderMap, bytes: &[u8]) -> ApiResult<Option<Value>> {
    if *method == Method::GET || *method == Method::HEAD {
        return Ok(None);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.to_ascii_lowercase());
    let is_json = content_type
        .as_deref()
        .map(|c| c.split(';').next().unwrap_or("").trim() == "application/json")
        .unwrap_or(false);
    if bytes.is_empty() {
        if is_json {
            return Err(ApiError::with_code(
                StatusCode::BAD_REQUEST,
                "FST_ERR_CTP_EMPTY_JSON_BODY",
                "Body cannot be empty when content-type is set to 'application/json'",
            ));
        }
        return Ok(None);
    }
    if !is_json {
        return Err(ApiError::with_code(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "FST_ERR_CTP_INVALID_MEDIA_TYPE",
            format!(
                "Unsupported Media Type: {}",
                content_type.as_deref().unwrap_or("undefined")
            ),
        ));
    }
    serde_json::from_slice(bytes).map(Some).map_err(|_| {
        ApiError::with_code(
            StatusCode::BAD_REQUEST,
            "FST_ERR_CTP_INVALID_JSON_BODY",
            "Body is not valid JSON but content-type is set to 'application/json'",
        )
    })
}

fn log_request(
    store: &mut crate::state::Store,
    method: &Method,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    bytes: &[u8],
) -> u64 {
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut q = Map::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let (k, v) = (k.into_owned(), Value::String(v.into_owned()));
        match q.get_mut(&k) {
            Some(Value::Array(a)) => a.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, v]);
            }
            None => {
                q.insert(k, v);
            }
        }
    }
    let mut h = Map::new();
    for (name, value) in headers {
        let text = if name == header::AUTHORIZATION {
            let v = value.to_str().unwrap_or("");
            match v.split_once(' ') {
                Some((scheme, _)) => format!("{scheme} [REDACTED]"),
                None => "[REDACTED]".to_string(),
            }
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        h.insert(name.as_str().to_string(), Value::String(text));
    }
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
    };
    store.request_log_bytes += bytes.len();
    store.requests.push_back(json!({
        "seq": seq,
        "timestamp": now_iso(),
        "method": method.as_str(),
        "path": path,
        "query": q,
        "headers": h,
        "body": body,
        "body_bytes": bytes.len(),
        "status": null,
        "duration_ms": null,
    }));
    while store.requests.len() > REQUEST_LOG_CAP || store.request_log_bytes > REQUEST_LOG_MAX_BYTES
    {
        match store.requests.pop_front() {
            Some(old) => {
                store.request_log_bytes = store
                    .request_log_bytes
                    .saturating_sub(old["body_bytes"].as_u64().unwrap_or(0) as usize)
            }
            None => break,
        }
    }
    seq
}

/// Completes a request-log entry: its status and how long the fake took to
/// answer (from the request's arrival to the answer being ready, in ms).
fn set_logged_status(app: &AppState, seq: u64, status: u16, started: Instant) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut s = app.lock();
    if let Some(entry) = s
        .requests
        .iter_mut()
        .rev()
        .find(|e| e["seq"].as_u64() == Some(seq))
    {
        entry["status"] = json!(status);
        entry["duration_ms"] = json!((ms * 1000.0).round() / 1000.0);
    }
}
