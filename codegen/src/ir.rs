//! The spec, read into a small intermediate form: operations with their parameters and answers,
//! and schemas reduced to what the client checks and types (`$ref` and `allOf` resolved, type
//! lists and `oneOf`/`anyOf` as unions, patterns mapped to named formats).

use serde_json::{Map, Value};
use std::fmt::Write as _;

/// A schema in the form the emitters use.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub ty: Ty,
    pub nullable: bool,
    /// JSON Schema `not`.
    pub not: Option<Box<Schema>>,
    /// The spec's `description`.
    pub doc: Option<String>,
    /// The component this schema came from (`#/components/schemas/<name>`), if any.
    pub component: Option<String>,
    pub read_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Any,
    Null,
    Bool,
    /// A boolean that must have this value (`enum: [true]`).
    BoolIs(bool),
    Str {
        format: Format,
        values: Vec<String>,
        min_len: Option<u64>,
        max_len: Option<u64>,
    },
    Num {
        integer: bool,
        min: Option<f64>,
        max: Option<f64>,
        values: Vec<f64>,
    },
    Array {
        items: Box<Schema>,
        min: Option<u64>,
        max: Option<u64>,
        /// JSON Schema `contains`.
        contains: Option<Box<Schema>>,
    },
    Object {
        props: Vec<Prop>,
        extra: Extra,
        min_props: Option<u64>,
        /// `anyOf` alternatives beside the properties (each an object schema, usually requiring
        /// some fields): the value must match at least one.
        any_of: Vec<Schema>,
    },
    OneOf(Vec<Schema>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Extra {
    /// `additionalProperties: false`.
    Deny,
    /// Not stated.
    Unstated,
    /// `additionalProperties: true` or `{}`.
    Any,
    /// `additionalProperties: <schema>`.
    Values(Box<Schema>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    pub name: String,
    pub schema: Schema,
    pub required: bool,
}

/// String formats the engine checks (the spec's `format`s, and its `pattern`s by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    None,
    Uuid,
    Email,
    Date,
    DateOrDateTime,
    DateTime,
    Uri,
    HttpUrl,
    HhMm,
    NonBlank,
    Hex24,
    PromptId,
    PromptIdOrBlank,
}

impl Format {
    pub fn from_name(name: &str) -> Result<Format, String> {
        Ok(match name {
            "none" => Format::None,
            "uuid" => Format::Uuid,
            "email" => Format::Email,
            "date" => Format::Date,
            "date-or-date-time" => Format::DateOrDateTime,
            "date-time" => Format::DateTime,
            "uri" => Format::Uri,
            "http-url" => Format::HttpUrl,
            "hh-mm" => Format::HhMm,
            "non-blank" => Format::NonBlank,
            "hex24" => Format::Hex24,
            other => return Err(format!("unknown format {other:?}")),
        })
    }

    /// The variant name in `crate::engine::table::Format`.
    pub fn rust(self) -> &'static str {
        match self {
            Format::None => "None",
            Format::Uuid => "Uuid",
            Format::Email => "Email",
            Format::Date => "Date",
            Format::DateOrDateTime => "DateOrDateTime",
            Format::DateTime => "DateTime",
            Format::Uri => "Uri",
            Format::HttpUrl => "HttpUrl",
            Format::HhMm => "HhMm",
            Format::NonBlank => "NonBlank",
            Format::Hex24 => "Hex24",
            Format::PromptId => "PromptId",
            Format::PromptIdOrBlank => "PromptIdOrBlank",
        }
    }
}

/// Maps a spec `pattern` to the named check the engine implements. An unknown pattern is an
/// error: the generator never drops a constraint silently.
fn pattern_format(pattern: &str) -> Result<Format, String> {
    Ok(match pattern {
        "^([01][0-9]|2[0-3]):([0-5][0-9])$" => Format::HhMm,
        ".*\\S.*" => Format::NonBlank,
        "^https?://" => Format::HttpUrl,
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" => {
            Format::Uuid
        }
        "^ptid_(?!ptid_)[A-Za-z0-9_-]{1,45}$" => Format::PromptId,
        "^\\s*$|^(ptid_)?(?!ptid_)[A-Za-z0-9_-]{1,45}$" => Format::PromptIdOrBlank,
        other => {
            return Err(format!(
                "pattern {other:?} has no named check; add one to the engine and to ir.rs"
            ))
        }
    })
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Path,
    Query,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub location: In,
    pub schema: Schema,
    pub required: bool,
    pub doc: Option<String>,
}

/// The success answer of an operation.
#[derive(Debug, Clone)]
pub enum Answer {
    Json { status: u16, schema: Schema },
    Text { status: u16, content_type: String },
    Empty { status: u16 },
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub method: String,
    /// Relative to `/api/v2`.
    pub path: String,
    pub summary: String,
    pub description: Option<String>,
    pub tag: String,
    pub params: Vec<Param>,
    /// The JSON body's object schema (`None`: no body).
    pub body: Option<Schema>,
    pub body_required: bool,
    pub answer: Answer,
}

impl Operation {
    pub fn path_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.location == In::Path)
    }

    pub fn query_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.location == In::Query)
    }

    pub fn body_props(&self) -> &[Prop] {
        match self.body.as_ref().map(|b| &b.ty) {
            Some(Ty::Object { props, .. }) => props,
            _ => &[],
        }
    }

    /// Query parameters and body fields, the one params object a caller passes.
    pub fn has_params(&self) -> bool {
        self.query_params().next().is_some() || self.body.is_some()
    }
}

/// The whole spec.
pub struct Spec {
    pub operations: Vec<Operation>,
    components: Map<String, Value>,
}

/// Schema keywords the generator reads or may safely ignore (documentation).
const KEYWORDS: &[&str] = &[
    "type",
    "format",
    "pattern",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minProperties",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "contains",
    "$ref",
    "description",
    "example",
    "examples",
    "x-enumDescriptions",
    "title",
    "readOnly",
    "default",
    "nullable",
    "x-client-format",
    "deprecated",
    "writeOnly",
    "x-tags",
];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
pub const API_PREFIX: &str = "/api/v2";

impl Spec {
    pub fn load(text: &str) -> Result<Spec, String> {
        let root: Value = serde_json::from_str(text).map_err(|e| format!("spec: {e}"))?;
        let components = root["components"]["schemas"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut spec = Spec {
            operations: Vec::new(),
            components,
        };
        let paths = root["paths"].as_object().ok_or("spec has no paths")?;
        for (path, item) in paths {
            let item = item.as_object().ok_or("path item is not an object")?;
            for (method, op) in item {
                if !METHODS.contains(&method.as_str()) {
                    continue;
                }
                let op = spec
                    .operation(path, method, op)
                    .map_err(|e| format!("{} {path}: {e}", method.to_uppercase()))?;
                spec.operations.push(op);
            }
        }
        Ok(spec)
    }

    fn operation(&self, path: &str, method: &str, op: &Value) -> Result<Operation, String> {
        let rel = path
            .strip_prefix(API_PREFIX)
            .ok_or("path is not under /api/v2")?;
        let rel = if rel.len() > 1 {
            rel.trim_end_matches('/')
        } else {
            rel
        };
        let id = op["operationId"]
            .as_str()
            .ok_or("no operationId")?
            .to_string();
        let mut params = Vec::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let location = match p["in"].as_str() {
                Some("path") => In::Path,
                Some("query") => In::Query,
                other => return Err(format!("parameter location {other:?}")),
            };
            let name = p["name"].as_str().ok_or("parameter without name")?;
            let schema = self.schema(&p["schema"])?;
            params.push(Param {
                name: name.to_string(),
                location,
                required: p["required"].as_bool().unwrap_or(false) || location == In::Path,
                doc: p["description"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| schema.doc.clone()),
                schema,
            });
        }
        // Path parameters in path order.
        let order: Vec<&str> = rel
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        params.sort_by_key(|p| match p.location {
            In::Path => order
                .iter()
                .position(|n| *n == p.name)
                .unwrap_or(usize::MAX),
            In::Query => usize::MAX,
        });
        if order.len() != params.iter().filter(|p| p.location == In::Path).count() {
            return Err("path template and path parameters disagree".into());
        }
        let (body, body_required) = match op.get("requestBody") {
            None => (None, false),
            Some(rb) => {
                let schema = &rb["content"]["application/json"]["schema"];
                let parsed = self.schema(schema)?;
                match parsed.ty {
                    Ty::Null | Ty::Any if schema.get("properties").is_none() => (None, false),
                    Ty::Object { .. } => (Some(parsed), rb["required"].as_bool().unwrap_or(false)),
                    _ => return Err("request body is not an object".into()),
                }
            }
        };
        let answer = self.answer(op)?;
        Ok(Operation {
            id,
            method: method.to_uppercase(),
            path: rel.to_string(),
            summary: op["summary"].as_str().unwrap_or_default().to_string(),
            description: op["description"].as_str().map(str::to_string),
            tag: op["tags"][0].as_str().unwrap_or_default().to_string(),
            params,
            body,
            body_required,
            answer,
        })
    }

    fn answer(&self, op: &Value) -> Result<Answer, String> {
        let responses = op["responses"].as_object().ok_or("no responses")?;
        let (code, resp) = responses
            .iter()
            .find(|(c, _)| c.starts_with('2'))
            .ok_or("no 2xx response")?;
        let status: u16 = code.parse().map_err(|_| format!("status {code}"))?;
        let content = resp["content"].as_object();
        if status == 204 {
            return Ok(Answer::Empty { status });
        }
        let Some(content) = content else {
            return Ok(Answer::Empty { status });
        };
        if let Some(json) = content.get("application/json") {
            let schema = match json.get("schema") {
                Some(s) => self.schema(s)?,
                None => Schema::any(),
            };
            return Ok(Answer::Json { status, schema });
        }
        let content_type = content.keys().next().cloned().unwrap_or_default();
        Ok(Answer::Text {
            status,
            content_type,
        })
    }

    /// Reads one schema, resolving references.
    pub fn schema(&self, v: &Value) -> Result<Schema, String> {
        self.schema_at(v, 0)
    }

    fn schema_at(&self, v: &Value, depth: usize) -> Result<Schema, String> {
        if depth > 40 {
            return Err("schema nests deeper than 40 levels (a reference cycle?)".into());
        }
        let Some(obj) = v.as_object() else {
            return Ok(Schema::any());
        };
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let name = r
                .strip_prefix("#/components/schemas/")
                .ok_or_else(|| format!("unsupported $ref {r}"))?;
            let target = self
                .components
                .get(name)
                .ok_or_else(|| format!("unknown $ref {r}"))?;
            let mut s = self.schema_at(target, depth + 1)?;
            s.component = Some(name.to_string());
            if let Some(d) = obj.get("description").and_then(Value::as_str) {
                s.doc = Some(d.to_string());
            }
            return Ok(s);
        }
        if let Some(k) = obj.keys().find(|k| !KEYWORDS.contains(&k.as_str())) {
            return Err(format!(
                "schema keyword {k:?} is not understood by the generator (it never drops a \
                 constraint silently)"
            ));
        }
        let doc = obj
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let read_only = obj.get("readOnly").and_then(Value::as_bool) == Some(true);
        if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
            let mut merged = Schema::object(Vec::new(), Extra::Unstated);
            for part in all {
                let part = self.schema_at(part, depth + 1)?;
                merged = merge_objects(merged, part)?;
            }
            merged.doc = doc.or(merged.doc);
            return Ok(merged);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(list) = obj.get(key).and_then(Value::as_array) {
                // `anyOf` of partial objects that only state which fields are required (a
                // "one of these fields" constraint on the object around it) carries no type.
                if obj.contains_key("properties") {
                    break;
                }
                let mut members = Vec::new();
                let mut nullable = false;
                for m in list {
                    let s = self.schema_at(m, depth + 1)?;
                    if s.ty == Ty::Null {
                        nullable = true;
                    } else {
                        nullable |= s.nullable;
                        members.push(s);
                    }
                }
                let ty = if members.len() == 1 {
                    members.pop().map(|m| m.ty).unwrap_or(Ty::Any)
                } else {
                    Ty::OneOf(members)
                };
                return Ok(Schema {
                    ty,
                    nullable,
                    not: None,
                    doc,
                    component: None,
                    read_only,
                });
            }
        }
        let types: Vec<&str> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            Some(other) => return Err(format!("unsupported type {other}")),
            None if obj.contains_key("properties") => vec!["object"],
            None if obj.contains_key("items") => vec!["array"],
            None => match obj.get("enum").and_then(Value::as_array) {
                Some(vs) if !vs.is_empty() && vs.iter().all(Value::is_boolean) => vec!["boolean"],
                Some(vs) if !vs.is_empty() && vs.iter().all(Value::is_string) => vec!["string"],
                Some(vs) if !vs.is_empty() && vs.iter().all(Value::is_number) => vec!["number"],
                Some(_) => return Err("an enum of mixed types".into()),
                None => vec![],
            },
        };
        // An `enum` without `null` refuses `null` whatever the type list says.
        let enum_refuses_null = obj
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|vs| !vs.iter().any(Value::is_null));
        let nullable = types.contains(&"null") && !enum_refuses_null;
        let non_null: Vec<&str> = types.iter().copied().filter(|t| *t != "null").collect();
        let ty = match non_null.as_slice() {
            [] if nullable => Ty::Null,
            [] => Ty::Any,
            [one] => self.single(one, obj, depth)?,
            many => Ty::OneOf(
                many.iter()
                    .map(|t| {
                        Ok(Schema {
                            ty: self.single(t, obj, depth)?,
                            nullable: false,
                            not: None,
                            doc: None,
                            component: None,
                            read_only: false,
                        })
                    })
                    .collect::<Result<_, String>>()?,
            ),
        };
        let not = match obj.get("not") {
            Some(n) => Some(Box::new(self.schema_at(n, depth + 1)?)),
            None => None,
        };
        Ok(Schema {
            ty,
            nullable,
            not,
            doc,
            component: None,
            read_only,
        })
    }

    fn single(&self, t: &str, obj: &Map<String, Value>, depth: usize) -> Result<Ty, String> {
        let uint = |k: &str| obj.get(k).and_then(Value::as_u64);
        let num = |k: &str| obj.get(k).and_then(Value::as_f64);
        Ok(match t {
            "boolean" => match obj.get("enum").and_then(Value::as_array).map(Vec::as_slice) {
                Some([Value::Bool(b)]) => Ty::BoolIs(*b),
                Some([]) | None => Ty::Bool,
                Some(_) => Ty::Bool,
            },
            "string" => {
                let mut format = match obj.get("format").and_then(Value::as_str) {
                    None => Format::None,
                    Some("uuid") => Format::Uuid,
                    Some("email") => Format::Email,
                    Some("date") => Format::Date,
                    Some("date-time") => Format::DateTime,
                    Some("uri") => Format::Uri,
                    Some(other) => return Err(format!("unknown string format {other:?}")),
                };
                if let Some(f) = obj.get("x-client-format").and_then(Value::as_str) {
                    // A correction from overrides.toml replaces the spec's format and pattern.
                    format = Format::from_name(f)?;
                } else if let Some(p) = obj.get("pattern").and_then(Value::as_str) {
                    let by_pattern = pattern_format(p)?;
                    // `format: uri` with `^https?://` is an http(s) URL: the stricter check.
                    let compatible = format == Format::None
                        || format == by_pattern
                        || (format == Format::Uri && by_pattern == Format::HttpUrl);
                    if !compatible {
                        return Err(format!("both format {format:?} and pattern {p:?}"));
                    }
                    format = by_pattern;
                }
                let values = obj
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|vs| {
                        vs.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                Ty::Str {
                    format,
                    values,
                    min_len: uint("minLength"),
                    max_len: uint("maxLength"),
                }
            }
            "number" | "integer" => Ty::Num {
                integer: t == "integer",
                min: num("minimum"),
                max: num("maximum"),
                values: obj
                    .get("enum")
                    .and_then(Value::as_array)
                    .map(|vs| vs.iter().filter_map(Value::as_f64).collect())
                    .unwrap_or_default(),
            },
            "array" => Ty::Array {
                items: Box::new(match obj.get("items") {
                    Some(i) => self.schema_at(i, depth + 1)?,
                    None => Schema::any(),
                }),
                min: uint("minItems"),
                max: uint("maxItems"),
                contains: match obj.get("contains") {
                    Some(c) => Some(Box::new(self.schema_at(c, depth + 1)?)),
                    None => None,
                },
            },
            "object" => {
                let required: Vec<&str> = obj
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut props = Vec::new();
                for (name, p) in obj
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    props.push(Prop {
                        name: name.clone(),
                        schema: self.schema_at(p, depth + 1)?,
                        required: required.contains(&name.as_str()),
                    });
                }
                // A required name without a property schema still has to be present.
                for name in &required {
                    if !props.iter().any(|q| q.name == *name) {
                        props.push(Prop {
                            name: name.to_string(),
                            schema: Schema::any(),
                            required: true,
                        });
                    }
                }
                let mut any_of = Vec::new();
                for alt in obj
                    .get("anyOf")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    // Fields an alternative declares are fields of the object too.
                    for (name, p) in alt
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        if !props.iter().any(|q: &Prop| &q.name == name) {
                            props.push(Prop {
                                name: name.clone(),
                                schema: self.schema_at(p, depth + 1)?,
                                required: false,
                            });
                        }
                    }
                    let mut alt = alt.clone();
                    if let Some(m) = alt.as_object_mut() {
                        m.entry("type").or_insert_with(|| Value::from("object"));
                    }
                    any_of.push(self.schema_at(&alt, depth + 1)?);
                }
                let extra = match obj.get("additionalProperties") {
                    None => Extra::Unstated,
                    Some(Value::Bool(false)) => Extra::Deny,
                    Some(Value::Bool(true)) => Extra::Any,
                    Some(Value::Object(m)) if m.is_empty() => Extra::Any,
                    Some(s) => Extra::Values(Box::new(self.schema_at(s, depth + 1)?)),
                };
                Ty::Object {
                    props,
                    extra,
                    min_props: uint("minProperties"),
                    any_of,
                }
            }
            other => return Err(format!("unsupported type {other:?}")),
        })
    }
}

impl Schema {
    pub fn any() -> Schema {
        Schema {
            ty: Ty::Any,
            nullable: false,
            not: None,
            doc: None,
            component: None,
            read_only: false,
        }
    }

    pub fn object(props: Vec<Prop>, extra: Extra) -> Schema {
        Schema {
            ty: Ty::Object {
                props,
                extra,
                min_props: None,
                any_of: Vec::new(),
            },
            nullable: false,
            not: None,
            doc: None,
            component: None,
            read_only: false,
        }
    }

    /// A canonical text of the constraints (no docs, no names): equal keys mean the engine
    /// checks the two schemas the same way.
    pub fn check_key(&self) -> String {
        let mut out = String::new();
        self.write_key(&mut out, false);
        out
    }

    /// A canonical text including docs and property names: equal keys mean one model type can
    /// stand for both schemas.
    pub fn model_key(&self) -> String {
        let mut out = String::new();
        self.write_key(&mut out, true);
        out
    }

    fn write_key(&self, out: &mut String, docs: bool) {
        if self.nullable {
            out.push('?');
        }
        if let Some(n) = &self.not {
            out.push('¬');
            n.write_key(out, docs);
            out.push('¬');
        }
        if docs {
            if let Some(d) = &self.doc {
                let _ = write!(out, "«{d}»");
            }
        }
        match &self.ty {
            Ty::Any => out.push('*'),
            Ty::Null => out.push('0'),
            Ty::Bool => out.push('b'),
            Ty::BoolIs(b) => {
                let _ = write!(out, "b={b}");
            }
            Ty::Str {
                format,
                values,
                min_len,
                max_len,
            } => {
                let _ = write!(out, "s{format:?}{values:?}{min_len:?}{max_len:?}");
            }
            Ty::Num {
                integer,
                min,
                max,
                values,
            } => {
                let _ = write!(out, "n{integer}{min:?}{max:?}{values:?}");
            }
            Ty::Array {
                items,
                min,
                max,
                contains,
            } => {
                let _ = write!(out, "a{min:?}{max:?}[");
                items.write_key(out, docs);
                out.push(']');
                if let Some(c) = contains {
                    out.push('∋');
                    c.write_key(out, docs);
                }
            }
            Ty::Object {
                props,
                extra,
                min_props,
                any_of,
            } => {
                let _ = write!(out, "o{min_props:?}{{");
                for p in props {
                    let _ = write!(out, "{}{}:", p.name, if p.required { "!" } else { "" });
                    p.schema.write_key(out, docs);
                    out.push(',');
                }
                for alt in any_of {
                    out.push('∨');
                    alt.write_key(out, docs);
                }
                match extra {
                    Extra::Deny => out.push_str("}-"),
                    Extra::Unstated => out.push_str("}~"),
                    Extra::Any => out.push_str("}+"),
                    Extra::Values(v) => {
                        out.push_str("}=");
                        v.write_key(out, docs);
                    }
                }
            }
            Ty::OneOf(members) => {
                out.push('|');
                for m in members {
                    m.write_key(out, docs);
                    out.push('|');
                }
            }
        }
    }
}

fn merge_objects(a: Schema, b: Schema) -> Result<Schema, String> {
    let (
        Ty::Object {
            mut props,
            extra,
            min_props,
            mut any_of,
        },
        Ty::Object {
            props: more,
            any_of: more_any_of,
            ..
        },
    ) = (a.ty, b.ty)
    else {
        return Err("allOf of something other than objects".into());
    };
    for p in more {
        match props.iter_mut().find(|q| q.name == p.name) {
            Some(q) => *q = p,
            None => props.push(p),
        }
    }
    any_of.extend(more_any_of);
    Ok(Schema {
        ty: Ty::Object {
            props,
            extra,
            min_props,
            any_of,
        },
        nullable: a.nullable,
        not: None,
        doc: a.doc.or(b.doc),
        component: None,
        read_only: false,
    })
}
