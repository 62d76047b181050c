//! Request validation against the vendored spec, reporting the first error in
//! Fastify/AJV wording (`body/name must be string`, `querystring/limit must
//! be <= 100`, `params/id must match format "uuid"`, ...).

use crate::errors::{ApiError, ApiResult};
use crate::spec::{compile, inline_refs, operation};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One compiled schema plus its source (needed to word `type` errors).
pub struct Checker {
    schema: Value,
    validator: jsonschema::Validator,
}

impl Checker {
    pub fn new(schema: Value) -> Self {
        let validator = compile(&schema);
        Checker { schema, validator }
    }

    /// First error in AJV style, prefixed with `context` (`body`, ...).
    pub fn check(&self, context: &str, instance: &Value) -> Result<(), String> {
        let mut best: Option<(usize, u8, String)> = None;
        for err in self.validator.iter_errors(instance) {
            let path = err.instance_path().to_string();
            let depth = path.matches('/').count();
            let (rank, msg) = self.message(err.kind(), &err.schema_path().to_string());
            let candidate = (depth, rank, format!("{context}{path} {msg}"));
            let better = match &best {
                None => true,
                Some((d, r, _)) => (depth, rank) < (*d, *r),
            };
            if better {
                best = Some(candidate);
            }
        }
        match best {
            None => Ok(()),
            Some((_, _, m)) => Err(m),
        }
    }

    fn message(&self, kind: &ValidationErrorKind, schema_path: &str) -> (u8, String) {
        use ValidationErrorKind as K;
        match kind {
            K::Type { kind } => {
                let declared = self.schema.pointer(schema_path).and_then(|t| match t {
                    Value::String(s) => Some(s.clone()),
                    Value::Array(a) => Some(
                        a.iter()
                            .filter_map(|x| x.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    _ => None,
                });
                let text = declared.unwrap_or_else(|| match kind {
                    TypeKind::Single(t) => t.to_string(),
                    TypeKind::Multiple(set) => set
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                });
                (0, format!("must be {text}"))
            }
            K::Required { property } => (
                1,
                format!(
                    "must have required property '{}'",
                    property.as_str().unwrap_or_default()
                ),
            ),
            K::AdditionalProperties { .. } | K::UnevaluatedProperties { .. } => {
                (2, "must NOT have additional properties".into())
            }
            K::Enum { .. } => (3, "must be equal to one of the allowed values".into()),
            K::Constant { .. } => (3, "must be equal to constant".into()),
            K::Minimum { limit } => (3, format!("must be >= {limit}")),
            K::Maximum { limit } => (3, format!("must be <= {limit}")),
            K::ExclusiveMinimum { limit } => (3, format!("must be > {limit}")),
            K::ExclusiveMaximum { limit } => (3, format!("must be < {limit}")),
            K::MinItems { limit } => (3, format!("must NOT have fewer than {limit} items")),
            K::MaxItems { limit } => (3, format!("must NOT have more than {limit} items")),
            K::MinLength { limit } => (3, format!("must NOT have fewer than {limit} characters")),
            K::MaxLength { limit } => (3, format!("must NOT have more than {limit} characters")),
            K::MinProperties { limit } => {
                (3, format!("must NOT have fewer than {limit} properties"))
            }
            K::MaxProperties { limit } => {
                (3, format!("must NOT have more than {limit} properties"))
            }
            K::Format { format } => (3, format!("must match format \"{format}\"")),
            K::Pattern { pattern } => (3, format!("must match pattern \"{pattern}\"")),
            K::AnyOf { .. } => (4, "must match a schema in anyOf".into()),
            K::OneOfNotValid { .. } | K::OneOfMultipleValid { .. } => {
                (4, "must match exactly one schema in oneOf".into())
            }
            K::UniqueItems => (3, "must NOT have duplicate items".into()),
            K::MultipleOf { .. } => (3, "must be a multiple of the given value".into()),
            K::Not { .. } => (3, "must NOT be valid".into()),
            K::FalseSchema => (3, "boolean schema is false".into()),
            other => (5, format!("is invalid ({other:?})")),
        }
    }
}

/// The compiled request schemas of one operation.
pub struct OpSchemas {
    body: Option<Checker>,
    body_required: bool,
    body_is_null: bool,
    query: Option<(Checker, Vec<(String, Value)>)>,
    params: Option<Checker>,
}

static CACHE: OnceLock<Mutex<HashMap<String, Arc<OpSchemas>>>> = OnceLock::new();

/// The (cached) schemas of `method path` in the spec.
pub fn op(method: &str, path: &str) -> Arc<OpSchemas> {
    let key = format!("{} {}", method.to_ascii_uppercase(), path);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().unwrap().get(&key) {
        return found.clone();
    }
    let built = Arc::new(build(method, path));
    cache.lock().unwrap().insert(key, built.clone());
    built
}

fn build(method: &str, path: &str) -> OpSchemas {
    let op = operation(method, path).unwrap_or_else(|| panic!("{method} {path} not in spec"));
    let mut body = None;
    let mut body_required = false;
    let mut body_is_null = false;
    if let Some(rb) = op.get("requestBody") {
        body_required = rb.get("required").and_then(Value::as_bool).unwrap_or(false);
        if let Some(s) = rb.pointer("/content/application~1json/schema") {
            let schema = inline_refs(s);
            body_is_null = schema.get("type") == Some(&json!("null"));
            body = Some(Checker::new(schema));
        }
    }
    let mut query_props = Map::new();
    let mut query_required = Vec::new();
    let mut query_params = Vec::new();
    let mut path_props = Map::new();
    let mut path_required = Vec::new();
    for p in op
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = p["name"].as_str().unwrap_or_default().to_string();
        let schema = inline_refs(p.get("schema").unwrap_or(&json!({})));
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        match p["in"].as_str() {
            Some("query") => {
                if required {
                    query_required.push(json!(name));
                }
                query_props.insert(name.clone(), schema.clone());
                query_params.push((name, schema));
            }
            Some("path") => {
                path_required.push(json!(name));
                path_props.insert(name, schema);
            }
            _ => {}
        }
    }
    let query = (!query_params.is_empty()).then(|| {
        let schema =
            json!({"type": "object", "properties": query_props, "required": query_required});
        (Checker::new(schema), query_params)
    });
    let params = (!path_props.is_empty()).then(|| {
        Checker::new(json!({"type": "object", "properties": path_props, "required": path_required}))
    });
    OpSchemas {
        body,
        body_required,
        body_is_null,
        query,
        params,
    }
}

impl OpSchemas {
    /// Validates the JSON body. `None` is "no body sent". Returns the body to
    /// use (`{}` when an optional object body was omitted).
    pub fn body(&self, body: Option<Value>) -> ApiResult<Value> {
        let Some(checker) = &self.body else {
            return Ok(body.unwrap_or(Value::Null));
        };
        if self.body_is_null {
            // DELETE operations declare a `null` body; an omitted body or `{}`
            // (what clients send to avoid an empty JSON body) is accepted.
            return Ok(Value::Null);
        }
        let mut body = match body {
            Some(b) => b,
            None if self.body_required => Value::Null,
            None => json!({}),
        };
        // AJV `useDefaults: true` (Fastify's default) fills schema defaults.
        apply_defaults(&checker.schema, &mut body);
        checker
            .check("body", &body)
            .map_err(ApiError::bad_request)?;
        Ok(body)
    }

    /// Parses, coerces (as AJV `coerceTypes: 'array'`) and validates the query
    /// string. Returns the coerced declared parameters.
    pub fn query(&self, raw: Option<&str>) -> ApiResult<Map<String, Value>> {
        let mut grouped: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            grouped
                .entry(k.into_owned())
                .or_default()
                .push(v.into_owned());
        }
        let Some((checker, params)) = &self.query else {
            return Ok(Map::new());
        };
        let mut out = Map::new();
        for (name, schema) in params {
            if let Some(values) = grouped.remove(name) {
                out.insert(name.clone(), coerce(values, schema));
            }
        }
        let instance = Value::Object(out);
        checker
            .check("querystring", &instance)
            .map_err(ApiError::bad_request)?;
        match instance {
            Value::Object(m) => Ok(m),
            _ => unreachable!(),
        }
    }

    /// Validates path parameters (e.g. the `uuid` format of `{id}`).
    pub fn params(&self, params: &[(&str, &str)]) -> ApiResult<()> {
        let Some(checker) = &self.params else {
            return Ok(());
        };
        let instance: Map<String, Value> = params
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        checker
            .check("params", &Value::Object(instance))
            .map_err(ApiError::bad_request)
    }
}

fn apply_defaults(schema: &Value, value: &mut Value) {
    if let (Some(props), Value::Object(map)) = (
        schema.get("properties").and_then(Value::as_object),
        &mut *value,
    ) {
        for (name, prop) in props {
            if !map.contains_key(name) {
                if let Some(d) = prop.get("default") {
                    map.insert(name.clone(), d.clone());
                }
            }
            if let Some(child) = map.get_mut(name) {
                apply_defaults(prop, child);
            }
        }
    }
    if let (Some(items), Value::Array(arr)) = (schema.get("items"), value) {
        for item in arr {
            apply_defaults(items, item);
        }
    }
}

fn types_of(schema: &Value) -> Vec<String> {
    match schema.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => vec![],
    }
}

fn coerce(values: Vec<String>, schema: &Value) -> Value {
    let types = types_of(schema);
    if types.iter().any(|t| t == "array") {
        let item_schema = schema.get("items").cloned().unwrap_or(json!({}));
        let item_types = types_of(&item_schema);
        return Value::Array(
            values
                .into_iter()
                .map(|v| coerce_scalar(v, &item_types))
                .collect(),
        );
    }
    if values.len() > 1 {
        return Value::Array(values.into_iter().map(Value::String).collect());
    }
    coerce_scalar(values.into_iter().next().unwrap_or_default(), &types)
}

fn coerce_scalar(s: String, types: &[String]) -> Value {
    if types.is_empty() || types.iter().any(|t| t == "string") {
        return Value::String(s);
    }
    for t in types {
        match t.as_str() {
            "integer" => {
                if let Ok(i) = s.parse::<i64>() {
                    return json!(i);
                }
            }
            "number" => {
                if let Ok(i) = s.parse::<i64>() {
                    return json!(i);
                }
                if let Ok(f) = s.parse::<f64>() {
                    if f.is_finite() && !s.is_empty() {
                        return json!(f);
                    }
                }
            }
            "boolean" => match s.as_str() {
                "true" => return Value::Bool(true),
                "false" => return Value::Bool(false),
                _ => {}
            },
            "null" if s.is_empty() => return Value::Null,
            _ => {}
        }
    }
    Value::String(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ajv_style_messages() {
        let o = op("post", "/api/v2/campaigns");
        let e = o.body(Some(json!({}))).unwrap_err();
        assert_eq!(
            e.body()["message"],
            "body must have required property 'name'"
        );
        let e = o
            .body(Some(
                json!({"name": 3, "campaign_schedule": {"schedules": []}}),
            ))
            .unwrap_err();
        assert_eq!(e.body()["message"], "body/name must be string");
        let q = op("get", "/api/v2/campaigns");
        let e = q.query(Some("limit=101")).unwrap_err();
        assert_eq!(e.body()["message"], "querystring/limit must be <= 100");
        let e = q.query(Some("limit=abc")).unwrap_err();
        assert_eq!(e.body()["message"], "querystring/limit must be integer");
        let ok = q.query(Some("limit=5&status=1")).unwrap();
        assert_eq!(ok["limit"], json!(5));
        let p = op("get", "/api/v2/campaigns/{id}");
        let e = p.params(&[("id", "nope")]).unwrap_err();
        assert_eq!(e.body()["message"], "params/id must match format \"uuid\"");
    }
}
