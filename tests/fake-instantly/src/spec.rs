//! The vendored OpenAPI document and schema helpers shared by request
//! validation (and usable by tests for response validation).

use serde_json::{Map, Value};
use std::sync::OnceLock;

static SPEC_TEXT: &str = include_str!("../../../spec/instantly-api-v2.json");
static SPEC: OnceLock<Value> = OnceLock::new();

/// The parsed OpenAPI 3.1 document (parsed once per process).
pub fn spec() -> &'static Value {
    SPEC.get_or_init(|| serde_json::from_str(SPEC_TEXT).expect("vendored spec is valid JSON"))
}

/// The operation object for `method` (lowercase or uppercase) on `path`
/// (e.g. `/api/v2/campaigns/{id}`).
pub fn operation(method: &str, path: &str) -> Option<&'static Value> {
    spec()
        .get("paths")?
        .get(path)?
        .get(method.to_ascii_lowercase())
}

/// Returns `schema` with every `#/components/...` `$ref` replaced by the
/// referenced schema (recursively). A reference cycle is cut with `{}`.
pub fn inline_refs(schema: &Value) -> Value {
    let mut stack = Vec::new();
    inline(schema, &mut stack)
}

fn inline(v: &Value, stack: &mut Vec<String>) -> Value {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if stack.contains(r) {
                    return Value::Object(Map::new());
                }
                let target = r
                    .strip_prefix('#')
                    .and_then(|p| spec().pointer(p))
                    .cloned()
                    .unwrap_or(Value::Object(Map::new()));
                stack.push(r.clone());
                let mut out = inline(&target, stack);
                stack.pop();
                // Siblings of $ref (rare) are merged over the target.
                if let Value::Object(out_map) = &mut out {
                    for (k, val) in map {
                        if k != "$ref" {
                            out_map.insert(k.clone(), inline(val, stack));
                        }
                    }
                }
                return out;
            }
            Value::Object(
                map.iter()
                    .map(|(k, val)| (k.clone(), inline(val, stack)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| inline(i, stack)).collect()),
        other => other.clone(),
    }
}

/// Compiles a draft 2020-12 validator with format checks on (as Fastify's
/// ajv-formats does).
pub fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("spec schema compiles")
}

/// The JSON schema of the `status` response of an operation, refs inlined.
pub fn response_schema(method: &str, path: &str, status: u16) -> Option<Value> {
    let op = operation(method, path)?;
    let schema = op
        .get("responses")?
        .get(status.to_string())?
        .get("content")?
        .get("application/json")?
        .get("schema")?;
    Some(inline_refs(schema))
}
