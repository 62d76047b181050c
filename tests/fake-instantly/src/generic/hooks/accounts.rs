//! Sending accounts, keyed by email: creation, bulk pause, warmup jobs,
//! warmup and daily analytics derived from what the simulation sent, moves
//! between workspaces of one group, and which campaigns send from an account.

use super::json_of;
use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{self, existing, project};
use crate::generic::{Answer, Req};
use crate::ids::{new_object_id, new_uuid, now_iso, today};
use crate::jobs;
use crate::state::{ActivityKind, AppState, Field, Store, Workspace};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// The collection of accounts.
pub const ACCOUNTS: &str = "accounts";
/// Account `status`: active.
pub const ACTIVE: i64 = 1;
/// Account `status`: paused.
pub const PAUSED: i64 = 2;

/// The stored account with this email (case-insensitive).
pub fn account<'a>(ws: &'a Workspace, email: &str) -> Option<&'a Map<String, Value>> {
    ws.coll_ref(ACCOUNTS)?
        .get(&email.trim().to_ascii_lowercase())
}

/// True when the account exists and may send (not paused, not in error).
pub fn can_send(ws: &Workspace, email: &str) -> bool {
    account(ws, email).is_some_and(|a| a.get("status").and_then(Value::as_i64) == Some(ACTIVE))
}

/// Stores an active, warmed-up Google account (seeds and tests use it).
pub fn insert_account(ws: &mut Workspace, email: &str, first_name: &str, last_name: &str) {
    let body = json_of(json!({
        "email": email, "first_name": first_name, "last_name": last_name, "provider_code": 2,
    }));
    let mut rec = records::build(ws, ACCOUNTS, &body);
    rec.insert("id".into(), json!(new_uuid()));
    rec.insert("status".into(), json!(ACTIVE));
    rec.insert("warmup_status".into(), json!(1));
    records::store(ws, ACCOUNTS, rec);
}

/// `POST /accounts`: an active account with an internal id (custom tags map
/// accounts by it). An email already connected answers 409.
pub fn create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let body = req.body_map();
    let mut rec = records::build(ws, ACCOUNTS, &body);
    let email = req.str_field("email").unwrap_or_default();
    if account(ws, email).is_some() {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            format!("Account {email} already exists"),
        ));
    }
    rec.insert("id".into(), json!(new_uuid()));
    rec.insert("status".into(), json!(ACTIVE));
    let warmup_on = body
        .get("warmup")
        .and_then(|w| w.get("limit"))
        .is_some_and(|l| !l.is_null());
    rec.insert("warmup_status".into(), json!(i64::from(warmup_on)));
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, ACCOUNTS, rec);
    Ok(Answer::Json(out))
}

fn emails_of(req: &Req, key: &str) -> Vec<String> {
    req.field(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// `POST /accounts/pause`: pauses each account; unknown emails fail.
pub fn pause_many(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let (mut paused, mut failed) = (Vec::new(), Vec::new());
    for e in emails_of(req, "emails") {
        match ws.coll(ACCOUNTS).get_mut(&e.to_ascii_lowercase()) {
            Some(a) => {
                a.insert("status".into(), json!(PAUSED));
                a.insert("timestamp_updated".into(), json!(now_iso()));
                paused.push(json!(e));
            }
            None => failed.push(json!(e)),
        }
    }
    Ok(Answer::Json(
        json!({ "paused_emails": paused, "failed_emails": failed }),
    ))
}

/// `POST /accounts/warmup/enable|disable`: a background job that sets the
/// selected accounts' `warmup_status` (1 or 0) when it runs.
pub fn warmup(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let enable = req.op.route.ends_with("/enable");
    let ws = s.ws(&req.ws_id);
    let excluded: Vec<String> = emails_of(req, "excluded_emails")
        .iter()
        .map(|e| e.to_ascii_lowercase())
        .collect();
    let selected: Vec<String> = if req.field("include_all_emails") == Some(&Value::Bool(true)) {
        ws.coll_ref(ACCOUNTS)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    } else {
        emails_of(req, "emails")
            .iter()
            .map(|e| e.to_ascii_lowercase())
            .collect()
    };
    let selected: Vec<String> = selected
        .into_iter()
        .filter(|e| !excluded.contains(e) && account(ws, e).is_some())
        .collect();
    let job = new_job(
        ws,
        "update-warmup-accounts",
        "workspace",
        Some(ws.id.clone()),
    );
    let id = job.f("id").as_str().unwrap_or_default().to_string();
    let (generation, step) = (s.generation, s.config.job_step_ms);
    run_job(
        req.app,
        generation,
        step,
        req.ws_id.clone(),
        id,
        move |ws| {
            for e in &selected {
                if let Some(a) = ws.coll(ACCOUNTS).get_mut(e) {
                    a.insert("warmup_status".into(), json!(i64::from(enable)));
                    if enable {
                        a.insert("timestamp_warmup_start".into(), json!(now_iso()));
                    }
                }
            }
            json!({ "emails": selected })
        },
    );
    Ok(Answer::Json(Value::Object(job)))
}

/// Stores a pending background job and returns it.
pub fn new_job(
    ws: &mut Workspace,
    kind: &str,
    entity_type: &str,
    entity_id: Option<String>,
) -> Map<String, Value> {
    let now = now_iso();
    let job = json_of(json!({
        "id": new_object_id(),
        "workspace_id": ws.id,
        "user_id": ws.user_id,
        "type": kind,
        "entity_id": entity_id,
        "entity_type": entity_type,
        "data": {},
        "progress": 0,
        "status": "pending",
        "created_at": now,
        "updated_at": now,
    }));
    let id = job.f("id").as_str().unwrap_or_default().to_string();
    ws.coll(jobs::COLLECTION).insert(id, job.clone());
    job
}

/// Runs `work` one `job_step_ms` later (job in progress), then marks the
/// job a success one step after that, with `work`'s result as its data.
pub fn run_job(
    app: &AppState,
    generation: u64,
    step: u64,
    ws_id: String,
    job_id: String,
    work: impl FnOnce(&mut Workspace) -> Value + Send + 'static,
) {
    let app = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(step)).await;
        {
            let mut s = app.lock();
            if s.generation != generation {
                return;
            }
            let ws = s.ws(&ws_id);
            let data = work(ws);
            jobs::update(ws, &job_id, "in-progress", 50, None);
            if let Some(j) = ws.coll(jobs::COLLECTION).get_mut(&job_id) {
                j.insert("data".into(), data);
            }
        }
        tokio::time::sleep(Duration::from_millis(step)).await;
        let mut s = app.lock();
        if s.generation == generation {
            jobs::update(s.ws(&ws_id), &job_id, "success", 100, None);
        }
    });
}

/// Emails sent per sender account per day, from the simulation's history.
fn sent_by_day(ws: &Workspace) -> BTreeMap<(String, String), (u64, u64, u64, u64)> {
    let mut out: BTreeMap<(String, String), (u64, u64, u64, u64)> = BTreeMap::new();
    for a in &ws.activities {
        let Some(lead) = ws.leads.get(&a.lead_id) else {
            continue;
        };
        if lead.sim.sender.is_empty() {
            continue;
        }
        let e = out
            .entry((lead.sim.sender.to_ascii_lowercase(), a.date.to_string()))
            .or_default();
        match a.kind {
            ActivityKind::Sent => e.0 += 1,
            ActivityKind::Bounce => e.1 += 1,
            ActivityKind::Open => e.2 += 1,
            ActivityKind::Reply | ActivityKind::AutoReply => e.3 += 1,
            _ => {}
        }
    }
    out
}

/// `POST /accounts/warmup-analytics`: per account and day, warmup emails
/// sent and where they landed (every warmup email lands in the inbox in the
/// fake), plus totals and a health score.
pub fn warmup_analytics(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let mut by_email = Map::new();
    let mut aggregate = Map::new();
    for e in emails_of(req, "emails") {
        let key = e.to_ascii_lowercase();
        let warmed = account(ws, &key)
            .and_then(|a| a.get("warmup_status"))
            .and_then(Value::as_i64)
            == Some(1);
        let per_day: u64 = if warmed { 10 } else { 0 };
        let mut days = Map::new();
        for back in 0..7 {
            let d = today() - chrono::Duration::days(back);
            days.insert(
                d.to_string(),
                json!({"sent": per_day, "landed_inbox": per_day, "landed_spam": 0, "received": per_day}),
            );
        }
        by_email.insert(e.clone(), Value::Object(days));
        aggregate.insert(
            e,
            json!({
                "sent": per_day * 7, "received": per_day * 7, "landed_inbox": per_day * 7,
                "landed_spam": 0, "health_score_label": "Good", "health_score": 100,
            }),
        );
    }
    Ok(Answer::Json(
        json!({ "email_date_data": by_email, "aggregate_data": aggregate }),
    ))
}

/// `GET /accounts/analytics/daily`: per sender and day, what the simulation
/// sent from it (`emails` narrows the accounts, dates are inclusive).
pub fn daily(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let only: Vec<String> = match req.query.get("emails") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|e| e.trim().to_ascii_lowercase())
            .collect(),
        _ => vec![],
    };
    let from = req
        .query
        .get("start_date")
        .and_then(Value::as_str)
        .map(|d| d.get(..10).unwrap_or(d).to_string());
    let to = req
        .query
        .get("end_date")
        .and_then(Value::as_str)
        .map(|d| d.get(..10).unwrap_or(d).to_string());
    let rows: Vec<Value> = sent_by_day(ws)
        .into_iter()
        .filter(|((email, date), _)| {
            (only.is_empty() || only.contains(email))
                && from.as_deref().is_none_or(|f| date.as_str() >= f)
                && to.as_deref().is_none_or(|t| date.as_str() <= t)
        })
        .map(|((email, date), (sent, bounced, opened, replies))| {
            json!({
                "date": date, "email_account": email, "sent": sent, "bounced": bounced,
                "contacted": sent, "new_leads_contacted": sent, "opened": opened,
                "unique_opened": opened, "replies": replies, "unique_replies": replies,
                "replies_automatic": 0, "unique_replies_automatic": 0, "clicks": 0, "unique_clicks": 0,
            })
        })
        .map(|row| project(records::item_schema(req.op.schema.as_ref()), &json_of(row)))
        .collect();
    Ok(Answer::Json(Value::Array(rows)))
}

/// `POST /accounts/test/vitals`: the domain of each account that exists
/// passes every check; unknown accounts fail them all.
pub fn vitals(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for e in emails_of(req, "accounts") {
        if account(ws, &e).is_some() {
            let domain = e.split('@').nth(1).unwrap_or_default();
            ok.push(json!({"domain": domain, "allPass": true, "mx": true, "spf": true, "dkim": true, "dmarc": true}));
        } else {
            let domain = e.split('@').nth(1).unwrap_or(&e);
            failed.push(json!({"domain": domain, "allPass": false, "mx": false, "spf": false, "dkim": false, "dmarc": false}));
        }
    }
    let out = json!({"status": "success", "success_list": ok, "failure_list": failed});
    Ok(Answer::Json(project(req.op.schema.as_ref(), &json_of(out))))
}

/// `POST /accounts/move`: moves accounts from this workspace to another one
/// of the same workspace group (a group member of this workspace). Refuses
/// other sources (400) and destinations outside the group (404).
pub fn move_accounts(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let source = req
        .str_field("source_workspace_id")
        .unwrap_or_default()
        .to_string();
    let dest = req
        .str_field("destination_workspace_id")
        .unwrap_or_default()
        .to_string();
    if source != req.ws_id {
        return Err(ApiError::bad_request(
            "source_workspace_id must be the workspace of the API key",
        ));
    }
    let in_group = s
        .ws(&req.ws_id)
        .coll_ref(super::workspace::GROUP)
        .is_some_and(|m| m.values().any(|g| *g.f("sub_workspace_id") == json!(dest)));
    if !in_group || !s.workspaces.contains_key(&dest) {
        return Err(ApiError::not_found(
            "Destination workspace not found in the workspace group",
        ));
    }
    let mut moving = Vec::new();
    for e in emails_of(req, "emails") {
        if let Some(mut a) = s.ws(&source).coll(ACCOUNTS).remove(&e.to_ascii_lowercase()) {
            a.insert("organization".into(), json!(dest));
            moving.push(a);
        }
    }
    for a in moving {
        records::store(s.ws(&dest), ACCOUNTS, a);
    }
    Ok(Answer::Json(json!({ "status": "success" })))
}

/// `GET /account-campaign-mappings/{email}`: the campaigns that send from
/// the account, paged by campaign id.
pub fn campaign_mappings(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let email = req.param("email").to_ascii_lowercase();
    existing(ws, ACCOUNTS, &email)?;
    let item = records::item_schema(req.op.schema.as_ref());
    let page = crate::pagination::page_seek(
        &ws.campaigns,
        &req.query,
        |c| {
            c.get("email_list")
                .and_then(Value::as_array)
                .is_some_and(|l| {
                    l.iter()
                        .any(|x| x.as_str().is_some_and(|x| x.eq_ignore_ascii_case(&email)))
                })
        },
        |c| {
            project(
                item,
                &json_of(json!({
                    "campaign_id": c.f("id"), "campaign_name": c.f("name"),
                    "timestamp_created": c.f("timestamp_created"), "status": c.f("status"),
                })),
            )
        },
    );
    Ok(Answer::Json(page))
}

/// `GET /accounts/ctd/status`: the custom tracking domain echoed back, set up.
pub fn ctd_status(req: &Req, _s: &mut Store) -> ApiResult<Answer> {
    let host = req
        .query
        .get("host")
        .and_then(Value::as_str)
        .unwrap_or_default();
    Ok(Answer::Json(json!({
        "success": true, "ssl": true, "cname": true, "host": host,
    })))
}
