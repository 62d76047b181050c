//! Events: what happens to leads (sent, opened, replied, ...), its effect on
//! lead fields and analytics, and the webhook payload it produces.

use crate::delivery;
use crate::ids::{iso, new_uuid};
use crate::state::{Activity, ActivityKind, AppState, Lead, Store, Workspace};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

/// The subscription `event_type` that receives a payload `event_type`
/// (`None`: only `all_events` subscriptions receive it).
pub fn subscription_for(payload_type: &str) -> Option<&'static str> {
    Some(match payload_type {
        "email_sent" => "email_sent",
        "email_opened" => "email_opened",
        "link_clicked" => "email_link_clicked",
        "reply_received" => "reply_received",
        "email_bounced" => "email_bounced",
        "lead_unsubscribed" => "lead_unsubscribed",
        "campaign_completed" => "campaign_completed",
        "account_error" => "account_error",
        "lead_neutral" => "lead_neutral",
        "lead_interested" => "lead_interested",
        "lead_not_interested" => "lead_not_interested",
        "lead_meeting_booked" => "lead_meeting_booked",
        "lead_meeting_completed" => "lead_meeting_completed",
        "lead_closed" => "lead_closed",
        "lead_out_of_office" => "lead_out_of_office",
        "lead_wrong_person" => "lead_wrong_person",
        "lead_no_show" => "lead_no_show",
        "supersearch_enrichment_completed" => "supersearch_enrichment_completed",
        _ => return None,
    })
}

/// Payload name for an event named either way (`email_link_clicked` →
/// `link_clicked`).
pub fn payload_name(name: &str) -> &str {
    match name {
        "email_link_clicked" => "link_clicked",
        other => other,
    }
}

/// Payload `event_type` of an interest value (`None` = reset to "Lead").
/// Custom label values send their label's name (`Custom Label N` when the
/// workspace has no label with that value).
pub fn interest_event(ws: &Workspace, value: Option<i64>) -> String {
    match value {
        None => "lead_neutral".into(),
        Some(1) => "lead_interested".into(),
        Some(-1) => "lead_not_interested".into(),
        Some(2) => "lead_meeting_booked".into(),
        Some(3) => "lead_meeting_completed".into(),
        Some(4) => "lead_closed".into(),
        Some(0) => "lead_out_of_office".into(),
        Some(-2) => "lead_wrong_person".into(),
        Some(-3) => "lead_lost".into(),
        Some(-4) => "lead_no_show".into(),
        Some(n) => crate::generic::hooks::tags::label_of(ws, n)
            .unwrap_or_else(|| format!("Custom Label {n}")),
    }
}

/// The interest value an interest payload name stands for.
pub fn interest_value_of(name: &str) -> Option<Option<i64>> {
    Some(match name {
        "lead_neutral" => None,
        "lead_interested" => Some(1),
        "lead_not_interested" => Some(-1),
        "lead_meeting_booked" => Some(2),
        "lead_meeting_completed" => Some(3),
        "lead_closed" => Some(4),
        "lead_out_of_office" => Some(0),
        "lead_wrong_person" => Some(-2),
        "lead_lost" => Some(-3),
        "lead_no_show" => Some(-4),
        _ => return None,
    })
}

/// Records one activity and updates the lead's counters and timestamps.
#[allow(clippy::too_many_arguments)]
pub fn record(
    ws: &mut Workspace,
    kind: ActivityKind,
    campaign_id: &str,
    lead_id: &str,
    step: u32,
    variant: u32,
    first: bool,
    at: DateTime<Utc>,
) {
    ws.activities.push(Activity {
        campaign_id: campaign_id.to_string(),
        lead_id: lead_id.to_string(),
        date: at.date_naive(),
        kind,
        step,
        variant,
        first,
    });
    let Some(lead) = ws.leads.get_mut(lead_id) else {
        return;
    };
    let ts = json!(iso(at));
    let d = &mut lead.data;
    let bump = |d: &mut Map<String, Value>, k: &str| {
        let n = d.get(k).and_then(Value::as_i64).unwrap_or(0) + 1;
        d.insert(k.into(), json!(n));
    };
    match kind {
        ActivityKind::Sent => {
            let from = json!(lead.sim.sender);
            d.insert("timestamp_last_contact".into(), ts.clone());
            d.insert("timestamp_last_touch".into(), ts.clone());
            d.insert("last_step_timestamp_executed".into(), ts.clone());
            d.insert("last_step_from".into(), from.clone());
            d.insert("last_contacted_from".into(), from.clone());
            d.insert(
                "status_summary".into(),
                json!({"lastStep": {"from": from, "stepID": format!("0_{}_{}", step.saturating_sub(1), variant), "timestamp_executed": ts}}),
            );
        }
        ActivityKind::Open => {
            bump(d, "email_open_count");
            d.insert("timestamp_last_open".into(), ts.clone());
            d.insert("email_opened_step".into(), json!(step));
            d.insert("email_opened_variant".into(), json!(variant));
        }
        ActivityKind::Click => {
            bump(d, "email_click_count");
            d.insert("timestamp_last_click".into(), ts.clone());
            d.insert("email_clicked_step".into(), json!(step));
            d.insert("email_clicked_variant".into(), json!(variant));
        }
        ActivityKind::Reply | ActivityKind::AutoReply => {
            bump(d, "email_reply_count");
            d.insert("timestamp_last_reply".into(), ts.clone());
            d.insert("timestamp_last_touch".into(), ts.clone());
            d.insert("email_replied_step".into(), json!(step));
            d.insert("email_replied_variant".into(), json!(variant));
        }
        ActivityKind::Bounce => {
            d.insert("status".into(), json!(-1));
        }
        ActivityKind::Unsubscribe => {
            d.insert("status".into(), json!(-2));
        }
        ActivityKind::Completed => {
            d.insert("status".into(), json!(3));
        }
        ActivityKind::Opportunity => {}
    }
    d.insert("timestamp_updated".into(), json!(iso(at)));
}

/// The fields every payload carries plus the lead's data.
pub fn base_payload(
    ws: &Workspace,
    event_type: &str,
    campaign_id: Option<&str>,
    lead: Option<&Lead>,
    at: DateTime<Utc>,
) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("timestamp".into(), json!(iso(at)));
    p.insert("event_type".into(), json!(event_type));
    p.insert("workspace".into(), json!(ws.id));
    p.insert("campaign_id".into(), json!(campaign_id));
    p.insert(
        "campaign_name".into(),
        json!(campaign_id.map(|c| ws.campaign_name(c))),
    );
    if let Some(l) = lead {
        p.insert("lead_email".into(), json!(l.email()));
        for k in [
            "first_name",
            "last_name",
            "company_name",
            "job_title",
            "phone",
            "website",
            "personalization",
        ] {
            if let Some(v) = l.data.get(k).filter(|v| !v.is_null()) {
                p.insert(k.into(), v.clone());
            }
        }
        if let Some(Value::Object(vars)) = l.data.get("payload") {
            for (k, v) in vars {
                p.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    p
}

/// Adds the email fields (account, step, variant, subject, ...) of an
/// email-level event for `lead`'s last sent email.
pub fn email_fields(p: &mut Map<String, Value>, lead: &Lead, step: u32, body: &str) {
    p.insert("email_account".into(), json!(lead.sim.sender));
    p.insert("step".into(), json!(step));
    p.insert("variant".into(), json!(lead.sim.last_variant + 1));
    p.insert("is_first".into(), json!(step == 1));
    p.insert("email_id".into(), json!(lead.sim.last_email_id));
    p.insert("email_subject".into(), json!(lead.sim.last_subject));
    p.insert("email_text".into(), json!(strip_html(body)));
    p.insert("email_html".into(), json!(body));
}

/// The text of a simulated reply.
pub fn reply_text(automatic: bool) -> &'static str {
    if automatic {
        "Thanks for your email. I am out of the office until next week with limited access to email."
    } else {
        "Thanks for reaching out! This sounds interesting - could you send over some more details?"
    }
}

/// Stores the email a lead replied with (a received email in the thread of
/// the lead's last email) and returns its id.
pub fn store_reply(
    ws: &mut Workspace,
    lead_id: &str,
    campaign_id: Option<&str>,
    automatic: bool,
    at: DateTime<Utc>,
) -> String {
    let Some(lead) = ws.leads.get(lead_id) else {
        return new_uuid();
    };
    let id = new_uuid();
    let from = lead.email().unwrap_or_default().to_string();
    let to = lead.sim.sender.clone();
    let subject = format!("Re: {}", lead.sim.last_subject);
    let thread = if lead.sim.thread_id.is_empty() {
        new_uuid()
    } else {
        lead.sim.thread_id.clone()
    };
    let html = format!("<div>{}</div>", reply_text(automatic));
    crate::generic::hooks::emails::store(
        ws,
        crate::generic::hooks::emails::Mail {
            id: id.clone(),
            thread_id: thread,
            ue_type: crate::generic::hooks::emails::RECEIVED,
            from: &from,
            to: &to,
            eaccount: &to,
            subject: &subject,
            html: &html,
            campaign_id,
            lead_id: Some(lead_id),
            lead_email: Some(&from),
            step: None,
            at,
        },
    );
    id
}

/// Adds the reply fields of a reply event; `reply_id` is the stored
/// received email's id.
pub fn reply_fields(p: &mut Map<String, Value>, lead: &Lead, automatic: bool, reply_id: &str) {
    let text = reply_text(automatic);
    p.insert("email_id".into(), json!(reply_id));
    p.insert(
        "reply_subject".into(),
        json!(format!("Re: {}", lead.sim.last_subject)),
    );
    p.insert("reply_text".into(), json!(text));
    p.insert("reply_html".into(), json!(format!("<div>{text}</div>")));
    p.insert(
        "reply_text_snippet".into(),
        json!(text.chars().take(100).collect::<String>()),
    );
    p.insert(
        "unibox_url".into(),
        json!(format!(
            "https://app.instantly.ai/app/unibox?thread_search=email:{}",
            lead.email().unwrap_or_default()
        )),
    );
}

pub fn strip_html(html: &str) -> String {
    let with_breaks = html.replace("<br/>", "\n").replace("<br>", "\n");
    let mut out = String::new();
    let mut in_tag = false;
    for c in with_breaks.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Live payloads (api-notes §7) repeat the lead's address as `email` and
/// carry `unibox_url: null` on events that are not replies.
fn live_payload(p: &mut Map<String, Value>) {
    if let Some(e) = p.get("lead_email").filter(|e| !e.is_null()).cloned() {
        p.entry("email").or_insert(e);
    }
    p.entry("unibox_url").or_insert(Value::Null);
}

/// Sends `payload` to every matching webhook; returns how many matched.
pub fn emit(
    app: &AppState,
    s: &mut Store,
    ws_id: &str,
    payload: Map<String, Value>,
    custom_interest: Option<f64>,
) -> usize {
    let event_type = payload
        .get("event_type")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut payload = payload;
    if !s.config.spec_shapes {
        live_payload(&mut payload);
    }
    delivery::dispatch(
        app,
        s,
        ws_id,
        Value::Object(payload),
        subscription_for(&event_type),
        custom_interest,
    )
}

/// Applies an interest-status change to the leads with `email` (restricted
/// to a campaign or list if given) and emits the matching events.
pub fn apply_interest(
    app: &AppState,
    generation: u64,
    ws_id: &str,
    email: &str,
    value: Option<f64>,
    campaign: Option<&str>,
    list_id: Option<&str>,
) -> usize {
    let mut s = app.lock();
    if s.generation != generation {
        return 0;
    }
    let now = Utc::now();
    let ws = s.ws(ws_id);
    let targets: Vec<String> = ws
        .leads_with_email(email)
        .into_iter()
        .filter(|l| campaign.is_none_or(|c| l.campaign() == Some(c)))
        .filter(|l| list_id.is_none_or(|li| l.list_id() == Some(li)))
        .map(|l| l.id().to_string())
        .collect();
    let ivalue = value.map(|v| v as i64);
    let mut payloads = Vec::new();
    for id in &targets {
        let lead = ws.leads.get_mut(id).unwrap();
        match value {
            None => {
                lead.data.remove("lt_interest_status");
            }
            Some(v) => {
                lead.data
                    .insert("lt_interest_status".into(), json!(v as i64));
            }
        }
        lead.data
            .insert("timestamp_last_interest_change".into(), json!(iso(now)));
        lead.data
            .insert("timestamp_updated".into(), json!(iso(now)));
        let camp = lead.campaign().map(str::to_string);
        if let (Some(c), Some(1..=4)) = (&camp, ivalue) {
            record(ws, ActivityKind::Opportunity, c, id, 0, 0, false, now);
        }
        let lead = &ws.leads[id];
        payloads.push(base_payload(
            ws,
            &interest_event(ws, ivalue),
            camp.as_deref(),
            Some(lead),
            now,
        ));
    }
    let mut n = 0;
    for p in payloads {
        n += emit(app, &mut s, ws_id, p, value);
    }
    n
}
