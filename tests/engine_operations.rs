//! Every operation of the spec through the engine: params built from the spec's own examples and
//! schemas are accepted, and the request the engine builds is checked against the spec (path
//! template, query parameters and body against their schemas, with `jsonschema`).

mod support;

use instantly_wasm::engine::table::{Operation, Rule};
use instantly_wasm::engine::{self, operations};
use instantly_wasm::http::Method;
use serde_json::{json, Map, Value};
use support::spec::{resolve, spec};

fn spec_op(op: &Operation) -> &'static Value {
    let node = &spec()["paths"][format!("/api/v2{}", op.path)];
    let node = if node.is_null() {
        &spec()["paths"][format!("/api/v2{}/", op.path)]
    } else {
        node
    };
    let o = &node[op.method.as_str().to_ascii_lowercase()];
    assert!(o.is_object(), "{} is not in the spec", op.id);
    o
}

fn example_of(schema: &Value) -> Option<Value> {
    schema.get("example").cloned().or_else(|| {
        schema
            .get("examples")
            .and_then(Value::as_array)
            .and_then(|a| a.first().cloned())
    })
}

/// A value for `schema`: its example when it has one, else one built from its type, format,
/// enum and bounds.
fn value_for(schema: &'static Value, name: &str, depth: usize) -> Value {
    let schema = resolve(schema);
    let boolean = schema["type"] == "boolean";
    if let Some(e) = example_of(schema) {
        // Boolean examples are `true` to show the flag; `false` is the value every rule allows
        // (the spec's own subsequence example disables its only variant, which its schema
        // refuses).
        if !e.is_null() && !boolean {
            return e;
        }
    }
    if boolean {
        return json!(false);
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(m) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|m| m.first())
        {
            if schema.get("properties").is_none() {
                return value_for(m, name, depth + 1);
            }
        }
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_string(),
        _ if schema.get("properties").is_some() => "object".into(),
        _ => "string".into(),
    };
    match ty.as_str() {
        "string" => {
            let v = match (
                schema.get("format").and_then(Value::as_str),
                schema.get("pattern").and_then(Value::as_str),
            ) {
                (Some("uuid"), _) => "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b".to_string(),
                (Some("email"), _) => "jon@example.com".into(),
                (Some("date"), _) => "2026-01-15".into(),
                (Some("date-time"), _) => "2026-01-15T10:00:00.000Z".into(),
                (Some("uri"), _) | (_, Some("^https?://")) => "https://hooks.example.com/in".into(),
                (_, Some(p)) if p.contains("[01][0-9]") => "09:00".into(),
                (_, Some(p)) if p.contains("ptid_") => "ptid_abc".into(),
                _ if name.contains("email") => "jon@example.com".into(),
                _ => "text".into(),
            };
            json!(v)
        }
        "integer" | "number" => {
            let min = schema.get("minimum").and_then(Value::as_f64);
            json!(min.map_or(1, |m| m.max(1.0) as i64))
        }
        "boolean" => json!(true),
        "array" if depth < 8 => {
            let n = schema
                .get("minItems")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            let item = value_for(&schema["items"], name, depth + 1);
            Value::Array(vec![item; n as usize])
        }
        "object" if depth < 8 => {
            let mut out = Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, s) in props {
                    out.insert(k.clone(), value_for(s, k, depth + 1));
                }
            } else if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object())
            {
                out.insert("key".into(), value_for(extra, "key", depth + 1));
            }
            Value::Object(out)
        }
        _ => Value::Null,
    }
}

/// Params for `op`: every query parameter and body field, minus the alternatives a rule allows
/// only one of.
fn params_for(op: &Operation) -> (Vec<String>, Value) {
    let s = spec_op(op);
    let mut path = Vec::new();
    let mut params = Map::new();
    for p in s["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap();
        let v = value_for(&p["schema"], name, 0);
        if p["in"] == "path" {
            let text = match &v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            path.push((name.to_string(), text));
        } else {
            params.insert(name.to_string(), v);
        }
    }
    let body = &s["requestBody"]["content"]["application/json"]["schema"];
    if let Value::Object(fields) = value_for(body, "", 0) {
        if body.get("properties").is_some() {
            params.extend(fields);
        }
    }
    for rule in op.rules {
        if let Rule::ExactlyOne(fields) | Rule::AtMostOne(fields) = rule {
            for f in &fields[1..] {
                params.remove(*f);
            }
        }
    }
    // Path values in path order.
    let order: Vec<&str> = op.path_params.iter().map(|f| f.name).collect();
    path.sort_by_key(|(n, _)| order.iter().position(|o| o == n));
    (
        path.into_iter().map(|(_, v)| v).collect(),
        Value::Object(params),
    )
}

thread_local! {
    static COMPILED: std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<jsonschema::Validator>>> =
        Default::default();
}

/// The validator of a schema of the spec (compiled once per schema).
fn compile(schema: &'static Value) -> std::rc::Rc<jsonschema::Validator> {
    let key = schema as *const Value as usize;
    if let Some(v) = COMPILED.with(|c| c.borrow().get(&key).cloned()) {
        return v;
    }
    let v = std::rc::Rc::new(compile_uncached(schema));
    COMPILED.with(|c| c.borrow_mut().insert(key, v.clone()));
    v
}

fn compile_uncached(schema: &Value) -> jsonschema::Validator {
    let mut schema = schema.clone();
    if let Value::Object(m) = &mut schema {
        m.insert("components".into(), spec()["components"].clone());
    }
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("spec schemas compile")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_table_holds_every_operation_of_the_spec_once() {
    let mut spec_ops = Vec::new();
    for (path, item) in spec()["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                spec_ops.push((id.to_string(), method.to_uppercase(), path.clone()));
            }
        }
    }
    assert_eq!(spec_ops.len(), 173);
    assert_eq!(operations().len(), spec_ops.len());
    for (id, method, path) in &spec_ops {
        let op = engine::operation(id).unwrap_or_else(|| panic!("{id} missing from the table"));
        assert_eq!(op.method.as_str(), method, "{id}");
        assert_eq!(
            format!("/api/v2{}", op.path),
            path.trim_end_matches('/'),
            "{id}"
        );
    }
    let mut calls: Vec<&str> = operations().iter().map(|o| o.call).collect();
    calls.sort();
    calls.dedup();
    assert_eq!(calls.len(), 173, "client names are unique");
}

#[test]
fn every_operation_accepts_spec_built_params_and_builds_a_spec_valid_request() {
    let mut failures = Vec::new();
    for op in operations() {
        let (path, params) = params_for(op);
        let path_refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let req = match engine::prepare(op, &path_refs, params.clone()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{} {}: refused {params}: {e}", op.call, op.path));
                continue;
            }
        };
        let s = spec_op(op);
        // The path is the template with the (encoded) values.
        let mut expected = op.path.to_string();
        for (f, v) in op.path_params.iter().zip(&path) {
            expected = expected.replace(&format!("{{{}}}", f.name), &v.replace('+', "%2B"));
        }
        if req.path != expected {
            failures.push(format!("{}: path {} != {expected}", op.call, req.path));
        }
        assert_eq!(req.method, op.method);
        // Query parameters: declared, and valid against their schemas.
        for p in s["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "query")
        {
            let name = p["name"].as_str().unwrap();
            let sent: Vec<&str> = req
                .query
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect();
            let given = params.get(name).filter(|v| !v.is_null());
            match (given, sent.is_empty()) {
                (Some(_), true) => failures.push(format!("{}: query {name} not sent", op.call)),
                (None, false) => failures.push(format!("{}: query {name} sent unasked", op.call)),
                _ => {}
            }
            let schema = resolve(&p["schema"]);
            let typed: Vec<Value> = sent
                .iter()
                .map(|t| match schema["type"].as_str() {
                    Some("integer") | Some("number") => serde_json::from_str(t).unwrap_or(json!(t)),
                    Some("boolean") => json!(*t == "true"),
                    _ => json!(t),
                })
                .collect();
            let instance = if schema["type"] == "array" {
                Value::Array(typed)
            } else if let Some(v) = typed.into_iter().next() {
                v
            } else {
                continue;
            };
            let errs = errors(&compile(schema), &instance);
            if !errs.is_empty() {
                failures.push(format!("{}: query {name}={instance}: {errs:?}", op.call));
            }
        }
        for (k, _) in &req.query {
            let declared = s["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == k.as_str() && p["in"] == "query");
            if !declared {
                failures.push(format!("{}: undeclared query {k}", op.call));
            }
        }
        // The body: present exactly when fields were given (or the spec requires one), valid
        // against the spec's schema.
        let body_schema = &s["requestBody"]["content"]["application/json"]["schema"];
        match &req.body {
            Some(bytes) => {
                let body: Value = serde_json::from_slice(bytes).expect("body is JSON");
                let errs = errors(&compile(body_schema), &body);
                if !errs.is_empty() {
                    failures.push(format!("{}: body {body}: {errs:?}", op.call));
                }
            }
            None => {
                let required =
                    s["requestBody"]["required"] == true && body_schema.get("properties").is_some();
                if required {
                    failures.push(format!(
                        "{}: no body sent though the spec requires one",
                        op.call
                    ));
                }
            }
        }
        if op.method == Method::Delete && body_schema["type"] == "null" && req.body.is_some() {
            failures.push(format!("{}: a body on a bodiless DELETE", op.call));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A wrong value of another JSON type than `v`.
fn other_type(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(12345),
        Value::Number(_) | Value::Bool(_) => json!("text"),
        Value::Array(_) => json!({ "x": 1 }),
        Value::Object(_) => json!([1]),
        Value::Null => json!(1),
    }
}

/// The spec's verdict on `params` for `op`: body and query parameters against their schemas,
/// required query parameters present.
fn spec_accepts(op: &Operation, params: &Map<String, Value>) -> bool {
    let s = spec_op(op);
    let mut body = Map::new();
    for (k, v) in params {
        let q = s["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == k.as_str() && p["in"] == "query");
        match q {
            Some(p) => {
                if !v.is_null() && !compile(resolve(&p["schema"])).is_valid(v) {
                    return false;
                }
            }
            None => {
                body.insert(k.clone(), v.clone());
            }
        }
    }
    for p in s["parameters"].as_array().into_iter().flatten() {
        if p["in"] == "query"
            && p["required"] == true
            && params
                .get(p["name"].as_str().unwrap())
                .map_or(true, Value::is_null)
        {
            return false;
        }
    }
    let schema = &s["requestBody"]["content"]["application/json"]["schema"];
    if schema.get("properties").is_some() {
        return compile(schema).is_valid(&Value::Object(body));
    }
    body.is_empty()
}

/// Where the engine is deliberately stricter than the spec (documented in overrides.toml and
/// the engine): such a refusal is not a disagreement.
fn deliberately_stricter(op: &Operation, field: &str, mutation: &str) -> bool {
    let fixed_format = [
        ("leads.bulkAdd", "leads"),
        ("leads.create", "email"),
        ("leads.updateInterestStatus", "lead_email"),
    ];
    mutation == "drop" && op.method == Method::Patch
        || fixed_format
            .iter()
            .any(|(c, f)| *c == op.call && *f == field)
        || op.rules.iter().any(|r| match r {
            Rule::ExactlyOne(fs) | Rule::AtMostOne(fs) => fs.contains(&field),
            Rule::Requires(f, others, _) => *f == field || others.contains(&field),
            Rule::LeadIdentity(a, c) => *a == field || *c == field,
            Rule::OneLeadIdentity(c) => {
                *c == field || ["email", "first_name", "last_name"].contains(&field)
            }
            _ => false,
        })
}

/// Where the engine deliberately accepts what the spec refuses (a `nullable` fix in
/// overrides.toml, each with its source).
fn deliberately_looser(op: &Operation, field: &str, mutation: &str) -> bool {
    // api-notes §4: a custom-label subscription sends `event_type: null`.
    mutation == "null" && op.call == "webhooks.create" && field == "event_type"
}

#[test]
fn the_engine_refuses_what_the_spec_refuses_and_accepts_what_it_accepts() {
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for op in operations() {
        let (path, params) = params_for(op);
        let path_refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let Value::Object(base) = params else {
            continue;
        };
        for field in base.keys() {
            for mutation in ["drop", "retype", "null"] {
                let mut m = base.clone();
                match mutation {
                    "drop" => {
                        m.remove(field);
                    }
                    "retype" => {
                        let v = other_type(&m[field]);
                        m.insert(field.clone(), v);
                    }
                    _ => {
                        m.insert(field.clone(), Value::Null);
                    }
                }
                let engine_ok = engine::prepare(op, &path_refs, Value::Object(m.clone())).is_ok();
                // A query parameter set to null is left out by the engine, as by JSON.stringify.
                let spec_m: Map<String, Value> = m
                    .iter()
                    .filter(|(k, v)| {
                        !(v.is_null() && op.query.iter().any(|q| q.name == k.as_str()))
                    })
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let spec_ok = spec_accepts(op, &spec_m);
                compared += 1;
                if engine_ok != spec_ok
                    && !(spec_ok && deliberately_stricter(op, field, mutation))
                    && !(engine_ok && deliberately_looser(op, field, mutation))
                {
                    disagreements.push(format!(
                        "{} {mutation} {field}: engine {} but spec {}",
                        op.call,
                        if engine_ok { "accepts" } else { "refuses" },
                        if spec_ok { "accepts" } else { "refuses" }
                    ));
                }
            }
        }
    }
    assert!(compared > 1000, "only {compared} comparisons");
    assert!(
        disagreements.is_empty(),
        "{} of {compared} disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// A PATCH whose params are only query parameters changes nothing: refused before sending. No
/// PATCH of the spec takes a query parameter today, so the rule is checked on a table entry of
/// its own.
#[test]
fn a_patch_with_only_query_params_is_refused() {
    use instantly_wasm::engine::table::{
        Answer, Extra, Field, Format, Hook, Kind, Object, Paging, Schema, Str,
    };
    static TEXT: Schema = Schema {
        kind: Kind::Str(Str {
            format: Format::None,
            values: &[],
            min_len: 0,
            max_len: u32::MAX,
        }),
        nullable: false,
        not: None,
    };
    static FLAG: Schema = Schema {
        kind: Kind::Bool,
        nullable: false,
        not: None,
    };
    static BODY: Object = Object {
        fields: &[Field {
            name: "name",
            schema: &TEXT,
            required: false,
        }],
        extra: Extra::Deny,
        min_props: 0,
        any_of: &[],
    };
    static OP: Operation = Operation {
        id: "patchThing",
        call: "things.update",
        method: Method::Patch,
        path: "/things/{id}",
        path_params: &[Field {
            name: "id",
            schema: &TEXT,
            required: true,
        }],
        query: &[Field {
            name: "dry_run",
            schema: &FLAG,
            required: false,
        }],
        body: Some(&BODY),
        body_required: true,
        retry_safe: false,
        paging: Paging::None,
        answer: Answer::Json,
        hook: Hook::None,
        rules: &[],
        traps: &[],
    };
    let e = engine::prepare(&OP, &["t1"], json!({ "dry_run": true })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("things.update params"));
    assert!(
        e.message.contains("set at least one field to change"),
        "{}",
        e.message
    );
    let req = engine::prepare(&OP, &["t1"], json!({ "dry_run": true, "name": "n" })).unwrap();
    assert_eq!(req.method, Method::Patch);
}
