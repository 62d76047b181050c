//! Custom tags attached to accounts and campaigns.

use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{self, existing};
use crate::generic::{Answer, Req};
use crate::ids::{new_uuid, now_iso};
use crate::state::{Field, Store};
use serde_json::{json, Value};

/// The collection of tag ↔ resource mappings (`GET /custom-tag-mappings`).
pub const MAPPINGS: &str = "custom-tag-mappings";

/// `POST /custom-tags/toggle-resource`: assigns (or removes) every tag on
/// every resource. Tags must exist; resources are accounts (type 1, by
/// email) or campaigns (type 2, by id) and must exist too.
pub fn toggle_resource(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let strings = |k: &str| -> Vec<String> {
        req.field(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    let tags = strings("tag_ids");
    for t in &tags {
        existing(ws, "custom-tags", t)?;
    }
    let resource_type = req
        .field("resource_type")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let coll = if resource_type == 1 {
        "accounts"
    } else {
        "campaigns"
    };
    let excluded = strings("excluded_resource_ids");
    let resources: Vec<String> = if req.field("selected_all") == Some(&Value::Bool(true)) {
        match coll {
            "campaigns" => ws.campaigns.keys().cloned().collect(),
            _ => ws
                .coll_ref(coll)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default(),
        }
    } else {
        strings("resource_ids")
    };
    let resources: Vec<String> = resources
        .into_iter()
        .filter(|r| !excluded.contains(r))
        .collect();
    if resources.is_empty() {
        return Err(ApiError::bad_request(
            "body must have required property 'resource_ids'",
        ));
    }
    // Accounts are named by email; a mapping records the account's internal
    // id (the spec types resource_id as a uuid) and the email it was given.
    let mut targets = Vec::new();
    for r in &resources {
        let rec = existing(ws, coll, r)?;
        let id = rec
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or(r)
            .to_string();
        targets.push((id, r.to_ascii_lowercase()));
    }
    let assign = req.field("assign") == Some(&Value::Bool(true));
    let mappings = ws.coll(MAPPINGS);
    for tag in &tags {
        for (r, resource_key) in &targets {
            let found = mappings
                .iter()
                .find(|(_, m)| *m.f("tag_id") == json!(tag) && *m.f("resource_id") == json!(r))
                .map(|(k, _)| k.clone());
            match (assign, found) {
                (true, None) => {
                    let id = new_uuid();
                    let m = json!({
                        "id": id,
                        "tag_id": tag,
                        "resource_id": r,
                        "resource_type": resource_type,
                        "timestamp_created": now_iso(),
                        "organization_id": req.ws_id,
                        "resource_key": resource_key,
                    });
                    mappings.insert(id, m.as_object().cloned().unwrap_or_default());
                }
                (false, Some(k)) => {
                    mappings.remove(&k);
                }
                _ => {}
            }
        }
    }
    Ok(Answer::Json(json!({ "success": true })))
}

/// The block list.
pub const BLOCK_LIST: &str = "block-lists-entries";
/// Lead labels.
pub const LABELS: &str = "lead-labels";

/// A block-list entry for `value` (an email, or a domain when there is no `@`).
fn block_entry(ws: &crate::state::Workspace, value: &str) -> serde_json::Map<String, Value> {
    let mut body = serde_json::Map::new();
    body.insert("bl_value".into(), json!(value.trim().to_ascii_lowercase()));
    let mut rec = records::build(ws, BLOCK_LIST, &body);
    rec.insert("is_domain".into(), json!(!value.contains('@')));
    rec
}

/// True when `email` or its domain is on the workspace's block list.
pub fn blocked(ws: &crate::state::Workspace, email: &str) -> bool {
    let email = email.trim().to_ascii_lowercase();
    let domain = email.split('@').nth(1).unwrap_or_default().to_string();
    ws.coll_ref(BLOCK_LIST).is_some_and(|m| {
        m.values().any(|e| {
            let v = e.f("bl_value").as_str().unwrap_or_default();
            v == email || (*e.f("is_domain") == json!(true) && v == domain)
        })
    })
}

/// `POST /block-lists-entries`: one entry (a second one for the same value
/// answers 409).
pub fn block_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let value = req.str_field("bl_value").unwrap_or_default();
    let exists = ws.coll_ref(BLOCK_LIST).is_some_and(|m| {
        m.values()
            .any(|e| *e.f("bl_value") == json!(value.trim().to_ascii_lowercase()))
    });
    if exists {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            format!("{value} is already blocked"),
        ));
    }
    let rec = block_entry(ws, value);
    let out = records::project(req.op.schema.as_ref(), &rec);
    records::store(ws, BLOCK_LIST, rec);
    Ok(Answer::Json(out))
}

/// `POST /block-lists-entries/bulk-create`: entries for the new values;
/// values already blocked or empty count as invalid.
pub fn block_bulk_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let mut items = Vec::new();
    let mut invalid = 0;
    for v in req
        .field("bl_values")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let taken = ws.coll_ref(BLOCK_LIST).is_some_and(|m| {
            m.values()
                .any(|e| *e.f("bl_value") == json!(v.trim().to_ascii_lowercase()))
        });
        if v.trim().is_empty() || taken {
            invalid += 1;
            continue;
        }
        let rec = block_entry(ws, v);
        items.push(Value::Object(rec.clone()));
        records::store(ws, BLOCK_LIST, rec);
    }
    Ok(Answer::Json(json!({
        "items": items, "valid_count": items.len(), "invalid_count": invalid,
    })))
}

/// `POST /block-lists-entries/bulk-delete`: deletes the entries with these
/// ids and answers them.
pub fn block_bulk_delete(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let gone: Vec<Value> = req
        .field("ids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|id| ws.coll(BLOCK_LIST).remove(id))
        .map(Value::Object)
        .collect();
    Ok(Answer::Json(Value::Array(gone)))
}

/// `GET /block-lists-entries/download`: the entries as CSV.
pub fn block_download(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let keep = records::filter_of(ws, BLOCK_LIST, &req.query);
    let mut csv = String::from("Blocked Email,Date\r\n");
    for e in ws
        .coll_ref(BLOCK_LIST)
        .into_iter()
        .flatten()
        .map(|(_, e)| e)
        .filter(|e| keep(e))
    {
        csv.push_str(&format!(
            "{},{}\r\n",
            e.f("bl_value").as_str().unwrap_or_default(),
            e.f("timestamp_created").as_str().unwrap_or_default()
        ));
    }
    Ok(Answer::Csv(csv))
}

/// `POST /lead-labels`: a label gets the next free interest value on its
/// side: positive labels 5, 6, ...; negative ones -5, -6, ...; neutral ones
/// 1001, 1002, ... (the built-in statuses keep -4..4).
pub fn label_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let mut rec = records::build(ws, LABELS, &req.body_map());
    let kind = req.str_field("interest_status_label").unwrap_or("neutral");
    let taken: Vec<i64> = ws
        .coll_ref(LABELS)
        .into_iter()
        .flatten()
        .filter_map(|(_, l)| l.f("interest_status").as_i64())
        .collect();
    let (start, step) = match kind {
        "positive" => (5, 1),
        "negative" => (-5, -1),
        _ => (1001, 1),
    };
    let mut value = start;
    while taken.contains(&value) {
        value += step;
    }
    rec.insert("interest_status".into(), json!(value));
    let out = records::project(req.op.schema.as_ref(), &rec);
    records::store(ws, LABELS, rec);
    Ok(Answer::Json(out))
}

/// The label of a custom interest value, if the workspace has one.
pub fn label_of(ws: &crate::state::Workspace, value: i64) -> Option<String> {
    ws.coll_ref(LABELS)?
        .values()
        .find(|l| l.f("interest_status").as_i64() == Some(value))
        .and_then(|l| l.f("label").as_str())
        .map(str::to_string)
}

/// `POST /lead-labels/ai-reply-label`: a keyword classifier standing in for
/// the AI: the label (custom ones first) whose name or description a word of
/// the reply matches, else Out of Office for auto-replies, Not Interested
/// for refusals and Interested otherwise.
pub fn ai_reply_label(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let text = req
        .str_field("reply_text")
        .unwrap_or_default()
        .to_lowercase();
    let labels: Vec<&serde_json::Map<String, Value>> = ws
        .coll_ref(LABELS)
        .into_iter()
        .flatten()
        .map(|(_, l)| l)
        .collect();
    let custom = labels.iter().find(|l| {
        [l.f("label").as_str(), l.f("description").as_str()]
            .into_iter()
            .flatten()
            .any(|t| {
                t.split_whitespace()
                    .any(|w| w.len() > 3 && text.contains(&w.to_lowercase()))
            })
    });
    let label = match custom {
        Some(l) => l.f("label").as_str().unwrap_or_default().to_string(),
        None if ["out of office", "vacation", "away until"]
            .iter()
            .any(|w| text.contains(w)) =>
        {
            "Out of Office".into()
        }
        None if ["not interested", "unsubscribe", "no thanks", "remove me"]
            .iter()
            .any(|w| text.contains(w)) =>
        {
            "Not Interested".into()
        }
        None => "Interested".into(),
    };
    let considered: Vec<Value> = labels
        .iter()
        .filter(|l| *l.f("use_with_ai") != json!(false))
        .map(|l| l.f("label").clone())
        .collect();
    let out = json!({ "result": label, "custom_labels_considered": considered });
    Ok(Answer::Json(records::project(
        req.op.schema.as_ref(),
        &out.as_object().cloned().unwrap_or_default(),
    )))
}
