//! Collections inferred from the spec's paths, with real state: records are
//! built from the create body and the component's schema (a generated key,
//! server-set fields, the schema's defaults), listed with the operation's own
//! cursor parameters (seeking to the cursor), and read, patched, deleted and
//! acted on by key. Every answer is the record projected onto the schema of
//! the operation's answer.

use super::Req;
use crate::errors::{ApiError, ApiResult};
use crate::ids::{new_uuid, now_iso};
use crate::optable::{component_of, component_schema};
use crate::pagination;
use crate::state::{Records, Store, Workspace};
use crate::synth::{fits, merged_all_of, synth, synth_required};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// Fields a server sets to the workspace's id.
const WORKSPACE_FIELDS: &[&str] = &[
    "organization",
    "organization_id",
    "workspace",
    "workspace_id",
    "admin_workspace_id",
];
/// Fields a server sets to the calling user's id.
const USER_FIELDS: &[&str] = &["created_by", "user_id", "owner", "added_by", "issuer_id"];

/// The record field holding a collection's key (`sessionId` → `session_id`).
pub fn key_field(param: &str) -> String {
    let mut out = String::new();
    for c in param.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// How keys are compared: emails case-insensitively, ids as given.
pub fn norm_key(field: &str, key: &str) -> String {
    if field == "email" {
        key.trim().to_ascii_lowercase()
    } else {
        key.to_string()
    }
}

/// The key param of a collection (`id` unless its routes say otherwise).
pub fn key_param(coll: &str) -> String {
    crate::optable::ops()
        .iter()
        .find(|o| o.coll.as_deref() == Some(coll) && o.key.is_some())
        .and_then(|o| o.key.clone())
        .unwrap_or_else(|| "id".into())
}

/// "Account not found", "Block list entry not found", ...
pub fn not_found(coll: &str) -> ApiError {
    let name = component_of(coll).unwrap_or("Resource");
    let mut words = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            words.push(' ');
            words.push(c.to_ascii_lowercase());
        } else {
            words.push(c);
        }
        prev_lower = c.is_ascii_lowercase();
    }
    ApiError::not_found(format!("{words} not found"))
}

/// The component schema of a collection's records.
pub fn record_schema(coll: &str) -> Option<&'static Value> {
    component_of(coll).and_then(component_schema)
}

/// Builds a record of `coll` from a create body: body fields the record
/// schema declares (when they fit), a fresh key, server-set fields, schema
/// defaults, and values for the remaining required fields.
pub fn build(ws: &Workspace, coll: &str, body: &Map<String, Value>) -> Map<String, Value> {
    let schema = record_schema(coll).cloned().unwrap_or(json!({}));
    let key = key_field(&key_param(coll));
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let required: HashSet<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let now = now_iso();
    let mut rec = Map::new();
    for (k, p) in &props {
        let read_only = p.get("readOnly") == Some(&Value::Bool(true));
        if let Some(v) = body.get(k).filter(|v| !read_only && fits(p, v)) {
            rec.insert(k.clone(), v.clone());
            continue;
        }
        if *k == key && key == "id" {
            rec.insert(k.clone(), json!(new_uuid()));
        } else if k.starts_with("timestamp_")
            && (required.contains(k.as_str()) || k == "timestamp_updated")
        {
            rec.insert(k.clone(), json!(now));
        } else if WORKSPACE_FIELDS.contains(&k.as_str()) {
            rec.insert(k.clone(), json!(ws.id));
        } else if USER_FIELDS.contains(&k.as_str())
            && p.get("format").and_then(Value::as_str) == Some("uuid")
        {
            rec.insert(k.clone(), json!(ws.user_id));
        } else if let Some(d) = p.get("default") {
            rec.insert(k.clone(), d.clone());
        } else if required.contains(k.as_str()) {
            rec.insert(k.clone(), synth_required(p));
        }
    }
    if !rec.contains_key(&key) {
        if let Some(v) = body.get(&key) {
            rec.insert(key.clone(), v.clone());
        } else {
            rec.insert(key.clone(), json!(new_uuid()));
        }
    }
    rec
}

/// The record's key in its collection map.
pub fn key_of(coll: &str, rec: &Map<String, Value>) -> String {
    let field = key_field(&key_param(coll));
    norm_key(
        &field,
        rec.get(&field).and_then(Value::as_str).unwrap_or_default(),
    )
}

/// Stores a record under its key.
pub fn store(ws: &mut Workspace, coll: &str, rec: Map<String, Value>) {
    let key = key_of(coll, &rec);
    ws.coll(coll).insert(key, rec);
}

/// The record answering to a path key (hand-written collections included).
pub fn lookup(ws: &Workspace, coll: &str, key: &str) -> Option<Map<String, Value>> {
    match coll {
        "campaigns" => ws.campaigns.get(key).cloned(),
        "lead-lists" => ws.lead_lists.get(key).cloned(),
        "leads" => ws.leads.get(key).map(|l| l.data.clone()),
        "webhooks" => ws.webhooks.get(key).cloned(),
        "webhook-events" => ws.webhook_events.get(key).cloned(),
        _ => {
            let field = key_field(&key_param(coll));
            ws.coll_ref(coll)?.get(&norm_key(&field, key)).cloned()
        }
    }
}

/// The record of `coll` under `key`, or the collection's 404.
pub fn existing(ws: &Workspace, coll: &str, key: &str) -> ApiResult<Map<String, Value>> {
    lookup(ws, coll, key).ok_or_else(|| not_found(coll))
}

/// `rec` projected onto `schema`: the record's fields that the schema
/// declares and that fit, plus values for missing required fields. A record
/// of the schema's own component is returned as is.
pub fn project(schema: Option<&Value>, rec: &Map<String, Value>) -> Value {
    let Some(schema) = schema else {
        return Value::Object(rec.clone());
    };
    let merged = merged_all_of(schema);
    let schema = merged.as_ref().unwrap_or(schema);
    if schema.get("properties").is_none() {
        return Value::Object(rec.clone());
    }
    let mut out = Map::new();
    let props = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (k, p) in &props {
        if let Some(v) = rec.get(k).filter(|v| fits(p, v)) {
            out.insert(k.clone(), v.clone());
        }
    }
    for r in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !out.contains_key(r) {
            out.insert(
                r.to_string(),
                props.get(r).map(synth).unwrap_or(Value::Null),
            );
        }
    }
    Value::Object(out)
}

/// The schema of one item of a list answer (`{items: [X]}` or `[X]`).
pub fn item_schema(schema: Option<&Value>) -> Option<&Value> {
    let s = schema?;
    s.pointer("/properties/items/items")
        .or_else(|| s.get("items"))
}

pub fn create(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let ws = s.ws(&req.ws_id);
    let body = req.body_map();
    let rec = build(ws, coll, &body);
    let key = key_of(coll, &rec);
    if ws.coll_ref(coll).is_some_and(|c| c.contains_key(&key)) {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            format!("{} already exists", key),
        ));
    }
    let out = project(req.op.schema.as_ref(), &rec);
    store(ws, coll, rec);
    Ok(out)
}

/// Query parameters that steer paging or rendering, never filters.
const NOT_FILTERS: &[&str] = &[
    "limit",
    "starting_after",
    "skip",
    "offset",
    "sort_by",
    "sort_order",
    "sort_column",
    "include_tags",
    "with_passwords",
    "with_metadata",
    "preview_only",
    "data_fields",
];

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => n.as_f64().map(|f| f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The values a query parameter asks for (`a,b`, repeated keys or one value).
fn wanted(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(scalar_text).collect(),
        Value::String(s) => s.split(',').map(|x| x.trim().to_string()).collect(),
        other => scalar_text(other).into_iter().collect(),
    }
}

/// One condition on a record.
type Check = Box<dyn Fn(&Map<String, Value>) -> bool>;

/// A predicate from a list operation's query: `search` matches any text
/// field, `ids`/`excluded_ids` select by key, `x_not` excludes, `tag_ids`
/// follows custom-tag mappings, and any other parameter named like a record
/// field must equal it (any of several values).
pub fn filter_of(
    ws: &Workspace,
    coll: &str,
    query: &Map<String, Value>,
) -> impl Fn(&Map<String, Value>) -> bool {
    let key = key_field(&key_param(coll));
    let mut checks: Vec<Check> = Vec::new();
    for (k, v) in query {
        if NOT_FILTERS.contains(&k.as_str()) {
            continue;
        }
        let vals = wanted(v);
        let k = k.clone();
        match k.as_str() {
            "search" => {
                let q = vals.join(",").to_lowercase();
                checks.push(Box::new(move |r| {
                    q.is_empty()
                        || r.values()
                            .any(|x| x.as_str().is_some_and(|t| t.to_lowercase().contains(&q)))
                }));
            }
            _ if is_id_filter(coll, &k) => {
                let (field, ids): (String, HashSet<String>) = match (coll, k.as_str()) {
                    ("custom-tags", "resource_ids") => {
                        ("id".into(), tagged_resources(ws, &k, &vals))
                    }
                    ("custom-tags", _) => ("id".into(), vals.iter().cloned().collect()),
                    (_, "resource_ids") => ("resource_id".into(), vals.iter().cloned().collect()),
                    (_, "tag_ids" | "tag_ids_all") => {
                        (key.clone(), tagged_resources(ws, &k, &vals))
                    }
                    _ => (key.clone(), vals.iter().cloned().collect()),
                };
                checks.push(Box::new(move |r| {
                    r.get(&field)
                        .and_then(Value::as_str)
                        .is_some_and(|id| ids.contains(id))
                }));
            }
            "excluded_ids" => {
                let field = key.clone();
                checks.push(Box::new(move |r| {
                    !r.get(&field)
                        .and_then(Value::as_str)
                        .is_some_and(|id| vals.iter().any(|w| w == id))
                }));
            }
            "domains_only" => {
                let only = vals.first().map(String::as_str) == Some("true");
                checks.push(Box::new(move |r| {
                    !only || r.get("is_domain") == Some(&Value::Bool(true))
                }));
            }
            _ => {
                if let Some(field) = k.strip_suffix("_not") {
                    let field = field.to_string();
                    checks.push(Box::new(move |r| {
                        !r.get(&field)
                            .and_then(scalar_text)
                            .is_some_and(|x| vals.contains(&x))
                    }));
                } else {
                    // `x` filters field `x`, or `x_label` when `x` holds a
                    // number and the query a name (lead labels' interest).
                    let label = format!("{k}_label");
                    checks.push(Box::new(move |r| {
                        let field = match (r.get(&k), r.get(&label)) {
                            (Some(Value::Number(_)), Some(l))
                                if vals.iter().all(|v| v.parse::<f64>().is_err()) =>
                            {
                                Some(l)
                            }
                            (x, _) => x,
                        };
                        match field {
                            None => true,
                            Some(x) => scalar_text(x).is_some_and(|x| vals.contains(&x)),
                        }
                    }));
                }
            }
        }
    }
    move |r| checks.iter().all(|c| c(r))
}

fn is_id_filter(coll: &str, k: &str) -> bool {
    matches!(
        k,
        "ids" | "included_ids" | "resource_ids" | "tag_ids" | "tag_ids_all"
    ) && !(coll == "custom-tags" && k == "tag_ids_all")
}

/// Ids that custom-tag mappings select: the resources carrying any of the
/// tags (`tag_ids`), all of them (`tag_ids_all`), or the tags on the given
/// resources (`resource_ids`, listing custom tags).
pub fn tagged_resources(ws: &Workspace, param: &str, vals: &[String]) -> HashSet<String> {
    let maps: Vec<&Map<String, Value>> = ws
        .coll_ref(crate::generic::hooks::tags::MAPPINGS)
        .map(|m| m.values().collect())
        .unwrap_or_default();
    let s = |m: &Map<String, Value>, k: &str| {
        m.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match param {
        "resource_ids" => maps
            .iter()
            .filter(|m| vals.contains(&s(m, "resource_id")) || vals.contains(&s(m, "resource_key")))
            .map(|m| s(m, "tag_id"))
            .collect(),
        "tag_ids_all" => {
            let mut out: Option<HashSet<String>> = None;
            for tag in vals {
                let with: HashSet<String> = maps
                    .iter()
                    .filter(|m| s(m, "tag_id") == *tag)
                    .flat_map(|m| [s(m, "resource_id"), s(m, "resource_key")])
                    .collect();
                out = Some(match out {
                    None => with,
                    Some(prev) => prev.intersection(&with).cloned().collect(),
                });
            }
            out.unwrap_or_default()
        }
        _ => maps
            .iter()
            .filter(|m| vals.contains(&s(m, "tag_id")))
            .flat_map(|m| [s(m, "resource_id"), s(m, "resource_key")])
            .collect(),
    }
}

/// A list answer over `records`: `{items, next_starting_after}` paged from
/// the cursor (`limit`, `starting_after`, `skip`/`offset`), or a plain array
/// when the schema answers one.
pub fn list_records(
    req: &Req,
    records: Option<&Records>,
    keep: impl Fn(&Map<String, Value>) -> bool,
) -> Value {
    let schema = req.op.schema.as_ref();
    let item = item_schema(schema);
    let empty = Records::new();
    let records = records.unwrap_or(&empty);
    let skip = ["skip", "offset"]
        .iter()
        .find_map(|k| req.query.get(*k).and_then(Value::as_f64))
        .unwrap_or(0.0) as usize;
    let paged = schema.is_some_and(|s| s.pointer("/properties/items").is_some());
    if !paged {
        let mut all: Vec<Value> = records
            .values()
            .filter(|r| keep(r))
            .skip(skip)
            .map(|r| project(item, r))
            .collect();
        if let Some(limit) = req.query.get("limit").and_then(Value::as_f64) {
            all.truncate(limit as usize);
        }
        return Value::Array(all);
    }
    let limit = pagination::limit_of(&req.query);
    let page = pagination::after(records, pagination::starting_after(&req.query).as_deref())
        .filter(|(_, r)| keep(r))
        .skip(skip)
        .take(limit)
        .map(|(k, r)| (k.clone(), project(item, r)));
    pagination::page(page, limit, None)
}

pub fn list(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let ws = s.ws(&req.ws_id);
    let keep = filter_of(ws, coll, &req.query);
    Ok(list_records(req, ws.coll_ref(coll), keep))
}

pub fn bulk_delete(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let ws = s.ws(&req.ws_id);
    let keep = filter_of(ws, coll, &req.query);
    let doomed: Vec<String> = ws
        .coll_ref(coll)
        .into_iter()
        .flatten()
        .filter(|(_, r)| keep(r))
        .map(|(k, _)| k.clone())
        .collect();
    let item = item_schema(req.op.schema.as_ref());
    let records = ws.coll(coll);
    let gone: Vec<Value> = doomed
        .iter()
        .filter_map(|k| records.remove(k))
        .map(|r| project(item, &r))
        .collect();
    Ok(Value::Array(gone))
}

pub fn get(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let rec = existing(s.ws(&req.ws_id), coll, req.key())?;
    Ok(project(req.op.schema.as_ref(), &rec))
}

/// Copies the body fields the record schema declares (when they fit and are
/// not read-only) onto `rec`, and bumps `timestamp_updated`.
pub fn apply_patch(coll: &str, rec: &mut Map<String, Value>, body: &Map<String, Value>) {
    let schema = record_schema(coll);
    let props = schema
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object);
    for (k, v) in body {
        let Some(p) = props.and_then(|p| p.get(k)) else {
            continue;
        };
        if p.get("readOnly") != Some(&Value::Bool(true)) && fits(p, v) {
            rec.insert(k.clone(), v.clone());
        }
    }
    if rec.contains_key("timestamp_updated") {
        rec.insert("timestamp_updated".into(), json!(now_iso()));
    }
}

/// Runs `f` on the stored record of `coll` under the request's key.
pub fn update<T>(
    req: &Req,
    s: &mut Store,
    coll: &str,
    f: impl FnOnce(&mut Map<String, Value>) -> T,
) -> ApiResult<T> {
    let field = key_field(&key_param(coll));
    let key = norm_key(&field, req.key());
    let rec = s
        .ws(&req.ws_id)
        .coll(coll)
        .get_mut(&key)
        .ok_or_else(|| not_found(coll))?;
    Ok(f(rec))
}

pub fn patch(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let body = req.body_map();
    let rec = update(req, s, coll, |rec| {
        apply_patch(coll, rec, &body);
        rec.clone()
    })?;
    Ok(project(req.op.schema.as_ref(), &rec))
}

pub fn delete(req: &Req, s: &mut Store, coll: &str) -> ApiResult<Value> {
    let field = key_field(&key_param(coll));
    let key = norm_key(&field, req.key());
    let rec = s
        .ws(&req.ws_id)
        .coll(coll)
        .remove(&key)
        .ok_or_else(|| not_found(coll))?;
    Ok(project(req.op.schema.as_ref(), &rec))
}

/// Sets `status` when the record schema allows that value.
fn set_status(coll: &str, rec: &mut Map<String, Value>, status: i64) {
    let allowed = record_schema(coll)
        .and_then(|s| s.pointer("/properties/status/enum"))
        .and_then(Value::as_array)
        .is_none_or(|e| e.contains(&json!(status)));
    if allowed {
        rec.insert("status".into(), json!(status));
    }
}

/// `/x/{key}/<name>`: the state change the name makes evident (`pause`,
/// `resume`, `mark-fixed`, `duplicate`), then the record projected onto the
/// answer's schema; other names answer from the schema once the record is
/// known to exist.
pub fn action(req: &Req, s: &mut Store, coll: &str, name: &str) -> ApiResult<Value> {
    let schema = req.op.schema.as_ref();
    match name {
        "pause" | "resume" | "mark-fixed" => {
            let rec = update(req, s, coll, |rec| {
                match name {
                    "pause" => set_status(coll, rec, 2),
                    "resume" => set_status(coll, rec, 1),
                    _ => {
                        set_status(coll, rec, 1);
                        rec.remove("status_message");
                    }
                }
                if rec.contains_key("timestamp_updated") {
                    rec.insert("timestamp_updated".into(), json!(now_iso()));
                }
                rec.clone()
            })?;
            Ok(project(schema, &rec))
        }
        "duplicate" => {
            let ws = s.ws(&req.ws_id);
            let mut copy = existing(ws, coll, req.key())?;
            let body = req.body_map();
            let name = body
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    format!(
                        "{} (copy)",
                        copy.get("name").and_then(Value::as_str).unwrap_or_default()
                    )
                });
            apply_patch(coll, &mut copy, &body);
            let now = now_iso();
            copy.insert("id".into(), json!(new_uuid()));
            copy.insert("name".into(), json!(name));
            for ts in [
                "timestamp_created",
                "timestamp_updated",
                "timestamp_leads_updated",
            ] {
                if copy.contains_key(ts) {
                    copy.insert(ts.into(), json!(now));
                }
            }
            set_status(coll, &mut copy, 0);
            let out = project(schema, &copy);
            store(ws, coll, copy);
            Ok(out)
        }
        _ => {
            let rec = existing(s.ws(&req.ws_id), coll, req.key())?;
            let component = record_schema(coll);
            if component.is_some() && req.op.component.as_deref() == component_of(coll) {
                Ok(project(schema, &rec))
            } else {
                Ok(super::synthesized(req.op))
            }
        }
    }
}
