//! The `/api/v2` router, built from the operation table: every operation of
//! the spec is routed, to its hand-written handler where the fake models the
//! API's semantics, to the spec-driven handler (`generic/`) everywhere else.
//! Literal path segments win over parameters (`/campaigns/count-launched`
//! is not `/campaigns/{id}`), as in the real router.

use crate::state::AppState;
use crate::{analytics, campaigns, generic, jobs, leads, leads_bulk, lists, optable, webhooks};
use axum::routing::{delete, get, patch, post, MethodRouter};
use axum::Router;
use std::collections::BTreeMap;

/// The hand-written handler of `method route`, if the fake has one.
pub fn hand_written(method: &str, route: &str) -> Option<MethodRouter<AppState>> {
    Some(match (method, route) {
        ("POST", "/campaigns") => post(campaigns::create),
        ("GET", "/campaigns") => get(campaigns::list),
        ("GET", "/campaigns/analytics") => get(analytics::per_campaign),
        ("GET", "/campaigns/analytics/overview") => get(analytics::overview),
        ("GET", "/campaigns/analytics/daily") => get(analytics::daily),
        ("GET", "/campaigns/{id}") => get(campaigns::get_one),
        ("PATCH", "/campaigns/{id}") => patch(campaigns::patch),
        ("DELETE", "/campaigns/{id}") => delete(campaigns::delete),
        ("POST", "/campaigns/{id}/activate") => post(campaigns::activate),
        ("POST", "/campaigns/{id}/pause") => post(campaigns::pause),
        ("POST", "/campaigns/{id}/duplicate") => post(campaigns::duplicate),
        ("POST", "/leads") => post(leads::create),
        ("DELETE", "/leads") => delete(leads_bulk::bulk_delete),
        ("POST", "/leads/list") => post(leads::list),
        ("POST", "/leads/add") => post(leads_bulk::add),
        ("POST", "/leads/move") => post(leads_bulk::move_leads),
        ("POST", "/leads/update-interest-status") => post(leads_bulk::update_interest_status),
        ("GET", "/leads/{id}") => get(leads::get_one),
        ("PATCH", "/leads/{id}") => patch(leads::patch),
        ("DELETE", "/leads/{id}") => delete(leads::delete),
        ("POST", "/lead-lists") => post(lists::create),
        ("GET", "/lead-lists") => get(lists::list),
        ("GET", "/lead-lists/{id}") => get(lists::get_one),
        ("PATCH", "/lead-lists/{id}") => patch(lists::patch),
        ("DELETE", "/lead-lists/{id}") => delete(lists::delete),
        ("GET", "/background-jobs/{id}") => get(jobs::get_one),
        ("POST", "/webhooks") => post(webhooks::create),
        ("GET", "/webhooks") => get(webhooks::list),
        ("GET", "/webhooks/event-types") => get(webhooks::event_types),
        ("GET", "/webhooks/{id}") => get(webhooks::get_one),
        ("PATCH", "/webhooks/{id}") => patch(webhooks::patch),
        ("DELETE", "/webhooks/{id}") => delete(webhooks::delete),
        ("POST", "/webhooks/{id}/test") => post(webhooks::test),
        ("POST", "/webhooks/{id}/resume") => post(webhooks::resume),
        ("GET", "/webhook-events") => get(webhooks::list_events),
        ("GET", "/webhook-events/summary") => get(webhooks::summary),
        ("GET", "/webhook-events/summary-by-date") => get(webhooks::summary_by_date),
        ("GET", "/webhook-events/{id}") => get(webhooks::get_event),
        _ => return None,
    })
}

/// One route per spec path, each method served by its handler.
pub fn api(state: AppState) -> Router<AppState> {
    let mut by_path: BTreeMap<&str, MethodRouter<AppState>> = BTreeMap::new();
    for op in optable::ops() {
        let piece = hand_written(op.method, &op.route).unwrap_or_else(|| generic::route(op));
        let merged = match by_path.remove(op.route.as_str()) {
            Some(existing) => existing.merge(piece),
            None => piece,
        };
        by_path.insert(op.route.as_str(), merged);
    }
    let mut router = Router::new();
    for (path, methods) in by_path {
        router = router.route(path, methods);
    }
    router.route_layer(axum::middleware::from_fn_with_state(
        state,
        crate::shape::scope,
    ))
}
