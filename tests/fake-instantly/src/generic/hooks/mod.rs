//! Operations whose name makes a state change evident beyond the generic
//! collection rules, or whose answer is derived from other state: each hook
//! replaces the generic behaviour of one operation.

pub mod accounts;
pub mod campaigns;
pub mod emails;
pub mod misc;
pub mod tags;
pub mod workspace;

use super::records::project;
use super::{Answer, Req};
use crate::errors::ApiResult;
use crate::optable::Op;
use crate::state::Store;
use serde_json::{Map, Value};

/// A hook: runs with the store locked and answers the operation.
pub type Hook = fn(&Req, &mut Store) -> ApiResult<Answer>;

/// The object inside a `json!({...})` value.
pub fn json_of(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// `rec` projected onto the operation's answer schema.
pub fn projected(req: &Req, rec: &Map<String, Value>) -> Answer {
    Answer::Json(project(req.op.schema.as_ref(), rec))
}

/// The hook of an operation, if it has one.
pub fn find(op: &Op) -> Option<Hook> {
    Some(match (op.method, op.route.as_str()) {
        ("POST", "/accounts") => accounts::create,
        ("POST", "/accounts/pause") => accounts::pause_many,
        ("POST", "/accounts/warmup/enable" | "/accounts/warmup/disable") => accounts::warmup,
        ("POST", "/accounts/warmup-analytics") => accounts::warmup_analytics,
        ("GET", "/accounts/analytics/daily") => accounts::daily,
        ("POST", "/accounts/test/vitals") => accounts::vitals,
        ("POST", "/accounts/move") => accounts::move_accounts,
        ("GET", "/accounts/ctd/status") => accounts::ctd_status,
        ("GET", "/account-campaign-mappings/{email}") => accounts::campaign_mappings,
        ("POST", "/custom-tags/toggle-resource") => tags::toggle_resource,
        ("POST", "/block-lists-entries") => tags::block_create,
        ("POST", "/block-lists-entries/bulk-create") => tags::block_bulk_create,
        ("POST", "/block-lists-entries/bulk-delete") => tags::block_bulk_delete,
        ("GET", "/block-lists-entries/download") => tags::block_download,
        ("POST", "/lead-labels") => tags::label_create,
        ("POST", "/lead-labels/ai-reply-label") => tags::ai_reply_label,
        ("GET", "/campaigns/search-by-contact") => campaigns::search_by_contact,
        ("GET", "/campaigns/count-launched") => campaigns::count_launched,
        ("POST", "/campaigns/{id}/share") => campaigns::share,
        ("POST", "/campaigns/{id}/from-export") => campaigns::from_export,
        ("POST", "/campaigns/{id}/export") => campaigns::export,
        ("POST", "/campaigns/{id}/variables") => campaigns::variables,
        ("GET", "/campaigns/{id}/sending-status" | "/subsequences/{id}/sending-status") => {
            campaigns::sending_status
        }
        ("GET", "/campaigns/analytics/steps" | "/subsequences/{id}/analytics/steps") => {
            campaigns::steps
        }
        ("POST", "/subsequences") => campaigns::subsequence_create,
        ("POST", "/subsequences/{id}/duplicate") => campaigns::subsequence_duplicate,
        ("GET", "/subsequences/analytics") => campaigns::subsequence_analytics,
        ("POST", "/leads/subsequence/move" | "/leads/subsequence/remove") => {
            campaigns::lead_subsequence
        }
        ("POST", "/leads/merge") => campaigns::merge,
        ("POST", "/leads/bulk-assign") => campaigns::bulk_assign,
        ("GET", "/lead-lists/{id}/verification-stats") => campaigns::verification_stats,
        ("POST", "/emails/reply") => emails::reply,
        ("POST", "/emails/forward") => emails::forward,
        ("POST", "/emails/test") => emails::test,
        ("GET", "/emails/unread/count") => emails::unread_count,
        ("POST", "/emails/threads/{thread_id}/mark-as-read") => emails::mark_thread_read,
        ("POST", "/workspace-members") => workspace::member_create,
        ("POST", "/api-keys") => workspace::api_key_create,
        ("DELETE", "/api-keys/{id}") => workspace::api_key_delete,
        ("POST", "/workspace-group-members") => workspace::group_add,
        ("GET", "/workspace-group-members/admin") => workspace::group_admin,
        (_, r) if r.starts_with("/workspaces/current") || r.starts_with("/workspace-billing") => {
            workspace::current
        }
        ("POST", "/oauth/google/init" | "/oauth/microsoft/init") => misc::oauth_init,
        ("GET", "/oauth/session/status/{sessionId}") => misc::oauth_status,
        ("POST", "/email-verification") => misc::verify,
        ("POST", "/inbox-placement-tests") => misc::placement_test,
        (
            "POST",
            "/inbox-placement-analytics/stats-by-test-id"
            | "/inbox-placement-analytics/stats-by-date"
            | "/inbox-placement-analytics/deliverability-insights",
        ) => misc::placement_stats,
        ("POST", "/dfy-email-account-orders") => misc::dfy_order,
        ("GET", "/dfy-email-account-orders/accounts") => misc::dfy_accounts,
        ("POST", "/dfy-email-account-orders/accounts/cancel") => misc::dfy_cancel,
        (_, r)
            if r.starts_with("/supersearch-enrichment/")
                && !matches!(
                    r,
                    "/supersearch-enrichment/count-leads-from-supersearch"
                        | "/supersearch-enrichment/preview-leads-from-supersearch"
                        | "/supersearch-enrichment/signal-keywords-facet"
                ) =>
        {
            misc::enrichment
        }
        _ => return None,
    })
}
