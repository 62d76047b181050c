//! `src/generated/models/*.rs`: one serde struct per object schema, a file per group, and
//! `src/generated/ts.rs`: their TypeScript declarations (a wasm-bindgen custom section, so they
//! land in the package's `instantly_wasm.d.ts`).
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
    let mut ts = String::new();
    for s in &reg.structs {
        let file = files
            .entry(crate::types::rust_field_name(&s.group))
            .or_default();
        emit_struct(file, s, plan);
        emit_interface(&mut ts, s, plan);
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
        text.push_str("#![allow(unused_imports)]\n\nuse super::*;\nuse crate::engine::lenient;\nuse serde::{Deserialize, Serialize};\nuse std::collections::BTreeMap;\n");
        text.push_str(body);
        out.insert(format!("src/generated/models/{name}.rs"), text);
    }
    out.insert("src/generated/models/mod.rs".into(), mod_rs);
    let mut ts_rs = String::new();
    ts_rs.push_str(crate::emit_table::HEADER);
    ts_rs.push_str("//! The TypeScript declarations of the generated models, as a wasm-bindgen custom section.\n\n");
    let _ = writeln!(
        ts_rs,
        "#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]\nconst MODELS: &'static str = r####\"\n{ts}\"####;"
    );
    out.insert("src/generated/ts.rs".into(), ts_rs);
    out
}

/// The TypeScript interface of `s`: a field is required where the spec (as corrected) says so,
/// nullable as `T | null`, and an optional field of an input also `undefined`; closed string
/// lists in answers stay open to new values.
fn emit_interface(out: &mut String, s: &StructDef, plan: &Plan) {
    let reg = &plan.registry;
    jsdoc(out, "", s.doc.as_deref().unwrap_or(&s.name));
    let _ = writeln!(out, "export interface {} {{", s.name);
    for f in &s.fields {
        let doc = f.doc.clone().unwrap_or_else(|| format!("`{}`", f.wire));
        jsdoc(out, "  ", &doc);
        let name = if f
            .wire
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !f.wire.starts_with(|c: char| c.is_ascii_digit())
        {
            f.wire.clone()
        } else {
            crate::types::json_str(&f.wire)
        };
        // An optional input field also takes `undefined` (read as absent, as `JSON.stringify`
        // does), so callers under `exactOptionalPropertyTypes` can pass `x: maybe`.
        let (opt, or_undefined) = match (f.required, s.output) {
            (true, _) => ("", ""),
            (false, true) => ("?", ""),
            (false, false) => ("?", " | undefined"),
        };
        let _ = writeln!(
            out,
            "  {name}{opt}: {}{or_undefined};",
            f.ty.ts(reg, s.output)
        );
    }
    if s.open {
        jsdoc(
            out,
            "  ",
            "Fields beyond the ones above: the schema allows any.",
        );
        out.push_str("  [key: string]: unknown;\n");
    }
    out.push_str("}\n\n");
}

/// Writes `text` as a JSDoc comment (`*/` in spec prose is broken up).
fn jsdoc(out: &mut String, indent: &str, text: &str) {
    let text = text.replace("*/", "* /");
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
    let _ = writeln!(out, "{indent}/**");
    for line in lines {
        if line.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
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
    out.push_str("#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]\n");
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
        let _ = writeln!(out, "    pub {}: {rust_ty},", f.rust);
    }
    if s.open {
        let mut name = "extra".to_string();
        while s.fields.iter().any(|f| f.rust == name) {
            name.push('_');
        }
        doc_lines(
            out,
            "    ",
            "Fields beyond the ones above, as they came: the schema allows any.",
        );
        out.push_str("    #[serde(flatten)]\n");
        let _ = writeln!(
            out,
            "    pub {name}: serde_json::Map<String, serde_json::Value>,"
        );
    }
    out.push_str("}\n");
}

/// Writes `text` as `///` doc lines. Spec text is prose, not rustdoc Markdown: `*/` is broken up
/// as in the JSDoc comments, and bare URLs become autolinks (`<https://…>`), which rustdoc
/// requires.
pub fn doc_lines(out: &mut String, indent: &str, text: &str) {
    let text = autolink_urls(&text.replace("*/", "* /"));
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Wraps each bare `http://` or `https://` URL of `text` in `<…>`. A URL ends at whitespace or
/// at a closing bracket or quote; trailing sentence punctuation is left outside. URLs already
/// in a Markdown link (`](…)`) or an autolink (`<…>`) are kept as they are.
pub fn autolink_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let len = from
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '>' | '"' | '\''))
            .unwrap_or(from.len());
        let url = from[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let linked = out.ends_with('<') || out.ends_with("](");
        if linked || url.len() <= "https://".len() {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &from[url.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::autolink_urls;

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            autolink_urls("see (https://a.example/x-y) and https://b.example/z."),
            "see (<https://a.example/x-y>) and <https://b.example/z>."
        );
        assert_eq!(
            autolink_urls("docs: https://developer.instantly.ai/workspace-group), and"),
            "docs: <https://developer.instantly.ai/workspace-group>), and"
        );
        assert_eq!(
            autolink_urls("[spec](https://a.example) <http://b.example> http:// none"),
            "[spec](https://a.example) <http://b.example> http:// none"
        );
    }
}
