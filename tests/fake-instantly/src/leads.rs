//! Single-lead routes (`POST /leads`, `GET|PATCH|DELETE /leads/{id}`) and
//! `POST /leads/list`, plus the lead builder and filters shared with the bulk
//! routes.

use crate::api::JsonBody;
use crate::errors::{json_bytes, ok, ApiError, ApiResult};
use crate::ids::{iso, new_uuid_at};
use crate::pagination;
use crate::shape::LeadOut;
use crate::state::{AppState, Ctx, Lead, LeadSim, Workspace};
use crate::validation::op;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashSet};
use std::ops::Bound;

const ONE: &str = "/api/v2/leads/{id}";

/// Contact fields copied from requests onto the lead.
pub const CONTACT_FIELDS: &[&str] = &[
    "email",
    "first_name",
    "last_name",
    "company_name",
    "job_title",
    "phone",
    "website",
    "personalization",
    "pl_value_lead",
    "assigned_to",
];

/// Builds a lead (wire object + simulation state) from request fields.
pub fn build_lead(
    ws_id: &str,
    src: &Map<String, Value>,
    campaign: Option<&str>,
    list_id: Option<&str>,
    at: DateTime<Utc>,
) -> Lead {
    let ts = iso(at);
    let mut d = Map::new();
    d.insert("id".into(), json!(new_uuid_at(at)));
    d.insert("timestamp_created".into(), json!(ts));
    d.insert("timestamp_updated".into(), json!(ts));
    d.insert("organization".into(), json!(ws_id));
    d.insert("campaign".into(), json!(campaign));
    d.insert("list_id".into(), json!(list_id));
    d.insert("status".into(), json!(1));
    for f in CONTACT_FIELDS {
        d.insert((*f).into(), src.get(*f).cloned().unwrap_or(Value::Null));
    }
    if let Some(Value::String(e)) = d.get("email").cloned() {
        d.insert("email".into(), json!(e.trim()));
    }
    let domain = src
        .get("email")
        .and_then(Value::as_str)
        .and_then(|e| e.trim().split_once('@'))
        .map(|(_, dom)| dom.to_ascii_lowercase())
        .unwrap_or_default();
    d.insert("email_open_count".into(), json!(0));
    d.insert("email_reply_count".into(), json!(0));
    d.insert("email_click_count".into(), json!(0));
    d.insert("company_domain".into(), json!(domain));
    d.insert("status_summary".into(), json!({}));
    d.insert(
        "payload".into(),
        src.get("custom_variables").cloned().unwrap_or(json!({})),
    );
    if let Some(v) = src.get("lt_interest_status").filter(|v| v.is_number()) {
        d.insert("lt_interest_status".into(), v.clone());
    }
    d.insert("upload_method".into(), json!("api"));
    d.insert("is_website_visitor".into(), json!(false));
    for k in [
        "subsequence_id",
        "last_step_from",
        "last_step_id",
        "last_step_timestamp_executed",
        "email_opened_step",
        "email_opened_variant",
        "email_replied_step",
        "email_replied_variant",
        "email_clicked_step",
        "email_clicked_variant",
        "timestamp_last_contact",
        "timestamp_last_open",
        "timestamp_last_reply",
        "timestamp_last_click",
        "timestamp_last_touch",
        "timestamp_last_interest_change",
        "last_contacted_from",
        "uploaded_by_user",
    ] {
        d.insert(k.into(), Value::Null);
    }
    Lead {
        data: d,
        sim: LeadSim::default(),
    }
}

/// Why a new lead with this email would not be created, if it would not.
pub enum Conflict {
    /// Already in the target campaign/list.
    Duplicate(String),
    /// Matched one of the skip_if_in_* flags.
    Skipped(String),
}

pub struct SkipFlags {
    pub workspace: bool,
    pub campaign: bool,
    pub list: bool,
}

impl SkipFlags {
    pub fn from(body: &Map<String, Value>) -> Self {
        let flag = |k: &str| body.get(k).and_then(Value::as_bool).unwrap_or(false);
        SkipFlags {
            workspace: flag("skip_if_in_workspace"),
            campaign: flag("skip_if_in_campaign"),
            list: flag("skip_if_in_list"),
        }
    }
}

pub fn conflict(
    ws: &Workspace,
    email: &str,
    campaign: Option<&str>,
    list_id: Option<&str>,
    flags: &SkipFlags,
) -> Option<Conflict> {
    let existing = ws.leads_with_email(email);
    for l in &existing {
        let same = match (campaign, list_id) {
            (Some(c), _) => l.campaign() == Some(c),
            (None, Some(li)) => l.list_id() == Some(li) && l.campaign().is_none(),
            (None, None) => l.campaign().is_none() && l.list_id().is_none(),
        };
        if same {
            return Some(Conflict::Duplicate(l.id().to_string()));
        }
    }
    for l in &existing {
        if flags.workspace
            || (flags.campaign && l.campaign().is_some())
            || (flags.list && l.list_id().is_some() && l.campaign().is_none())
        {
            return Some(Conflict::Skipped(l.id().to_string()));
        }
    }
    None
}

pub fn check_container(
    ws: &Workspace,
    campaign: Option<&str>,
    list_id: Option<&str>,
) -> ApiResult<()> {
    if let Some(c) = campaign {
        if !ws.campaigns.contains_key(c) {
            return Err(ApiError::not_found("Campaign not found"));
        }
    }
    if let Some(l) = list_id {
        if !ws.lead_lists.contains_key(l) {
            return Err(ApiError::not_found("Lead list not found"));
        }
    }
    Ok(())
}

pub async fn create(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", "/api/v2/leads").body(body)?;
    let body = body.as_object().unwrap();
    let campaign = body.get("campaign").and_then(Value::as_str);
    let list_id = body.get("list_id").and_then(Value::as_str);
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    check_container(ws, campaign, list_id)?;
    if let Some(email) = body.get("email").and_then(Value::as_str) {
        if crate::generic::hooks::tags::blocked(ws, email) {
            return Err(ApiError::bad_request("Lead is in the block list"));
        }
        if let Some(Conflict::Duplicate(id) | Conflict::Skipped(id)) =
            conflict(ws, email, campaign, list_id, &SkipFlags::from(body))
        {
            return Ok(ok(Value::Object(ws.leads[&id].data.clone())));
        }
    }
    let lead = build_lead(&ws.id, body, campaign, list_id, Utc::now());
    let out = lead.data.clone();
    ws.insert_lead(lead);
    Ok(ok(Value::Object(out)))
}

pub async fn get_one(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    op("get", ONE).params(&[("id", &id)])?;
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let lead = ws
        .leads
        .get(&id)
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    Ok(ok(Value::Object(lead.data.clone())))
}

pub async fn patch(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let o = op("patch", ONE);
    o.params(&[("id", &id)])?;
    let body = o.body(body)?;
    let mut s = app.lock();
    let ws = s.ws(&ctx.workspace_id);
    let lead = ws
        .leads
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    for (k, v) in body.as_object().unwrap() {
        match k.as_str() {
            "custom_variables" => {
                lead.data.insert("payload".into(), v.clone());
            }
            _ => {
                lead.data.insert(k.clone(), v.clone());
            }
        }
    }
    lead.data
        .insert("timestamp_updated".into(), json!(iso(Utc::now())));
    Ok(ok(Value::Object(lead.data.clone())))
}

pub async fn delete(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Path(id): Path<String>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let o = op("delete", ONE);
    o.params(&[("id", &id)])?;
    o.body(body)?;
    let mut s = app.lock();
    let lead = s
        .ws(&ctx.workspace_id)
        .remove_lead(&id)
        .ok_or_else(|| ApiError::not_found("Lead not found"))?;
    Ok(ok(Value::Object(lead.data)))
}

/// A predicate for one `filter` value of `/leads/list` (None: unknown value).
pub fn filter_predicate(filter: &str) -> Option<fn(&Lead) -> bool> {
    fn interest(l: &Lead) -> Option<i64> {
        l.data.get("lt_interest_status").and_then(Value::as_i64)
    }
    fn contacted(l: &Lead) -> bool {
        !l.data
            .get("timestamp_last_contact")
            .is_none_or(Value::is_null)
    }
    fn verification(l: &Lead) -> Option<i64> {
        l.data.get("verification_status").and_then(Value::as_i64)
    }
    Some(match filter {
        "FILTER_VAL_CONTACTED" => |l| contacted(l),
        "FILTER_VAL_NOT_CONTACTED" => |l| !contacted(l),
        "FILTER_VAL_COMPLETED" => |l| l.status() == 3,
        "FILTER_VAL_UNSUBSCRIBED" => |l| l.status() == -2,
        "FILTER_VAL_ACTIVE" => |l| l.status() == 1,
        "FILTER_VAL_BOUNCED" => |l| l.status() == -1,
        "FILTER_VAL_SKIPPED" => |l| l.status() == -3,
        "FILTER_LEAD_INTERESTED" => |l| interest(l) == Some(1),
        "FILTER_LEAD_NOT_INTERESTED" => |l| interest(l) == Some(-1),
        "FILTER_LEAD_MEETING_BOOKED" => |l| interest(l) == Some(2),
        "FILTER_LEAD_MEETING_COMPLETED" => |l| interest(l) == Some(3),
        "FILTER_LEAD_CLOSED" => |l| interest(l) == Some(4),
        "FILTER_LEAD_OUT_OF_OFFICE" => |l| interest(l) == Some(0),
        "FILTER_LEAD_WRONG_PERSON" => |l| interest(l) == Some(-2),
        "FILTER_LEAD_LOST" => |l| interest(l) == Some(-3),
        "FILTER_LEAD_NO_SHOW" => |l| interest(l) == Some(-4),
        // Positive custom labels take 5..=1000, neutral ones 1001 and up.
        "FILTER_LEAD_CUSTOM_LABEL_POSITIVE" => {
            |l| interest(l).is_some_and(|i| (5..=1000).contains(&i))
        }
        "FILTER_LEAD_CUSTOM_LABEL_NEGATIVE" => |l| interest(l).is_some_and(|i| i < -4),
        "FILTER_VAL_RISKY" => |l| verification(l) == Some(-2),
        "FILTER_VAL_INVALID" => |l| verification(l) == Some(-1),
        "FILTER_VAL_VALID" => |l| verification(l) == Some(1),
        "FILTER_VAL_IN_SUBSEQUENCE" => |l| !l.data.get("subsequence_id").is_none_or(Value::is_null),
        "FILTER_VAL_OPENED_NO_REPLY" => {
            |l| l.num("email_open_count") > 0 && l.num("email_reply_count") == 0
        }
        "FILTER_VAL_COMPLETED_NO_REPLY" => |l| l.status() == 3 && l.num("email_reply_count") == 0,
        "FILTER_VAL_NO_OPENS" => |l| contacted(l) && l.num("email_open_count") == 0,
        "FILTER_VAL_REPLIED" => |l| l.num("email_reply_count") > 0,
        "FILTER_VAL_LINK_CLICKED" => |l| l.num("email_click_count") > 0,
        _ => return None,
    })
}

/// The selection fields shared by `/leads/list`, `/leads/move` and
/// `/leads/bulk-assign`, parsed once.
pub struct Selection {
    pred: Option<fn(&Lead) -> bool>,
    ids: Option<BTreeSet<String>>,
    excluded: HashSet<String>,
    contacts: Option<HashSet<String>>,
    campaign: Option<String>,
    list_id: Option<String>,
    in_campaign: Option<bool>,
    in_list: Option<bool>,
    visitor: Option<bool>,
    enrichment: Option<i64>,
    assigned: Option<String>,
    search: Option<String>,
}

impl Selection {
    /// Reads the selection from a validated body; an unknown `filter` is a 400.
    pub fn from(f: &Map<String, Value>) -> ApiResult<Selection> {
        let pred =
            match f.get("filter").and_then(Value::as_str) {
                None => None,
                Some(name) => Some(filter_predicate(name).ok_or_else(|| {
                    ApiError::bad_request(format!("Invalid filter value '{name}'"))
                })?),
            };
        let strings = |k: &str| -> Option<Vec<String>> {
            f.get(k).and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(|s| s.trim().to_ascii_lowercase()))
                    .collect()
            })
        };
        let text = |k: &str| f.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(Selection {
            pred,
            ids: strings("ids").map(|v| v.into_iter().collect()),
            excluded: strings("excluded_ids")
                .unwrap_or_default()
                .into_iter()
                .collect(),
            contacts: strings("contacts").map(|v| v.into_iter().collect()),
            campaign: text("campaign"),
            list_id: text("list_id"),
            in_campaign: f.get("in_campaign").and_then(Value::as_bool),
            in_list: f.get("in_list").and_then(Value::as_bool),
            visitor: f.get("is_website_visitor").and_then(Value::as_bool),
            enrichment: f.get("enrichment_status").and_then(Value::as_i64),
            assigned: text("assigned_to"),
            search: text("search")
                .map(|s| s.to_lowercase())
                .filter(|s| !s.is_empty()),
        })
    }

    /// True when `l` matches every field of the selection.
    pub fn matches(&self, l: &Lead) -> bool {
        let text = |k: &str| {
            l.data
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_lowercase()
        };
        self.campaign
            .as_deref()
            .is_none_or(|c| l.campaign() == Some(c))
            && self
                .list_id
                .as_deref()
                .is_none_or(|li| l.list_id() == Some(li))
            && self.in_campaign.is_none_or(|b| l.campaign().is_some() == b)
            && self.in_list.is_none_or(|b| l.list_id().is_some() == b)
            && self.ids.as_ref().is_none_or(|v| v.contains(l.id()))
            && !self.excluded.contains(l.id())
            && self
                .contacts
                .as_ref()
                .is_none_or(|v| l.email_key().is_some_and(|e| v.contains(&e)))
            && self.visitor.is_none_or(|b| {
                l.data.get("is_website_visitor").and_then(Value::as_bool) == Some(b)
            })
            && self
                .enrichment
                .is_none_or(|e| l.data.get("enrichment_status").and_then(Value::as_i64) == Some(e))
            && self
                .assigned
                .as_deref()
                .is_none_or(|a| l.data.get("assigned_to").and_then(Value::as_str) == Some(a))
            && self.search.as_ref().is_none_or(|q| {
                ["email", "first_name", "last_name", "company_name"]
                    .iter()
                    .any(|k| text(k).contains(q.as_str()))
            })
            && self.pred.is_none_or(|p| p(l))
    }

    /// The matching leads after the cursor `after`, in id order. Starts from
    /// the narrowest index (the given ids, the campaign's or the list's
    /// leads) and seeks to the cursor, so a page costs O(page), not O(workspace).
    pub fn iter<'s, 'a: 's>(
        &'s self,
        ws: &'a Workspace,
        after: Option<&'s str>,
    ) -> Box<dyn Iterator<Item = &'a Lead> + 's> {
        fn from_set<'s>(
            set: Option<&'s BTreeSet<String>>,
            after: Option<&'s str>,
        ) -> Box<dyn Iterator<Item = &'s String> + 's> {
            match (set, after) {
                (None, _) => Box::new(std::iter::empty()),
                (Some(s), Some(a)) => {
                    Box::new(s.range::<str, _>((Bound::Excluded(a), Bound::Unbounded)))
                }
                (Some(s), None) => Box::new(s.iter()),
            }
        }
        let ids: Box<dyn Iterator<Item = &'s String> + 's> = if let Some(ids) = &self.ids {
            from_set(Some(ids), after)
        } else if let Some(c) = &self.campaign {
            from_set(ws.campaign_index.get(c), after)
        } else if let Some(l) = &self.list_id {
            from_set(ws.list_index.get(l), after)
        } else {
            return Box::new(
                pagination::after(&ws.leads, after)
                    .map(|(_, l)| l)
                    .filter(move |l| self.matches(l)),
            );
        };
        Box::new(
            ids.filter_map(|id| ws.leads.get(id))
                .filter(move |l| self.matches(l)),
        )
    }
}

/// The leads matching the selection fields shared by `/leads/list` and
/// `/leads/move`, in id order.
pub fn select<'a>(ws: &'a Workspace, f: &Map<String, Value>) -> ApiResult<Vec<&'a Lead>> {
    let sel = Selection::from(f)?;
    Ok(sel.iter(ws, None).collect())
}

pub async fn list(
    State(app): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    Extension(JsonBody(body)): Extension<JsonBody>,
) -> ApiResult<Response> {
    let body = op("post", "/api/v2/leads/list").body(body)?;
    let f = body.as_object().unwrap();
    let limit = pagination::limit_of(f);
    let after = pagination::starting_after(f);
    let sel = Selection::from(f)?;
    let mut s = app.lock();
    let spec_shapes = s.config.spec_shapes;
    let ws = s.ws(&ctx.workspace_id);
    let (leads, cursor): (Vec<&Lead>, Option<String>) =
        if f.get("distinct_contacts").and_then(Value::as_bool) == Some(true) {
            // One lead per email, ordered and paged by email.
            let mut by_email = std::collections::BTreeMap::new();
            for l in sel.iter(ws, None) {
                if let Some(e) = l.email_key() {
                    by_email.entry(e).or_insert(l);
                }
            }
            let page: Vec<(&String, &&Lead)> = pagination::after(&by_email, after.as_deref())
                .take(limit)
                .collect();
            let cursor = page.last().map(|(e, _)| (*e).clone());
            (page.into_iter().map(|(_, l)| *l).collect(), cursor)
        } else {
            let page: Vec<&Lead> = sel.iter(ws, after.as_deref()).take(limit).collect();
            let cursor = page.last().map(|l| l.id().to_string());
            (page, cursor)
        };
    // Written straight from the store (no copy of the leads): a page costs
    // O(page) whatever the size of the workspace.
    #[derive(serde::Serialize)]
    struct Page<'a> {
        items: Vec<LeadOut<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        next_starting_after: Option<String>,
    }
    let full = leads.len() == limit;
    let body = Page {
        items: leads
            .iter()
            .map(|l| LeadOut {
                data: &l.data,
                spec_shapes,
            })
            .collect(),
        next_starting_after: cursor.filter(|_| full),
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    Ok(json_bytes(axum::http::StatusCode::OK, bytes))
}
