//! Fault injection: rules set through `POST /__fake/faults` that make the
//! next matching API requests fail in a chosen way.

use crate::errors::{envelope, json_response};
use crate::state::Store;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Answer with the fault instead of processing the request.
    #[default]
    Before,
    /// Process the request (state changes), then answer with the fault.
    After,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Fault {
    /// Answer with this status (429, 500, 502, 503, ...), an optional
    /// `Retry-After` header and an optional body (default: the envelope).
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<Value>,
    },
    /// Wait, then answer normally.
    Delay { ms: u64 },
    /// Close the connection without any response.
    Drop,
    /// 200 whose JSON body is cut short.
    Truncated,
    /// 200 whose body is not JSON at all.
    Malformed,
    /// 200 carrying an error envelope.
    #[serde(rename = "error_body_200")]
    ErrorBody200,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Exact path, or a prefix ending in `*`. Absent = every API path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// How many matching requests are affected (default 1).
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub when: When,
    pub fault: Fault,
}

fn one() -> u32 {
    1
}

impl FaultRule {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        match &self.path {
            None => true,
            Some(p) => match p.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => p == path,
            },
        }
    }
}

/// Consumes one use of the first rule matching the request, if any.
pub fn take(store: &mut Store, method: &str, path: &str) -> Option<FaultRule> {
    let idx = store
        .faults
        .iter()
        .position(|f| f.count > 0 && f.matches(method, path))?;
    let rule = store.faults[idx].clone();
    store.faults[idx].count -= 1;
    if store.faults[idx].count == 0 {
        store.faults.remove(idx);
    }
    Some(rule)
}

/// The response a (non-delay, non-drop) fault produces. `real` is the body the
/// request would have produced (used by `truncated` when applied after).
pub fn response(fault: &Fault, real: Option<&[u8]>) -> Response {
    match fault {
        Fault::Status {
            status,
            retry_after,
            body,
        } => {
            let code = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = match body {
                Some(Value::String(text)) => {
                    let mut r = (code, text.clone()).into_response();
                    r.headers_mut().insert(
                        axum::http::header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    );
                    r
                }
                Some(other) => json_response(code, other),
                None => {
                    let message = match code.as_u16() {
                        429 => "Rate limit exceeded",
                        _ => code.canonical_reason().unwrap_or("Error"),
                    };
                    json_response(code, &envelope(code, message, None))
                }
            };
            if let Some(ra) = retry_after {
                let text = match ra {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if let Ok(v) = HeaderValue::from_str(&text) {
                    resp.headers_mut().insert("retry-after", v);
                }
            }
            resp
        }
        Fault::Truncated => {
            let full: Vec<u8> = match real {
                Some(b) if b.len() > 2 => b.to_vec(),
                _ => br#"{"items":[{"id":"0199a1b2-0000-7000-8000-000000000000","name":"Truncated response"}],"next_starting_after":"0199a1b2-0000-7000-8000-000000000000"}"#.to_vec(),
            };
            let cut = (full.len() / 2).max(1);
            raw_json(full[..cut].to_vec())
        }
        Fault::Malformed => raw_json(b"{\"items\": [ {\"id\": 'not json' ,, ]".to_vec()),
        Fault::ErrorBody200 => json_response(
            StatusCode::OK,
            &envelope(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong, please try again later",
                None,
            ),
        ),
        // Delay and Drop are handled by the caller.
        Fault::Delay { .. } | Fault::Drop => StatusCode::OK.into_response(),
    }
}

fn raw_json(bytes: Vec<u8>) -> Response {
    let mut r = (StatusCode::OK, bytes).into_response();
    r.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}
