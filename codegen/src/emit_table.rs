//! `src/generated/table.rs`: the operation table the engine interprets.
//!
//! Schemas are emitted once per distinct set of constraints (`Schema::check_key`), as statics
//! referring to each other, so the table costs bytes per distinct shape, not per use.

use crate::ir::{Extra, Prop, Schema, Ty};
use crate::overrides::{Overrides, RuleSpec};
use crate::plan::{Paging, Plan};
use crate::types::{json_str, number_text};
use std::collections::HashMap;
use std::fmt::Write as _;

struct Table {
    out: String,
    schemas: HashMap<String, String>,
    objects: HashMap<String, String>,
    lists: HashMap<String, String>,
    next: usize,
}

impl Table {
    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// A `&'static [&'static str]` expression for `values`.
    fn str_list(&mut self, values: &[String]) -> String {
        if values.is_empty() {
            return "&[]".into();
        }
        let body = values
            .iter()
            .map(|v| json_str(v))
            .collect::<Vec<_>>()
            .join(", ");
        if values.len() <= 3 {
            return format!("&[{body}]");
        }
        let key = body.clone();
        if let Some(id) = self.lists.get(&key) {
            return format!("&{id}");
        }
        let id = self.id("V");
        let _ = writeln!(
            self.out,
            "static {id}: [&str; {}] = [{body}];",
            values.len()
        );
        self.lists.insert(key, id.clone());
        format!("&{id}")
    }

    /// The name of the static holding `schema` (input rules: an object with declared fields
    /// refuses other keys unless the spec allows them).
    /// `open`: inside `not` or `contains`, where an object's undeclared keys are allowed (the
    /// strict input rule would change what those schemas match).
    fn schema_in(&mut self, s: &Schema, open: bool) -> String {
        let key = format!("{}{}", if open { "open:" } else { "" }, s.check_key());
        if let Some(id) = self.schemas.get(&key) {
            return id.clone();
        }
        let kind = match &s.ty {
            Ty::Any | Ty::Null => "Kind::Any".to_string(),
            Ty::Bool => "Kind::Bool".to_string(),
            Ty::BoolIs(b) => format!("Kind::BoolIs({b})"),
            Ty::Str {
                format,
                values,
                min_len,
                max_len,
            } => format!(
                "Kind::Str(Str {{ format: Format::{}, values: {}, min_len: {}, max_len: {} }})",
                format.rust(),
                self.str_list(values),
                min_len.unwrap_or(0),
                max_len.map_or("u32::MAX".to_string(), |m| m.to_string())
            ),
            Ty::Num {
                integer,
                min,
                max,
                values,
            } => format!(
                "Kind::Num(Num {{ integer: {integer}, min: {}, max: {}, values: &[{}] }})",
                min.map_or("f64::NEG_INFINITY".to_string(), f64_lit),
                max.map_or("f64::INFINITY".to_string(), f64_lit),
                values
                    .iter()
                    .map(|v| f64_lit(*v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Ty::Array {
                items,
                min,
                max,
                contains,
            } => {
                let items = self.schema_in(items, open);
                let contains = match contains {
                    Some(c) => format!("Some(&{})", self.schema_in(c, true)),
                    None => "None".into(),
                };
                format!(
                    "Kind::Array(Array {{ items: &{items}, min: {}, max: {}, contains: {contains} }})",
                    min.unwrap_or(0),
                    max.map_or("u32::MAX".to_string(), |m| m.to_string())
                )
            }
            Ty::Object { .. } => format!("Kind::Object({})", self.object_expr_in(s, open)),
            Ty::OneOf(members) => {
                let ids: Vec<String> = members
                    .iter()
                    .map(|m| format!("&{}", self.schema_in(m, open)))
                    .collect();
                format!("Kind::OneOf(&[{}])", ids.join(", "))
            }
        };
        let not = match &s.not {
            Some(n) => format!("Some(&{})", self.schema_in(n, true)),
            None => "None".into(),
        };
        let id = self.id("S");
        let _ = writeln!(
            self.out,
            "static {id}: Schema = Schema {{ kind: {kind}, nullable: {}, not: {not} }};",
            s.nullable
        );
        self.schemas.insert(key, id.clone());
        id
    }

    fn object_expr(&mut self, s: &Schema) -> String {
        self.object_expr_in(s, false)
    }

    fn object_expr_in(&mut self, s: &Schema, open: bool) -> String {
        let Ty::Object {
            props,
            extra,
            min_props,
            any_of,
        } = &s.ty
        else {
            unreachable!()
        };
        let fields = self.fields_in(props, open);
        let extra = match extra {
            Extra::Deny => "Extra::Deny".to_string(),
            Extra::Unstated if !props.is_empty() && !open => "Extra::Deny".to_string(),
            Extra::Unstated | Extra::Any => "Extra::Any".to_string(),
            Extra::Values(v) => format!("Extra::Values(&{})", self.schema_in(v, open)),
        };
        let any_of = if any_of.is_empty() {
            "&[]".to_string()
        } else {
            let alts: Vec<String> = any_of
                .iter()
                .map(|a| format!("&{}", self.schema_in(a, true)))
                .collect();
            format!("&[{}]", alts.join(", "))
        };
        format!(
            "Object {{ fields: {fields}, extra: {extra}, min_props: {}, any_of: {any_of} }}",
            min_props.unwrap_or(0)
        )
    }

    /// A `&'static [Field]` expression.
    fn fields(&mut self, props: &[Prop]) -> String {
        self.fields_in(props, false)
    }

    fn fields_in(&mut self, props: &[Prop], open: bool) -> String {
        if props.is_empty() {
            return "&[]".into();
        }
        let items: Vec<String> = props
            .iter()
            .map(|p| {
                let s = self.schema_in(&p.schema, open);
                format!(
                    "Field {{ name: {}, schema: &{s}, required: {} }}",
                    json_str(&p.name),
                    p.required
                )
            })
            .collect();
        let body = items.join(",\n    ");
        if let Some(id) = self.objects.get(&body) {
            return format!("&{id}");
        }
        let id = self.id("F");
        let _ = writeln!(
            self.out,
            "static {id}: [Field; {}] = [\n    {body},\n];",
            props.len()
        );
        self.objects.insert(body, id.clone());
        format!("&{id}")
    }
}

fn f64_lit(v: f64) -> String {
    let t = number_text(v);
    if t.contains('.') || t.contains('e') {
        t
    } else {
        format!("{t}.0")
    }
}

pub fn emit(plan: &Plan, ov: &Overrides) -> Result<String, String> {
    let mut t = Table {
        out: String::new(),
        schemas: HashMap::new(),
        objects: HashMap::new(),
        lists: HashMap::new(),
        next: 0,
    };
    let mut ops = Vec::new();
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
        let path_fields = t.fields(&path_props);
        let query_fields = t.fields(&query_props);
        let body = match &op.body {
            None => "None".to_string(),
            Some(b) => {
                let expr = t.object_expr(b);
                let id = t.id("B");
                let _ = writeln!(t.out, "static {id}: Object = {expr};");
                format!("Some(&{id})")
            }
        };
        let rules = rules_for(ov, &op.id, op)?;
        let traps: Vec<String> = ov
            .traps
            .get(&op.id)
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("({}, {})", json_str(k), json_str(v)))
            .collect();
        let answer = match &op.answer {
            crate::ir::Answer::Json { .. } => "Answer::Json",
            crate::ir::Answer::Text { .. } => "Answer::Text",
            crate::ir::Answer::Empty { .. } => "Answer::Empty",
        };
        let hook = match p.hook.as_deref() {
            None => "Hook::None",
            Some("analytics-rates") => "Hook::AnalyticsRates",
            Some(other) => return Err(format!("unknown hook {other}")),
        };
        let paging = match p.paging {
            Paging::None => "Paging::None",
            Paging::Query => "Paging::Query",
            Paging::Body => "Paging::Body",
        };
        ops.push(format!(
            "    // {index}: {method} {path}\n    Operation {{\n        id: {id},\n        call: \"{group}.{m}\",\n        method: Method::{meth},\n        path: {path_lit},\n        path_params: {path_fields},\n        query: {query_fields},\n        body: {body},\n        body_required: {body_required},\n        retry_safe: {retry_safe},\n        paging: {paging},\n        answer: {answer},\n        hook: {hook},\n        rules: &[{rules}],\n        traps: &[{traps}],\n    }}",
            index = p.index,
            method = op.method,
            path = op.path,
            id = json_str(&op.id),
            group = p.group,
            m = p.method,
            meth = pascal_method(&op.method),
            path_lit = json_str(&op.path),
            body_required = op.body_required,
            retry_safe = p.retry_safe,
            rules = rules.join(", "),
            traps = traps.join(", "),
        ));
    }
    let mut hints = Vec::new();
    for (field, map) in &ov.value_hints {
        for (value, meant) in map {
            hints.push(format!(
                "    ({}, {}, {}),",
                json_str(field),
                json_str(value),
                json_str(meant)
            ));
        }
    }
    let mut out = String::new();
    out.push_str(HEADER);
    out.push_str(
        "//! The operation table: one entry per operation of the spec, in client order.\n\n",
    );
    out.push_str("use crate::engine::table::*;\nuse crate::http::Method;\n\n");
    out.push_str(&t.out);
    let _ = write!(
        out,
        "\n/// Every operation of the spec, ordered by group and method.\npub static OPERATIONS: [Operation; {}] = [\n{}\n];\n",
        ops.len(),
        ops.join(",\n")
    );
    let _ = write!(
        out,
        "\n/// Values outside a closed list that callers often try, with one that is in it:\n/// `(field name, value, suggestion)`.\npub static VALUE_HINTS: [(&str, &str, &str); {}] = [\n{}\n];\n",
        hints.len(),
        hints.join("\n")
    );
    Ok(out)
}

pub const HEADER: &str = "// @generated by `cargo run -p codegen` from spec/instantly-api-v2.json and\n// codegen/overrides.toml. Do not edit: change the generator or the overrides and regenerate.\n\n";

fn pascal_method(m: &str) -> String {
    let lower = m.to_ascii_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn rules_for(
    ov: &Overrides,
    op_id: &str,
    op: &crate::ir::Operation,
) -> Result<Vec<String>, String> {
    let known = |name: &str| -> bool {
        let top = name.split('.').next().unwrap_or(name);
        op.query_params().any(|p| p.name == top) || op.body_props().iter().any(|p| p.name == top)
    };
    let list = |names: &[String]| -> Result<String, String> {
        for n in names {
            if !known(n) {
                return Err(format!("rule on {op_id} names unknown field {n}"));
            }
        }
        Ok(format!(
            "&[{}]",
            names
                .iter()
                .map(|n| json_str(n))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    let mut out = Vec::new();
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
            out.push(format!("Rule::ExactlyOne({})", list(f)?));
        }
        if let Some(f) = at_most_one {
            out.push(format!("Rule::AtMostOne({})", list(f)?));
        }
        if let Some(f) = requires {
            let (first, rest) = f.split_first().ok_or("requires needs fields")?;
            list(f)?;
            out.push(format!(
                "Rule::Requires({}, {}, {})",
                json_str(first),
                list(rest)?,
                json_str(message.as_deref().unwrap_or("needs another field"))
            ));
        }
        if let Some(f) = not_before {
            let [a, b] = f.as_slice() else {
                return Err("not_before needs two paths".into());
            };
            list(f)?;
            out.push(format!("Rule::NotBefore({}, {})", json_str(a), json_str(b)));
        }
        if let Some(f) = not_null {
            let [field, msg] = f.as_slice() else {
                return Err("not_null needs [field, message]".into());
            };
            list(std::slice::from_ref(field))?;
            out.push(format!(
                "Rule::NotNull({}, {})",
                json_str(field),
                json_str(msg)
            ));
        }
        if let Some(f) = lead_identity {
            let [array, campaign] = f.as_slice() else {
                return Err("lead_identity needs [array, campaign field]".into());
            };
            list(f)?;
            out.push(format!(
                "Rule::LeadIdentity({}, {})",
                json_str(array),
                json_str(campaign)
            ));
        }
        if let Some(f) = one_lead_identity {
            list(std::slice::from_ref(f))?;
            out.push(format!("Rule::OneLeadIdentity({})", json_str(f)));
        }
        if let Some(f) = header_map {
            list(std::slice::from_ref(f))?;
            out.push(format!("Rule::HeaderMap({})", json_str(f)));
        }
    }
    Ok(out)
}
