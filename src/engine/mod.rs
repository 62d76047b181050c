//! The engine: one request path for every operation, driven by the generated table.
//!
//! A call names an [`Operation`](crate::engine::table::Operation) and passes its path values and one params object (query
//! parameters and body fields under their wire names). The engine checks the params against the
//! operation's schemas and rules (`validate`), builds the request (`build`), and hands it to
//! the client's request loop (rate limiter, timeout, retries, cancellation). The answer's JSON is
//! handed back untouched: JavaScript parses it with `JSON.parse`; Rust callers decode it into the
//! generated models, leniently ([`lenient`](crate::engine::lenient)). Only what the client's own logic reads (cursors,
//! bulk-add counters, job status, analytics rates) is decoded by hand-written code.

mod build;
mod call;
pub mod formats;
pub mod lenient;
pub mod paging;
pub mod path;
mod suggest;
pub mod table;
mod validate;

pub use build::checked_body_request;
pub use paging::Walk;
pub use suggest::{edit_distance, suggest};
pub(crate) use validate::check_value_at;
pub use validate::{check_value, json_type, kind_name, lead_identity, type_fits};

use crate::error::{Error, Result};
use crate::http::ApiRequest;
use serde_json::{Map, Value};
use table::Operation;

/// The generated table, decoded on first use.
fn decoded() -> &'static table::Decoded {
    static DECODED: std::sync::OnceLock<table::Decoded> = std::sync::OnceLock::new();
    DECODED.get_or_init(|| {
        // The bytes come from `codegen/` and are checked by the test below: a table that does
        // not decode is a build defect, and leaves no operation rather than a panic.
        table::decode(crate::generated::table::TABLE).unwrap_or(table::Decoded {
            operations: &[],
            value_hints: &[],
        })
    })
}

/// Every operation of the spec, in client order (grouped, then by method name).
pub fn operations() -> &'static [Operation] {
    decoded().operations
}

/// Values outside a closed list that callers often try, with one that is in it:
/// `(field name, value, suggestion)`.
pub fn value_hints() -> &'static [(&'static str, &'static str, &'static str)] {
    decoded().value_hints
}

/// The time zones `campaign_schedule.schedules[].timezone` accepts (the spec's closed list, in
/// its order), read from `campaigns.create` in the table: the wasm holds the list once, where
/// the validator needs it, and `scheduleTimezones()` answers from there. Empty only if the
/// table lost the field, which a test rules out.
pub fn schedule_timezones() -> &'static [&'static str] {
    use table::{Kind, Schema};
    fn field(schema: &'static Schema, name: &str) -> Option<&'static Schema> {
        match &schema.kind {
            Kind::Object(o) => o.fields.iter().find(|f| f.name == name).map(|f| f.schema),
            Kind::Array(a) => field(a.items, name),
            Kind::OneOf(members) => members.iter().find_map(|s| field(s, name)),
            _ => None,
        }
    }
    let timezone = operation("campaigns.create")
        .and_then(|op| op.body)
        .and_then(|body| body.fields.iter().find(|f| f.name == "campaign_schedule"))
        .and_then(|f| field(f.schema, "schedules"))
        .and_then(|s| field(s, "timezone"));
    match timezone.map(|s| &s.kind) {
        Some(Kind::Str(s)) => s.values,
        _ => &[],
    }
}

/// The operation a client method names (`campaigns.list`), or one with that `operationId`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    operations().iter().find(|o| o.call == name || o.id == name)
}

/// The operation a client method names, for the client's own logic (the importer, job
/// waits): an unknown name is an error, never a panic.
pub fn engine_op(call: &str) -> Result<&'static Operation> {
    operation(call).ok_or_else(|| {
        Error::new(
            crate::error::ErrorKind::Validation,
            format!("no operation {call}"),
        )
    })
}

/// Checks `params` and builds the request for `op`. `params` is a JSON object, or `null` for
/// none.
pub fn prepare(op: &'static Operation, path_values: &[&str], params: Value) -> Result<ApiRequest> {
    let params = params_object(op, params)?;
    validate::check_params(op, &params)?;
    build::request(op, path_values, params)
}

/// The params as an object (`null` is an empty one).
pub(crate) fn params_object(op: &Operation, params: Value) -> Result<Map<String, Value>> {
    match params {
        Value::Null => Ok(Map::new()),
        Value::Object(m) => Ok(m),
        other => Err(Error::validation(
            format!("{} params", op.call),
            format!(
                "{} params must be an object (got {})",
                op.call,
                match other {
                    Value::Array(_) => "an array",
                    Value::String(_) => "a string",
                    Value::Number(_) => "a number",
                    _ => "a boolean",
                }
            ),
        )),
    }
}
