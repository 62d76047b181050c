//! Builds the request for an operation from checked params: path values checked and
//! percent-encoded into the template, query parameters flattened, the rest as the JSON body.

use super::formats;
use super::table::{Kind, Operation, Paging};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{encode_path_segment, ApiRequest};
use serde_json::{Map, Value};

/// The path with `values` (in path order) in place of its `{placeholders}`.
///
/// Each value must be a non-empty string without control characters, must not be `.` or `..`
/// (which a URL parser would resolve to another route), must have the parameter's declared
/// format (a campaign id is a UUID, so `"analytics"` can never reach `/campaigns/analytics`),
/// and is percent-encoded.
pub fn path(op: &Operation, values: &[&str]) -> Result<String> {
    if values.len() > op.path_params.len() {
        return Err(Error::validation(
            "path",
            format!(
                "{} takes {} path value(s), got {}",
                op.call,
                op.path_params.len(),
                values.len()
            ),
        ));
    }
    let mut out = String::with_capacity(op.path.len() + 40);
    let mut rest = op.path;
    for (i, p) in op.path_params.iter().enumerate() {
        let placeholder = format!("{{{}}}", p.name);
        let Some(at) = crate::text::find(rest, &placeholder) else {
            return Err(Error::new(
                ErrorKind::Validation,
                format!("{}: no {placeholder} in {}", op.call, op.path),
            ));
        };
        let value = values.get(i).copied().unwrap_or("");
        check_path_value(p.name, value, p.schema)?;
        out.push_str(&rest[..at]);
        out.push_str(&encode_path_segment(value));
        rest = &rest[at + placeholder.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

fn check_path_value(name: &str, value: &str, schema: &super::table::Schema) -> Result<()> {
    if value.is_empty() {
        return Err(Error::validation(name, "is required (a non-empty string)"));
    }
    if value.trim() != value {
        return Err(Error::validation(
            name,
            "must not start or end with whitespace",
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::validation(
            name,
            "must not contain control characters",
        ));
    }
    if value == "." || value == ".." {
        return Err(Error::validation(
            name,
            format!("must not be {}", formats::quote(value)),
        ));
    }
    if let Kind::Str(s) = &schema.kind {
        formats::check(s.format, value).map_err(|expected| {
            Error::validation(
                name,
                format!("must be {expected} (got {})", formats::quote(value)),
            )
        })?;
    }
    Ok(())
}

/// The request for `op`, which takes no path values and no query parameters, with a JSON body
/// its caller wrote and checked field by field as [`super::prepare`] would: an import's chunk,
/// whose settings and leads were each checked before they were put in it (building it through
/// a JSON value would copy every lead and check it a second time).
pub fn checked_body_request(op: &Operation, body: Vec<u8>) -> Result<ApiRequest> {
    if !op.query.is_empty() || op.body.is_none() {
        return Err(Error::new(
            ErrorKind::Validation,
            format!("{} does not take a body alone", op.call),
        ));
    }
    Ok(ApiRequest {
        method: op.method,
        path: path(op, &[])?,
        query: Vec::new(),
        body: Some(body),
        retry_safe: op.retry_safe,
    })
}

/// The request for `op` with checked `params` (query parameters and body fields together; the
/// body fields are moved into the body, not copied).
pub fn request(
    op: &Operation,
    path_values: &[&str],
    params: Map<String, Value>,
) -> Result<ApiRequest> {
    let path = path(op, path_values)?;
    // One pass splits the params: query values by their parameter's position, the rest stays
    // the body (a map rebuilt by insertion, never shrunk by removal: less code in the wasm).
    let mut values: Vec<Option<Value>> = op.query.iter().map(|_| None).collect();
    let mut rest = Map::new();
    for (name, value) in params {
        match op.query.iter().position(|f| f.name == name) {
            Some(i) => values[i] = Some(value),
            None => {
                rest.insert(name, value);
            }
        }
    }
    let params = rest;
    let mut query = Vec::new();
    for (f, value) in op.query.iter().zip(values) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in &items {
                    if let Some(text) = scalar(item) {
                        query.push((f.name.to_string(), text));
                    }
                }
            }
            Some(v) => {
                if let Some(text) = scalar(&v) {
                    query.push((f.name.to_string(), text));
                }
            }
        }
    }
    let body = match op.body {
        None => None,
        // A list that pages in its body (`POST /leads/list`) always sends its object: the
        // read's filters and cursor live there.
        Some(_) if params.is_empty() && !op.body_required && op.paging != Paging::Body => None,
        Some(_) => Some(
            // Writing a JSON value cannot fail (its keys are strings); serde_json's reason for
            // failures in general is not printed, which keeps its message table out of the wasm.
            serde_json::to_vec(&params).map_err(|_| {
                Error::new(
                    ErrorKind::Validation,
                    "the body could not be written as JSON",
                )
            })?,
        ),
    };
    Ok(ApiRequest {
        method: op.method,
        path,
        query,
        body,
        retry_safe: op.retry_safe,
    })
}

/// A query value as text: strings as they are, booleans `true`/`false`, integral numbers
/// without a fraction (`1`, not `1.0`).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => (f as i64).to_string(),
            _ => n.to_string(),
        }),
        _ => None,
    }
}

/// The body [`request`] writes is the params minus the query parameters, whatever their values:
/// the "cannot fail" above checked on arbitrary JSON, for every operation that sends a body.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod body_props {
    use super::*;
    use proptest::prelude::*;

    fn with_body() -> Vec<&'static Operation> {
        crate::engine::operations()
            .iter()
            .filter(|op| op.body.is_some() && op.path_params.is_empty())
            .collect()
    }

    proptest! {
        #[test]
        fn the_body_is_the_params_less_the_query(
            op in prop::sample::select(with_body()),
            params in prop::collection::btree_map(".{0,8}", jsonprop::json_value(3, 24, 4), 0..6),
        ) {
            let params: Map<String, Value> = params.into_iter().collect();
            let expected: Map<String, Value> = params
                .iter()
                .filter(|(k, _)| !op.query.iter().any(|f| f.name == k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let req = request(op, &[], params).map_err(|e| TestCaseError::fail(e.message.clone()))?;
            match req.body {
                None => prop_assert!(
                    expected.is_empty() && !op.body_required && op.paging != Paging::Body,
                    "{}: no body for {:?}", op.call, expected
                ),
                Some(bytes) => {
                    let sent: Value = serde_json::from_slice(&bytes)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(sent, Value::Object(expected), "{}", op.call);
                }
            }
        }
    }
}
