//! The current workspace (one stored profile per workspace), its members,
//! its workspace group, white-label domain and billing.

use super::json_of;
use crate::errors::{ApiError, ApiResult};
use crate::generic::records::{self, project};
use crate::generic::{synthesized, Answer, Req};
use crate::ids::{iso, new_uuid, now_iso};
use crate::optable::component_schema;
use crate::state::{Field, Store, Workspace};
use crate::synth::synth_required;
use chrono::Utc;
use serde_json::{json, Map, Value};

/// Workspace group members (sub-workspaces of this admin workspace).
pub const GROUP: &str = "workspace-group-members";
/// Workspace members.
pub const MEMBERS: &str = "workspace-members";
/// Where the profile of the current workspace is kept.
const PROFILE: &str = "workspace";

/// The stored profile of the workspace (made on first use).
pub fn profile(ws: &mut Workspace) -> &mut Map<String, Value> {
    let (id, owner) = (ws.id.clone(), ws.user_id.clone());
    ws.coll(PROFILE).entry("current".into()).or_insert_with(|| {
        let mut p = component_schema("Workspace")
            .map(synth_required)
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default();
        let now = now_iso();
        p.insert("id".into(), json!(id));
        p.insert("owner".into(), json!(owner));
        p.insert("name".into(), json!(format!("Workspace {}", &id[..8])));
        p.insert("timestamp_created".into(), json!(now));
        p.insert("timestamp_updated".into(), json!(now));
        p.insert("plan_id".into(), json!("pid_hg_v1"));
        p.insert("scheduled_for_removal_at".into(), Value::Null);
        p
    })
}

fn touch(p: &mut Map<String, Value>) {
    p.insert("timestamp_updated".into(), json!(now_iso()));
}

/// The workspace operations on `/workspaces/current...` and billing.
pub fn current(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let schema = req.op.schema.as_ref();
    let route = req.op.route.as_str();
    match (req.op.method, route) {
        ("PATCH", "/workspaces/current") => {
            let body = req.body_map();
            let p = profile(ws);
            for k in ["name", "org_logo_url"] {
                if let Some(v) = body.get(k) {
                    p.insert(k.into(), v.clone());
                }
            }
            touch(p);
        }
        ("POST", "/workspaces/current/schedule-for-removal") => {
            let p = profile(ws);
            p.insert(
                "scheduled_for_removal_at".into(),
                json!(iso(Utc::now() + chrono::Duration::days(30))),
            );
            touch(p);
        }
        ("DELETE", "/workspaces/current/schedule-for-removal") => {
            let p = profile(ws);
            p.insert("scheduled_for_removal_at".into(), Value::Null);
            touch(p);
        }
        ("POST", "/workspaces/current/whitelabel-domain") => {
            let domain = req
                .str_field("domain")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let p = profile(ws);
            p.insert("org_client_domain".into(), json!(domain));
            touch(p);
        }
        ("GET", "/workspaces/current/whitelabel-domain") => {
            let domain = profile(ws)
                .get("org_client_domain")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| ApiError::not_found("Whitelabel domain not found"))?;
            let mut out = synthesized(req.op);
            out["verified"] = json!(false);
            out["name"] = json!(domain);
            return Ok(Answer::Json(out));
        }
        ("DELETE", "/workspaces/current/whitelabel-domain") => {
            let p = profile(ws);
            if p.remove("org_client_domain").is_none() {
                return Err(ApiError::not_found("Whitelabel domain not found"));
            }
            touch(p);
        }
        ("POST", "/workspaces/current/change-owner") => {
            let email = req
                .str_field("email")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let member = ws
                .coll_ref(MEMBERS)
                .and_then(|m| {
                    m.values().find(|x| {
                        x.f("email").as_str().map(str::to_ascii_lowercase) == Some(email.clone())
                    })
                })
                .cloned()
                .ok_or_else(|| ApiError::not_found("Workspace member not found"))?;
            let p = profile(ws);
            p.insert("owner".into(), member.f("user_id").clone());
            touch(p);
        }
        ("GET", "/workspace-billing/plan-details" | "/workspace-billing/subscription-details") => {
            let name = profile(ws).f("name").clone();
            let mut out = synthesized(req.op);
            if let Value::Object(m) = &mut out {
                if m.contains_key("organization_id") {
                    m.insert("organization_id".into(), json!(req.ws_id));
                    m.insert("organization_name".into(), name);
                }
            }
            return Ok(Answer::Json(out));
        }
        _ => {}
    }
    Ok(Answer::Json(project(schema, profile(ws))))
}

/// `POST /workspace-members`: an invitation (not accepted yet) with its own
/// user id; an email already invited answers 409.
pub fn member_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let ws = s.ws(&req.ws_id);
    let email = req
        .str_field("email")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let taken = ws.coll_ref(MEMBERS).is_some_and(|m| {
        m.values()
            .any(|x| x.f("email").as_str().map(str::to_ascii_lowercase) == Some(email.clone()))
    });
    if taken {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            format!("{email} is already a member"),
        ));
    }
    let mut rec = records::build(ws, MEMBERS, &req.body_map());
    rec.insert("user_id".into(), json!(new_uuid()));
    rec.insert("accepted".into(), json!(false));
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, MEMBERS, rec);
    Ok(Answer::Json(out))
}

/// `POST /workspace-group-members`: adds another workspace of the fake (by
/// id) to this workspace's group; unknown workspaces answer 404, a workspace
/// already in the group 409.
pub fn group_add(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let sub = req
        .str_field("sub_workspace_id")
        .unwrap_or_default()
        .to_string();
    if sub == req.ws_id || !s.workspaces.contains_key(&sub) {
        return Err(ApiError::not_found("Workspace not found"));
    }
    let sub_name = profile(s.ws(&sub)).f("name").clone();
    let ws = s.ws(&req.ws_id);
    let admin_name = profile(ws).f("name").clone();
    if ws
        .coll_ref(GROUP)
        .is_some_and(|m| m.values().any(|g| *g.f("sub_workspace_id") == json!(sub)))
    {
        return Err(ApiError::new(
            axum::http::StatusCode::CONFLICT,
            "Workspace is already in the group",
        ));
    }
    let mut rec = records::build(ws, GROUP, &req.body_map());
    rec.insert("status".into(), json!("accepted"));
    rec.insert("sub_workspace_name".into(), sub_name);
    rec.insert("admin_workspace_name".into(), admin_name);
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, GROUP, rec);
    Ok(Answer::Json(out))
}

/// `GET /workspace-group-members/admin`: the admin workspace whose group
/// this workspace belongs to, if any.
pub fn group_admin(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let me = req.ws_id.clone();
    let mut found = None;
    for ws in s.workspaces.values() {
        if let Some(g) = ws
            .coll_ref(GROUP)
            .and_then(|m| m.values().find(|g| *g.f("sub_workspace_id") == json!(me)))
        {
            found = Some((ws.id.clone(), g.f("id").clone()));
        }
    }
    let out = match found {
        Some((admin, member)) => {
            let name = profile(s.ws(&admin)).f("name").clone();
            json!({"workspace_name": name, "has_admin_workspace": true, "workspace_group_member_id": member})
        }
        None => {
            json!({"workspace_name": "Undefined", "has_admin_workspace": false})
        }
    };
    Ok(Answer::Json(project(req.op.schema.as_ref(), &json_of(out))))
}

/// API keys made through the API.
pub const API_KEYS: &str = "api-keys";

/// `POST /api-keys`: a new key that authenticates as this workspace from
/// the next request on.
pub fn api_key_create(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let key = format!("{}{}", new_uuid().replace('-', ""), &new_uuid()[24..]);
    s.keys.insert(key.clone(), req.ws_id.clone());
    let ws = s.ws(&req.ws_id);
    let mut rec = records::build(ws, API_KEYS, &req.body_map());
    rec.insert("key".into(), json!(key));
    let out = project(req.op.schema.as_ref(), &rec);
    records::store(ws, API_KEYS, rec);
    Ok(Answer::Json(out))
}

/// `DELETE /api-keys/{id}`: the key stops working.
pub fn api_key_delete(req: &Req, s: &mut Store) -> ApiResult<Answer> {
    let rec = s
        .ws(&req.ws_id)
        .coll(API_KEYS)
        .remove(req.key())
        .ok_or_else(|| ApiError::not_found("API key not found"))?;
    if let Some(k) = rec.get("key").and_then(Value::as_str) {
        s.keys.remove(k);
    }
    Ok(Answer::Json(project(req.op.schema.as_ref(), &rec)))
}
