//! The sending simulation (`POST /__fake/simulate`) and direct event
//! injection (`POST /__fake/events`).
//!
//! One tick is one sending round: every active campaign sends each due lead
//! its next step, then a seeded RNG decides bounces, opens, clicks, replies
//! and unsubscribes. Each outcome updates the lead, the analytics and emits
//! the webhook event.

use crate::campaigns::{STATUS_ACTIVE, STATUS_COMPLETED};
use crate::errors::{ApiError, ApiResult};
use crate::events::{self, base_payload, email_fields, record, reply_fields, store_reply};
use crate::generic::hooks::{accounts, emails};
use crate::ids::new_uuid;
use crate::state::{ActivityKind, AppState, Lead, Store, Workspace};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

pub const P_BOUNCE: f64 = 0.03;
pub const P_OPEN: f64 = 0.45;
pub const P_CLICK: f64 = 0.25;
pub const P_REPLY: f64 = 0.08;
pub const P_AUTO_REPLY: f64 = 0.2;
pub const P_UNSUBSCRIBE: f64 = 0.01;

const DEFAULT_SENDER: &str = "outreach@fake-instantly.dev";

#[derive(Default, Debug)]
pub struct Summary {
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    pub replied: u64,
    pub auto_replied: u64,
    pub bounced: u64,
    pub unsubscribed: u64,
    pub leads_completed: u64,
    pub campaigns_completed: u64,
    pub webhook_deliveries: usize,
}

impl Summary {
    pub fn to_json(&self, ticks: u32) -> Value {
        json!({
            "ticks": ticks,
            "sent": self.sent,
            "opened": self.opened,
            "clicked": self.clicked,
            "replied": self.replied,
            "auto_replied": self.auto_replied,
            "bounced": self.bounced,
            "unsubscribed": self.unsubscribed,
            "leads_completed": self.leads_completed,
            "campaigns_completed": self.campaigns_completed,
            "webhook_deliveries": self.webhook_deliveries,
        })
    }
}

struct Step {
    delay_ticks: u64,
    variants: Vec<(String, String)>,
}

fn steps_of(c: &Map<String, Value>) -> Vec<Step> {
    let mut out = Vec::new();
    for st in c
        .get("sequences")
        .and_then(|s| s.get(0))
        .and_then(|s| s.get("steps"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let delay = st.get("delay").and_then(Value::as_f64).unwrap_or(1.0);
        let unit = st
            .get("delay_unit")
            .and_then(Value::as_str)
            .unwrap_or("days");
        let delay_ticks = if unit == "days" {
            delay.ceil().max(1.0) as u64
        } else {
            1
        };
        let variants: Vec<(String, String)> = st
            .get("variants")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|v| v.get("v_disabled").and_then(Value::as_bool) != Some(true))
            .map(|v| {
                (
                    v["subject"].as_str().unwrap_or_default().to_string(),
                    v["body"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        if !variants.is_empty() {
            out.push(Step {
                delay_ticks,
                variants,
            });
        }
    }
    if out.is_empty() {
        out.push(Step {
            delay_ticks: 1,
            variants: vec![(
                "Quick question, {{firstName}}".into(),
                "Hi {{firstName}},<br/><br/>Would you be open to a quick chat?".into(),
            )],
        });
    }
    out
}

fn render(template: &str, lead: &Lead) -> String {
    let get = |k: &str| {
        lead.data
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut out = template.to_string();
    for (tag, key) in [
        ("firstName", "first_name"),
        ("lastName", "last_name"),
        ("companyName", "company_name"),
        ("jobTitle", "job_title"),
        ("website", "website"),
        ("personalization", "personalization"),
        ("email", "email"),
    ] {
        out = out.replace(&format!("{{{{{tag}}}}}"), &get(key));
    }
    out
}

type Pending = Vec<(Map<String, Value>, Option<f64>)>;

/// Runs `ticks` sending rounds for the active campaigns of a workspace (or
/// one campaign). `at` dates the activity (seeding uses past days).
pub fn run(
    app: &AppState,
    s: &mut Store,
    ws_id: &str,
    ticks: u32,
    campaign: Option<&str>,
    at: Option<DateTime<Utc>>,
) -> Summary {
    let mut summary = Summary::default();
    for _ in 0..ticks {
        let when = at.unwrap_or_else(Utc::now);
        let pending = tick(s.ws(ws_id), campaign, when, &mut summary);
        for (payload, custom) in pending {
            summary.webhook_deliveries += events::emit(app, s, ws_id, payload, custom);
        }
    }
    summary
}

fn tick(ws: &mut Workspace, only: Option<&str>, at: DateTime<Utc>, sum: &mut Summary) -> Pending {
    ws.sim_tick += 1;
    let t = ws.sim_tick;
    let mut out = Pending::new();
    let ids: Vec<String> = ws
        .campaigns
        .iter()
        .filter(|(id, c)| {
            only.is_none_or(|o| o == id.as_str()) && c["status"].as_i64() == Some(STATUS_ACTIVE)
        })
        .map(|(id, _)| id.clone())
        .collect();
    for cid in ids {
        let c = ws.campaigns[&cid].clone();
        let steps = steps_of(&c);
        // A campaign sends only from listed accounts that exist and are active;
        // one without any listed account uses the fake's built-in sender.
        let listed: Vec<String> = c["email_list"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let senders: Vec<String> = if listed.is_empty() {
            vec![DEFAULT_SENDER.to_string()]
        } else {
            listed
                .into_iter()
                .filter(|e| accounts::can_send(ws, e))
                .collect()
        };
        if senders.is_empty() {
            continue;
        }
        let flag = |k: &str, d: bool| c.get(k).and_then(Value::as_bool).unwrap_or(d);
        let (open_tr, link_tr, stop_on_reply) = (
            flag("open_tracking", true),
            flag("link_tracking", true),
            flag("stop_on_reply", true),
        );
        let daily_limit = c["daily_limit"]
            .as_u64()
            .filter(|l| *l > 0)
            .unwrap_or(u64::MAX);
        let max_new = c["daily_max_leads"].as_u64().unwrap_or(u64::MAX);
        let due: Vec<String> = ws
            .leads_in_campaign(&cid)
            .filter(|l| l.status() == 1 && !l.sim.done && l.sim.next_due_tick <= t)
            .map(|l| l.id().to_string())
            .collect();
        let (mut sent, mut new) = (0u64, 0u64);
        for lid in due {
            let idx = ws.leads[&lid].sim.steps_sent as usize;
            if idx == 0 && new >= max_new {
                continue;
            }
            if sent >= daily_limit {
                break;
            }
            let step = &steps[idx.min(steps.len() - 1)];
            let variant = ws.rng.below(step.variants.len() as u64) as u32;
            let sender = senders[ws.rng.below(senders.len() as u64) as usize].clone();
            let lead = ws.leads.get_mut(&lid).unwrap();
            let (subject, body) = &step.variants[variant as usize];
            let body = render(body, lead);
            lead.sim.last_subject = render(subject, lead);
            lead.sim.last_variant = variant;
            lead.sim.last_email_id = new_uuid();
            lead.sim.sender = sender;
            if lead.sim.thread_id.is_empty() {
                lead.sim.thread_id = new_uuid();
            }
            let n = idx as u32 + 1;
            let mail = (
                lead.sim.last_email_id.clone(),
                lead.sim.thread_id.clone(),
                lead.sim.sender.clone(),
                lead.email().unwrap_or_default().to_string(),
                lead.sim.last_subject.clone(),
            );
            emails::store(
                ws,
                emails::Mail {
                    id: mail.0,
                    thread_id: mail.1,
                    ue_type: emails::SENT_BY_CAMPAIGN,
                    from: &mail.2,
                    to: &mail.3,
                    eaccount: &mail.2,
                    subject: &mail.4,
                    html: &body,
                    campaign_id: Some(&cid),
                    lead_id: Some(&lid),
                    lead_email: Some(&mail.3),
                    step: Some(format!("0_{}_{}", idx, variant)),
                    at,
                },
            );
            sent += 1;
            if idx == 0 {
                new += 1;
            }
            record(ws, ActivityKind::Sent, &cid, &lid, n, variant, idx == 0, at);
            sum.sent += 1;
            let mut emit = |ws: &mut Workspace, kind: &str| {
                let lead = &ws.leads[&lid];
                let mut p = base_payload(ws, kind, Some(&cid), Some(lead), at);
                email_fields(&mut p, lead, n, &body);
                if kind == "reply_received" || kind == "auto_reply_received" {
                    let auto = kind == "auto_reply_received";
                    let reply = store_reply(ws, &lid, Some(&cid), auto, at);
                    let lead = &ws.leads[&lid];
                    reply_fields(&mut p, lead, auto, &reply);
                }
                out.push((p, None));
            };
            emit(ws, "email_sent");
            let mut done = false;
            if ws.rng.chance(P_BOUNCE) {
                record(ws, ActivityKind::Bounce, &cid, &lid, n, variant, false, at);
                emit(ws, "email_bounced");
                sum.bounced += 1;
                done = true;
            } else {
                if open_tr && ws.rng.chance(P_OPEN) {
                    record(ws, ActivityKind::Open, &cid, &lid, n, variant, false, at);
                    emit(ws, "email_opened");
                    sum.opened += 1;
                    if link_tr && ws.rng.chance(P_CLICK) {
                        record(ws, ActivityKind::Click, &cid, &lid, n, variant, false, at);
                        emit(ws, "link_clicked");
                        sum.clicked += 1;
                    }
                }
                if ws.rng.chance(P_REPLY) {
                    let auto = ws.rng.chance(P_AUTO_REPLY);
                    let kind = if auto {
                        ActivityKind::AutoReply
                    } else {
                        ActivityKind::Reply
                    };
                    record(ws, kind, &cid, &lid, n, variant, false, at);
                    if auto {
                        emit(ws, "auto_reply_received");
                        sum.auto_replied += 1;
                    } else {
                        emit(ws, "reply_received");
                        sum.replied += 1;
                        if stop_on_reply {
                            record(
                                ws,
                                ActivityKind::Completed,
                                &cid,
                                &lid,
                                n,
                                variant,
                                false,
                                at,
                            );
                            sum.leads_completed += 1;
                            done = true;
                        }
                    }
                } else if ws.rng.chance(P_UNSUBSCRIBE) {
                    record(
                        ws,
                        ActivityKind::Unsubscribe,
                        &cid,
                        &lid,
                        n,
                        variant,
                        false,
                        at,
                    );
                    emit(ws, "lead_unsubscribed");
                    sum.unsubscribed += 1;
                    done = true;
                }
            }
            let lead = ws.leads.get_mut(&lid).unwrap();
            lead.sim.steps_sent += 1;
            lead.sim.next_due_tick = t + step.delay_ticks;
            if !done && lead.sim.steps_sent as usize >= steps.len() {
                record(
                    ws,
                    ActivityKind::Completed,
                    &cid,
                    &lid,
                    n,
                    variant,
                    false,
                    at,
                );
                sum.leads_completed += 1;
                done = true;
            }
            if done {
                ws.leads.get_mut(&lid).unwrap().sim.done = true;
            }
        }
        let evergreen = c["is_evergreen"].as_bool().unwrap_or(false);
        let all_done = {
            let mut leads = ws.leads_in_campaign(&cid).peekable();
            leads.peek().is_some() && leads.all(|l| l.sim.done || l.status() != 1)
        };
        if !evergreen && all_done {
            if let Some(c) = ws.campaigns.get_mut(&cid) {
                c.insert("status".into(), json!(STATUS_COMPLETED));
            }
            sum.campaigns_completed += 1;
            out.push((
                base_payload(ws, "campaign_completed", Some(&cid), None, at),
                None,
            ));
        }
    }
    out
}

/// `POST /__fake/events`: emits one event and applies its effect.
pub fn inject(
    app: &AppState,
    s: &mut Store,
    ws_id: &str,
    body: &Map<String, Value>,
) -> ApiResult<Value> {
    let name = body
        .get("event_type")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("body must have required property 'event_type'"))?;
    let event_type = events::payload_name(name).to_string();
    let now = Utc::now();
    let ws = s.ws(ws_id);
    let mut campaign = body
        .get("campaign_id")
        .and_then(Value::as_str)
        .map(String::from);
    if let Some(c) = &campaign {
        if !ws.campaigns.contains_key(c) {
            return Err(ApiError::not_found("Campaign not found"));
        }
    }
    let email = body.get("lead_email").and_then(Value::as_str);
    let lead_id = email.and_then(|e| {
        ws.leads_with_email(e)
            .into_iter()
            .find(|l| campaign.as_deref().is_none_or(|c| l.campaign() == Some(c)))
            .map(|l| l.id().to_string())
    });
    if campaign.is_none() {
        campaign = lead_id
            .as_ref()
            .and_then(|id| ws.leads[id].campaign().map(String::from));
    }
    let step = body.get("step").and_then(Value::as_u64).unwrap_or(1) as u32;
    let variant = body
        .get("variant")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1) as u32
        - 1;
    let mut custom = None;
    if let (Some(cid), Some(lid)) = (&campaign, &lead_id) {
        let kind = match event_type.as_str() {
            "email_sent" => Some(ActivityKind::Sent),
            "email_opened" => Some(ActivityKind::Open),
            "link_clicked" => Some(ActivityKind::Click),
            "reply_received" => Some(ActivityKind::Reply),
            "auto_reply_received" => Some(ActivityKind::AutoReply),
            "email_bounced" => Some(ActivityKind::Bounce),
            "lead_unsubscribed" => Some(ActivityKind::Unsubscribe),
            _ => None,
        };
        if let Some(kind) = kind {
            let first = kind == ActivityKind::Sent && ws.leads[lid].sim.steps_sent == 0;
            if kind == ActivityKind::Sent {
                let l = ws.leads.get_mut(lid).unwrap();
                l.sim.steps_sent = l.sim.steps_sent.max(step);
                if l.sim.sender.is_empty() {
                    l.sim.sender = DEFAULT_SENDER.into();
                }
            }
            record(ws, kind, cid, lid, step, variant, first, now);
        }
    }
    let interest = events::interest_value_of(&event_type).or_else(|| {
        (events::subscription_for(&event_type).is_none())
            .then(|| body.get("interest_value").and_then(Value::as_i64))
            .flatten()
            .map(Some)
    });
    if let (Some(value), Some(lid)) = (interest, &lead_id) {
        let l = ws.leads.get_mut(lid).unwrap();
        match value {
            Some(v) => l.data.insert("lt_interest_status".into(), json!(v)),
            None => l.data.remove("lt_interest_status"),
        };
        l.data.insert(
            "timestamp_last_interest_change".into(),
            json!(crate::ids::iso(now)),
        );
        if let (Some(cid), Some(1..=4)) = (&campaign, value) {
            record(ws, ActivityKind::Opportunity, cid, lid, 0, 0, false, now);
        }
        if events::subscription_for(&event_type).is_none() {
            custom = value.map(|v| v as f64);
        }
    }
    if event_type == "campaign_completed" {
        if let Some(c) = campaign.as_ref().and_then(|c| ws.campaigns.get_mut(c)) {
            c.insert("status".into(), json!(STATUS_COMPLETED));
        }
    }
    let reply_id = match (&lead_id, event_type.as_str()) {
        (Some(lid), "reply_received" | "auto_reply_received") => Some(store_reply(
            ws,
            lid,
            campaign.as_deref(),
            event_type == "auto_reply_received",
            now,
        )),
        _ => None,
    };
    let lead = lead_id.as_ref().map(|id| &ws.leads[id]);
    let mut payload = base_payload(ws, &event_type, campaign.as_deref(), lead, now);
    if let Some(l) = lead {
        if l.email().is_some()
            && !event_type.starts_with("lead_")
            && event_type != "campaign_completed"
        {
            email_fields(&mut payload, l, step, "");
            payload.insert("variant".into(), json!(variant + 1));
            if event_type == "reply_received" || event_type == "auto_reply_received" {
                let auto = event_type == "auto_reply_received";
                reply_fields(&mut payload, l, auto, &reply_id.unwrap_or_default());
            }
        }
    } else if let Some(e) = email {
        payload.insert("lead_email".into(), json!(e));
    }
    for (k, v) in body {
        if !matches!(k.as_str(), "event_type" | "interest_value") {
            payload.insert(k.clone(), v.clone());
        }
    }
    let matched = events::emit(app, s, ws_id, payload.clone(), custom);
    Ok(json!({ "event": payload, "webhooks_matched": matched }))
}
