//! Campaign extras (search by contact, launched count, share and create
//! from a shared campaign, variables, sending status, step analytics),
//! subsequences and the lead operations around them.

use super::json_of;
use crate::campaigns::{STATUS_ACTIVE, STATUS_COMPLETED, STATUS_DRAFT, STATUS_PAUSED};
use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{self, existing, item_schema, project};
use crate::generic::{Answer, Req};
use crate::ids::{iso, new_uuid, now_iso};
use crate::leads::Selection;
use crate::state::{ActivityKind, Field, Store, Workspace};
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

/// Subsequences of campaigns.
pub const SUBSEQUENCES: &str = "subsequences";
/// How long `POST /campaigns/{id}/share` shares a campaign.
const SHARE_DAYS: i64 = 7;

fn campaign(ws: &Workspace, id: &str) -> ApiResult<Map<String, Value>> {
    ws.campaigns
        .get(id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Campaign not found"))
}

/// `GET /campaigns/search-by-contact`: the campaigns a lead with this email
/// is in (`sort_order` desc reverses the id order).
pub fn search_by_contact(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let email = req
        .query
        .get("search")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let ids: HashSet<String> = ws
        .leads_with_email(email)
        .into_iter()
        .filter_map(|l| l.campaign().map(str::to_string))
        .collect();
    let mut items: Vec<Value> = ws
        .campaigns
        .iter()
        .filter(|(id, _)| ids.contains(*id))
        .map(|(_, c)| Value::Object(c.clone()))
        .collect();
    if req.query.get("sort_order").and_then(Value::as_str) == Some("desc") {
        items.reverse();
    }
    Ok(Answer::Json(json!({ "items": items })))
}

/// `GET /campaigns/count-launched`: campaigns that were ever activated
/// (active, paused or completed).
pub fn count_launched(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let n = ws
        .campaigns
        .values()
        .filter(|c| {
            matches!(
                c.f("status").as_i64(),
                Some(STATUS_ACTIVE | STATUS_PAUSED | STATUS_COMPLETED)
            )
        })
        .count();
    Ok(Answer::Json(json!({ "count": n })))
}

/// `POST /campaigns/{id}/share`: shares the campaign for seven days (204).
pub fn share(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    campaign(ws, req.key())?;
    let until = Utc::now() + chrono::Duration::days(SHARE_DAYS);
    ws.shared.insert(req.key().to_string(), until);
    Ok(Answer::Empty)
}

/// `POST /campaigns/{id}/from-export`: a new draft campaign from a campaign
/// shared within the last seven days (by any workspace of the fake). It gets
/// the sequences and settings but no schedule: `campaign_schedule` is `{}`
/// until one is set. A campaign that is not shared answers 403.
pub fn from_export(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let id = req.key().to_string();
    let now = Utc::now();
    let source = s
        .workspaces
        .values()
        .find(|w| w.shared.get(&id).is_some_and(|until| *until > now))
        .and_then(|w| w.campaigns.get(&id).cloned());
    let Some(mut c) = source else {
        if s.workspaces.values().any(|w| w.campaigns.contains_key(&id)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "This campaign is not shared",
            ));
        }
        return Err(ApiError::not_found("Campaign not found"));
    };
    let ws = s.ws(&req.ws_id);
    let new_id = new_uuid();
    let ts = iso(now);
    c.insert("id".into(), json!(new_id));
    c.insert("status".into(), json!(STATUS_DRAFT));
    c.insert("organization".into(), json!(ws.id));
    c.insert("campaign_schedule".into(), json!({}));
    c.insert("email_list".into(), json!([]));
    c.insert("timestamp_created".into(), json!(ts));
    c.insert("timestamp_updated".into(), json!(ts));
    c.remove("not_sending_status");
    ws.campaigns.insert(new_id, c.clone());
    Ok(Answer::Json(Value::Object(c)))
}

/// `POST /campaigns/{id}/export`: the campaign as JSON.
pub fn export(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    Ok(Answer::Json(Value::Object(campaign(
        s.ws(&req.ws_id),
        req.key(),
    )?)))
}

/// `POST /campaigns/{id}/variables`: adds the variable names to the
/// campaign's `custom_variables` (core ones such as `firstName` are known).
pub fn variables(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let c = ws
        .campaigns
        .get_mut(req.key())
        .ok_or_else(|| ApiError::not_found("Campaign not found"))?;
    let mut vars = c
        .get("custom_variables")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for v in req
        .field("variables")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        vars.entry(v.to_string()).or_insert(json!(""));
    }
    c.insert("custom_variables".into(), Value::Object(vars));
    c.insert("timestamp_updated".into(), json!(now_iso()));
    Ok(Answer::Json(Value::Object(c.clone())))
}

fn status_code(
    status: Option<i64>,
    senders_ok: bool,
    has_leads: bool,
) -> (&'static str, &'static str) {
    match status {
        Some(STATUS_DRAFT) => ("campaign_draft", "Campaign is a draft"),
        Some(STATUS_PAUSED) => ("campaign_paused", "Campaign is paused"),
        Some(STATUS_COMPLETED) => ("campaign_completed", "Campaign is completed"),
        _ if !senders_ok => ("no_accounts_available", "No sending account is available"),
        _ if !has_leads => ("waiting_for_leads", "Campaign has no leads to contact"),
        _ => ("healthy", "Campaign is sending normally"),
    }
}

/// `GET /campaigns/{id}/sending-status` and `/subsequences/{id}/sending-status`:
/// why the campaign sends or not, from its status, its accounts and leads.
pub fn sending_status(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let (campaign_id, subsequence) = if req.op.route.starts_with("/subsequences") {
        let sub = existing(ws, SUBSEQUENCES, req.key())?;
        (
            sub.f("parent_campaign")
                .as_str()
                .unwrap_or_default()
                .to_string(),
            Some(req.key().to_string()),
        )
    } else {
        (req.key().to_string(), None)
    };
    let c = campaign(ws, &campaign_id)?;
    let senders: Vec<&str> = c
        .get("email_list")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let senders_ok = senders.is_empty() || senders.iter().any(|e| super::accounts::can_send(ws, e));
    let has_leads = ws
        .leads_in_campaign(&campaign_id)
        .any(|l| l.status() == 1 && !l.sim.done);
    let (code, message) = status_code(c.f("status").as_i64(), senders_ok, has_leads);
    let mut diagnostics = json!({
        "campaign_id": campaign_id, "last_updated": now_iso(), "status": code,
    });
    if let Some(sub) = subsequence {
        diagnostics["subsequence_id"] = json!(sub);
    }
    let summary = json!({
        "status": code, "status_message": message, "issue_started_at": null,
        "last_healthy_send_at": null,
    });
    let out = json!({ "diagnostics": diagnostics, "summary": summary });
    Ok(Answer::Json(project(req.op.schema.as_ref(), &json_of(out))))
}

#[derive(Default)]
struct StepAgg {
    sent: u64,
    opened: u64,
    opened_u: HashSet<String>,
    replies: u64,
    replies_u: HashSet<String>,
    auto: u64,
    auto_u: HashSet<String>,
    clicks: u64,
    clicks_u: HashSet<String>,
}

fn date_param(q: &Map<String, Value>, k: &str) -> Option<NaiveDate> {
    q.get(k)
        .and_then(Value::as_str)
        .and_then(|d| d.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Step analytics of campaigns (`GET /campaigns/analytics/steps`, one
/// campaign or all) from the recorded activity, one row per step and variant
/// (`step` 1-based, `variant` 0-based, as strings).
pub fn steps(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let only = req.query.get("campaign_id").and_then(Value::as_str);
    let (from, to) = (
        date_param(&req.query, "start_date"),
        date_param(&req.query, "end_date"),
    );
    let mut rows: BTreeMap<(u32, u32), StepAgg> = BTreeMap::new();
    if req.op.route.starts_with("/subsequences") {
        existing(ws, SUBSEQUENCES, req.key())?;
    } else {
        for a in ws.activities.iter().filter(|a| {
            only.is_none_or(|c| a.campaign_id == c)
                && from.is_none_or(|f| a.date >= f)
                && to.is_none_or(|t| a.date <= t)
                && a.step > 0
        }) {
            let g = rows.entry((a.step, a.variant)).or_default();
            let lead = a.lead_id.clone();
            match a.kind {
                ActivityKind::Sent => g.sent += 1,
                ActivityKind::Open => {
                    g.opened += 1;
                    g.opened_u.insert(lead);
                }
                ActivityKind::Reply => {
                    g.replies += 1;
                    g.replies_u.insert(lead);
                }
                ActivityKind::AutoReply => {
                    g.auto += 1;
                    g.auto_u.insert(lead);
                }
                ActivityKind::Click => {
                    g.clicks += 1;
                    g.clicks_u.insert(lead);
                }
                _ => {}
            }
        }
    }
    let item = item_schema(req.op.schema.as_ref());
    let out: Vec<Value> = rows
        .into_iter()
        .map(|((step, variant), g)| {
            project(
                item,
                &json_of(json!({
                    "step": step.to_string(), "variant": variant.to_string(), "sent": g.sent,
                    "opened": g.opened, "unique_opened": g.opened_u.len(), "replies": g.replies,
                    "unique_replies": g.replies_u.len(), "replies_automatic": g.auto,
                    "unique_replies_automatic": g.auto_u.len(), "clicks": g.clicks,
                    "unique_clicks": g.clicks_u.len(),
                })),
            )
        })
        .collect();
    Ok(Answer::Json(Value::Array(out)))
}

/// `POST /subsequences`: the parent campaign must exist (404); without a
/// schedule the subsequence inherits the campaign's.
pub fn subsequence_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let parent = campaign(ws, req.str_field("parent_campaign").unwrap_or_default())?;
    let mut body = req.body_map();
    if !body.contains_key("subsequence_schedule") {
        if let Some(sched) = parent
            .get("campaign_schedule")
            .filter(|s| s.get("schedules").is_some())
        {
            body.insert("subsequence_schedule".into(), sched.clone());
        }
    }
    let mut rec = records::build(ws, SUBSEQUENCES, &body);
    rec.insert("status".into(), json!(STATUS_DRAFT));
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, SUBSEQUENCES, rec);
    Ok(Answer::Json(out))
}

/// `POST /subsequences/{id}/duplicate`: the copy goes under the given parent
/// campaign, which must exist.
pub fn subsequence_duplicate(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    campaign(
        s.ws(&req.ws_id),
        req.str_field("parent_campaign").unwrap_or_default(),
    )?;
    let coll = SUBSEQUENCES;
    records::action(req, s, coll, "duplicate").map(Answer::Json)
}

/// `GET /subsequences/analytics`: per subsequence of the campaign, emails
/// sent to and opens and replies of the leads in it.
pub fn subsequence_analytics(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let cid = req
        .query
        .get("campaign_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let item = item_schema(req.op.schema.as_ref());
    let out: Vec<Value> = ws
        .coll_ref(SUBSEQUENCES)
        .into_iter()
        .flatten()
        .filter(|(_, r)| r.f("parent_campaign").as_str() == Some(cid))
        .map(|(id, _)| {
            let leads: Vec<_> = ws
                .leads_in_campaign(cid)
                .filter(|l| l.data.get("subsequence_id").and_then(Value::as_str) == Some(id))
                .collect();
            let opens = leads.iter().filter(|l| l.num("email_open_count") > 0).count();
            let replies = leads.iter().filter(|l| l.num("email_reply_count") > 0).count();
            project(
                item,
                &json_of(json!({
                    "subsequence_id": id, "emails_sent": 0, "unique_opens": opens, "unique_replies": replies,
                })),
            )
        })
        .collect();
    Ok(Answer::Json(Value::Array(out)))
}

/// `POST /leads/subsequence/move` and `/remove`: puts a lead into a
/// subsequence (both must exist) or takes it out.
pub fn lead_subsequence(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let lead_id = req.str_field("id").unwrap_or_default().to_string();
    let into = if req.op.route.ends_with("/move") {
        let sub = req.str_field("subsequence_id").unwrap_or_default();
        existing(ws, SUBSEQUENCES, sub)?;
        Some(sub.to_string())
    } else {
        None
    };
    let lead = ws
        .leads
        .get_mut(&lead_id)
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    let now = now_iso();
    lead.data.insert("subsequence_id".into(), json!(into));
    lead.data.insert(
        "timestamp_added_subsequence".into(),
        if into.is_some() {
            json!(now)
        } else {
            Value::Null
        },
    );
    lead.data.insert("timestamp_updated".into(), json!(now));
    Ok(Answer::Json(Value::Object(lead.data.clone())))
}

/// `POST /leads/merge`: the source lead's non-empty contact fields fill the
/// destination's empty ones, its custom variables are merged in, and the
/// source is deleted. Answers the destination.
pub fn merge(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let from = req.str_field("lead_id").unwrap_or_default().to_string();
    let into = req
        .str_field("destination_lead_id")
        .unwrap_or_default()
        .to_string();
    if from == into {
        return Err(ApiError::bad_request("A lead cannot be merged into itself"));
    }
    let source = ws
        .leads
        .get(&from)
        .cloned()
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    let dest = ws
        .leads
        .get_mut(&into)
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    for f in crate::leads::CONTACT_FIELDS {
        let empty = dest.data.get(*f).is_none_or(Value::is_null);
        if let Some(v) = source.data.get(*f).filter(|v| !v.is_null()) {
            if empty {
                dest.data.insert((*f).into(), v.clone());
            }
        }
    }
    if let Some(Value::Object(vars)) = source.data.get("payload") {
        let mut merged = dest
            .data
            .get("payload")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in vars {
            merged.entry(k.clone()).or_insert(v.clone());
        }
        dest.data.insert("payload".into(), Value::Object(merged));
    }
    dest.data
        .insert("timestamp_updated".into(), json!(now_iso()));
    let out = dest.data.clone();
    ws.remove_lead(&from);
    Ok(Answer::Json(Value::Object(out)))
}

/// `POST /leads/bulk-assign` (202): assigns the selected leads to the given
/// users, round robin, shortly after answering.
pub fn bulk_assign(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let body = req.body_map();
    let sel = Selection::from(&body)?;
    let users: Vec<Value> = body
        .get("organization_user_ids")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let ws = s.ws(&req.ws_id);
    let ids: Vec<String> = sel.iter(ws, None).map(|l| l.id().to_string()).collect();
    if !users.is_empty() {
        for (i, id) in ids.iter().enumerate() {
            if let Some(l) = ws.leads.get_mut(id) {
                l.data
                    .insert("assigned_to".into(), users[i % users.len()].clone());
            }
        }
    }
    Ok(Answer::Json(json!({
        "status": "accepted",
        "message": "Your request will be processed in a background job",
    })))
}

/// `GET /lead-lists/{id}/verification-stats`: the list's leads counted by
/// verification status.
pub fn verification_stats(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    if !ws.lead_lists.contains_key(req.key()) {
        return Err(ApiError::not_found("Lead list not found"));
    }
    let mut counts = [0u64; 7];
    let mut total = 0;
    for l in ws.leads_in_list(req.key()) {
        total += 1;
        let slot = match l.data.get("verification_status").and_then(Value::as_i64) {
            Some(1) => 0,
            Some(-1) => 1,
            Some(-2) => 2,
            Some(-3) => 3,
            Some(-4) => 4,
            Some(12) => 5,
            Some(11) => 6,
            _ => continue,
        };
        counts[slot] += 1;
    }
    Ok(Answer::Json(json!({
        "stats": {
            "verified": counts[0], "invalid": counts[1], "risky": counts[2], "catch_all": counts[3],
            "job_change": counts[4], "verification_job_pending_leadfinder": counts[5],
            "verification_job_pending_user": counts[6],
        },
        "total_leads": total,
    })))
}
