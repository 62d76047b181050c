//! The spec-driven handler: serves every operation that has no hand-written
//! handler. It validates the request against the spec like the hand-written
//! routes, then either runs the operation's hook (`hooks/`: state the name
//! of the operation makes evident, such as pausing an account or mapping a
//! custom tag), acts on the inferred collection (`records.rs`: create, list
//! with the operation's cursor, get, patch, delete, actions), or answers a
//! value synthesized from the response schema.

pub mod hooks;
pub mod records;

use crate::api::JsonBody;
use crate::errors::{answer, ApiResult};
use crate::optable::{Kind, Media, Op};
use crate::state::{AppState, Ctx, Store};
use crate::synth::synth;
use crate::validation;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::Extension;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// A validated request to a spec-driven operation.
pub struct Req<'a> {
    pub app: &'a AppState,
    pub op: &'static Op,
    pub ws_id: String,
    /// Path parameters by name (percent-decoded).
    pub path: HashMap<String, String>,
    /// The declared query parameters, coerced and validated.
    pub query: Map<String, Value>,
    /// The body after validation (schema defaults filled in; `{}` when an
    /// optional object body was omitted, `null` without a body schema).
    pub body: Value,
}

impl Req<'_> {
    /// A path parameter (empty when absent).
    pub fn param(&self, name: &str) -> &str {
        self.path.get(name).map(String::as_str).unwrap_or_default()
    }

    /// The key parameter of `/x/{key}...` routes.
    pub fn key(&self) -> &str {
        self.param(self.op.key.as_deref().unwrap_or("id"))
    }

    /// A body field.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.body.get(name)
    }

    /// A string body field.
    pub fn str_field(&self, name: &str) -> Option<&str> {
        self.body.get(name).and_then(Value::as_str)
    }

    /// The body as an object (empty when it is not one).
    pub fn body_map(&self) -> Map<String, Value> {
        self.body.as_object().cloned().unwrap_or_default()
    }

    /// True when the answers use the spec's complete shapes.
    pub fn spec_shapes(&self, s: &Store) -> bool {
        s.config.spec_shapes
    }
}

/// What a spec-driven operation answers.
pub enum Answer {
    /// JSON with the operation's success status.
    Json(Value),
    /// CSV text (200).
    Csv(String),
    /// No body (204).
    Empty,
}

/// The method router serving `op` with the spec-driven handler.
pub fn route(op: &'static Op) -> MethodRouter<AppState> {
    let filter = match op.method {
        "GET" => MethodFilter::GET,
        "POST" => MethodFilter::POST,
        "PATCH" => MethodFilter::PATCH,
        "PUT" => MethodFilter::PUT,
        _ => MethodFilter::DELETE,
    };
    on(
        filter,
        move |State(app): State<AppState>,
              Extension(ctx): Extension<Ctx>,
              Extension(JsonBody(body)): Extension<JsonBody>,
              params: Option<Path<Vec<(String, String)>>>,
              RawQuery(q): RawQuery| async move {
            let params = params.map(|Path(p)| p).unwrap_or_default();
            match handle(op, &app, ctx, body, params, q) {
                Ok(r) => r,
                Err(e) => e.into_response(),
            }
        },
    )
}

fn handle(
    op: &'static Op,
    app: &AppState,
    ctx: Ctx,
    body: Option<Value>,
    params: Vec<(String, String)>,
    q: Option<String>,
) -> ApiResult<Response> {
    let checks = validation::op(op.method, op.path);
    let pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    checks.params(&pairs)?;
    let query = checks.query(q.as_deref())?;
    let body = checks.body(body)?;
    let req = Req {
        app,
        op,
        ws_id: ctx.workspace_id,
        path: params.into_iter().collect(),
        query,
        body,
    };
    let result = {
        let mut s = app.lock();
        dispatch(&req, &mut s)?
    };
    Ok(match result {
        Answer::Json(v) => answer(StatusCode::from_u16(op.status).unwrap_or(StatusCode::OK), v),
        Answer::Empty => StatusCode::NO_CONTENT.into_response(),
        Answer::Csv(text) => {
            let mut r = (StatusCode::OK, text).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            r
        }
    })
}

fn dispatch(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    if let Some(hook) = hooks::find(req.op) {
        return hook(req, s);
    }
    let op = req.op;
    let coll = op.coll.as_deref().unwrap_or_default();
    let v = match &op.kind {
        Kind::Create => records::create(req, s, coll)?,
        Kind::List => records::list(req, s, coll)?,
        Kind::BulkDelete => records::bulk_delete(req, s, coll)?,
        Kind::Get => records::get(req, s, coll)?,
        Kind::Patch => records::patch(req, s, coll)?,
        Kind::Delete => records::delete(req, s, coll)?,
        Kind::Action(name) => records::action(req, s, coll, name)?,
        Kind::Other => synthesized(op),
    };
    Ok(match op.media {
        Media::Empty => Answer::Empty,
        _ => Answer::Json(v),
    })
}

/// A value valid against the operation's success schema.
pub fn synthesized(op: &Op) -> Value {
    op.schema.as_ref().map(synth).unwrap_or(Value::Null)
}
