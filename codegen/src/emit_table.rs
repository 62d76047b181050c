//! `src/generated/table.rs`: the operation table the engine interprets, as bytes.
//!
//! Schemas are encoded once per distinct set of constraints (`Schema::check_key`), field lists
//! and string lists once per distinct content: the table costs bytes per distinct shape, not
//! per use, and no pointers (a static table of structs costs a pointer per reference and gzips
//! poorly). Strings are written where they are used: gzip encodes a repeated name as a short
//! back-reference, which took 2.1 KB less than a pool of strings referred to by number (16.6 KB
//! gzip for the table then). The layout is documented with its decoder in
//! `src/engine/table.rs`.

use crate::ir::{Extra, Format, Prop, Schema, Ty};
use crate::overrides::{Overrides, RuleSpec};
use crate::plan::{Paging, Plan};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The encoding's first bytes; the decoder (`src/engine/table.rs`) refuses anything else.
const MAGIC: &[u8] = b"IWT3";

// Item tags of the item stream.
const ITEM_STR_LIST: u8 = 0;
const ITEM_SCHEMA: u8 = 1;
const ITEM_FIELDS: u8 = 2;
const ITEM_BODY: u8 = 3;

/// The table as bytes. String lists, schemas, field lists and body objects are items of one
/// stream, each deduplicated and numbered within its kind, referring only to items before it (a
/// schema is written after the schemas and fields it uses).
struct Table {
    items: Vec<u8>,
    item_count: u32,
    schemas: HashMap<String, u32>,
    schema_count: u32,
    fields: HashMap<Vec<u8>, u32>,
    field_count: u32,
    lists: HashMap<Vec<String>, u32>,
    list_count: u32,
    body_count: u32,
}

fn var(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A string where it is used: its length, then its bytes.
fn str_ref(out: &mut Vec<u8>, s: &str) {
    var(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// `None` as 0, else the value + 1.
fn opt(out: &mut Vec<u8>, v: Option<u32>) {
    var(out, v.map_or(0, |v| v + 1));
}

fn bound(v: Option<u64>) -> Result<Option<u32>, String> {
    v.map(|v| u32::try_from(v).map_err(|_| format!("bound {v} is too large")))
        .transpose()
}

fn format_code(f: Format) -> u8 {
    // The order of `Format::ALL` in src/engine/table.rs.
    match f {
        Format::None => 0,
        Format::Uuid => 1,
        Format::Email => 2,
        Format::Date => 3,
        Format::DateOrDateTime => 4,
        Format::DateTime => 5,
        Format::Uri => 6,
        Format::HttpUrl => 7,
        Format::HhMm => 8,
        Format::NonBlank => 9,
        Format::Hex24 => 10,
        Format::PromptId => 11,
        Format::PromptIdOrBlank => 12,
    }
}

impl Table {
    fn new() -> Table {
        Table {
            items: Vec::new(),
            item_count: 0,
            schemas: HashMap::new(),
            schema_count: 0,
            fields: HashMap::new(),
            field_count: 0,
            lists: HashMap::new(),
            list_count: 0,
            body_count: 0,
        }
    }

    fn item(&mut self, tag: u8, payload: &[u8]) {
        self.items.push(tag);
        self.items.extend_from_slice(payload);
        self.item_count += 1;
    }

    /// The number of the string list `values` (`None` when empty).
    fn str_list(&mut self, values: &[String]) -> Option<u32> {
        if values.is_empty() {
            return None;
        }
        if let Some(id) = self.lists.get(values) {
            return Some(*id);
        }
        let mut p = Vec::new();
        var(&mut p, values.len() as u32);
        for v in values {
            str_ref(&mut p, v);
        }
        self.item(ITEM_STR_LIST, &p);
        let id = self.list_count;
        self.list_count += 1;
        self.lists.insert(values.to_vec(), id);
        Some(id)
    }

    /// The number of the schema (input rules: an object with declared fields refuses other
    /// keys unless the spec allows them). `open`: inside `not` or `contains`, where an object's
    /// undeclared keys are allowed (the strict input rule would change what those match).
    fn schema_in(&mut self, s: &Schema, open: bool) -> Result<u32, String> {
        let key = format!("{}{}", if open { "open:" } else { "" }, s.check_key());
        if let Some(id) = self.schemas.get(&key) {
            return Ok(*id);
        }
        let mut p = Vec::new();
        let not = match &s.not {
            Some(n) => Some(self.schema_in(n, true)?),
            None => None,
        };
        let flags = (u8::from(s.nullable) << 4) | (u8::from(not.is_some()) << 5);
        match &s.ty {
            Ty::Any | Ty::Null => p.push(flags),
            Ty::Bool => p.push(flags | 1),
            Ty::BoolIs(b) => p.push(flags | if *b { 3 } else { 2 }),
            Ty::Str {
                format,
                values,
                min_len,
                max_len,
            } => {
                let list = self.str_list(values);
                p.push(flags | 4);
                p.push(format_code(*format));
                opt(&mut p, list);
                var(&mut p, bound(*min_len)?.unwrap_or(0));
                opt(&mut p, bound(*max_len)?);
            }
            Ty::Num {
                integer,
                min,
                max,
                values,
            } => {
                p.push(flags | 5);
                p.push(
                    u8::from(*integer)
                        | u8::from(min.is_some()) << 1
                        | u8::from(max.is_some()) << 2,
                );
                for v in min.iter().chain(max.iter()) {
                    p.extend_from_slice(&v.to_le_bytes());
                }
                var(&mut p, values.len() as u32);
                for v in values {
                    p.extend_from_slice(&v.to_le_bytes());
                }
            }
            Ty::Array {
                items,
                min,
                max,
                contains,
            } => {
                let items = self.schema_in(items, open)?;
                let contains = match contains {
                    Some(c) => Some(self.schema_in(c, true)?),
                    None => None,
                };
                p.push(flags | 6);
                var(&mut p, items);
                var(&mut p, bound(*min)?.unwrap_or(0));
                opt(&mut p, bound(*max)?);
                opt(&mut p, contains);
            }
            Ty::Object { .. } => {
                let object = self.object_in(s, open)?;
                p.push(flags | 7);
                p.extend_from_slice(&object);
            }
            Ty::OneOf(members) => {
                let ids = members
                    .iter()
                    .map(|m| self.schema_in(m, open))
                    .collect::<Result<Vec<_>, _>>()?;
                p.push(flags | 8);
                var(&mut p, ids.len() as u32);
                for id in ids {
                    var(&mut p, id);
                }
            }
        }
        if let Some(n) = not {
            var(&mut p, n);
        }
        self.item(ITEM_SCHEMA, &p);
        let id = self.schema_count;
        self.schema_count += 1;
        self.schemas.insert(key, id);
        Ok(id)
    }

    /// An object's encoding: fields, what other keys may hold, the minimum key count, and the
    /// `anyOf` alternatives.
    fn object_in(&mut self, s: &Schema, open: bool) -> Result<Vec<u8>, String> {
        let Ty::Object {
            props,
            extra,
            min_props,
            any_of,
        } = &s.ty
        else {
            return Err("not an object schema".into());
        };
        let fields = self.fields_in(props, open)?;
        let extra_values = match extra {
            Extra::Values(v) => Some(self.schema_in(v, open)?),
            _ => None,
        };
        let alts = any_of
            .iter()
            .map(|a| self.schema_in(a, true))
            .collect::<Result<Vec<_>, _>>()?;
        let mut p = Vec::new();
        opt(&mut p, fields);
        match (extra, extra_values) {
            (_, Some(v)) => {
                p.push(2);
                var(&mut p, v);
            }
            (Extra::Deny, _) => p.push(0),
            (Extra::Unstated, _) if !props.is_empty() && !open => p.push(0),
            _ => p.push(1),
        }
        var(&mut p, bound(*min_props)?.unwrap_or(0));
        var(&mut p, alts.len() as u32);
        for a in alts {
            var(&mut p, a);
        }
        Ok(p)
    }

    /// The number of the field list (`None` when empty).
    fn fields_in(&mut self, props: &[Prop], open: bool) -> Result<Option<u32>, String> {
        if props.is_empty() {
            return Ok(None);
        }
        let mut p = Vec::new();
        var(&mut p, props.len() as u32);
        for prop in props {
            let schema = self.schema_in(&prop.schema, open)?;
            str_ref(&mut p, &prop.name);
            var(&mut p, schema);
            p.push(u8::from(prop.required));
        }
        if let Some(id) = self.fields.get(&p) {
            return Ok(Some(*id));
        }
        self.item(ITEM_FIELDS, &p);
        let id = self.field_count;
        self.field_count += 1;
        self.fields.insert(p, id);
        Ok(Some(id))
    }

    fn body(&mut self, s: &Schema) -> Result<u32, String> {
        let p = self.object_in(s, false)?;
        self.item(ITEM_BODY, &p);
        let id = self.body_count;
        self.body_count += 1;
        Ok(id)
    }
}

/// `bytes` as a Rust byte string literal, wrapped with line continuations.
fn byte_literal(bytes: &[u8]) -> String {
    let mut out = String::from("b\"\\\n");
    let mut line = 0;
    for &b in bytes {
        let at_start = line == 0;
        let piece = match b {
            b'"' => "\\\"".to_string(),
            b'\\' => "\\\\".to_string(),
            // A continuation skips the next line's leading whitespace: escape a space there.
            b' ' if at_start => "\\x20".to_string(),
            0x20..=0x7e => (b as char).to_string(),
            _ => format!("\\x{b:02x}"),
        };
        out.push_str(&piece);
        line += piece.len();
        if line >= 96 {
            out.push_str("\\\n");
            line = 0;
        }
    }
    out.push('"');
    out
}

pub fn emit(plan: &Plan, ov: &Overrides) -> Result<String, String> {
    let mut t = Table::new();
    let mut ops = Vec::new();
    var(&mut ops, plan.ops.len() as u32);
    for p in &plan.ops {
        let op = p.op;
        let path_props: Vec<Prop> = op
            .path_params()
            .map(|q| Prop {
                name: q.name.clone(),
                schema: q.schema.clone(),
                required: true,
            })
            .collect();
        for q in &path_props {
            if !matches!(q.schema.ty, Ty::Str { .. }) {
                return Err(format!(
                    "{}: path parameter {} is not a string",
                    op.id, q.name
                ));
            }
        }
        let query_props: Vec<Prop> = op
            .query_params()
            .map(|q| Prop {
                name: q.name.clone(),
                schema: q.schema.clone(),
                required: q.required,
            })
            .collect();
        let path_fields = t.fields_in(&path_props, false)?;
        let query_fields = t.fields_in(&query_props, false)?;
        let body = match &op.body {
            None => None,
            Some(b) => Some(t.body(b)?),
        };
        let rules = rules_for(ov, &op.id, op)?;
        let answer = match &op.answer {
            crate::ir::Answer::Json { .. } => 0,
            crate::ir::Answer::Text { .. } => 1,
            crate::ir::Answer::Empty { .. } => 2,
        };
        let hook = match p.hook.as_deref() {
            None => 0,
            Some("analytics-rates") => 1,
            Some(other) => return Err(format!("unknown hook {other}")),
        };
        let paging = match p.paging {
            Paging::None => 0,
            Paging::Query => 1,
            Paging::Body => 2,
        };
        let method = match op.method.to_ascii_uppercase().as_str() {
            "GET" => 0,
            "POST" => 1,
            "PUT" => 2,
            "PATCH" => 3,
            "DELETE" => 4,
            other => return Err(format!("{}: unsupported method {other}", op.id)),
        };
        str_ref(&mut ops, &op.id);
        str_ref(&mut ops, &format!("{}.{}", p.group, p.method));
        ops.push(method);
        str_ref(&mut ops, &op.path);
        opt(&mut ops, path_fields);
        opt(&mut ops, query_fields);
        opt(&mut ops, body);
        ops.push(u8::from(op.body_required) | u8::from(p.retry_safe) << 1);
        ops.push(paging);
        ops.push(answer);
        ops.push(hook);
        ops.extend_from_slice(&rules);
        let traps: Vec<(&String, &String)> = ov.traps.get(&op.id).into_iter().flatten().collect();
        var(&mut ops, traps.len() as u32);
        for (k, v) in traps {
            str_ref(&mut ops, k);
            str_ref(&mut ops, v);
        }
    }
    let mut hints = Vec::new();
    let mut n_hints = 0;
    for (field, map) in &ov.value_hints {
        for (value, meant) in map {
            str_ref(&mut hints, field);
            str_ref(&mut hints, value);
            str_ref(&mut hints, meant);
            n_hints += 1;
        }
    }
    let mut bytes = MAGIC.to_vec();
    var(&mut bytes, t.item_count);
    bytes.extend_from_slice(&t.items);
    bytes.extend_from_slice(&ops);
    var(&mut bytes, n_hints);
    bytes.extend_from_slice(&hints);

    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "//! The operation table: one entry per operation of the spec, in client order, encoded\n\
         //! compactly (`crate::engine::table::decode` reads it once, on first use). For a readable\n\
         //! list of the operations see docs/api.md.\n\n",
    );
    let _ = write!(
        out,
        "/// The encoded table ({} operations, {} bytes).\npub static TABLE: &[u8] = {};\n",
        plan.ops.len(),
        bytes.len(),
        byte_literal(&bytes)
    );
    Ok(out)
}

pub const HEADER: &str = "// @generated by `cargo run -p codegen` from spec/instantly-api-v2.json and\n// codegen/overrides.toml. Do not edit: change the generator or the overrides and regenerate.\n\n";

/// The operation's rules (codegen/overrides.toml), encoded: a count, then each rule's tag and
/// its strings.
fn rules_for(ov: &Overrides, op_id: &str, op: &crate::ir::Operation) -> Result<Vec<u8>, String> {
    let known = |name: &str| -> bool {
        let top = name.split('.').next().unwrap_or(name);
        op.query_params().any(|p| p.name == top) || op.body_props().iter().any(|p| p.name == top)
    };
    let check = |names: &[String]| -> Result<(), String> {
        for n in names {
            if !known(n) {
                return Err(format!("rule on {op_id} names unknown field {n}"));
            }
        }
        Ok(())
    };
    let mut out = Vec::new();
    let mut count = 0u32;
    let list = |out: &mut Vec<u8>, names: &[String]| {
        var(out, names.len() as u32);
        for n in names {
            str_ref(out, n);
        }
    };
    for r in ov.rules.iter().filter(|r| r.op == op_id) {
        let RuleSpec {
            exactly_one,
            at_most_one,
            requires,
            message,
            not_before,
            not_null,
            lead_identity,
            one_lead_identity,
            header_map,
            ..
        } = r;
        if let Some(f) = exactly_one {
            check(f)?;
            out.push(0);
            list(&mut out, f);
            count += 1;
        }
        if let Some(f) = at_most_one {
            check(f)?;
            out.push(1);
            list(&mut out, f);
            count += 1;
        }
        if let Some(f) = requires {
            let (first, rest) = f.split_first().ok_or("requires needs fields")?;
            check(f)?;
            out.push(2);
            str_ref(&mut out, first);
            list(&mut out, rest);
            str_ref(
                &mut out,
                message.as_deref().unwrap_or("needs another field"),
            );
            count += 1;
        }
        if let Some(f) = not_before {
            let [a, b] = f.as_slice() else {
                return Err("not_before needs two paths".into());
            };
            check(f)?;
            out.push(3);
            str_ref(&mut out, a);
            str_ref(&mut out, b);
            count += 1;
        }
        if let Some(f) = not_null {
            let [field, msg] = f.as_slice() else {
                return Err("not_null needs [field, message]".into());
            };
            check(std::slice::from_ref(field))?;
            out.push(4);
            str_ref(&mut out, field);
            str_ref(&mut out, msg);
            count += 1;
        }
        if let Some(f) = lead_identity {
            let [array, campaign] = f.as_slice() else {
                return Err("lead_identity needs [array, campaign field]".into());
            };
            check(f)?;
            out.push(5);
            str_ref(&mut out, array);
            str_ref(&mut out, campaign);
            count += 1;
        }
        if let Some(f) = one_lead_identity {
            check(std::slice::from_ref(f))?;
            out.push(6);
            str_ref(&mut out, f);
            count += 1;
        }
        if let Some(f) = header_map {
            check(std::slice::from_ref(f))?;
            out.push(7);
            str_ref(&mut out, f);
            count += 1;
        }
    }
    let mut encoded = Vec::new();
    var(&mut encoded, count);
    encoded.extend_from_slice(&out);
    Ok(encoded)
}
