//! Campaign analytics computed from the workspace's recorded activities.

use crate::errors::{ok, ApiError, ApiResult};
use crate::state::{Activity, ActivityKind, AppState, Ctx, Workspace};
use crate::validation::op;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};

fn bad(message: &str) -> ApiError {
    ApiError::raw(StatusCode::BAD_REQUEST, json!({ "message": message }))
}

/// `start_date`/`end_date` as dates (YYYY-MM-DD or an ISO timestamp, UTC).
fn date_range(p: &Map<String, Value>) -> ApiResult<(Option<NaiveDate>, Option<NaiveDate>)> {
    let parse = |k: &str, label: &str| -> ApiResult<Option<NaiveDate>> {
        match p.get(k).and_then(Value::as_str) {
            None | Some("") => Ok(None),
            Some(s) => s
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(Some)
                .ok_or_else(|| bad(&format!("Invalid {label}"))),
        }
    };
    let start = parse("start_date", "Start Date")?;
    let end = parse("end_date", "End Date")?;
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            return Err(bad("Start Date must be earlier than End Date"));
        }
    }
    Ok((start, end))
}

fn selected_ids(p: &Map<String, Value>) -> Option<HashSet<String>> {
    let mut ids = HashSet::new();
    if let Some(id) = p.get("id").and_then(Value::as_str) {
        ids.insert(id.to_string());
    }
    for v in p.get("ids").and_then(Value::as_array).into_iter().flatten() {
        if let Some(s) = v.as_str() {
            ids.insert(s.to_string());
        }
    }
    (!ids.is_empty()).then_some(ids)
}

#[derive(Default)]
struct Agg {
    sent: u64,
    contacted: HashSet<String>,
    new_contacted: u64,
    open: u64,
    open_u: HashSet<String>,
    open_u_step: HashSet<(String, u32)>,
    reply: u64,
    reply_u: HashSet<String>,
    reply_u_step: HashSet<(String, u32)>,
    auto: u64,
    auto_u: HashSet<String>,
    auto_u_step: HashSet<(String, u32)>,
    click: u64,
    click_u: HashSet<String>,
    click_u_step: HashSet<(String, u32)>,
    bounced: u64,
    unsubscribed: u64,
    completed: u64,
    opportunities: u64,
    opp_u: HashSet<String>,
}

impl Agg {
    fn add(&mut self, a: &Activity) {
        let lead = a.lead_id.clone();
        match a.kind {
            ActivityKind::Sent => {
                self.sent += 1;
                self.contacted.insert(lead);
                if a.first {
                    self.new_contacted += 1;
                }
            }
            ActivityKind::Open => {
                self.open += 1;
                self.open_u_step.insert((lead.clone(), a.step));
                self.open_u.insert(lead);
            }
            ActivityKind::Reply => {
                self.reply += 1;
                self.reply_u_step.insert((lead.clone(), a.step));
                self.reply_u.insert(lead);
            }
            ActivityKind::AutoReply => {
                self.auto += 1;
                self.auto_u_step.insert((lead.clone(), a.step));
                self.auto_u.insert(lead);
            }
            ActivityKind::Click => {
                self.click += 1;
                self.click_u_step.insert((lead.clone(), a.step));
                self.click_u.insert(lead);
            }
            ActivityKind::Bounce => self.bounced += 1,
            ActivityKind::Unsubscribe => self.unsubscribed += 1,
            ActivityKind::Completed => self.completed += 1,
            ActivityKind::Opportunity => {
                self.opportunities += 1;
                self.opp_u.insert(lead);
            }
        }
    }

    fn counts(&self, opportunity_value: f64) -> Map<String, Value> {
        let v = json!({
            "contacted_count": self.contacted.len(),
            "emails_sent_count": self.sent,
            "new_leads_contacted_count": self.new_contacted,
            "open_count": self.open,
            "open_count_unique": self.open_u.len(),
            "open_count_unique_by_step": self.open_u_step.len(),
            "reply_count": self.reply,
            "reply_count_unique": self.reply_u.len(),
            "reply_count_unique_by_step": self.reply_u_step.len(),
            "reply_count_automatic": self.auto,
            "reply_count_automatic_unique": self.auto_u.len(),
            "reply_count_automatic_unique_by_step": self.auto_u_step.len(),
            "link_click_count": self.click,
            "link_click_count_unique": self.click_u.len(),
            "link_click_count_unique_by_step": self.click_u_step.len(),
            "bounced_count": self.bounced,
            "unsubscribed_count": self.unsubscribed,
            "completed_count": self.completed,
            "total_opportunities": self.opp_u.len(),
            "total_opportunity_value": opportunity_value,
        });
        v.as_object().unwrap().clone()
    }
}

fn in_range(a: &Activity, start: Option<NaiveDate>, end: Option<NaiveDate>) -> bool {
    start.is_none_or(|s| a.date >= s) && end.is_none_or(|e| a.date <= e)
}

fn pl_value(ws: &Workspace, campaign_id: &str) -> f64 {
    ws.campaigns
        .get(campaign_id)
        .and_then(|c| c.get("pl_value"))
        .and_then(Value::as_f64)
        .unwrap_or(0.0)
}

/// Campaign ids matching the selection and an optional status, id order.
fn campaigns(ws: &Workspace, ids: &Option<HashSet<String>>, status: Option<f64>) -> Vec<String> {
    ws.campaigns
        .iter()
        .filter(|(id, c)| {
            ids.as_ref().is_none_or(|set| set.contains(*id))
                && status.is_none_or(|st| c["status"].as_f64() == Some(st))
        })
        .map(|(id, _)| id.clone())
        .collect()
}

pub async fn per_campaign(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/campaigns/analytics").query(q.as_deref())?;
    let (start, end) = date_range(&p)?;
    let exclude_leads = p.get("exclude_total_leads_count").and_then(Value::as_bool) == Some(true);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let mut out = Vec::new();
    for cid in campaigns(ws, &selected_ids(&p), None) {
        // Like the real API, a campaign appears once it has sent something.
        if !ws.activities.iter().any(|a| a.campaign_id == cid) {
            continue;
        }
        let mut agg = Agg::default();
        for a in ws
            .activities
            .iter()
            .filter(|a| a.campaign_id == cid && in_range(a, start, end))
        {
            agg.add(a);
        }
        let c = &ws.campaigns[&cid];
        let mut item = Map::new();
        item.insert("campaign_name".into(), c["name"].clone());
        item.insert("campaign_id".into(), json!(cid));
        item.insert("campaign_status".into(), c["status"].clone());
        item.insert(
            "campaign_is_evergreen".into(),
            json!(c["is_evergreen"].as_bool().unwrap_or(false)),
        );
        let leads = if exclude_leads {
            0
        } else {
            ws.leads_in_campaign(&cid).count()
        };
        item.insert("leads_count".into(), json!(leads));
        let value = agg.opp_u.len() as f64 * pl_value(ws, &cid);
        item.extend(agg.counts(value));
        out.push(Value::Object(item));
    }
    Ok(ok(Value::Array(out)))
}

pub async fn overview(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/campaigns/analytics/overview").query(q.as_deref())?;
    let (start, end) = date_range(&p)?;
    let status = p.get("campaign_status").and_then(Value::as_f64);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let ids: HashSet<String> = campaigns(ws, &selected_ids(&p), status)
        .into_iter()
        .collect();
    let mut agg = Agg::default();
    let mut value = 0.0;
    let mut per_campaign_opps: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    for a in ws
        .activities
        .iter()
        .filter(|a| ids.contains(&a.campaign_id) && in_range(a, start, end))
    {
        agg.add(a);
        if a.kind == ActivityKind::Opportunity {
            per_campaign_opps
                .entry(&a.campaign_id)
                .or_default()
                .insert(&a.lead_id);
        }
    }
    for (cid, leads) in &per_campaign_opps {
        value += leads.len() as f64 * pl_value(ws, cid);
    }
    let mut out = agg.counts(value);
    let mut interest = [0u64; 4];
    for l in ws
        .leads
        .values()
        .filter(|l| l.campaign().is_some_and(|c| ids.contains(c)))
    {
        if let Some(i @ 1..=4) = l.data.get("lt_interest_status").and_then(Value::as_i64) {
            interest[(i - 1) as usize] += 1;
        }
    }
    out.insert("total_interested".into(), json!(interest[0]));
    out.insert("total_meeting_booked".into(), json!(interest[1]));
    out.insert("total_meeting_completed".into(), json!(interest[2]));
    out.insert("total_closed".into(), json!(interest[3]));
    Ok(ok(Value::Object(out)))
}

pub async fn daily(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let p = op("get", "/api/v2/campaigns/analytics/daily").query(q.as_deref())?;
    let (start, end) = date_range(&p)?;
    let status = p.get("campaign_status").and_then(Value::as_f64);
    let selection = p
        .get("campaign_id")
        .and_then(Value::as_str)
        .map(|c| HashSet::from([c.to_string()]));
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let ids: HashSet<String> = campaigns(ws, &selection, status).into_iter().collect();
    let mut days: BTreeMap<NaiveDate, Agg> = BTreeMap::new();
    for a in ws
        .activities
        .iter()
        .filter(|a| ids.contains(&a.campaign_id) && in_range(a, start, end))
    {
        days.entry(a.date).or_default().add(a);
    }
    let rows: Vec<Value> = days
        .into_iter()
        .map(|(date, g)| {
            json!({
                "date": date.to_string(),
                "sent": g.sent,
                "contacted": g.contacted.len(),
                "new_leads_contacted": g.new_contacted,
                "opened": g.open,
                "unique_opened": g.open_u.len(),
                "replies": g.reply,
                "unique_replies": g.reply_u.len(),
                "replies_automatic": g.auto,
                "unique_replies_automatic": g.auto_u.len(),
                "clicks": g.click,
                "unique_clicks": g.click_u.len(),
                "opportunities": g.opportunities,
                "unique_opportunities": g.opp_u.len(),
            })
        })
        .collect();
    Ok(ok(Value::Array(rows)))
}
