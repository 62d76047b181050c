//! Reads the vendored OpenAPI spec so tests check against it rather than hand copies:
//! example answers built from the spec's own `example` values, enums, parameter lists.

use serde_json::{Map, Value};
use std::sync::OnceLock;

/// The parsed `spec/instantly-api-v2.json`.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/instantly-api-v2.json");
        serde_json::from_str(&std::fs::read_to_string(path).expect("read the vendored spec"))
            .expect("the vendored spec is JSON")
    })
}

/// The operation object of `method` on `/api/v2{path}`.
pub fn operation(method: &str, path: &str) -> &'static Value {
    let op = &spec()["paths"][format!("/api/v2{path}")][method.to_ascii_lowercase()];
    assert!(op.is_object(), "no {method} {path} in the spec");
    op
}

/// Follows a `$ref` (only local `#/components/...` refs occur).
pub fn resolve(schema: &'static Value) -> &'static Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let mut node = spec();
            for part in r.trim_start_matches("#/").split('/') {
                node = &node[part];
            }
            resolve(node)
        }
        None => schema,
    }
}

/// The JSON schema of the `status` answer of an operation.
pub fn response_schema(method: &str, path: &str, status: &str) -> &'static Value {
    resolve(&operation(method, path)["responses"][status]["content"]["application/json"]["schema"])
}

/// The JSON schema of an operation's request body.
pub fn request_schema(method: &str, path: &str) -> &'static Value {
    resolve(&operation(method, path)["requestBody"]["content"]["application/json"]["schema"])
}

/// An example value for `schema`, from the spec's own examples: a schema's `example` (or first
/// of `examples`) when it has one, otherwise an object of every property's example or an
/// array of one item's example. `None` when the spec gives nothing to build from.
pub fn example(schema: &'static Value) -> Option<Value> {
    let schema = resolve(schema);
    if let Some(e) = schema.get("example") {
        return Some(e.clone());
    }
    if let Some(e) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        return Some(e.clone());
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let obj: Map<String, Value> = props
            .iter()
            .filter_map(|(k, s)| example(s).map(|v| (k.clone(), v)))
            .collect();
        return Some(Value::Object(obj));
    }
    if let Some(items) = schema.get("items") {
        return example(items).map(|v| Value::Array(vec![v]));
    }
    None
}

/// The example answer of an operation, built from its response schema.
pub fn response_example(method: &str, path: &str, status: &str) -> Value {
    example(response_schema(method, path, status))
        .unwrap_or_else(|| panic!("no example for {method} {path} {status}"))
}

/// The keys of `x-enumDescriptions` (or the `enum`) of a request-body property, as strings.
pub fn body_enum(method: &str, path: &str, property: &str) -> Vec<String> {
    let p = &request_schema(method, path)["properties"][property];
    enum_values(p)
}

/// The values of a schema's `enum`, else its `x-enumDescriptions` keys, as strings.
pub fn enum_values(p: &Value) -> Vec<String> {
    let to_s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let Some(e) = p.get("enum").and_then(Value::as_array) {
        return e.iter().map(to_s).collect();
    }
    p.get("x-enumDescriptions")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// Names of an operation's query parameters.
pub fn query_params(method: &str, path: &str) -> Vec<String> {
    operation(method, path)["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

/// The property names of a request body schema.
pub fn body_properties(method: &str, path: &str) -> Vec<String> {
    request_schema(method, path)["properties"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// JSON equality where numbers compare by value (`1000` equals `1000.0`, as in JavaScript).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
