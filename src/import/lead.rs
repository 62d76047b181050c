//! One lead of an import, and the bulk-add answer: JSON checked and read through the operation
//! table, with no model of its own.
//!
//! A lead is the JSON object an item of `POST /leads/add`'s `leads` is (the spec's
//! `LeadBulkAddParamsLeadsItem`; Rust callers can build it from that generated model). It is
//! checked against the table's schema for that item, strictly: an unknown key is an error
//! naming the field that was meant, a wrong type or a malformed email names the field. The
//! answer is read leniently: only the counters and the created leads the report needs, each
//! absent, `null` or oddly typed value counting as nothing (api-notes §7).

use crate::engine::table::{Kind, Operation, Schema};
use crate::error::{Error, Result};
use crate::models::ImportServerCounts;
use serde_json::{Map, Value};

/// One lead: the JSON object `POST /leads/add` takes as an item of `leads`.
pub type Lead = Map<String, Value>;

/// The bulk-add operation and the schema of one item of its `leads`.
pub(crate) fn bulk_add() -> Result<(&'static Operation, &'static Schema)> {
    let op = crate::engine::engine_op("leads.bulkAdd")?;
    let item = op
        .body
        .and_then(|b| b.fields.iter().find(|f| f.name == "leads"))
        .and_then(|f| match &f.schema.kind {
            Kind::Array(a) => Some(a.items),
            _ => None,
        })
        .ok_or_else(|| Error::validation("leads", "the operation table has no lead schema"))?;
    Ok((op, item))
}

/// Checks `lead`'s fields as `POST /leads/add` checks an item of `leads`: unknown keys (with
/// the field that was meant), types, formats, closed lists. Fields are named from `at`: `email`
/// for `""`, `[3].email` for `"[3]"`.
pub fn check_lead(lead: &Lead, at: &str) -> Result<()> {
    let (op, item) = bulk_add()?;
    each_field(item, lead, at, |schema, value, path| {
        crate::engine::check_value(schema, value, path, op)
    })
}

/// Checks only the shape of `lead`: every key is a field of a lead and every value has that
/// field's JSON type (`null` passes). An array of leads is checked this way before an import
/// sends anything, so a typo in every row fails the call instead of rejecting every row; a
/// malformed value is a rejected row.
pub fn check_lead_shape(lead: &Lead, at: &str) -> Result<()> {
    let (_, item) = bulk_add()?;
    each_field(item, lead, at, |schema, value, path| {
        if value.is_null() || crate::engine::type_fits(schema, value) {
            Ok(())
        } else {
            let expected = crate::engine::kind_name(&schema.kind);
            Err(Error::validation(path, format!("must be {expected}")))
        }
    })
}

/// Runs `check` on each field of `lead` the lead schema declares; an undeclared key is an
/// error naming the closest field.
fn each_field(
    item: &Schema,
    lead: &Lead,
    at: &str,
    check: impl Fn(&Schema, &Value, &str) -> Result<()>,
) -> Result<()> {
    let Kind::Object(o) = &item.kind else {
        return Ok(());
    };
    for (key, value) in lead {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        match o.fields.iter().find(|f| f.name == key) {
            Some(f) => check(f.schema, value, &path)?,
            None => {
                let hint = crate::engine::suggest(key, o.fields.iter().map(|f| f.name), &[]);
                let mut message = format!("unknown field `{key}` in a lead");
                if let Some(h) = hint {
                    message.push_str(&format!("; did you mean `{h}`?"));
                }
                let mut e = Error::new(crate::error::ErrorKind::Validation, message);
                e.field = Some(path);
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Checks `lead` can be identified: with an `email` in a campaign, else with an `email`,
/// `first_name` or `last_name`.
pub(crate) fn identity(lead: &Lead, in_campaign: bool) -> Result<()> {
    crate::engine::lead_identity(lead, in_campaign, "", "campaign_id")
}

/// The lead's email, when it has one.
pub(crate) fn email(lead: &Lead) -> Option<&str> {
    lead.get("email").and_then(Value::as_str)
}

/// What the import reads of one `POST /leads/add` answer.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct BulkAnswer {
    /// The counters.
    pub counts: ImportServerCounts,
    /// `(index in the request, lead id)` of each created lead.
    pub created: Vec<(i64, String)>,
}

/// Reads an answer leniently: a counter that is absent, `null` or not an integer counts 0; a
/// created lead without an integer `index` or a string `id` is not counted as created.
pub(crate) fn read_answer(answer: &Value) -> BulkAnswer {
    let count = |k: &str| answer.get(k).and_then(Value::as_i64).unwrap_or(0);
    let counts = ImportServerCounts {
        uploaded: count("leads_uploaded"),
        duplicated: count("duplicated_leads"),
        invalid_email: count("invalid_email_count"),
        in_blocklist: count("in_blocklist"),
        skipped: count("skipped_count"),
        incomplete: count("incomplete_count"),
        duplicate_email: count("duplicate_email_count"),
        remaining_in_plan: answer.get("remaining_in_plan").and_then(Value::as_i64),
    };
    let created = answer
        .get("created_leads")
        .and_then(Value::as_array)
        .map(|leads| {
            leads
                .iter()
                .filter_map(|c| {
                    let index = c.get("index")?.as_i64()?;
                    let id = c.get("id")?.as_str()?;
                    Some((index, id.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    BulkAnswer { counts, created }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lead(v: Value) -> Lead {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn a_lead_is_checked_field_by_field_with_the_path_given() {
        check_lead(
            &lead(json!({ "email": "a@b.co", "first_name": "A", "custom_variables": { "x": 1 } })),
            "",
        )
        .unwrap();
        let e = check_lead(&lead(json!({ "emial": "a@b.co" })), "").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("emial"));
        assert!(e.message.contains("did you mean `email`?"), "{}", e.message);
        let e = check_lead(&lead(json!({ "email": "not an email" })), "[3]").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("[3].email"));
        let e = check_lead(&lead(json!({ "first_name": 7 })), "").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("first_name"));
    }

    #[test]
    fn the_shape_check_names_typos_and_wrong_types_only() {
        check_lead_shape(
            &lead(json!({ "email": "not an email", "phone": null })),
            "[0]",
        )
        .unwrap();
        let e = check_lead_shape(&lead(json!({ "emial": "a@b.co" })), "[2]").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("[2].emial"));
        assert!(e.message.contains("did you mean `email`?"), "{}", e.message);
        let e = check_lead_shape(&lead(json!({ "first_name": ["A"] })), "[1]").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("[1].first_name"));
        assert_eq!(e.message, "[1].first_name: must be a string");
        let e = check_lead_shape(&lead(json!({ "custom_variables": "x" })), "").unwrap_err();
        assert_eq!(e.message, "custom_variables: must be an object");
    }

    #[test]
    fn identity_depends_on_the_target() {
        identity(&lead(json!({ "first_name": "A" })), false).unwrap();
        let e = identity(&lead(json!({ "first_name": "A" })), true).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("email"));
        let e = identity(&lead(json!({ "company_name": "X" })), false).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("email"));
        identity(&lead(json!({ "email": "a@b.co" })), true).unwrap();
    }

    #[test]
    fn answers_are_read_leniently() {
        let a = read_answer(&json!({
            "status": "success",
            "leads_uploaded": 2,
            "duplicated_leads": 1,
            "invalid_email_count": 3,
            "in_blocklist": 4,
            "skipped_count": 5,
            "incomplete_count": 6,
            "duplicate_email_count": 7,
            "remaining_in_plan": 8,
            "created_leads": [
                { "index": 0, "id": "a" },
                { "index": "1", "id": "b" },
                { "index": 2 },
                { "index": 3, "id": "d" }
            ]
        }));
        let c = &a.counts;
        assert_eq!(
            (c.uploaded, c.duplicated, c.invalid_email, c.in_blocklist),
            (2, 1, 3, 4)
        );
        assert_eq!(
            (
                c.skipped,
                c.incomplete,
                c.duplicate_email,
                c.remaining_in_plan
            ),
            (5, 6, 7, Some(8))
        );
        assert_eq!(a.created, vec![(0, "a".into()), (3, "d".into())]);
        assert_eq!(
            read_answer(&json!({ "leads_uploaded": null })),
            BulkAnswer::default()
        );
        assert_eq!(read_answer(&json!([])), BulkAnswer::default());
    }
}
