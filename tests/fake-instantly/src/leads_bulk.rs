//! Bulk lead routes: `POST /leads/add`, `DELETE /leads`, `POST /leads/move`
//! (a background job) and `POST /leads/update-interest-status` (202, applied
//! shortly after).

use crate::api::JsonBody;
use crate::errors::{answer, ok, ApiError, ApiResult};
use crate::events;
use crate::generic::hooks::tags;
use crate::ids::{is_valid_email, new_object_id, now_iso};
use crate::jobs;
use crate::leads::{build_lead, check_container, conflict, select, Conflict, SkipFlags};
use crate::state::{AppState, Ctx, LeadSim};
use crate::validation::op;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use chrono::Utc;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::time::Duration;

/// Leads a workspace's plan may hold (for `remaining_in_plan`).
pub const PLAN_LEAD_LIMIT: i64 = 1_000_000;

fn one_of<'a>(
    body: &'a Map<String, Value>,
    a: &str,
    b: &str,
) -> ApiResult<(Option<&'a str>, Option<&'a str>)> {
    let x = body.get(a).and_then(Value::as_str);
    let y = body.get(b).and_then(Value::as_str);
    if x.is_some() == y.is_some() {
        return Err(ApiError::bad_request(
            "body must match exactly one schema in oneOf",
        ));
    }
    Ok((x, y))
}

pub async fn add(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", "/api/v2/leads/add").body(body)?;
    let body = body.as_object().unwrap();
    let (campaign, list_id) = one_of(body, "campaign_id", "list_id")?;
    let flags = SkipFlags::from(body);
    let default_assignee = body.get("assigned_to").cloned();
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    check_container(ws, campaign, list_id)?;
    let leads = body["leads"].as_array().unwrap();
    let (mut incomplete, mut invalid, mut dup_in_batch, mut duplicated, mut skipped) =
        (0, 0, 0, 0, 0);
    let mut in_blocklist = 0;
    let mut seen = HashSet::new();
    let mut created = Vec::new();
    let now = Utc::now();
    for (index, item) in leads.iter().enumerate() {
        let item = item.as_object().unwrap();
        let email = item
            .get("email")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let has_name = ["first_name", "last_name"].iter().any(|k| {
            item.get(*k)
                .and_then(Value::as_str)
                .is_some_and(|v| !v.is_empty())
        });
        if email.is_none() && (campaign.is_some() || !has_name) {
            incomplete += 1;
            continue;
        }
        if let Some(e) = email {
            if !is_valid_email(e) {
                invalid += 1;
                continue;
            }
            if !seen.insert(e.to_ascii_lowercase()) {
                dup_in_batch += 1;
                continue;
            }
            // Blocked emails and domains are skipped and reported as such.
            if tags::blocked(ws, e) {
                in_blocklist += 1;
                skipped += 1;
                continue;
            }
            match conflict(ws, e, campaign, list_id, &flags) {
                Some(Conflict::Duplicate(_)) => {
                    duplicated += 1;
                    continue;
                }
                Some(Conflict::Skipped(_)) => {
                    skipped += 1;
                    continue;
                }
                None => {}
            }
        }
        let mut fields = item.clone();
        if let (None, Some(a)) = (fields.get("assigned_to"), &default_assignee) {
            fields.insert("assigned_to".into(), a.clone());
        }
        let lead = build_lead(&ws.id, &fields, campaign, list_id, now);
        created.push(json!({
            "index": index,
            "id": lead.id(),
            "email": lead.data["email"],
            "first_name": lead.data["first_name"],
            "last_name": lead.data["last_name"],
            "phone": lead.data["phone"],
        }));
        ws.insert_lead(lead);
    }
    let remaining = campaign.map(|_| (PLAN_LEAD_LIMIT - ws.leads.len() as i64).max(0));
    Ok(ok(json!({
        "status": "success",
        "total_sent": leads.len(),
        "leads_uploaded": created.len(),
        "in_blocklist": in_blocklist,
        "blocklist_used": body.get("blocklist_id").cloned().unwrap_or(Value::Null),
        "duplicated_leads": duplicated,
        "skipped_count": skipped,
        "invalid_email_count": invalid,
        "incomplete_count": incomplete,
        "duplicate_email_count": dup_in_batch,
        "remaining_in_plan": remaining,
        "created_leads": created,
    })))
}

pub async fn bulk_delete(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("delete", "/api/v2/leads").body(body)?;
    let body = body.as_object().unwrap();
    let (campaign, list_id) = one_of(body, "campaign_id", "list_id")?;
    let status = body.get("status").and_then(Value::as_i64);
    let ids: Option<HashSet<&str>> = body
        .get("ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let limit = body
        .get("limit")
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX) as usize;
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    check_container(ws, campaign, list_id)?;
    let candidates: Box<dyn Iterator<Item = &crate::state::Lead>> = match (campaign, list_id) {
        (Some(c), _) => Box::new(ws.leads_in_campaign(c)),
        (None, Some(l)) => Box::new(ws.leads_in_list(l).filter(|l| l.campaign().is_none())),
        (None, None) => Box::new(std::iter::empty()),
    };
    let doomed: Vec<String> = candidates
        .filter(|l| status.is_none_or(|st| l.status() == st))
        .filter(|l| ids.as_ref().is_none_or(|set| set.contains(l.id())))
        .take(limit)
        .map(|l| l.id().to_string())
        .collect();
    for id in &doomed {
        ws.remove_lead(id);
    }
    Ok(ok(json!({ "count": doomed.len() })))
}

pub async fn move_leads(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", "/api/v2/leads/move").body(body)?;
    let body = body.as_object().unwrap().clone();
    let (to_campaign, to_list) = one_of(&body, "to_campaign_id", "to_list_id")?;
    if body.contains_key("ids") && !body.contains_key("campaign") && !body.contains_key("list_id") {
        return Err(ApiError::bad_request(
            "ids can only be used together with campaign or list_id",
        ));
    }
    let mut s = app.lock();
    let generation = s.generation;
    let step = s.config.job_step_ms;
    let ws = s.ws(&ctx.workspace_id);
    check_container(ws, to_campaign, to_list)?;
    select(ws, &body)?; // validates the filter now; the job re-selects when it runs
    let now = now_iso();
    let job = json!({
        "id": new_object_id(),
        "workspace_id": ws.id,
        "user_id": null,
        "type": "move-leads",
        "entity_id": to_campaign.or(to_list),
        "entity_type": if to_campaign.is_some() { "campaign" } else { "list" },
        "data": { "moved_lead_emails": [] },
        "progress": 0,
        "status": "pending",
        "created_at": now,
        "updated_at": now,
    });
    let job_id = job["id"].as_str().unwrap().to_string();
    ws.coll(jobs::COLLECTION)
        .insert(job_id.clone(), job.as_object().unwrap().clone());
    let ws_id = ws.id.clone();
    drop(s);
    let app2 = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(step)).await;
        {
            let mut s = app2.lock();
            if s.generation != generation {
                return;
            }
            let moved = perform_move(s.ws(&ws_id), &body);
            jobs::update(s.ws(&ws_id), &job_id, "in-progress", 50, Some(moved));
        }
        tokio::time::sleep(Duration::from_millis(step)).await;
        let mut s = app2.lock();
        if s.generation == generation {
            jobs::update(s.ws(&ws_id), &job_id, "success", 100, None);
        }
    });
    Ok(ok(job))
}

/// Moves (or copies) the selected leads; returns the moved emails.
fn perform_move(ws: &mut crate::state::Workspace, body: &Map<String, Value>) -> Vec<Value> {
    let to_campaign = body.get("to_campaign_id").and_then(Value::as_str);
    let to_list = body.get("to_list_id").and_then(Value::as_str);
    if to_campaign.is_some_and(|c| !ws.campaigns.contains_key(c))
        || to_list.is_some_and(|l| !ws.lead_lists.contains_key(l))
    {
        return vec![];
    }
    let copy = body.get("copy_leads").and_then(Value::as_bool) == Some(true);
    let reset = body.get("reset_interest_status").and_then(Value::as_bool) == Some(true);
    let limit = body
        .get("limit")
        .and_then(Value::as_f64)
        .map(|l| l.max(0.0) as usize)
        .unwrap_or(usize::MAX);
    let ids: Vec<String> = match select(ws, body) {
        Ok(v) => v.into_iter().map(|l| l.id().to_string()).collect(),
        Err(_) => return vec![],
    };
    let flags = SkipFlags {
        workspace: false,
        campaign: false,
        list: false,
    };
    let mut moved = Vec::new();
    for id in ids {
        if moved.len() >= limit {
            break;
        }
        let Some(lead) = ws.leads.get(&id).cloned() else {
            continue;
        };
        let already_there = match (to_campaign, to_list) {
            (Some(c), _) => lead.campaign() == Some(c),
            (None, Some(l)) => lead.list_id() == Some(l) && lead.campaign().is_none(),
            _ => true,
        };
        if already_there {
            continue;
        }
        if let Some(e) = lead.email() {
            if matches!(
                conflict(ws, e, to_campaign, to_list, &flags),
                Some(Conflict::Duplicate(_))
            ) {
                continue;
            }
        }
        let mut fields = lead.data.clone();
        if let Some(p) = fields.get("payload").cloned() {
            fields.insert("custom_variables".into(), p);
        }
        let target = if copy {
            build_lead(&ws.id, &fields, to_campaign, to_list, Utc::now())
        } else {
            let mut l = lead.clone();
            l.data.insert("campaign".into(), json!(to_campaign));
            l.data.insert("list_id".into(), json!(to_list));
            l.data.insert("status".into(), json!(1));
            l.data.insert("timestamp_updated".into(), json!(now_iso()));
            l.sim = LeadSim::default();
            l
        };
        let mut target = target;
        if reset {
            target.data.remove("lt_interest_status");
        }
        moved.push(json!(lead.email()));
        ws.insert_lead(target);
    }
    moved
}

pub async fn update_interest_status(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", "/api/v2/leads/update-interest-status").body(body)?;
    let body = body.as_object().unwrap().clone();
    let email = body["lead_email"].as_str().unwrap_or_default().to_string();
    if !is_valid_email(&email) {
        return Err(ApiError::raw(
            StatusCode::BAD_REQUEST,
            json!({ "error": "Invalid lead email" }),
        ));
    }
    let (generation, delay) = {
        let s = app.lock();
        (s.generation, s.config.interest_delay_ms)
    };
    let app2 = app.clone();
    let ws_id = ctx.workspace_id.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(delay)).await;
        let value = body.get("interest_value").and_then(Value::as_f64);
        let campaign = body.get("campaign_id").and_then(Value::as_str);
        let list_id = body.get("list_id").and_then(Value::as_str);
        events::apply_interest(&app2, generation, &ws_id, &email, value, campaign, list_id);
    });
    Ok(answer(
        StatusCode::ACCEPTED,
        json!({ "message": "Lead interest status update background job submitted" }),
    ))
}
