//! `src/generated/models/*.rs`: one serde + tsify struct per object schema, a file per group.
//!
//! Every field is an `Option` and decodes leniently (a value of an unexpected shape reads as
//! absent), because the live service omits and reshapes fields the spec calls required
//! (api-notes §7). The TypeScript declaration of each field is given explicitly: required where
//! the spec (as corrected) says so, nullable as `T | null`, and closed string lists left open to
//! new values in answers.

use crate::plan::Plan;
use crate::types::{StructDef, TypeRef};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn emit(plan: &Plan) -> BTreeMap<String, String> {
    let reg = &plan.registry;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for s in &reg.structs {
        let file = files
            .entry(crate::types::rust_field_name(&s.group))
            .or_default();
        emit_struct(file, s, plan);
    }
    let mut out = BTreeMap::new();
    let mut mod_rs = String::new();
    mod_rs.push_str(crate::emit_table::HEADER);
    mod_rs
        .push_str("//! Models of everything the operations take and answer, a file per group.\n\n");
    for (name, body) in &files {
        let _ = writeln!(mod_rs, "mod {name};\npub use {name}::*;");
        let mut text = String::new();
        text.push_str(crate::emit_table::HEADER);
        let _ = writeln!(
            text,
            "//! Models first used by the `{}` operations.\n",
            lower_camel_of(name, plan)
        );
        text.push_str("#![allow(unused_imports)]\n\nuse super::*;\nuse crate::engine::lenient;\nuse serde::{Deserialize, Serialize};\nuse std::collections::BTreeMap;\nuse tsify::Tsify;\n");
        text.push_str(body);
        out.insert(format!("src/generated/models/{name}.rs"), text);
    }
    out.insert("src/generated/models/mod.rs".into(), mod_rs);
    out
}

fn lower_camel_of(snake: &str, plan: &Plan) -> String {
    plan.groups
        .iter()
        .find(|g| crate::types::rust_field_name(g) == snake)
        .cloned()
        .unwrap_or_else(|| snake.to_string())
}

fn emit_struct(out: &mut String, s: &StructDef, plan: &Plan) {
    let reg = &plan.registry;
    out.push('\n');
    doc_lines(out, "", s.doc.as_deref().unwrap_or(&s.name));
    if s.output && !s.input {
        out.push_str("///\n/// Decoded leniently: a field the service leaves out, sends as `null` or shapes\n/// differently reads as `None`.\n");
    }
    out.push_str("#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]\n");
    let _ = writeln!(out, "pub struct {} {{", s.name);
    let input_only = s.input && !s.output;
    for f in &s.fields {
        let doc = f.doc.clone().unwrap_or_else(|| format!("`{}`", f.wire));
        doc_lines(out, "    ", &doc);
        let inner = f.ty.rust(reg);
        let nullable_input = input_only && f.ty.is_nullable() && f.ty != TypeRef::Null;
        let (rust_ty, de) = if nullable_input {
            (format!("Option<Option<{inner}>>"), "lenient::nullable")
        } else {
            (format!("Option<{inner}>"), "lenient::option")
        };
        let mut serde_attrs = vec![
            "default".to_string(),
            "skip_serializing_if = \"Option::is_none\"".to_string(),
            format!("deserialize_with = \"{de}\""),
        ];
        if f.rust != f.wire {
            serde_attrs.insert(0, format!("rename = {}", crate::types::json_str(&f.wire)));
        }
        let _ = writeln!(out, "    #[serde({})]", serde_attrs.join(", "));
        let ts = f.ty.ts(reg, s.output);
        let ts = ts.replace('"', "\\\"");
        if f.required {
            let _ = writeln!(out, "    #[tsify(type = \"{ts}\")]");
        } else {
            let _ = writeln!(out, "    #[tsify(optional, type = \"{ts}\")]");
        }
        let _ = writeln!(out, "    pub {}: {rust_ty},", f.rust);
    }
    out.push_str("}\n");
}

/// Writes `text` as `///` doc lines. Spec text is prose, not rustdoc Markdown: `*/` would end
/// the JSDoc comment tsify writes, so it is broken up.
pub fn doc_lines(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("*/", "* /");
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}
