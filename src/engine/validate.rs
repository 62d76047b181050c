//! Checks a caller's params against an operation's table entry before anything is sent.
//!
//! Two passes: first every key anywhere in the params that the operation does not know (so a
//! typo is reported as a typo, with the field that was meant, rather than as the required field
//! it left missing), then types, required fields, formats, closed lists, bounds and the
//! operation's [`Rule`]s. Every error is a [`crate::ErrorKind::Validation`] naming the field by
//! its path (`campaign_schedule.schedules[0].timing.from`, `leads[3].email`).
//!
//! The checks only descend into values the schema describes, so their depth is bounded by the
//! table, not by the input.

use super::formats;
use super::path::Path;
use super::suggest::suggest;
use super::table::{Extra, Field, Kind, Object, Operation, Rule, Schema};
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

/// Checks `params` (query parameters and body fields together) for `op`.
pub fn check_params(op: &Operation, params: &Map<String, Value>) -> Result<()> {
    unknown_top(op, params)?;
    // A `null` some operations refuse with advice of their own: before the schema's plain
    // "must be a number, not null".
    for rule in op.rules {
        if let Rule::NotNull(..) = rule {
            check_rule(rule, params)?;
        }
    }
    let top = Path::Text("");
    for f in op.query {
        match params.get(f.name) {
            None | Some(Value::Null) if f.required => return Err(missing(&top.key(f.name))),
            None | Some(Value::Null) => {}
            Some(v) => check(f.schema, v, &top.key(f.name), op)?,
        }
    }
    if let Some(body) = op.body {
        check_object_fields(body, params, &top, op)?;
        // A PATCH without a field to change is a mistake, not a request worth sending.
        let is_query = |k: &str| op.query.iter().any(|q| q.name == k);
        if op.method == crate::http::Method::Patch && params.keys().all(|k| is_query(k)) {
            return Err(Error::validation(
                format!("{} params", op.call),
                format!(
                    "set at least one field to change ({} {})",
                    op.method.as_str(),
                    op.path
                ),
            ));
        }
    }
    for rule in op.rules {
        check_rule(rule, params)?;
    }
    Ok(())
}

/// Checks one value against `schema`, as the part of `op`'s params at `path` would be checked:
/// unknown keys first (with the field that was meant), then types, formats and bounds.
pub fn check_value(schema: &Schema, value: &Value, path: &str, op: &Operation) -> Result<()> {
    check_value_at(schema, value, &Path::Text(path), op)
}

/// [`check_value`] at a [`Path`].
pub(crate) fn check_value_at(
    schema: &Schema,
    value: &Value,
    path: &Path<'_>,
    op: &Operation,
) -> Result<()> {
    unknown_in(schema, value, path, op)?;
    check(schema, value, path, op)
}

fn missing(path: &Path<'_>) -> Error {
    Error::validation(path.text(), "is required")
}

fn unknown_error(op: &Operation, path: &Path<'_>, key: &str, hint: Option<&str>) -> Error {
    let mut message = format!("unknown field `{key}` in {} params", op.call);
    if let Some(h) = hint {
        message.push_str(&format!("; did you mean `{h}`?"));
    }
    let mut e = Error::new(ErrorKind::Validation, message);
    e.field = Some(path.text());
    e
}

/// Pass 1 at the top level: a key must be a query parameter or a body field (or the body must
/// take any key).
fn unknown_top(op: &Operation, params: &Map<String, Value>) -> Result<()> {
    let body_fields: &[Field] = op.body.map_or(&[], |b| b.fields);
    let open_body = op.body.is_some_and(|b| !matches!(b.extra, Extra::Deny));
    let top = Path::Text("");
    for (key, value) in params {
        let at = top.key(key);
        let declared = op
            .query
            .iter()
            .chain(body_fields.iter())
            .find(|f| f.name == key);
        match declared {
            Some(f) => unknown_in(f.schema, value, &at, op)?,
            None if open_body => {
                if let Some(Extra::Values(s)) = op.body.map(|b| &b.extra) {
                    unknown_in(s, value, &at, op)?;
                }
            }
            None => {
                let names: Vec<&str> = op.query.iter().chain(body_fields).map(|f| f.name).collect();
                let hint = suggest(key, &names, op.traps);
                return Err(unknown_error(op, &at, key, hint));
            }
        }
    }
    Ok(())
}

/// Pass 1 below the top: unknown keys inside objects the schema closes.
fn unknown_in(schema: &Schema, value: &Value, path: &Path<'_>, op: &Operation) -> Result<()> {
    match (&schema.kind, value) {
        (Kind::Object(o), Value::Object(map)) => {
            for (key, v) in map {
                let at = path.key(key);
                match o.fields.iter().find(|f| f.name == key) {
                    Some(f) => unknown_in(f.schema, v, &at, op)?,
                    None => match &o.extra {
                        Extra::Deny => {
                            let names: Vec<&str> = o.fields.iter().map(|f| f.name).collect();
                            let hint = suggest(key, &names, &[]);
                            return Err(unknown_error(op, &at, key, hint));
                        }
                        Extra::Values(s) => unknown_in(s, v, &at, op)?,
                        Extra::Any => {}
                    },
                }
            }
            Ok(())
        }
        (Kind::Array(a), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                unknown_in(a.items, item, &path.index(i), op)?;
            }
            Ok(())
        }
        (Kind::OneOf(members), _) => {
            // Only when exactly one member has the value's JSON type is it clear which keys
            // belong; otherwise pass 2 reports the mismatch.
            let mut same = members.iter().filter(|m| type_matches(m, value));
            match (same.next(), same.next()) {
                (Some(m), None) => unknown_in(m, value, path, op),
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

fn type_matches(schema: &Schema, v: &Value) -> bool {
    matches!(
        (&schema.kind, v),
        (Kind::Any, _)
            | (Kind::Bool | Kind::BoolIs(_), Value::Bool(_))
            | (Kind::Str(_), Value::String(_))
            | (Kind::Num(_), Value::Number(_))
            | (Kind::Array(_), Value::Array(_))
            | (Kind::Object(_), Value::Object(_))
    ) || (schema.nullable && v.is_null())
}

/// Whether `v`'s JSON type is one `schema` takes, a member's type for a `oneOf`.
pub fn type_fits(schema: &Schema, v: &Value) -> bool {
    match &schema.kind {
        Kind::OneOf(members) => {
            members.iter().any(|m| type_fits(m, v)) || (schema.nullable && v.is_null())
        }
        _ => type_matches(schema, v),
    }
}

/// What a JSON value is, for messages (`null`, `a boolean`, `a number`, …).
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a value of kind `k` is, for messages (`a string`, `an integer`, …).
pub fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Any => "any value",
        Kind::Bool => "a boolean",
        Kind::BoolIs(true) => "true",
        Kind::BoolIs(false) => "false",
        Kind::Str(_) => "a string",
        Kind::Num(n) if n.integer => "an integer",
        Kind::Num(_) => "a number",
        Kind::Array(_) => "an array",
        Kind::Object(_) => "an object",
        Kind::OneOf(_) => "one of several types",
    }
}

/// Pass 2: `value` at `path` against `schema`, then its `not`.
fn check(schema: &Schema, value: &Value, path: &Path<'_>, op: &Operation) -> Result<()> {
    check_kind(schema, value, path, op)?;
    if let Some(not) = schema.not {
        if check(not, value, path, op).is_ok() {
            return Err(Error::validation(path.text(), describe_not(not)));
        }
    }
    Ok(())
}

/// What a `not` schema forbids, in words: `must not have `v_disabled` set to true`.
fn describe_not(not: &Schema) -> String {
    if let Kind::Object(o) = &not.kind {
        let parts: Vec<String> = o
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| match &f.schema.kind {
                Kind::Str(s) if s.values.len() == 1 => {
                    format!("`{}` set to {}", f.name, formats::quote(s.values[0]))
                }
                Kind::BoolIs(b) => format!("`{}` set to {b}", f.name),
                Kind::Any => format!("`{}`", f.name),
                _ => format!("`{}` set like that", f.name),
            })
            .collect();
        if !parts.is_empty() {
            return format!("must not have {}", crate::text::join(&parts, " and "));
        }
    }
    "has a shape the API refuses".into()
}

fn check_kind(schema: &Schema, value: &Value, path: &Path<'_>, op: &Operation) -> Result<()> {
    if value.is_null() {
        return if schema.nullable || matches!(schema.kind, Kind::Any) {
            Ok(())
        } else {
            Err(Error::validation(
                path.text(),
                format!("must be {}, not null", kind_name(&schema.kind)),
            ))
        };
    }
    let wrong = || {
        Error::validation(
            path.text(),
            format!(
                "must be {} (got {})",
                kind_name(&schema.kind),
                json_type(value)
            ),
        )
    };
    match (&schema.kind, value) {
        (Kind::Any, _) => Ok(()),
        (Kind::Bool, Value::Bool(_)) => Ok(()),
        (Kind::BoolIs(want), Value::Bool(b)) if want == b => Ok(()),
        (Kind::Str(s), Value::String(text)) => {
            let len = text.chars().count();
            if len < s.min_len as usize {
                return Err(Error::validation(
                    path.text(),
                    if s.min_len == 1 {
                        "must not be empty".to_string()
                    } else {
                        format!("must be at least {} characters long", s.min_len)
                    },
                ));
            }
            if len > s.max_len as usize {
                return Err(Error::validation(
                    path.text(),
                    format!("must be at most {} characters long", s.max_len),
                ));
            }
            if !s.values.is_empty() && !s.values.contains(&text.as_str()) {
                return Err(not_in_list(path, text, s.values));
            }
            formats::check(s.format, text).map_err(|expected| {
                Error::validation(
                    path.text(),
                    format!("must be {expected} (got {})", formats::quote(text)),
                )
            })
        }
        (Kind::Num(n), Value::Number(num)) => {
            let x = num.as_f64().unwrap_or(f64::NAN);
            if n.integer && !(x.is_finite() && x.fract() == 0.0) {
                return Err(Error::validation(
                    path.text(),
                    format!("must be an integer (got {num})"),
                ));
            }
            if !n.values.is_empty() && !n.values.contains(&x) {
                let list: Vec<String> = n.values.iter().map(|v| fmt_num(*v)).collect();
                return Err(Error::validation(
                    path.text(),
                    format!(
                        "must be one of {} (got {num})",
                        crate::text::join(&list, ", ")
                    ),
                ));
            }
            if x < n.min || x > n.max {
                return Err(Error::validation(
                    path.text(),
                    range_message(n.min, n.max, num),
                ));
            }
            Ok(())
        }
        (Kind::Array(a), Value::Array(items)) => {
            if items.len() < a.min as usize || items.len() > a.max as usize {
                return Err(Error::validation(
                    path.text(),
                    count_message(a.min, a.max, items.len(), "item"),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                check(a.items, item, &path.index(i), op)?;
            }
            if let Some(c) = a.contains {
                let mut last = None;
                for (i, item) in items.iter().enumerate() {
                    match check(c, item, &path.index(i), op) {
                        Ok(()) => return Ok(()),
                        Err(e) => last = Some(e),
                    }
                }
                let why = last.map(|e| e.message.clone()).unwrap_or_default();
                return Err(Error::validation(
                    path.text(),
                    format!("needs at least one item that passes ({why})"),
                ));
            }
            Ok(())
        }
        (Kind::Object(o), Value::Object(map)) => check_object_fields(o, map, path, op),
        (Kind::OneOf(members), _) => {
            let mut first_err = None;
            for m in members.iter() {
                match check(m, value, path, op) {
                    Ok(()) => return Ok(()),
                    Err(e) if type_matches(m, value) && first_err.is_none() => first_err = Some(e),
                    Err(_) => {}
                }
            }
            Err(first_err.unwrap_or_else(|| {
                let names: Vec<&str> = members.iter().map(|m| kind_name(&m.kind)).collect();
                Error::validation(
                    path.text(),
                    format!(
                        "must be {} (got {})",
                        crate::text::join(&names, " or "),
                        json_type(value)
                    ),
                )
            }))
        }
        _ => Err(wrong()),
    }
}

/// Fields of an object (the body's fields at the top level, where `path` is empty).
fn check_object_fields(
    o: &Object,
    map: &Map<String, Value>,
    path: &Path<'_>,
    op: &Operation,
) -> Result<()> {
    for f in o.fields {
        match map.get(f.name) {
            None if f.required => return Err(missing(&path.key(f.name))),
            None => {}
            Some(v) => check(f.schema, v, &path.key(f.name), op)?,
        }
    }
    if let Extra::Values(s) = &o.extra {
        for (k, v) in map {
            // At the top level the map also holds the query parameters.
            let query = path.is_empty() && op.query.iter().any(|q| q.name == k);
            if !query && !o.fields.iter().any(|f| f.name == k) {
                check(s, v, &path.key(k), op)?;
            }
        }
    }
    if !path.is_empty() && map.len() < o.min_props as usize {
        return Err(Error::validation(
            path.text(),
            format!("needs at least {} key(s)", o.min_props),
        ));
    }
    if !o.any_of.is_empty() {
        let value = Value::Object(map.clone());
        let mut complete = None;
        for alt in o.any_of {
            match check(alt, &value, path, op) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    // The alternative whose required fields are all there explains best.
                    if complete.is_none() && required_of(alt).iter().all(|f| map.contains_key(*f)) {
                        complete = Some(e);
                    }
                }
            }
        }
        if let Some(e) = complete {
            return Err(e);
        }
        let options: Vec<String> = o
            .any_of
            .iter()
            .map(|a| {
                let fields: Vec<String> = required_of(a).iter().map(|f| format!("`{f}`")).collect();
                crate::text::join(&fields, " + ")
            })
            .filter(|s| !s.is_empty())
            .collect();
        let first = o
            .any_of
            .iter()
            .flat_map(|a| required_of(a))
            .next()
            .unwrap_or("params");
        return Err(Error::validation(
            path.key(first).text(),
            format!("one of {} is required", crate::text::join(&options, " or ")),
        ));
    }
    Ok(())
}

/// The required field names of an object schema.
fn required_of(s: &Schema) -> Vec<&'static str> {
    match &s.kind {
        Kind::Object(o) => o
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect(),
        _ => Vec::new(),
    }
}

fn not_in_list(path: &Path<'_>, text: &str, values: &[&str]) -> Error {
    let path = path.text();
    // The last segment of the path (after its last `.` or `]`, both ASCII).
    let field = match path.bytes().rposition(|b| b == b'.' || b == b']') {
        Some(i) => &path[i + 1..],
        None => &path[..],
    };
    let hints = || super::value_hints().iter();
    let hint = hints()
        .find(|(f, v, _)| *f == field && *v == text)
        .map(|(_, _, s)| format!(" (try {})", formats::quote(s)))
        .or_else(|| {
            // A field's "*" hint is a sentence for any other value.
            hints()
                .find(|(f, v, _)| *f == field && *v == "*")
                .map(|(_, _, s)| format!("; {s}"))
        })
        .unwrap_or_default();
    let message = if values.len() <= 12 {
        let list: Vec<String> = values.iter().map(|v| formats::quote(v)).collect();
        format!(
            "must be one of {} (got {}){hint}",
            crate::text::join(&list, ", "),
            formats::quote(text)
        )
    } else {
        format!(
            "{} is not in the API's list of {} accepted values{hint}",
            formats::quote(text),
            values.len()
        )
    };
    Error::validation(path, message)
}

/// A bound for messages: integers without a fraction, others in JSON's shortest form.
fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).to_string()
    } else {
        serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string())
    }
}

fn range_message(min: f64, max: f64, got: &serde_json::Number) -> String {
    match (min.is_finite(), max.is_finite()) {
        (true, true) => format!(
            "must be between {} and {} (got {got})",
            fmt_num(min),
            fmt_num(max)
        ),
        (true, false) => format!("must be at least {} (got {got})", fmt_num(min)),
        _ => format!("must be at most {} (got {got})", fmt_num(max)),
    }
}

fn count_message(min: u32, max: u32, got: usize, what: &str) -> String {
    if max == u32::MAX {
        format!("must hold at least {min} {what}(s) (got {got})")
    } else {
        format!("must hold {min} to {max} {what}s (got {got})")
    }
}

fn present(map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

/// The value at a dotted path (`campaign_schedule.start_date`).
fn at_path<'v>(map: &'v Map<String, Value>, dotted: &str) -> Option<&'v Value> {
    let mut parts = dotted.split('.');
    let mut cur = map.get(parts.next()?)?;
    for p in parts {
        cur = cur.as_object()?.get(p)?;
    }
    Some(cur)
}

fn check_rule(rule: &Rule, params: &Map<String, Value>) -> Result<()> {
    match rule {
        Rule::ExactlyOne(fields) | Rule::AtMostOne(fields) => {
            let set: Vec<&str> = fields
                .iter()
                .copied()
                .filter(|f| present(params, f))
                .collect();
            let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            let list = crate::text::join(&quoted, " or ");
            if set.len() > 1 {
                return Err(Error::validation(
                    set[1],
                    format!("set only one of {list}, not both"),
                ));
            }
            if set.is_empty() && matches!(rule, Rule::ExactlyOne(_)) {
                return Err(Error::validation(
                    fields[0],
                    format!("one of {list} is required"),
                ));
            }
            Ok(())
        }
        Rule::Requires(field, others, message) => {
            if present(params, field) && !others.iter().any(|o| present(params, o)) {
                return Err(Error::validation(*field, *message));
            }
            Ok(())
        }
        Rule::NotBefore(start, end) => {
            let date = |p: &str| {
                at_path(params, p)
                    .and_then(Value::as_str)
                    .filter(|s| s.len() >= 10 && s.is_char_boundary(10))
                    .map(|s| &s[..10])
            };
            if let (Some(a), Some(b)) = (date(start), date(end)) {
                if b < a {
                    return Err(Error::validation(
                        *end,
                        format!("must not be before `{start}` ({b} < {a})"),
                    ));
                }
            }
            Ok(())
        }
        Rule::NotNull(field, message) => match params.get(*field) {
            Some(Value::Null) => Err(Error::validation(*field, *message)),
            _ => Ok(()),
        },
        Rule::LeadIdentity(array, campaign_field) => {
            let in_campaign = present(params, campaign_field);
            let Some(Value::Array(leads)) = params.get(*array) else {
                return Ok(());
            };
            for (i, lead) in leads.iter().enumerate() {
                let Some(lead) = lead.as_object() else {
                    continue;
                };
                lead_identity(lead, in_campaign, &format!("{array}[{i}]"), campaign_field)?;
            }
            Ok(())
        }
        Rule::OneLeadIdentity(campaign_field) => {
            let in_campaign = present(params, campaign_field);
            lead_identity(params, in_campaign, "", campaign_field)
        }
        Rule::HeaderMap(field) => {
            let Some(Value::Object(headers)) = params.get(*field) else {
                return Ok(());
            };
            for (name, value) in headers {
                let token = !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
                if !token {
                    return Err(Error::validation(
                        format!("{field}.{name}"),
                        "is not a valid HTTP header name",
                    ));
                }
                let ok = value
                    .as_str()
                    .is_some_and(|v| !v.chars().any(|c| c == '\r' || c == '\n' || c == '\0'));
                if !ok {
                    return Err(Error::validation(
                        format!("{field}.{name}"),
                        "must be a single-line string",
                    ));
                }
            }
            Ok(())
        }
    }
}

/// One lead is identifiable: an `email` in campaign mode, else an `email`, `first_name` or
/// `last_name`. `at` is the lead's path (empty: the params themselves).
pub fn lead_identity(
    lead: &Map<String, Value>,
    in_campaign: bool,
    at: &str,
    campaign_field: &str,
) -> Result<()> {
    let filled = |k: &str| {
        lead.get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    let email = || Path::Text(at).key("email").text();
    if in_campaign && !filled("email") {
        return Err(Error::validation(
            email(),
            format!("is required when adding leads to a campaign (`{campaign_field}`)"),
        ));
    }
    if !in_campaign
        && !["email", "first_name", "last_name"]
            .iter()
            .any(|k| filled(k))
    {
        return Err(Error::validation(
            if at.is_empty() {
                email()
            } else {
                at.to_string()
            },
            "needs an email, first_name or last_name",
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
