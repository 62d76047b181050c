//! The operation table: every operation of the vendored spec, with the
//! collection its path implies and what kind of operation it is on that
//! collection. Built once from `spec/instantly-api-v2.json`; the router
//! serves every entry (hand-written handlers where the API has semantics
//! worth modelling, the spec-driven `generic` handler everywhere else).
//!
//! Collections are inferred from paths: `/x/{key}` makes `x` a collection
//! keyed by `key` (`id`, `email`, `resource_id`, ...); `POST /x` creates in
//! it, `GET /x` lists it, `DELETE /x` deletes several, `GET|PATCH|DELETE
//! /x/{key}` act on one record and `/x/{key}/action` is an action on one.

use crate::spec::{inline_refs, spec};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The prefix every spec path starts with.
pub const PREFIX: &str = "/api/v2";

/// What an operation does to its collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `POST /x` answering the collection's record.
    Create,
    /// `GET /x`.
    List,
    /// `DELETE /x` (several records, selected by the query).
    BulkDelete,
    /// `GET /x/{key}`.
    Get,
    /// `PATCH /x/{key}`.
    Patch,
    /// `DELETE /x/{key}`.
    Delete,
    /// `/x/{key}/<name>` (any method).
    Action(String),
    /// Anything else: answered by a hook or synthesized from the schema.
    Other,
}

/// How a success answer is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Json,
    Csv,
    /// 204: no body.
    Empty,
}

/// One operation of the spec.
#[derive(Debug)]
pub struct Op {
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// The spec path, e.g. `/api/v2/accounts/{email}`.
    pub path: &'static str,
    /// The path under `/api/v2`, as routed.
    pub route: String,
    /// The collection the path belongs to (`accounts`, `custom-tags`, ...).
    pub coll: Option<String>,
    /// The name of the key parameter (`id`, `email`, ...) for `/x/{key}...`.
    pub key: Option<String>,
    pub kind: Kind,
    /// The success status the spec declares (200, 202 or 204).
    pub status: u16,
    pub media: Media,
    /// The success answer's schema, `$ref`s inlined.
    pub schema: Option<Value>,
    /// The component the success answer is (or lists), e.g. `Account`.
    pub component: Option<String>,
    /// The names of the path parameters, in order.
    pub params: Vec<String>,
}

impl Op {
    /// `METHOD /path` (spec path), for messages.
    pub fn name(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Every operation of the spec, in document order.
pub fn ops() -> &'static [Op] {
    static OPS: OnceLock<Vec<Op>> = OnceLock::new();
    OPS.get_or_init(build)
}

/// The operation `method path` (spec path), if the spec has it.
pub fn find(method: &str, path: &str) -> Option<&'static Op> {
    ops()
        .iter()
        .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
}

/// The component a collection's records are (from its get, delete or list
/// operation), e.g. `accounts` → `Account`.
pub fn component_of(coll: &str) -> Option<&'static str> {
    let ops = ops();
    [Kind::Get, Kind::Delete, Kind::Patch, Kind::List]
        .iter()
        .find_map(|k| {
            ops.iter()
                .find(|o| o.coll.as_deref() == Some(coll) && o.kind == *k && o.component.is_some())
        })
        .and_then(|o| o.component.as_deref())
}

/// The inlined schema of a component (`Account`, `Lead`, ...).
pub fn component_schema(name: &str) -> Option<&'static Value> {
    static CACHE: OnceLock<std::collections::HashMap<String, Value>> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            spec()["components"]["schemas"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), inline_refs(v)))
                .collect()
        })
        .get(name)
}

fn ref_name(schema: &Value) -> Option<String> {
    let r = schema.get("$ref")?.as_str()?;
    r.rsplit('/').next().map(str::to_string)
}

/// The component a response schema is, or lists (`{items: [X]}` or `[X]`).
fn component(schema: &Value) -> Option<String> {
    ref_name(schema)
        .or_else(|| schema.pointer("/properties/items/items").and_then(ref_name))
        .or_else(|| schema.get("items").and_then(ref_name))
}

fn build() -> Vec<Op> {
    let paths = spec()["paths"].as_object().expect("spec has paths");
    // Collection roots: the literal prefix of every `.../{param}` path.
    let mut roots = HashSet::new();
    for path in paths.keys() {
        let segs = segments(path);
        if let Some(i) = segs.iter().position(|s| s.starts_with('{')) {
            roots.insert(segs[..i].join("/"));
        }
    }
    let mut out = Vec::new();
    for (path, item) in paths {
        let path: &'static str = Box::leak(path.clone().into_boxed_str());
        let segs = segments(path);
        for (method, op) in item.as_object().into_iter().flatten() {
            let method: &'static str = match method.as_str() {
                "get" => "GET",
                "post" => "POST",
                "patch" => "PATCH",
                "put" => "PUT",
                "delete" => "DELETE",
                _ => continue,
            };
            let (status, response) = op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .find(|(code, _)| code.starts_with('2'))
                .map(|(code, r)| (code.parse().unwrap_or(200), r.clone()))
                .unwrap_or((200, Value::Null));
            let content = response.get("content");
            let media = if status == 204 {
                Media::Empty
            } else if content.and_then(|c| c.get("text/csv")).is_some() {
                Media::Csv
            } else {
                Media::Json
            };
            let raw = content
                .and_then(|c| c.get("application/json"))
                .and_then(|j| j.get("schema"));
            let params = segs
                .iter()
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(str::to_string)
                .collect();
            let (coll, key, kind) = classify(method, &segs, &roots);
            out.push(Op {
                method,
                path,
                route: path[PREFIX.len()..].to_string(),
                coll,
                key,
                kind,
                status,
                media,
                schema: raw.map(inline_refs),
                component: raw.and_then(component),
                params,
            });
        }
    }
    // A paged `GET /x` lists collection `x` even when no `/x/{key}` exists
    // (`/custom-tag-mappings`, `/audit-logs`, ...).
    for o in out.iter_mut() {
        let paged = o
            .schema
            .as_ref()
            .and_then(|s| s.pointer("/properties/items/type"))
            .is_some_and(|t| t == "array");
        if o.kind == Kind::Other && o.method == "GET" && o.params.is_empty() && paged {
            o.kind = Kind::List;
            o.coll = Some(o.route.trim_matches('/').to_string());
        }
    }
    // `POST /x` is a create only when it answers the collection's record.
    let creates: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == Kind::Create)
        .map(|(i, _)| i)
        .collect();
    for i in creates {
        let coll = out[i].coll.clone().unwrap_or_default();
        let record = out
            .iter()
            .find(|o| {
                o.coll.as_deref() == Some(&coll) && matches!(o.kind, Kind::Get | Kind::Delete)
            })
            .and_then(|o| o.component.clone());
        if record.is_none() || record != out[i].component {
            out[i].kind = Kind::Other;
        }
    }
    out
}

/// The segments of a spec path after `/api/v2` (a trailing `/` is dropped).
fn segments(path: &str) -> Vec<&str> {
    path.strip_prefix(PREFIX)
        .unwrap_or(path)
        .trim_matches('/')
        .split('/')
        .collect()
}

fn classify(
    method: &str,
    segs: &[&str],
    roots: &HashSet<String>,
) -> (Option<String>, Option<String>, Kind) {
    match segs.iter().position(|s| s.starts_with('{')) {
        None => {
            let root = segs.join("/");
            if !roots.contains(&root) {
                return (None, None, Kind::Other);
            }
            let kind = match method {
                "POST" => Kind::Create,
                "GET" => Kind::List,
                "DELETE" => Kind::BulkDelete,
                _ => Kind::Other,
            };
            (Some(root), None, kind)
        }
        Some(i) => {
            let coll = segs[..i].join("/");
            let key = segs[i].trim_matches(|c| c == '{' || c == '}').to_string();
            let rest = segs[i + 1..].join("/");
            let kind = if !rest.is_empty() {
                Kind::Action(rest)
            } else {
                match method {
                    "GET" => Kind::Get,
                    "PATCH" => Kind::Patch,
                    "DELETE" => Kind::Delete,
                    _ => Kind::Action(String::new()),
                }
            };
            (Some(coll), Some(key), kind)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_classified() {
        let ops = ops();
        assert_eq!(ops.len(), 173);
        let k = |m: &str, p: &str| find(m, &format!("{PREFIX}{p}")).unwrap();
        assert_eq!(k("POST", "/accounts").kind, Kind::Create);
        assert_eq!(k("GET", "/accounts").kind, Kind::List);
        assert_eq!(k("GET", "/accounts/{email}").key.as_deref(), Some("email"));
        assert_eq!(
            k("POST", "/accounts/{email}/pause").kind,
            Kind::Action("pause".into())
        );
        assert_eq!(k("DELETE", "/block-lists-entries").kind, Kind::BulkDelete);
        assert_eq!(
            k("POST", "/supersearch-enrichment/").coll.as_deref(),
            Some("supersearch-enrichment")
        );
        assert_eq!(k("POST", "/dfy-email-account-orders").kind, Kind::Other);
        assert_eq!(k("GET", "/workspaces/current").kind, Kind::Other);
        assert_eq!(k("GET", "/custom-tag-mappings").kind, Kind::List);
        assert_eq!(k("GET", "/audit-logs").coll.as_deref(), Some("audit-logs"));
        assert_eq!(k("POST", "/campaigns/{id}/share").media, Media::Empty);
        assert_eq!(k("GET", "/block-lists-entries/download").media, Media::Csv);
        assert_eq!(component_of("accounts"), Some("Account"));
        assert_eq!(component_of("background-jobs"), Some("BackgroundJob"));
    }
}
