//! The Unibox: emails the simulation sends and receives are stored (the
//! `email_id` of their webhook payloads is their id), replies and forwards
//! add to a thread, threads are marked read, test emails need an account.

use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{existing, project};
use crate::generic::{Answer, Req};
use crate::ids::{iso, new_uuid};
use crate::state::{Field, Store, Workspace};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

/// The collection of emails.
pub const EMAILS: &str = "emails";
/// `ue_type` of an email a campaign sent.
pub const SENT_BY_CAMPAIGN: i64 = 1;
/// `ue_type` of an email received from a lead.
pub const RECEIVED: i64 = 2;
/// `ue_type` of an email sent by hand (reply, forward).
pub const SENT_MANUALLY: i64 = 3;

/// One email to store.
pub struct Mail<'a> {
    pub id: String,
    pub thread_id: String,
    pub ue_type: i64,
    pub from: &'a str,
    pub to: &'a str,
    pub eaccount: &'a str,
    pub subject: &'a str,
    pub html: &'a str,
    pub campaign_id: Option<&'a str>,
    pub lead_id: Option<&'a str>,
    pub lead_email: Option<&'a str>,
    /// `sequence_step_variant`, e.g. `0_1_0`.
    pub step: Option<String>,
    pub at: DateTime<Utc>,
}

/// Stores an email and returns it.
pub fn store(ws: &mut Workspace, m: Mail) -> Map<String, Value> {
    let text = crate::events::strip_html(m.html);
    let ts = iso(m.at);
    let email = json!({
        "id": m.id,
        "timestamp_created": ts,
        "timestamp_email": ts,
        "message_id": format!("<{}@{}>", m.id, m.from.split('@').nth(1).unwrap_or("fake-instantly.dev")),
        "subject": m.subject,
        "from_address_email": m.from,
        "to_address_email_list": m.to,
        "cc_address_email_list": null,
        "bcc_address_email_list": null,
        "reply_to": null,
        "body": {"text": text, "html": m.html},
        "organization_id": ws.id,
        "campaign_id": m.campaign_id,
        "subsequence_id": null,
        "list_id": null,
        "lead": m.lead_email,
        "lead_id": m.lead_id,
        "eaccount": m.eaccount,
        "ue_type": m.ue_type,
        "step": m.step,
        "is_unread": i64::from(m.ue_type == RECEIVED),
        "is_auto_reply": 0,
        "reminder_ts": null,
        "i_status": null,
        "thread_id": m.thread_id,
        "content_preview": text.chars().take(100).collect::<String>(),
    });
    let email = email.as_object().cloned().unwrap_or_default();
    ws.coll(EMAILS).insert(m.id.clone(), email.clone());
    email
}

fn reply_like(req: &Req, s: &mut Store, forward: bool) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let original = existing(
        ws,
        EMAILS,
        req.str_field("reply_to_uuid").unwrap_or_default(),
    )?;
    let eaccount = req.str_field("eaccount").unwrap_or_default().to_string();
    if super::accounts::account(ws, &eaccount).is_none() {
        return Err(ApiError::not_found("Email account not found"));
    }
    let to = if forward {
        req.str_field("to_address_email_list")
            .unwrap_or_default()
            .to_string()
    } else {
        original
            .f("from_address_email")
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let body = req.field("body").cloned().unwrap_or(json!({}));
    let html = body
        .get("html")
        .or(body.get("text"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let subject = req.str_field("subject").unwrap_or_default().to_string();
    let id = new_uuid();
    let mut email = store(
        ws,
        Mail {
            id,
            thread_id: original
                .f("thread_id")
                .as_str()
                .unwrap_or_default()
                .to_string(),
            ue_type: SENT_MANUALLY,
            from: &eaccount,
            to: &to,
            eaccount: &eaccount,
            subject: &subject,
            html: &html,
            campaign_id: original.f("campaign_id").as_str(),
            lead_id: original.f("lead_id").as_str(),
            lead_email: original.f("lead").as_str(),
            step: None,
            at: Utc::now(),
        },
    );
    for k in [
        "cc_address_email_list",
        "bcc_address_email_list",
        "reminder_ts",
    ] {
        if let Some(v) = req.field(k) {
            email.insert(k.into(), v.clone());
        }
    }
    let key = email.f("id").as_str().unwrap_or_default().to_string();
    ws.coll(EMAILS).insert(key, email.clone());
    Ok(Answer::Json(project(req.op.schema.as_ref(), &email)))
}

/// `POST /emails/reply`: a reply in the thread of an existing email (404
/// when unknown), from an account of the workspace (404 when unknown).
pub fn reply(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    reply_like(req, s, false)
}

/// `POST /emails/forward`: like a reply, to the given addresses.
pub fn forward(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    reply_like(req, s, true)
}

/// `POST /emails/test`: succeeds when the sending account exists, else
/// answers 200 with `{error: "ACC_NOT_FOUND"}` as the spec documents.
pub fn test(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let eaccount = req.str_field("eaccount").unwrap_or_default();
    Ok(Answer::Json(match super::accounts::account(ws, eaccount) {
        Some(_) => json!({ "status": "success" }),
        None => json!({ "error": "ACC_NOT_FOUND" }),
    }))
}

/// `GET /emails/unread/count`.
pub fn unread_count(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let n = ws
        .coll_ref(EMAILS)
        .into_iter()
        .flatten()
        .filter(|(_, e)| *e.f("is_unread") == json!(1))
        .count();
    Ok(Answer::Json(json!({ "count": n })))
}

/// `POST /emails/threads/{thread_id}/mark-as-read`: every email of the
/// thread is read; an unknown thread answers 404.
pub fn mark_thread_read(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let thread = req.param("thread_id").to_string();
    let mut found = false;
    for e in ws.coll(EMAILS).values_mut() {
        if e.f("thread_id").as_str() == Some(thread.as_str()) {
            found = true;
            e.insert("is_unread".into(), json!(0));
        }
    }
    if !found {
        return Err(ApiError::not_found("Thread not found"));
    }
    Ok(Answer::Json(json!({ "success": true })))
}
