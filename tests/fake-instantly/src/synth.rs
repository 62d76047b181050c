//! Values built from JSON schemas: [`synth`] makes a value that is valid
//! against a schema (the spec's examples first, then defaults, then values
//! made from the type and format), and [`fits`] is a fast structural check
//! used to decide whether a stored value can stand in a response.
//!
//! Both take schemas whose `$ref`s are already inlined (`spec::inline_refs`).

use crate::ids::{is_uuid, new_uuid, now_iso, today};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A value valid against `schema`. Objects carry every declared property
/// (required or not), arrays one item (or `minItems`), ids are fresh UUIDs
/// and date-times are now.
pub fn synth(schema: &Value) -> Value {
    synth_depth(schema, 0)
}

/// Like [`synth`], but objects carry only their required properties (and
/// those with a `default`): the smallest valid value.
pub fn synth_required(schema: &Value) -> Value {
    minimal(schema, 0)
}

const MAX_DEPTH: usize = 12;

fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// The first type to build for a schema: anything but `null` when possible.
fn main_type(schema: &Value) -> Option<&str> {
    let t = types(schema);
    for want in ["object", "array", "string", "integer", "number", "boolean"] {
        if t.contains(&want) {
            return Some(want);
        }
    }
    if t.contains(&"null") {
        return Some("null");
    }
    if schema.get("properties").is_some() {
        return Some("object");
    }
    if schema.get("items").is_some() {
        return Some("array");
    }
    None
}

/// The schema's own example (`example`, then `examples[0]`), if it fits.
fn example(schema: &Value) -> Option<Value> {
    let candidates = [
        schema.get("example").cloned(),
        schema
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|a| a.first().cloned()),
        schema.get("default").cloned(),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|v| !v.is_null() && fits(schema, v) && pattern_ok(schema, v))
}

fn branch(schema: &Value) -> Option<&Value> {
    ["oneOf", "anyOf"].iter().find_map(|k| {
        schema.get(*k).and_then(Value::as_array).and_then(|a| {
            a.iter()
                .find(|b| main_type(b) != Some("null"))
                .or(a.first())
        })
    })
}

/// An `allOf` schema merged into one object schema (properties and
/// required keys of every part), or `None` when there is no `allOf`.
pub fn merged_all_of(schema: &Value) -> Option<Value> {
    let parts = schema.get("allOf")?.as_array()?;
    let mut out = schema.as_object()?.clone();
    out.remove("allOf");
    let mut props = out
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut required: Vec<Value> = out
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for p in parts {
        let p = merged_all_of(p).unwrap_or_else(|| p.clone());
        if let Some(pp) = p.get("properties").and_then(Value::as_object) {
            props.extend(pp.clone());
        }
        if let Some(r) = p.get("required").and_then(Value::as_array) {
            required.extend(r.iter().cloned());
        }
        if out.get("type").is_none() {
            if let Some(t) = p.get("type") {
                out.insert("type".into(), t.clone());
            }
        }
    }
    out.insert("properties".into(), Value::Object(props));
    out.insert("required".into(), Value::Array(required));
    Some(Value::Object(out))
}

fn synth_depth(schema: &Value, depth: usize) -> Value {
    build(schema, depth, true)
}

fn minimal(schema: &Value, depth: usize) -> Value {
    build(schema, depth, false)
}

fn build(schema: &Value, depth: usize, full: bool) -> Value {
    if let Some(merged) = merged_all_of(schema) {
        return build(&merged, depth, full);
    }
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        let ex = example(schema);
        return ex
            .filter(|v| e.contains(v))
            .or_else(|| e.iter().find(|v| !v.is_null()).cloned())
            .unwrap_or(Value::Null);
    }
    if let Some(b) = branch(schema) {
        if schema.get("properties").is_none() && schema.get("type").is_none() {
            return build(b, depth, full);
        }
    }
    let Some(t) = main_type(schema) else {
        return example(schema).unwrap_or_else(|| json!({}));
    };
    match t {
        "object" => object(schema, depth, full),
        "array" => array(schema, depth, full),
        "string" => string(schema),
        "integer" | "number" => number(schema, t == "integer"),
        "boolean" => example(schema).unwrap_or(Value::Bool(false)),
        _ => Value::Null,
    }
}

fn object(schema: &Value, depth: usize, full: bool) -> Value {
    if depth > MAX_DEPTH {
        return json!({});
    }
    if let Some(ex) = example(schema).filter(|e| e.as_object().is_some_and(|m| !m.is_empty())) {
        if !full {
            return ex;
        }
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (k, p) in props {
            let wanted = full || required.contains(&k.as_str()) || p.get("default").is_some();
            if wanted {
                out.insert(k.clone(), build(p, depth + 1, full));
            }
        }
    }
    for r in required {
        out.entry(r.to_string()).or_insert_with(|| json!("example"));
    }
    let min = schema
        .get("minProperties")
        .and_then(Value::as_u64)
        .unwrap_or(0) as usize;
    if out.len() < min {
        for (k, p) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if out.len() >= min {
                break;
            }
            if !out.contains_key(k) && p.get("readOnly") != Some(&Value::Bool(true)) {
                out.insert(k.clone(), build(p, depth + 1, full));
            }
        }
    }
    if out.is_empty() {
        if let Some(ex) = example(schema) {
            return ex;
        }
        let min = schema
            .get("minProperties")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if min > 0 {
            if let Some(ap) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                out.insert("example".into(), build(ap, depth + 1, full));
            }
        }
    }
    Value::Object(out)
}

fn array(schema: &Value, depth: usize, full: bool) -> Value {
    if depth > MAX_DEPTH {
        return json!([]);
    }
    let min = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = schema
        .get("maxItems")
        .and_then(Value::as_u64)
        .map(|m| m as usize)
        .unwrap_or(usize::MAX);
    let n = if full { min.max(1) } else { min }.min(max);
    if let Some(ex) = example(schema).filter(|e| e.as_array().is_some_and(|a| a.len() >= n)) {
        return ex;
    }
    let items = schema.get("items").cloned().unwrap_or(json!({}));
    Value::Array((0..n).map(|_| build(&items, depth + 1, full)).collect())
}

fn string(schema: &Value) -> Value {
    let format = schema.get("format").and_then(Value::as_str);
    match format {
        Some("uuid") => return json!(new_uuid()),
        Some("date-time") => return json!(now_iso()),
        Some("date") => return json!(today().to_string()),
        _ => {}
    }
    if let Some(ex) = example(schema) {
        return ex;
    }
    let s = match format {
        Some("email") => "user@example.com".to_string(),
        Some("uri") | Some("url") => "https://example.com".to_string(),
        Some("hostname") => "example.com".to_string(),
        Some("ipv4") => "127.0.0.1".to_string(),
        _ => {
            if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
                if let Some(v) = ["09:00", "example", "example.com", "0"]
                    .iter()
                    .find(|c| pattern_matches(p, c))
                {
                    return json!(v);
                }
            }
            "example".to_string()
        }
    };
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let mut s = s;
    while s.chars().count() < min {
        s.push('x');
    }
    json!(s)
}

fn number(schema: &Value, integer: bool) -> Value {
    if let Some(ex) = example(schema) {
        return ex;
    }
    let min = schema.get("minimum").and_then(Value::as_f64);
    let xmin = schema
        .get("exclusiveMinimum")
        .and_then(Value::as_f64)
        .map(|m| m + 1.0);
    let max = schema.get("maximum").and_then(Value::as_f64);
    let mut v = min.or(xmin).unwrap_or(0.0).max(xmin.unwrap_or(f64::MIN));
    if let Some(m) = max {
        v = v.min(m);
    }
    if integer || v.fract() == 0.0 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn pattern_ok(schema: &Value, v: &Value) -> bool {
    match (schema.get("pattern").and_then(Value::as_str), v.as_str()) {
        (Some(p), Some(s)) => pattern_matches(p, s),
        _ => true,
    }
}

/// True when `s` matches the ECMA regex `pattern` (checked with the
/// JSON-schema library, cached per pattern and value).
pub fn pattern_matches(pattern: &str, s: &str) -> bool {
    static CACHE: OnceLock<Mutex<HashMap<(String, String), bool>>> = OnceLock::new();
    let key = (pattern.to_string(), s.to_string());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap().get(&key) {
        return *hit;
    }
    let ok = jsonschema::options()
        .build(&json!({ "type": "string", "pattern": pattern }))
        .map(|v| v.is_valid(&json!(s)))
        .unwrap_or(false);
    cache.lock().unwrap().insert(key, ok);
    ok
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "number" => v.is_number(),
        "integer" => {
            v.as_i64().is_some()
                || v.as_u64().is_some()
                || v.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => true,
    }
}

fn format_ok(format: &str, s: &str) -> bool {
    match format {
        "uuid" => is_uuid(s),
        "date-time" => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "date" => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        "email" => s.contains('@') && !s.contains(char::is_whitespace),
        "uri" => s.contains(':'),
        _ => true,
    }
}

/// A fast structural check: types, enums, consts, formats, required keys,
/// recursively (patterns and numeric bounds are not checked).
pub fn fits(schema: &Value, v: &Value) -> bool {
    if let Some(c) = schema.get("const") {
        return c == v;
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return false;
        }
    }
    if let Some(a) = schema
        .get("oneOf")
        .or(schema.get("anyOf"))
        .and_then(Value::as_array)
    {
        if !a.iter().any(|b| fits(b, v)) {
            return false;
        }
    }
    if let Some(a) = schema.get("allOf").and_then(Value::as_array) {
        if !a.iter().all(|b| fits(b, v)) {
            return false;
        }
    }
    let t = types(schema);
    if !t.is_empty() && !t.iter().any(|t| type_ok(t, v)) {
        return false;
    }
    match v {
        Value::String(s) => schema
            .get("format")
            .and_then(Value::as_str)
            .is_none_or(|f| format_ok(f, s)),
        Value::Object(m) => {
            let required_ok = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .all(|k| m.contains_key(k));
            let props = schema.get("properties").and_then(Value::as_object);
            let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
            required_ok
                && m.iter().all(|(k, x)| match props.and_then(|p| p.get(k)) {
                    Some(p) => fits(p, x),
                    None => !closed,
                })
        }
        Value::Array(a) => schema
            .get("items")
            .is_none_or(|i| a.iter().all(|x| fits(i, x))),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthesized_values_fit_their_schema() {
        let schema = json!({
            "type": "object",
            "required": ["id", "when", "kind", "count"],
            "properties": {
                "id": {"type": "string", "format": "uuid", "example": "not-a-uuid"},
                "when": {"type": "string", "format": "date-time"},
                "kind": {"type": ["null", "string"], "enum": ["a", "b", null]},
                "count": {"type": "integer", "minimum": 3},
                "time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):([0-5][0-9])$"},
                "tags": {"type": "array", "items": {"type": "string", "example": "vip"}},
            }
        });
        let v = synth(&schema);
        assert!(fits(&schema, &v), "{v}");
        assert!(is_uuid(v["id"].as_str().unwrap()));
        assert_eq!(v["kind"], "a");
        assert_eq!(v["count"], 3);
        assert_eq!(v["time"], "09:00");
        assert_eq!(v["tags"], json!(["vip"]));
        let small = synth_required(&schema);
        assert!(small.get("tags").is_none() && small.get("id").is_some());
    }

    #[test]
    fn fits_rejects_wrong_types_formats_and_missing_keys() {
        let schema = json!({"type": "object", "required": ["a"], "properties": {
            "a": {"type": "string", "format": "uuid"}, "b": {"type": "number"}}});
        assert!(fits(&schema, &json!({"a": new_uuid(), "b": 2})));
        assert!(!fits(&schema, &json!({"a": "x"})));
        assert!(!fits(&schema, &json!({"b": 2})));
        assert!(!fits(&schema, &json!({"a": new_uuid(), "b": "2"})));
    }
}
