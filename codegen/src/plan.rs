//! Per operation: its names on the client surface, its params type, its result type, how it
//! pages, and the engine settings from overrides.toml. Every emitter works from this plan.

use crate::ir::{Answer, Operation, Spec, Ty};
use crate::overrides::Overrides;
use crate::types::{pascal, rust_field_name, FieldDef, Registry, TypeRef, RUST_KEYWORDS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    None,
    Query,
    Body,
}

#[derive(Debug, Clone)]
pub enum ResultKind {
    /// JSON decoded into this type.
    Json(TypeRef),
    /// Text (a CSV download).
    Text,
    /// No content.
    Empty,
}

pub struct OpPlan<'s> {
    pub op: &'s Operation,
    pub index: usize,
    pub group: String,
    pub method: String,
    pub rust_method: String,
    /// The params type, when the operation takes query or body fields.
    pub params: Option<String>,
    /// Whether a params object must be passed (some field is required).
    pub params_required: bool,
    pub result: ResultKind,
    pub paging: Paging,
    /// Element type of `items` for list operations.
    pub item: Option<TypeRef>,
    pub retry_safe: bool,
    pub hook: Option<String>,
}

pub struct Plan<'s, 'o> {
    pub ops: Vec<OpPlan<'s>>,
    pub registry: Registry<'o>,
    /// Group names in first-seen order of the sorted operation list.
    pub groups: Vec<String>,
}

pub fn build<'s, 'o>(spec: &'s Spec, ov: &'o Overrides) -> Result<Plan<'s, 'o>, String> {
    let mut registry = Registry::new(&ov.types);
    // Operations sorted by group, then by method, so generated files and docs read in order.
    let mut order: Vec<(&str, &str, usize)> = Vec::new();
    for (i, op) in spec.operations.iter().enumerate() {
        let (g, m) = ov.call(&op.id)?;
        if !ov.groups.contains_key(g) {
            return Err(format!("group {g} of {} has no [groups] entry", op.id));
        }
        order.push((g, m, i));
    }
    order.sort();
    for w in order.windows(2) {
        if w[0].0 == w[1].0 && w[0].1 == w[1].1 {
            return Err(format!("two operations are named {}.{}", w[0].0, w[0].1));
        }
    }
    let names: std::collections::HashSet<&String> = ov.ops.keys().collect();
    for id in names {
        if !spec.operations.iter().any(|o| &o.id == id) {
            return Err(format!("[ops] names {id}, which is not in the spec"));
        }
    }
    let mut groups: Vec<String> = Vec::new();
    // Inputs first: they get the plain names (CampaignSchedule is what a caller writes).
    let mut params_of = Vec::new();
    for &(g, m, i) in &order {
        let op = &spec.operations[i];
        if !groups.iter().any(|x| x == g) {
            groups.push(g.to_string());
        }
        let stem = &ov.groups[g].stem;
        let params_name = ov
            .params
            .get(&op.id)
            .cloned()
            .unwrap_or_else(|| format!("{stem}{}Params", pascal(m)));
        params_of.push(params_struct(&mut registry, op, &params_name, g)?);
    }
    let mut ops = Vec::new();
    for (k, &(g, m, i)) in order.iter().enumerate() {
        let op = &spec.operations[i];
        let stem = ov.groups[g].stem.clone();
        let (params, params_required) = params_of[k].clone();
        let paging = if op.query_params().any(|p| p.name == "starting_after") {
            Paging::Query
        } else if op.body_props().iter().any(|p| p.name == "starting_after") {
            Paging::Body
        } else {
            Paging::None
        };
        let (result, item) = result_type(&mut registry, op, ov, &stem, m, g, paging)?;
        let paging = if item.is_some() { paging } else { Paging::None };
        let rust_method = {
            let snake = rust_field_name(m);
            let snake = snake.trim_end_matches('_').to_string();
            if RUST_KEYWORDS.contains(&snake.as_str()) {
                format!("{snake}_{}", rust_field_name(g))
            } else {
                snake
            }
        };
        let retry_safe = op.method != "POST" || ov.retry_safe.ops.contains(&op.id);
        let hook = ov.hooks.get(&op.id).cloned();
        ops.push(OpPlan {
            op,
            index: k,
            group: g.to_string(),
            method: m.to_string(),
            rust_method,
            params,
            params_required,
            result,
            paging,
            item,
            retry_safe,
            hook,
        });
    }
    for id in &ov.retry_safe.ops {
        let op = spec
            .operations
            .iter()
            .find(|o| &o.id == id)
            .ok_or_else(|| format!("[retry_safe] names {id}, which is not in the spec"))?;
        if op.method != "POST" {
            return Err(format!("[retry_safe] {id} is not a POST"));
        }
    }
    let unused = registry.unused_renames();
    if !unused.is_empty() {
        let known: Vec<&str> = registry.structs.iter().map(|s| s.name.as_str()).collect();
        return Err(format!(
            "[types] renames names no generated type has: {unused:?}\ngenerated: {known:?}"
        ));
    }
    Ok(Plan {
        ops,
        registry,
        groups,
    })
}

fn params_struct(
    reg: &mut Registry,
    op: &Operation,
    name: &str,
    group: &str,
) -> Result<(Option<String>, bool), String> {
    let mut fields = Vec::new();
    let mut required = false;
    for p in op.query_params() {
        let ty = reg.type_of(
            &p.schema,
            &format!("{name}{}", pascal(&p.name)),
            false,
            group,
        );
        required |= p.required;
        fields.push(FieldDef {
            wire: p.name.clone(),
            rust: rust_field_name(&p.name),
            ty,
            required: p.required,
            doc: p.doc.clone(),
        });
    }
    if let Some(body) = &op.body {
        let Ty::Object { props, .. } = &body.ty else {
            return Err("body is not an object".into());
        };
        for p in props {
            if fields.iter().any(|f: &FieldDef| f.wire == p.name) {
                return Err(format!(
                    "{}: `{}` is both a query parameter and a body field",
                    op.id, p.name
                ));
            }
            let ty = reg.type_of(
                &p.schema,
                &format!("{name}{}", pascal(&p.name)),
                false,
                group,
            );
            required |= p.required;
            fields.push(FieldDef {
                wire: p.name.clone(),
                rust: rust_field_name(&p.name),
                ty,
                required: p.required,
                doc: p.schema.doc.clone(),
            });
        }
    }
    if fields.is_empty() {
        return Ok((None, false));
    }
    let doc = format!(
        "Parameters of `{} {}`: query parameters and body fields under their wire names.",
        op.method, op.path
    );
    reg.params_struct(name, doc, fields, group);
    Ok((Some(name.to_string()), required))
}

fn result_type(
    reg: &mut Registry,
    op: &Operation,
    ov: &Overrides,
    stem: &str,
    method: &str,
    group: &str,
    paging: Paging,
) -> Result<(ResultKind, Option<TypeRef>), String> {
    let schema = match &op.answer {
        Answer::Text { .. } => return Ok((ResultKind::Text, None)),
        Answer::Empty { .. } => return Ok((ResultKind::Empty, None)),
        Answer::Json { schema, .. } => schema,
    };
    let default_name = format!("{stem}{}", pascal(method));
    let named = ov.results.get(&op.id).cloned();
    // A page: `{ items: [...], next_starting_after? }`.
    if let Ty::Object { props, .. } = &schema.ty {
        if let Some(items) = props.iter().find(|p| p.name == "items") {
            if let Ty::Array { items: item, .. } = &items.schema.ty {
                let cursor = props.iter().any(|p| p.name == "next_starting_after");
                // A cursor page is `<Item>Page`; a one-off answer that happens to hold `items`
                // is `<stem><Method>Result` (or the name overrides.toml gives it).
                let (item_hint, page_hint) = match (&named, cursor) {
                    (Some(n), true) => (n.clone(), format!("{n}Page")),
                    (Some(n), false) => (format!("{n}Item"), n.clone()),
                    (None, true) => (format!("{default_name}Item"), String::new()),
                    (None, false) => (
                        format!("{default_name}Item"),
                        format!("{default_name}Result"),
                    ),
                };
                let item_ty = reg.type_of(item, &item_hint, true, group);
                let page_hint = if page_hint.is_empty() {
                    match &item_ty {
                        TypeRef::Struct(i) => format!("{}Page", reg.name_of(*i)),
                        _ => format!("{default_name}Page"),
                    }
                } else {
                    page_hint
                };
                let page = reg.type_of(schema, &page_hint, true, group);
                let item = (cursor && paging != Paging::None).then_some(item_ty);
                return Ok((ResultKind::Json(page), item));
            }
        }
    }
    let ty = match &schema.ty {
        Ty::Array { items, .. } => {
            let hint = named.unwrap_or_else(|| format!("{default_name}Item"));
            TypeRef::Array(Box::new(reg.type_of(items, &hint, true, group)))
        }
        _ => {
            let hint = named.unwrap_or_else(|| format!("{default_name}Result"));
            reg.type_of(schema, &hint, true, group)
        }
    };
    Ok((ResultKind::Json(ty), None))
}
