//! Error responses in the shapes the real API uses.
//!
//! Most errors use Fastify's envelope `{statusCode, error, message}`; two
//! operations answer differently and are modelled as their own variants.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

#[derive(Debug, Clone)]
pub enum ApiError {
    /// `{statusCode, error, message}` (+ optional Fastify `code`).
    Envelope {
        status: StatusCode,
        message: String,
        code: Option<&'static str>,
    },
    /// A body that is not the envelope (update-interest-status, analytics).
    Raw { status: StatusCode, body: Value },
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError::Envelope {
            status,
            message: message.into(),
            code: None,
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }
    pub fn too_many_requests() -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded")
    }
    pub fn with_code(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Envelope {
            status,
            message: message.into(),
            code: Some(code),
        }
    }
    pub fn raw(status: StatusCode, body: Value) -> Self {
        ApiError::Raw { status, body }
    }
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Envelope { status, .. } | ApiError::Raw { status, .. } => *status,
        }
    }
    pub fn body(&self) -> Value {
        match self {
            ApiError::Envelope {
                status,
                message,
                code,
            } => envelope(*status, message, *code),
            ApiError::Raw { body, .. } => body.clone(),
        }
    }
}

/// The Fastify error envelope for `status`.
pub fn envelope(status: StatusCode, message: &str, code: Option<&str>) -> Value {
    let mut v = json!({
        "statusCode": status.as_u16(),
        "error": status.canonical_reason().unwrap_or("Error"),
        "message": message,
    });
    if let Some(code) = code {
        // Fastify places `code` right after statusCode; key order is cosmetic.
        v["code"] = Value::String(code.to_string());
    }
    v
}

/// A JSON response with the given status (serialised compactly, like Fastify).
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    json_bytes(status, serde_json::to_vec(body).unwrap_or_default())
}

/// A response carrying JSON that is already serialized (and shaped).
pub fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut resp = (status, bytes).into_response();
    resp.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status(), &self.body())
    }
}

/// Success answer helper: 200 with a JSON body (see [`answer`]).
pub fn ok(body: Value) -> Response {
    answer(StatusCode::OK, body)
}

/// A success answer of the current API operation, in the shape mode of the
/// fake (live shapes by default, `shape.rs`).
pub fn answer(status: StatusCode, mut body: Value) -> Response {
    crate::shape::apply(status.as_u16(), &mut body);
    json_response(status, &body)
}
