//! `codegen/overrides.toml`: the surface names and the corrections to the spec, read and applied.
//!
//! Corrections (`[[fix]]`) are applied to the spec's JSON before it is read, so every emitter
//! sees the corrected schema and nothing downstream knows which parts were patched.

use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    pub groups: BTreeMap<String, Group>,
    pub ops: BTreeMap<String, String>,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    #[serde(default)]
    pub results: BTreeMap<String, String>,
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    pub retry_safe: RetrySafe,
    #[serde(default)]
    pub hooks: BTreeMap<String, String>,
    #[serde(default)]
    pub extras: Vec<Extra>,
    #[serde(default)]
    pub fix: Vec<Fix>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    #[serde(default)]
    pub traps: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub value_hints: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub stem: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySafe {
    pub ops: Vec<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    pub call: String,
    /// The `Engine` method `js/facade.js` calls with the one value and the options.
    pub engine: String,
    pub ts: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fix {
    pub at: String,
    pub source: String,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub values: Option<Vec<Value>>,
    #[serde(default)]
    pub optional: Option<bool>,
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    #[serde(default)]
    pub nullable: Option<bool>,
    #[serde(default)]
    pub minimum: Option<f64>,
    #[serde(default)]
    pub integer: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub op: String,
    pub source: String,
    #[serde(default)]
    pub exactly_one: Option<Vec<String>>,
    #[serde(default)]
    pub at_most_one: Option<Vec<String>>,
    #[serde(default)]
    pub requires: Option<Vec<String>>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub not_before: Option<Vec<String>>,
    #[serde(default)]
    pub not_null: Option<Vec<String>>,
    #[serde(default)]
    pub lead_identity: Option<Vec<String>>,
    #[serde(default)]
    pub one_lead_identity: Option<String>,
    #[serde(default)]
    pub header_map: Option<String>,
}

impl Overrides {
    pub fn load(text: &str) -> Result<Overrides, String> {
        toml::from_str(text).map_err(|e| format!("overrides.toml: {e}"))
    }

    /// `(group, method)` of an operation.
    pub fn call(&self, operation_id: &str) -> Result<(&str, &str), String> {
        let call = self.ops.get(operation_id).ok_or_else(|| {
            format!("operation {operation_id} has no name in overrides.toml [ops]")
        })?;
        call.split_once('.')
            .ok_or_else(|| format!("[ops] {operation_id} = {call:?} is not \"group.method\""))
    }

    /// Applies every `[[fix]]` to the spec's JSON.
    pub fn apply_fixes(&self, spec: &mut Value) -> Result<(), String> {
        for fix in &self.fix {
            apply_fix(spec, fix).map_err(|e| format!("[[fix]] at {:?}: {e}", fix.at))?;
        }
        Ok(())
    }
}

/// The schema a fix path points at, and the object schema holding it (for `optional`).
fn apply_fix(spec: &mut Value, fix: &Fix) -> Result<(), String> {
    let (root_path, rest) = locate(spec, &fix.at)?;
    let mut steps = split_steps(rest);
    let last_prop = match steps.last() {
        Some(Step::Prop(p)) => Some(p.clone()),
        _ => None,
    };
    if fix.optional == Some(true) {
        // Remove the name from the parent's `required`.
        let name = last_prop.ok_or("optional needs a property path")?;
        steps.pop();
        let parent = walk(spec, &root_path, &steps)?;
        let parent = resolve_mut(parent)?;
        let req = parent
            .get_mut("required")
            .and_then(Value::as_array_mut)
            .ok_or("the parent has no required list")?;
        let before = req.len();
        req.retain(|v| v.as_str() != Some(&name));
        if req.len() == before {
            return Err(format!("{name} is not required there"));
        }
        return Ok(());
    }
    let target = walk(spec, &root_path, &steps)?;
    let target = resolve_mut(target)?;
    let obj = target.as_object_mut().ok_or("the target is not a schema")?;
    if let Some(f) = &fix.format {
        obj.insert("x-client-format".into(), json!(f));
    }
    if fix.integer == Some(true) {
        let t = obj.get_mut("type").ok_or("the target has no type")?;
        match t {
            Value::String(s) if s == "number" => *t = json!("integer"),
            Value::Array(a) if a.contains(&json!("number")) => {
                for v in a.iter_mut().filter(|v| **v == json!("number")) {
                    *v = json!("integer");
                }
            }
            _ => return Err("integer needs a number type".into()),
        }
    }
    if let Some(m) = fix.minimum {
        obj.insert("minimum".into(), json!(m));
    }
    if let Some(values) = &fix.values {
        if values.is_empty() {
            obj.remove("enum").ok_or("the target has no enum")?;
        } else {
            obj.insert("enum".into(), Value::Array(values.clone()));
        }
    }
    if let Some(ty) = &fix.ty {
        obj.remove("format");
        obj.remove("pattern");
        obj.remove("enum");
        let t = match ty.as_str() {
            "string" => json!(["string", "null"]),
            "number" => json!(["number", "null"]),
            "string-or-number" => json!(["string", "number", "null"]),
            "any" => {
                obj.remove("type");
                return Ok(());
            }
            // A free-form object (any key): its listed properties are only examples.
            "object" => {
                obj.remove("properties");
                obj.remove("required");
                obj.insert("additionalProperties".into(), json!(true));
                json!(["object", "null"])
            }
            other => return Err(format!("type {other:?}")),
        };
        obj.insert("type".into(), t);
    }
    if fix.nullable == Some(true) {
        let t = obj.get("type").cloned().ok_or("the target has no type")?;
        let mut list = match t {
            Value::String(s) => vec![json!(s)],
            Value::Array(a) => a,
            _ => return Err("odd type".into()),
        };
        if !list.contains(&json!("null")) {
            list.push(json!("null"));
        }
        obj.insert("type".into(), Value::Array(list));
        // An enum refuses what it does not list: `null` joins it.
        if let Some(Value::Array(values)) = obj.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Prop(String),
    Items,
}

fn split_steps(rest: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in rest.split('.').filter(|p| !p.is_empty()) {
        let mut name = part;
        let mut items = 0;
        while let Some(n) = name.strip_suffix("[]") {
            name = n;
            items += 1;
        }
        if !name.is_empty() {
            steps.push(Step::Prop(name.to_string()));
        }
        for _ in 0..items {
            steps.push(Step::Items);
        }
    }
    steps
}

/// Turns `op.params.x`, `op.answer…` or `component.Name.x` into a JSON pointer to the schema
/// where the rest of the path starts, and that rest.
fn locate<'a>(spec: &Value, at: &'a str) -> Result<(String, &'a str), String> {
    if let Some(rest) = at.strip_prefix("component.") {
        let (name, rest) = rest.split_once('.').unwrap_or((rest, ""));
        return Ok((format!("/components/schemas/{name}"), rest));
    }
    let (op_id, rest) = at.split_once('.').ok_or("no operation")?;
    let (method, path) = find_op(spec, op_id)?;
    let base = format!(
        "/paths/{}/{method}",
        path.replace('~', "~0").replace('/', "~1")
    );
    if let Some(rest) = rest.strip_prefix("params.") {
        let first = rest.split(['.', '[']).next().unwrap_or(rest);
        let params = spec
            .pointer(&format!("{base}/parameters"))
            .and_then(Value::as_array);
        if let Some(i) = params
            .into_iter()
            .flatten()
            .position(|p| p["name"].as_str() == Some(first))
        {
            let tail = &rest[first.len()..];
            return Ok((format!("{base}/parameters/{i}/schema"), tail));
        }
        return Ok((
            format!("{base}/requestBody/content/application~1json/schema"),
            rest,
        ));
    }
    if let Some(rest) = rest.strip_prefix("answer") {
        let responses = spec
            .pointer(&format!("{base}/responses"))
            .and_then(Value::as_object)
            .ok_or("no responses")?;
        let code = responses
            .keys()
            .find(|c| c.starts_with('2'))
            .ok_or("no 2xx")?;
        return Ok((
            format!("{base}/responses/{code}/content/application~1json/schema"),
            rest,
        ));
    }
    Err("expected params. or answer".into())
}

fn find_op(spec: &Value, op_id: &str) -> Result<(String, String), String> {
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if op["operationId"].as_str() == Some(op_id) {
                return Ok((method.clone(), path.clone()));
            }
        }
    }
    Err(format!("no operation {op_id}"))
}

fn walk<'a>(spec: &'a mut Value, root: &str, steps: &[Step]) -> Result<&'a mut Value, String> {
    // References inside the walked schemas point at components; follow them by pointer.
    let mut pointer = root.to_string();
    for step in steps {
        pointer = follow_ref(spec, &pointer)?;
        match step {
            Step::Prop(p) => pointer.push_str(&format!("/properties/{p}")),
            Step::Items => pointer.push_str("/items"),
        }
        if spec.pointer(&pointer).is_none() {
            return Err(format!("nothing at {pointer}"));
        }
    }
    let pointer = follow_ref(spec, &pointer)?;
    spec.pointer_mut(&pointer)
        .ok_or_else(|| format!("nothing at {pointer}"))
}

fn follow_ref(spec: &Value, pointer: &str) -> Result<String, String> {
    let node = spec
        .pointer(pointer)
        .ok_or_else(|| format!("nothing at {pointer}"))?;
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => Ok(r.trim_start_matches('#').to_string()),
        None => Ok(pointer.to_string()),
    }
}

fn resolve_mut(v: &mut Value) -> Result<&mut Value, String> {
    if v.get("$ref").is_some() {
        return Err("unresolved $ref".into());
    }
    Ok(v)
}
