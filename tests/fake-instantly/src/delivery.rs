//! Real webhook delivery: one ordered queue per webhook, retries with
//! exponential backoff, a log entry (`WebhookEvent`) per attempt, and
//! auto-disable (status -1) once an event exhausts its attempts.

use crate::ids::{iso, new_uuid};
use crate::state::{AppState, DeliveryJob, Store};
use chrono::Utc;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

pub const STATUS_ACTIVE: i64 = 1;
pub const STATUS_DISABLED: i64 = -1;

/// True when `webhook` should receive an event.
pub fn matches(
    webhook: &Map<String, Value>,
    campaign_id: Option<&str>,
    subscription: Option<&str>,
    custom_interest: Option<f64>,
) -> bool {
    if webhook.get("status").and_then(Value::as_i64) == Some(STATUS_DISABLED) {
        return false;
    }
    let camp_ok = match webhook.get("campaign").and_then(Value::as_str) {
        None => true,
        Some(c) => campaign_id == Some(c),
    };
    if !camp_ok {
        return false;
    }
    match webhook.get("event_type").and_then(Value::as_str) {
        Some("all_events") => true,
        Some(t) => subscription == Some(t),
        None => {
            subscription.is_none()
                && custom_interest.is_some()
                && webhook.get("custom_interest_value").and_then(Value::as_f64) == custom_interest
        }
    }
}

/// Queues `payload` for every matching webhook of the workspace.
pub fn dispatch(
    app: &AppState,
    s: &mut Store,
    ws_id: &str,
    payload: Value,
    subscription: Option<&str>,
    custom_interest: Option<f64>,
) -> usize {
    let generation = s.generation;
    let ws = s.ws(ws_id);
    let campaign_id = payload.get("campaign_id").and_then(Value::as_str);
    let targets: Vec<String> = ws
        .webhooks
        .iter()
        .filter(|(_, w)| matches(w, campaign_id, subscription, custom_interest))
        .map(|(id, _)| id.clone())
        .collect();
    for id in &targets {
        enqueue(
            app,
            DeliveryJob {
                workspace_id: ws_id.to_string(),
                webhook_id: id.clone(),
                payload: payload.clone(),
                generation,
            },
        );
    }
    targets.len()
}

fn enqueue(app: &AppState, job: DeliveryJob) {
    let mut queues = app.0.queues.lock().unwrap();
    let tx = queues.entry(job.webhook_id.clone()).or_insert_with(|| {
        let (tx, mut rx) = mpsc::unbounded_channel::<DeliveryJob>();
        let app = app.clone();
        tokio::spawn(async move {
            while let Some(job) = rx.recv().await {
                deliver(&app, job).await;
            }
        });
        tx
    });
    let _ = tx.send(job);
}

/// Outcome of one HTTP attempt.
pub struct Attempt {
    pub status_code: Option<u16>,
    pub error: Option<String>,
    pub elapsed_ms: u64,
}

impl Attempt {
    pub fn success(&self) -> bool {
        self.status_code.is_some_and(|c| (200..300).contains(&c))
    }
}

/// POSTs `payload` to `url` with the subscription's custom `headers`.
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    headers: Option<&Map<String, Value>>,
    payload: &Value,
    timeout: Duration,
) -> Attempt {
    let mut h = HeaderMap::new();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    for (k, v) in headers.into_iter().flatten() {
        if let (Ok(name), Some(Ok(value))) = (
            HeaderName::from_bytes(k.as_bytes()),
            v.as_str().map(HeaderValue::from_str),
        ) {
            h.insert(name, value);
        }
    }
    let start = Instant::now();
    let result = client
        .post(url)
        .headers(h)
        .body(serde_json::to_vec(payload).unwrap_or_default())
        .timeout(timeout)
        .send()
        .await;
    let elapsed_ms = start.elapsed().as_millis() as u64;
    match result {
        Ok(resp) => {
            let code = resp.status().as_u16();
            let ok = resp.status().is_success();
            let text = resp.text().await.unwrap_or_default();
            Attempt {
                status_code: Some(code),
                error: (!ok).then(|| {
                    let snippet: String = text.chars().take(200).collect();
                    format!("Request failed with status code {code}: {snippet}")
                }),
                elapsed_ms,
            }
        }
        Err(e) => Attempt {
            status_code: None,
            error: Some(error_text(&e)),
            elapsed_ms,
        },
    }
}

fn error_text(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout of the webhook request exceeded".into()
    } else if e.is_connect() {
        format!("connect error: {e}")
    } else {
        e.to_string()
    }
}

async fn deliver(app: &AppState, job: DeliveryJob) {
    let retry_group = new_uuid();
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let (url, headers, max, base_delay, timeout) = {
            let mut s = app.lock();
            if s.generation != job.generation {
                return;
            }
            let cfg = s.config.clone();
            let ws = s.ws(&job.workspace_id);
            let Some(w) = ws.webhooks.get(&job.webhook_id) else {
                return;
            };
            if w.get("status").and_then(Value::as_i64) == Some(STATUS_DISABLED) {
                return;
            }
            (
                w["target_hook_url"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                w.get("headers").and_then(Value::as_object).cloned(),
                cfg.webhook_max_attempts.max(1),
                cfg.webhook_retry_delay_ms,
                Duration::from_millis(cfg.webhook_timeout_ms.max(1)),
            )
        };
        let result = post(&app.0.http, &url, headers.as_ref(), &job.payload, timeout).await;
        let success = result.success();
        let will_retry = !success && attempt < max;
        let delay = Duration::from_millis(base_delay.saturating_mul(1u64 << (attempt - 1).min(16)));
        {
            let mut s = app.lock();
            if s.generation != job.generation {
                return;
            }
            let now = Utc::now();
            let ws = s.ws(&job.workspace_id);
            let id = new_uuid();
            let event = json!({
                "id": id,
                "timestamp_created": iso(now),
                "timestamp_created_date": now.date_naive().to_string(),
                "organization_id": ws.id,
                "payload": job.payload,
                "success": success,
                "retry_count": attempt - 1,
                "will_retry": will_retry,
                "webhook_url": url,
                "status_code": result.status_code,
                "error_message": result.error,
                "timestamp_next_retry": will_retry.then(|| iso(now + chrono::Duration::from_std(delay).unwrap_or_default())),
                "retry_group_id": retry_group,
                "retry_successful": if attempt > 1 { Some(success) } else { None },
                "lead_email": job.payload.get("lead_email").cloned().unwrap_or(Value::Null),
                "response_time_ms": result.elapsed_ms,
            });
            ws.webhook_events
                .insert(id, event.as_object().unwrap().clone());
            ws.counters.webhook_deliveries += 1;
            if !success {
                ws.counters.webhook_delivery_failures += 1;
            }
            if success {
                return;
            }
            if !will_retry {
                if let Some(w) = ws.webhooks.get_mut(&job.webhook_id) {
                    w.insert("status".into(), json!(STATUS_DISABLED));
                    w.insert("timestamp_error".into(), json!(iso(now)));
                }
                return;
            }
        }
        tokio::time::sleep(delay).await;
    }
}
