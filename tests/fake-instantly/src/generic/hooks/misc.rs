//! OAuth sessions, email verification, inbox placement tests (with their
//! analytics and reports), done-for-you account orders and SuperSearch
//! enrichments.

use super::{json_of, projected};
use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{self, existing, project};
use crate::generic::{synthesized, Answer, Req};
use crate::ids::{is_valid_email, iso, new_uuid, now_iso, today};
use crate::state::{Field, Store, Workspace};
use chrono::Utc;
use serde_json::{json, Map, Value};
use std::time::Duration;

/// OAuth sessions (`/oauth/session/status/{sessionId}`).
pub const OAUTH: &str = "oauth/session/status";
/// Email verifications, keyed by email.
pub const VERIFICATIONS: &str = "email-verification";
/// Inbox placement tests, their analytics rows and reports.
pub const TESTS: &str = "inbox-placement-tests";
pub const PLACEMENT: &str = "inbox-placement-analytics";
pub const REPORTS: &str = "inbox-placement-reports";
/// DFY orders (one record per ordered domain).
pub const ORDERS: &str = "dfy-email-account-orders";
/// SuperSearch enrichments, keyed by the enriched resource (list or campaign).
pub const ENRICHMENTS: &str = "supersearch-enrichment";
/// AI enrichments and enrichment runs.
pub const AI_ENRICHMENTS: &str = "supersearch-ai-enrichments";
pub const RUNS: &str = "supersearch-enrichment-runs";

/// `POST /oauth/google/init` and `/microsoft/init`: a pending session that
/// expires after ten minutes.
pub fn oauth_init(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let id = new_uuid().replace('-', "");
    let provider = if req.op.route.contains("google") {
        "google"
    } else {
        "microsoft"
    };
    let expires = iso(Utc::now() + chrono::Duration::minutes(10));
    let url = match provider {
        "google" => format!("https://accounts.google.com/o/oauth2/auth?state={id}"),
        _ => format!("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?state={id}"),
    };
    let rec = json_of(
        json!({"session_id": id, "auth_url": url, "expires_at": expires, "status": "pending"}),
    );
    ws.coll(OAUTH).insert(id.clone(), rec.clone());
    Ok(projected(req, &rec))
}

/// `GET /oauth/session/status/{sessionId}`: pending until it expires (the
/// fake has no browser to complete the consent).
pub fn oauth_status(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let mut rec = existing(ws, OAUTH, req.param("sessionId"))?;
    let expired = rec
        .f("expires_at")
        .as_str()
        .and_then(|e| chrono::DateTime::parse_from_rfc3339(e).ok())
        .is_some_and(|e| e < Utc::now());
    if expired {
        rec.insert("status".into(), json!("expired"));
    }
    Ok(projected(req, &rec))
}

/// `POST /email-verification`: answers `pending`; one `job_step_ms` later
/// the verification is `verified` (or `invalid` for a malformed address).
pub fn verify(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let (generation, step) = (s.generation, s.config.job_step_ms);
    let ws = s.ws(&req.ws_id);
    let email = req.str_field("email").unwrap_or_default().to_string();
    let mut rec = records::build(ws, VERIFICATIONS, &req.body_map());
    rec.insert("status".into(), json!("success"));
    rec.insert("verification_status".into(), json!("pending"));
    rec.insert("catch_all".into(), json!("pending"));
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, VERIFICATIONS, rec);
    let (app, ws_id) = (req.app.clone(), req.ws_id.clone());
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(step)).await;
        let mut s = app.lock();
        if s.generation != generation {
            return;
        }
        let key = email.trim().to_ascii_lowercase();
        if let Some(r) = s.ws(&ws_id).coll(VERIFICATIONS).get_mut(&key) {
            let ok = is_valid_email(&email);
            r.insert(
                "verification_status".into(),
                json!(if ok { "verified" } else { "invalid" }),
            );
            r.insert("catch_all".into(), json!(false));
        }
    });
    Ok(Answer::Json(out))
}

/// `POST /inbox-placement-tests`: the test plus, as if it had run once, one
/// analytics row per sending account (landed in the inbox) and a
/// blacklist/SpamAssassin report for the first sender's domain.
pub fn placement_test(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    if let Some(c) = req.str_field("campaign_id") {
        if !ws.campaigns.contains_key(c) {
            return Err(ApiError::not_found("Campaign not found"));
        }
    }
    let mut rec = records::build(ws, TESTS, &req.body_map());
    rec.insert(
        "recipients".into(),
        json!(["seed1@gmail.com", "seed2@outlook.com"]),
    );
    rec.insert("status".into(), json!(1));
    let test_id = rec.f("id").as_str().unwrap_or_default().to_string();
    let senders: Vec<String> = req
        .field("emails")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let now = now_iso();
    for (i, sender) in senders.iter().enumerate() {
        let row = json_of(json!({
            "id": new_uuid(), "timestamp_created": now, "timestamp_created_date": today().to_string(),
            "organization_id": ws.id, "test_id": test_id, "is_spam": false, "has_category": false,
            "sender_email": sender, "sender_esp": 1, "recipient_email": format!("seed{}@gmail.com", i + 1),
            "recipient_esp": 1, "recipient_geo": 1, "recipient_type": 1, "spf_pass": true,
            "dkim_pass": true, "dmarc_pass": true, "record_type": 1,
        }));
        records::store(ws, PLACEMENT, row);
    }
    if let Some(first) = senders.first() {
        let domain = first.split('@').nth(1).unwrap_or(first);
        let report = json_of(json!({
            "id": new_uuid(), "timestamp_created": now, "timestamp_created_date": today().to_string(),
            "organization_id": ws.id, "test_id": test_id, "domain_blacklist_count": 0,
            "domain": domain, "domain_ip": "192.0.2.10", "domain_ip_blacklist_count": 0,
            "spam_assassin_score": 0.5, "spam_assassin_report": {}, "blacklist_report": {},
        }));
        records::store(ws, REPORTS, report);
    }
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, TESTS, rec);
    Ok(Answer::Json(out))
}

fn placement_rows<'a>(
    ws: &'a Workspace,
    test: &'a str,
) -> impl Iterator<Item = &'a Map<String, Value>> {
    ws.coll_ref(PLACEMENT)
        .into_iter()
        .flatten()
        .map(|(_, r)| r)
        .filter(move |r| r.f("test_id").as_str() == Some(test))
}

/// `POST /inbox-placement-analytics/stats-by-test-id`, `/stats-by-date` and
/// `/deliverability-insights`: counts over the tests' analytics rows (the
/// tests must exist).
pub fn placement_stats(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let tests: Vec<String> = match req.field("test_ids").and_then(Value::as_array) {
        Some(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        None => req
            .str_field("test_id")
            .map(str::to_string)
            .into_iter()
            .collect(),
    };
    for t in &tests {
        existing(ws, TESTS, t)?;
    }
    let item = records::item_schema(req.op.schema.as_ref());
    let pct = |n: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            n as f64 * 100.0 / of as f64
        }
    };
    let rows: Vec<Value> = tests
        .iter()
        .map(|t| {
            let all: Vec<_> = placement_rows(ws, t).collect();
            let spam = all.iter().filter(|r| *r.f("is_spam") == json!(true)).count();
            let category = all.iter().filter(|r| *r.f("has_category") == json!(true)).count();
            let inbox = all.len() - spam - category.min(all.len() - spam);
            let row = match req.op.route.as_str() {
                "/inbox-placement-analytics/stats-by-test-id" => json!({
                    "test_id": t, "count": all.len(), "spam_count": spam, "spam_percent": pct(spam, all.len()),
                    "inbox_count": inbox, "inbox_percent": pct(inbox, all.len()),
                    "category_count": category, "category_percent": pct(category, all.len()),
                }),
                "/inbox-placement-analytics/stats-by-date" => json!({
                    "timestamp_created_date": today().to_string(), "sent_count": all.len(),
                    "received_count": all.len(), "spam_count": spam, "inbox_count": inbox,
                    "category_count": category,
                }),
                _ => json!({"test_id": t, "spam_percentage": pct(spam, all.len())}),
            };
            project(item, &json_of(row))
        })
        .collect();
    Ok(Answer::Json(Value::Array(rows)))
}

/// `POST /dfy-email-account-orders`: validates the order (domains must look
/// like domains); a simulation places nothing, a real order stores one
/// order per domain.
pub fn dfy_order(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let items: Vec<Map<String, Value>> = req
        .field("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.as_object().cloned())
        .collect();
    let invalid: Vec<Value> = items
        .iter()
        .filter_map(|i| i.get("domain").and_then(Value::as_str))
        .filter(|d| !d.contains('.') || d.contains(char::is_whitespace))
        .map(|d| json!(d))
        .collect();
    let valid = invalid.is_empty() && !items.is_empty();
    let simulation = req.field("simulation") == Some(&Value::Bool(true));
    let placed = valid && !simulation;
    if placed {
        for i in &items {
            let mut rec = records::build(ws, ORDERS, i);
            rec.insert("workspace_id".into(), json!(ws.id));
            rec.insert(
                "domain".into(),
                i.get("domain").cloned().unwrap_or(json!("")),
            );
            rec.insert("timestamp_created".into(), json!(now_iso()));
            records::store(ws, ORDERS, rec);
        }
    }
    let mut out = synthesized(req.op);
    if let Value::Object(m) = &mut out {
        m.insert("order_placed".into(), json!(placed));
        m.insert("order_is_valid".into(), json!(valid));
        for k in [
            "unavailable_domains",
            "blacklist_domains",
            "blacklist_keywords",
        ] {
            if m.contains_key(k) {
                m.insert(k.into(), json!([]));
            }
        }
        if m.contains_key("invalid_domains") {
            m.insert("invalid_domains".into(), json!(invalid));
        }
        m.remove("order_error");
        m.remove("payment_failure_reason");
    }
    Ok(Answer::Json(out))
}

/// `GET /dfy-email-account-orders/accounts`: a mailbox per ordered domain.
pub fn dfy_accounts(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let mut accounts = crate::state::Records::new();
    for (id, o) in ws.coll_ref(ORDERS).into_iter().flatten() {
        if o.get("timestamp_cancelled").is_some_and(|c| !c.is_null()) {
            continue;
        }
        let domain = o.f("domain").as_str().unwrap_or_default();
        accounts.insert(
            id.clone(),
            json_of(json!({"id": id, "domain": domain, "email": format!("hello@{domain}"), "email_provider": 1})),
        );
    }
    Ok(Answer::Json(records::list_records(
        req,
        Some(&accounts),
        |_| true,
    )))
}

/// `POST /dfy-email-account-orders/accounts/cancel`: cancels the orders of
/// the given mailboxes' domains and answers them.
pub fn dfy_cancel(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let item = records::item_schema(req.op.schema.as_ref()).cloned();
    let mut out = Vec::new();
    for email in req
        .field("accounts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| {
            a.as_str()
                .or_else(|| a.get("email").and_then(Value::as_str))
        })
    {
        let domain = email.split('@').nth(1).unwrap_or(email).to_string();
        for (id, o) in ws.coll(ORDERS).iter_mut() {
            if o.f("domain").as_str() == Some(domain.as_str()) {
                o.insert("timestamp_cancelled".into(), json!(now_iso()));
                out.push(project(
                    item.as_ref(),
                    &json_of(
                        json!({"id": id, "domain": domain, "email": email, "email_provider": 1}),
                    ),
                ));
            }
        }
    }
    Ok(Answer::Json(json!({ "items": out })))
}

fn resource_exists(ws: &Workspace, id: &str) -> bool {
    ws.lead_lists.contains_key(id) || ws.campaigns.contains_key(id)
}

/// The SuperSearch enrichment operations: create (per list or campaign,
/// which must exist), read, settings, run and its history, AI enrichments.
pub fn enrichment(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let route = req.op.route.as_str();
    let resource = match req.op.method {
        "GET" | "PATCH" => req.param("resource_id").to_string(),
        _ => req.str_field("resource_id").unwrap_or_default().to_string(),
    };
    match route {
        "/supersearch-enrichment/" => {
            if !resource_exists(ws, &resource) {
                return Err(ApiError::not_found("Resource not found"));
            }
            let mut rec = records::build(ws, ENRICHMENTS, &req.body_map());
            let kind = req
                .str_field("type")
                .unwrap_or("work_email_enrichment")
                .to_string();
            rec.insert("id".into(), json!(new_uuid()));
            rec.insert("resource_id".into(), json!(resource));
            rec.insert(
                "resource_type".into(),
                json!(if ws.campaigns.contains_key(&resource) {
                    1
                } else {
                    2
                }),
            );
            rec.insert("enrichment_payload".into(), json!({ kind: true }));
            rec.insert("in_progress".into(), json!(false));
            records::store(ws, ENRICHMENTS, rec.clone());
            Ok(projected(req, &rec))
        }
        "/supersearch-enrichment/{resource_id}" => {
            let leads =
                ws.leads_in_list(&resource).count() + ws.leads_in_campaign(&resource).count();
            let rec = records::lookup(ws, ENRICHMENTS, &resource);
            let mut out = rec.clone().unwrap_or_default();
            out.insert("resource_id".into(), json!(resource));
            out.insert("exists".into(), json!(rec.is_some()));
            out.insert("in_progress".into(), json!(false));
            out.insert("has_no_leads".into(), json!(leads == 0));
            Ok(projected(req, &out))
        }
        "/supersearch-enrichment/{resource_id}/settings" => {
            let body = req.body_map();
            let key = resource.clone();
            let rec = ws
                .coll(ENRICHMENTS)
                .get_mut(&key)
                .ok_or_else(|| ApiError::not_found("Enrichment not found"))?;
            for (k, v) in body {
                rec.insert(k, v);
            }
            let rec = rec.clone();
            Ok(projected(req, &rec))
        }
        "/supersearch-enrichment/run" => {
            let rec = existing(ws, ENRICHMENTS, &resource)?;
            let run = json_of(json!({
                "id": new_uuid(), "resource_id": resource, "enrichment_payload": rec.get("enrichment_payload").cloned().unwrap_or(json!({})),
                "timestamp_created": now_iso(), "lead_ids": req.field("lead_ids").cloned().unwrap_or(json!([])),
            }));
            records::store(ws, RUNS, run.clone());
            Ok(projected(req, &run))
        }
        "/supersearch-enrichment/history/{resource_id}" => {
            let runs: Vec<Value> = ws
                .coll_ref(RUNS)
                .into_iter()
                .flatten()
                .filter(|(_, r)| r.f("resource_id").as_str() == Some(resource.as_str()))
                .map(|(_, r)| Value::Object(r.clone()))
                .collect();
            Ok(Answer::Json(Value::Array(runs)))
        }
        "/supersearch-enrichment/ai" => {
            if !resource_exists(ws, &resource) {
                return Err(ApiError::not_found("Resource not found"));
            }
            let mut rec = req.body_map();
            rec.insert("id".into(), json!(new_uuid()));
            rec.insert("organization_id".into(), json!(ws.id));
            rec.insert("status".into(), json!(1));
            let out = project(req.op.schema.as_ref(), &rec);
            records::store(ws, AI_ENRICHMENTS, rec);
            Ok(Answer::Json(out))
        }
        "/supersearch-enrichment/ai/{resource_id}/in-progress" => {
            let item = records::item_schema(req.op.schema.as_ref());
            let rows: Vec<Value> = ws
                .coll_ref(AI_ENRICHMENTS)
                .into_iter()
                .flatten()
                .filter(|(_, r)| r.f("resource_id").as_str() == Some(resource.as_str()))
                .map(|(_, r)| project(item, r))
                .collect();
            Ok(Answer::Json(Value::Array(rows)))
        }
        "/supersearch-enrichment/enrich-leads-from-supersearch" => {
            let list_id = match req.str_field("resource_id") {
                Some(id) if resource_exists(ws, id) => id.to_string(),
                Some(_) => return Err(ApiError::not_found("Resource not found")),
                None => {
                    let name = req.str_field("search_name").unwrap_or("SuperSearch leads");
                    let list = crate::lists::create_in(ws, &json_of(json!({ "name": name })));
                    list.f("id").as_str().unwrap_or_default().to_string()
                }
            };
            let mut rec = req.body_map();
            rec.insert("id".into(), json!(new_uuid()));
            rec.insert("organization_id".into(), json!(ws.id));
            rec.insert("resource_id".into(), json!(list_id));
            rec.insert("resource_type".into(), json!(2));
            let mut stored = records::build(ws, ENRICHMENTS, &rec);
            stored.insert("resource_id".into(), json!(list_id));
            stored.insert(
                "enrichment_payload".into(),
                json!({"work_email_enrichment": true}),
            );
            records::store(ws, ENRICHMENTS, stored);
            Ok(projected(req, &rec))
        }
        _ => Ok(Answer::Json(synthesized(req.op))),
    }
}
