//! `src/generated/api/*.rs`: every operation as a typed async method for Rust callers,
//! `client.<group>().<method>(path values…, &params, &opts)`, each a one-line call into the engine.

use crate::emit_models::doc_lines;
use crate::overrides::Overrides;
use crate::plan::{OpPlan, Plan, ResultKind};
use crate::types::{pascal, rust_field_name};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn emit(plan: &Plan, ov: &Overrides) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut mod_rs = String::new();
    mod_rs.push_str(crate::emit_table::HEADER);
    mod_rs.push_str("//! Every operation as a typed method, one accessor per group.\n\n");
    for g in &plan.groups {
        let snake = rust_field_name(g);
        let _ = writeln!(mod_rs, "mod {snake};\npub use {snake}::{}Api;", pascal(g));
        let ops: Vec<&OpPlan> = plan.ops.iter().filter(|p| &p.group == g).collect();
        out.insert(
            format!("src/generated/api/{snake}.rs"),
            group_file(g, &ov.groups[g].doc, &ops, plan),
        );
    }
    out.insert("src/generated/api/mod.rs".into(), mod_rs);
    out
}

fn group_file(group: &str, doc: &str, ops: &[&OpPlan], plan: &Plan) -> String {
    let reg = &plan.registry;
    let ty = format!("{}Api", pascal(group));
    let snake = rust_field_name(group);
    let mut s = String::new();
    s.push_str(crate::emit_table::HEADER);
    let _ = writeln!(s, "//! `client.{snake}()`: {doc}\n");
    s.push_str("#![allow(unused_imports)]\n\n");
    s.push_str("use crate::client::{Client, RequestOptions};\nuse crate::generated::models::*;\nuse crate::engine::operations;\nuse crate::http::{Clock, Transport};\nuse crate::Result;\nuse futures::Stream;\n\n");
    doc_lines(&mut s, "", doc);
    let _ = writeln!(
        s,
        "pub struct {ty}<'a, T, C> {{\n    client: &'a Client<T, C>,\n}}\n"
    );
    let _ = writeln!(s, "impl<T: Transport, C: Clock> Client<T, C> {{");
    doc_lines(&mut s, "    ", doc);
    let _ = writeln!(
        s,
        "    pub fn {snake}(&self) -> {ty}<'_, T, C> {{\n        {ty} {{ client: self }}\n    }}\n}}\n"
    );
    let _ = writeln!(s, "impl<'a, T: Transport, C: Clock> {ty}<'a, T, C> {{");
    for (n, p) in ops.iter().enumerate() {
        if n > 0 {
            s.push('\n');
        }
        let op = p.op;
        let mut doc = format!(
            "`{} {}`: {}.",
            op.method,
            op.path,
            op.summary.trim_end_matches('.')
        );
        if let Some(d) = &op.description {
            doc.push_str("\n\n");
            doc.push_str(d);
        }
        if !p.retry_safe {
            doc.push_str("\n\nNot repeated after a failure the service may have processed (a timeout, a dropped connection, a 5xx); a 429 is retried.");
        }
        doc_lines(&mut s, "    ", &doc);
        let mut args = vec!["&self".to_string()];
        let mut path_names = Vec::new();
        for q in op.path_params() {
            let name = rust_field_name(&q.name);
            args.push(format!("{name}: &str"));
            path_names.push(name);
        }
        if let Some(params) = &p.params {
            args.push(format!("params: &{params}"));
        }
        args.push("opts: &RequestOptions".into());
        let (ret, call) = match &p.result {
            ResultKind::Json(t) => (t.rust(reg), "call"),
            ResultKind::Text => ("String".to_string(), "call_text"),
            ResultKind::Empty => ("()".to_string(), "call_empty"),
        };
        let params_arg = if p.params.is_some() {
            "Some(params)".to_string()
        } else {
            "None::<&()>".to_string()
        };
        let _ = writeln!(
            s,
            "    pub async fn {}({}) -> Result<{ret}> {{\n        self.client\n            .{call}(&operations()[{}], &[{}], {params_arg}, opts)\n            .await\n    }}",
            p.rust_method,
            args.join(", "),
            p.index,
            path_names.join(", ")
        );
        if let Some(item) = &p.item {
            let item_ty = item.rust(reg);
            let _ = writeln!(s);
            doc_lines(
                &mut s,
                "    ",
                &format!(
                    "Every item `{} {}` selects, as a stream that fetches the pages as it is read\n(following `next_starting_after`; stops after `max_items` when given).",
                    op.method, op.path
                ),
            );
            let mut args = vec!["&self".to_string()];
            for q in &path_names {
                args.push(format!("{q}: &str"));
            }
            if let Some(params) = &p.params {
                args.push(format!("params: &{params}"));
            }
            args.push("max_items: Option<u64>".into());
            args.push("opts: &RequestOptions".into());
            let params_arg = if p.params.is_some() {
                "Some(params)"
            } else {
                "None::<&()>"
            };
            let _ = writeln!(
                s,
                "    pub fn {}_all({}) -> impl Stream<Item = Result<{item_ty}>> + Unpin + 'a {{\n        self.client.paginate(\n            &operations()[{}],\n            &[{}],\n            {params_arg},\n            max_items,\n            opts.clone(),\n        )\n    }}",
                p.rust_method,
                args.join(", "),
                p.index,
                path_names.join(", ")
            );
        }
    }
    s.push_str("}\n");
    s
}
