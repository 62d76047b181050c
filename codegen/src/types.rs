//! The model types: every object schema an operation takes or answers becomes one named struct
//! (identical schemas share one), with a Rust type and a TypeScript type for every field.

use crate::ir::{Extra, Schema, Ty};
use std::collections::{BTreeMap, HashMap};

/// A type as a field or an answer uses it.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Any,
    Null,
    Bool,
    Str(Vec<String>),
    Int(Vec<f64>),
    Num(Vec<f64>),
    Array(Box<TypeRef>),
    Struct(usize),
    Map(Box<TypeRef>),
    AnyObject,
    Union(Vec<TypeRef>),
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub wire: String,
    pub rust: String,
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StructDef {
    pub name: String,
    pub doc: Option<String>,
    pub fields: Vec<FieldDef>,
    /// Used in an answer (decoded leniently; open enums in TS).
    pub output: bool,
    /// Used in what a caller sends.
    pub input: bool,
    /// The group whose file holds it.
    pub group: String,
    /// Takes fields beyond its own (`additionalProperties: true`): the Rust struct keeps them in
    /// a flattened map, the TypeScript interface has an index signature.
    pub open: bool,
}

pub struct Registry<'a> {
    pub structs: Vec<StructDef>,
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    renames: &'a BTreeMap<String, String>,
    used_renames: std::collections::HashSet<String>,
}

impl<'a> Registry<'a> {
    pub fn new(renames: &'a BTreeMap<String, String>) -> Self {
        Registry {
            structs: Vec::new(),
            by_key: HashMap::new(),
            by_name: HashMap::new(),
            renames,
            used_renames: Default::default(),
        }
    }

    /// `[types]` entries that matched no generated name (a stale rename is an error).
    pub fn unused_renames(&self) -> Vec<&String> {
        self.renames
            .keys()
            .filter(|k| !self.used_renames.contains(*k))
            .collect()
    }

    fn final_name(&mut self, hint: &str) -> String {
        match self.renames.get(hint) {
            Some(n) => {
                self.used_renames.insert(hint.to_string());
                n.clone()
            }
            None => hint.to_string(),
        }
    }

    /// The type of `schema`, registering the structs it needs. `hint` names a struct made for it.
    pub fn type_of(&mut self, schema: &Schema, hint: &str, output: bool, group: &str) -> TypeRef {
        let base = match &schema.ty {
            Ty::Any => TypeRef::Any,
            Ty::Null => return TypeRef::Null,
            Ty::Bool | Ty::BoolIs(_) => TypeRef::Bool,
            Ty::Str { values, .. } => TypeRef::Str(values.clone()),
            Ty::Num {
                integer, values, ..
            } => {
                if *integer {
                    TypeRef::Int(values.clone())
                } else {
                    TypeRef::Num(values.clone())
                }
            }
            Ty::Array { items, .. } => {
                let item_hint = format!("{hint}Item");
                TypeRef::Array(Box::new(self.type_of(items, &item_hint, output, group)))
            }
            Ty::Object { props, extra, .. } if !props.is_empty() => {
                TypeRef::Struct(self.struct_for(schema, hint, output, group))
            }
            Ty::Object {
                extra: Extra::Values(v),
                ..
            } => TypeRef::Map(Box::new(self.type_of(
                v,
                &format!("{hint}Value"),
                output,
                group,
            ))),
            Ty::Object { .. } => TypeRef::AnyObject,
            Ty::OneOf(members) => {
                let mut out: Vec<TypeRef> = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    let t = self.type_of(m, &format!("{hint}Variant{}", i + 1), output, group);
                    if !out.contains(&t) {
                        out.push(t);
                    }
                }
                TypeRef::Union(out)
            }
        };
        if schema.nullable {
            TypeRef::Nullable(Box::new(base))
        } else {
            base
        }
    }

    /// The struct for an object schema with properties.
    pub fn struct_for(&mut self, schema: &Schema, hint: &str, output: bool, group: &str) -> usize {
        // A component is one type wherever it is used (a `$ref` may carry its own description).
        let key = match &schema.component {
            Some(c) => format!("component:{c}"),
            None => schema.model_key(),
        };
        if let Some(&i) = self.by_key.get(&key) {
            self.mark(i, output);
            return i;
        }
        let hint = schema
            .component
            .as_deref()
            .map(str::to_string)
            .unwrap_or_else(|| hint.to_string());
        let mut name = self.final_name(&hint);
        if self.by_name.contains_key(&name) {
            let mut n = 2;
            while self.by_name.contains_key(&format!("{name}{n}")) {
                n += 1;
            }
            name = format!("{name}{n}");
        }
        let index = self.structs.len();
        self.structs.push(StructDef {
            name: name.clone(),
            doc: schema.doc.clone(),
            fields: Vec::new(),
            output,
            input: !output,
            group: group.to_string(),
            open: matches!(
                &schema.ty,
                Ty::Object {
                    extra: Extra::Any,
                    ..
                }
            ),
        });
        self.by_key.insert(key, index);
        self.by_name.insert(name.clone(), index);
        let Ty::Object { props, .. } = &schema.ty else {
            unreachable!("struct_for is only called for objects")
        };
        let mut fields = Vec::new();
        let mut rust_names: Vec<String> = Vec::new();
        for p in props {
            let ty = self.type_of(
                &p.schema,
                &format!("{name}{}", pascal(&p.name)),
                output,
                group,
            );
            let mut rust = rust_field_name(&p.name);
            while rust_names.contains(&rust) {
                rust.push('_');
            }
            rust_names.push(rust.clone());
            fields.push(FieldDef {
                wire: p.name.clone(),
                rust,
                ty,
                required: p.required,
                doc: p.schema.doc.clone(),
            });
        }
        self.structs[index].fields = fields;
        index
    }

    /// A struct from explicit fields (an operation's params: query and body together).
    pub fn params_struct(&mut self, name: &str, doc: String, fields: Vec<FieldDef>, group: &str) {
        let index = self.structs.len();
        assert!(
            !self.by_name.contains_key(name),
            "params type {name} collides with another type"
        );
        self.by_name.insert(name.to_string(), index);
        self.structs.push(StructDef {
            name: name.to_string(),
            doc: Some(doc),
            fields,
            output: false,
            input: true,
            group: group.to_string(),
            open: false,
        });
    }

    fn mark(&mut self, i: usize, output: bool) {
        let already = if output {
            self.structs[i].output
        } else {
            self.structs[i].input
        };
        if already {
            return;
        }
        if output {
            self.structs[i].output = true;
        } else {
            self.structs[i].input = true;
        }
        let nested: Vec<usize> = self.structs[i]
            .fields
            .iter()
            .flat_map(|f| structs_in(&f.ty))
            .collect();
        for n in nested {
            self.mark(n, output);
        }
    }

    pub fn name_of(&self, i: usize) -> &str {
        &self.structs[i].name
    }
}

pub fn structs_in(t: &TypeRef) -> Vec<usize> {
    match t {
        TypeRef::Struct(i) => vec![*i],
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => structs_in(t),
        TypeRef::Union(ts) => ts.iter().flat_map(structs_in).collect(),
        _ => vec![],
    }
}

/// `campaign_schedule` → `CampaignSchedule`, `stepID` → `StepID`, `0` → `0`.
pub fn pascal(s: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        } else {
            upper = true;
        }
    }
    out
}

/// `lastStep` → `last_step`, `occurrence-days` → `occurrence_days`, `0` → `day_0` style names
/// are made valid identifiers; Rust keywords get a trailing underscore.
pub fn rust_field_name(wire: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in wire.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut out = out.trim_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("n{out}");
    }
    if RUST_KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

pub const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "unsafe", "use", "where", "while", "yield", "abstract", "become", "do",
    "final", "macro", "override", "priv", "typeof", "unsized", "virtual",
];

impl TypeRef {
    /// The Rust type (without the `Option` every field gets).
    pub fn rust(&self, reg: &Registry) -> String {
        match self {
            TypeRef::Any | TypeRef::Null | TypeRef::Union(_) => "serde_json::Value".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Str(_) => "String".into(),
            TypeRef::Int(_) => "i64".into(),
            TypeRef::Num(_) => "f64".into(),
            TypeRef::Array(t) => format!("Vec<{}>", t.rust(reg)),
            TypeRef::Struct(i) => reg.name_of(*i).to_string(),
            TypeRef::Map(t) => format!("BTreeMap<String, {}>", t.rust(reg)),
            TypeRef::AnyObject => "serde_json::Map<String, serde_json::Value>".into(),
            TypeRef::Nullable(t) => t.rust(reg),
        }
    }

    /// The TypeScript type. `output`: values the service sends, where a closed list of strings
    /// stays open to new values.
    pub fn ts(&self, reg: &Registry, output: bool) -> String {
        match self {
            TypeRef::Any => "unknown".into(),
            TypeRef::Null => "null".into(),
            TypeRef::Bool => "boolean".into(),
            TypeRef::Str(values) if values.is_empty() => "string".into(),
            TypeRef::Str(values) => {
                let mut parts: Vec<String> = values.iter().map(|v| json_str(v)).collect();
                if output {
                    parts.push("(string & {})".into());
                }
                parts.join(" | ")
            }
            TypeRef::Int(values) | TypeRef::Num(values) if values.is_empty() || output => {
                "number".into()
            }
            TypeRef::Int(values) | TypeRef::Num(values) => values
                .iter()
                .map(|v| number_text(*v))
                .collect::<Vec<_>>()
                .join(" | "),
            TypeRef::Array(t) => {
                let inner = t.ts(reg, output);
                if inner.contains(' ') {
                    format!("Array<{inner}>")
                } else {
                    format!("{inner}[]")
                }
            }
            TypeRef::Struct(i) => reg.name_of(*i).to_string(),
            TypeRef::Map(t) => format!("Record<string, {}>", t.ts(reg, output)),
            TypeRef::AnyObject => "Record<string, unknown>".into(),
            TypeRef::Union(ts) => {
                let mut parts: Vec<String> = Vec::new();
                for t in ts {
                    let s = t.ts(reg, output);
                    if !parts.contains(&s) {
                        parts.push(s);
                    }
                }
                parts.join(" | ")
            }
            TypeRef::Nullable(t) => format!("{} | null", t.ts(reg, output)),
        }
    }

    pub fn is_nullable(&self) -> bool {
        matches!(self, TypeRef::Nullable(_) | TypeRef::Null)
    }
}

pub fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
