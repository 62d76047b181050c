//! One lead of an import, and the bulk-add answer: JSON checked and read through the operation
//! table, with no model of its own.
//!
//! A lead is the JSON object an item of `POST /leads/add`'s `leads` is (the spec's
//! `LeadBulkAddParamsLeadsItem`; Rust callers can build it from that generated model). It is
//! checked against the table's schema for that item, strictly: an unknown key is an error
//! naming the field that was meant, a wrong type or a malformed email names the field. The
//! answer is read leniently: only the counters and the created leads the report needs, each
//! absent, `null` or oddly typed value counting as nothing (api-notes §7).

use crate::engine::path::Path;
use crate::engine::table::{Kind, Operation, Schema};
use crate::error::{Error, Result};
use crate::models::ImportServerCounts;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// One lead: the JSON object `POST /leads/add` takes as an item of `leads`.
pub type Lead = Map<String, Value>;

/// The bulk-add operation and the schema of one item of its `leads`, found in the table once
/// (every lead of an import is checked against it).
pub(crate) fn bulk_add() -> Result<(&'static Operation, &'static Schema)> {
    static FOUND: std::sync::OnceLock<Option<(&'static Operation, &'static Schema)>> =
        std::sync::OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let op = crate::engine::operation("leads.bulkAdd")?;
        let item = op
            .body
            .and_then(|b| b.fields.iter().find(|f| f.name == "leads"))
            .and_then(|f| match &f.schema.kind {
                Kind::Array(a) => Some(a.items),
                _ => None,
            })?;
        Some((op, item))
    });
    found.ok_or_else(|| Error::validation("leads", "the operation table has no lead schema"))
}

/// Checks `lead`'s fields as `POST /leads/add` checks an item of `leads`: unknown keys (with
/// the field that was meant), types, formats, closed lists. Fields are named from `at`: `email`
/// for `""`, `[3].email` for `"[3]"`.
pub fn check_lead(lead: &Lead, at: &str) -> Result<()> {
    let (op, item) = bulk_add()?;
    each_field(item, lead, at, |schema, value, path| {
        crate::engine::check_value_at(schema, value, path, op)
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
            Err(Error::validation(
                path.text(),
                format!("must be {expected}"),
            ))
        }
    })
}

/// Runs `check` on each field of `lead` the lead schema declares; an undeclared key is an
/// error naming the closest field.
fn each_field(
    item: &Schema,
    lead: &Lead,
    at: &str,
    check: impl Fn(&Schema, &Value, &Path<'_>) -> Result<()>,
) -> Result<()> {
    let Kind::Object(o) = &item.kind else {
        return Ok(());
    };
    let at = Path::Text(at);
    for (key, value) in lead {
        let path = at.key(key);
        match o.fields.iter().find(|f| f.name == key) {
            Some(f) => check(f.schema, value, &path)?,
            None => {
                let names: Vec<&str> = o.fields.iter().map(|f| f.name).collect();
                let hint = crate::engine::suggest(key, &names, &[]);
                let mut message = format!("unknown field `{key}` in a lead");
                if let Some(h) = hint {
                    message.push_str(&format!("; did you mean `{h}`?"));
                }
                let mut e = Error::new(crate::error::ErrorKind::Validation, message);
                e.field = Some(path.text());
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

/// The body of one `POST /leads/add` request: the settings' fields (`base`), then the leads at
/// the positions `chunk` names, written from references (no lead is copied).
pub(crate) fn chunk_body(base: &Map<String, Value>, leads: &[Lead], chunk: &[usize]) -> Vec<u8> {
    let body = ChunkBody { base, leads, chunk };
    // Writing JSON values cannot fail (their keys are strings; `chunk_body_props` below checks
    // it on arbitrary values).
    serde_json::to_vec(&body).unwrap_or_default()
}

struct ChunkBody<'a> {
    base: &'a Map<String, Value>,
    leads: &'a [Lead],
    chunk: &'a [usize],
}

impl Serialize for ChunkBody<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (key, value) in self.base {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("leads", &ChunkLeads(self.leads, self.chunk))?;
        map.end()
    }
}

struct ChunkLeads<'a>(&'a [Lead], &'a [usize]);

impl Serialize for ChunkLeads<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().filter_map(|&i| self.0.get(i)))
    }
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

    #[test]
    fn a_chunk_body_is_the_request_prepare_builds_from_the_same_params() {
        let op = crate::engine::engine_op("leads.bulkAdd").unwrap();
        let leads: Vec<Lead> = (0..5)
            .map(|i| {
                lead(
                    json!({ "email": format!("l{i}@example.com"), "custom_variables": { "n": i } }),
                )
            })
            .collect();
        let chunk = [4, 0, 2];
        // Settings whose keys sort before `leads`, after it, and both.
        let bases = [
            json!({ "campaign_id": "0190b5a0-0000-7000-8000-000000000001" }),
            json!({ "list_id": "0190b5a0-0000-7000-8000-000000000001", "verify_leads_on_import": true }),
            json!({ "campaign_id": "0190b5a0-0000-7000-8000-000000000001", "assigned_to": "0190b5a0-0000-7000-8000-000000000002", "skip_if_in_workspace": false }),
        ];
        for base in bases {
            let base = base.as_object().unwrap().clone();
            let mut params = base.clone();
            let sent = chunk.iter().map(|&i| Value::Object(leads[i].clone()));
            params.insert("leads".into(), Value::Array(sent.collect()));
            let mut prepared = crate::engine::prepare(op, &[], Value::Object(params)).unwrap();
            let mut checked =
                crate::engine::checked_body_request(op, chunk_body(&base, &leads, &chunk)).unwrap();
            // The same JSON, whatever the order of its keys.
            let body = |r: &mut crate::http::ApiRequest| -> Value {
                serde_json::from_slice(&r.body.take().unwrap()).unwrap()
            };
            assert_eq!(body(&mut checked), body(&mut prepared));
            assert_eq!(checked, prepared);
        }
    }

    #[test]
    fn only_an_operation_with_a_body_alone_takes_a_checked_body() {
        let mut taken = 0;
        for op in crate::engine::operations() {
            let r = crate::engine::checked_body_request(op, b"{}".to_vec());
            if !op.query.is_empty() || op.body.is_none() {
                let e = r.unwrap_err();
                assert!(
                    e.message.contains("does not take a body alone"),
                    "{}: {e}",
                    op.call
                );
            } else if let Ok(req) = r {
                taken += 1;
                assert_eq!((req.method, req.path.as_str()), (op.method, op.path));
                assert_eq!(req.body.as_deref(), Some(&b"{}"[..]));
            } else {
                // Its path needs values: `path` refuses it.
                assert!(op.path.contains('{'), "{}", op.call);
            }
        }
        assert!(taken > 10, "{taken}");
    }
}

/// `chunk_body` writes any settings and leads: "cannot fail" checked on arbitrary JSON, since a
/// failure would send an empty body.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod chunk_body_props {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        jsonprop::json_value(3, 24, 4)
    }

    fn object() -> impl Strategy<Value = Map<String, Value>> {
        prop::collection::btree_map(".{0,8}", json_value(), 0..5)
            .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #[test]
        fn a_chunk_body_is_the_settings_plus_the_chosen_leads(
            base in object().prop_map(|mut m| { m.remove("leads"); m }),
            leads in prop::collection::vec(object(), 1..6),
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let chunk: Vec<usize> = picks.iter().map(|p| p.index(leads.len())).collect();
            let body = chunk_body(&base, &leads, &chunk);
            let parsed: Value = serde_json::from_slice(&body).expect("the body is JSON");
            let mut want = base.clone();
            let sent = chunk.iter().map(|&i| Value::Object(leads[i].clone()));
            want.insert("leads".into(), Value::Array(sent.collect()));
            prop_assert_eq!(parsed, Value::Object(want));
        }
    }
}
