//! `client.lead_lists()`: the exact request of every operation, decoding of the spec's
//! examples, and validation.

mod support;

use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::json;
use support::spec::{response_example, same_json};
use support::*;

const ID: &str = "019ffad2-9c3a-776c-8b48-37e10199c288";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

fn list_example() -> serde_json::Value {
    response_example("GET", "/lead-lists/{id}", "200")
}

#[test]
fn create_posts_the_body_and_decodes_the_spec_example() {
    let example = response_example("POST", "/lead-lists", "200");
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let p = LeadListCreateParams {
        name: Some("Conference leads".into()),
        has_enrichment_task: Some(Some(false)),
        owned_by: None,
    };
    let list = run(c.lead_lists().create(&p, &opts())).unwrap();
    assert!(same_json(&serde_json::to_value(&list).unwrap(), &example));
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, format!("{BASE}/api/v2/lead-lists"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        body_of(&req),
        json!({"name": "Conference leads", "has_enrichment_task": false})
    );
}

#[test]
fn create_is_not_retried_after_a_503() {
    let (c, t, _) = client();
    t.push(json(503, json!({})));
    let p = LeadListCreateParams {
        name: Some("x".into()),
        ..Default::default()
    };
    let e = run(c.lead_lists().create(&p, &opts())).unwrap_err();
    assert_eq!(e.status, Some(503));
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn list_sends_the_query_and_decodes_the_page() {
    let (c, t, _) = client();
    t.push(json(200, response_example("GET", "/lead-lists", "200")));
    let p = LeadListListParams {
        limit: Some(10),
        search: Some("conf".into()),
        has_enrichment_task: Some(true),
        starting_after: Some("2026-08-13T11:12:14.394Z".into()),
    };
    let page = run(c.lead_lists().list(&p, &opts())).unwrap();
    assert_eq!(page.items.map(|i| i.len()), Some(1));
    assert!(page.next_starting_after.is_some());
    let req = t.single();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        format!(
            "{BASE}/api/v2/lead-lists?limit=10&starting_after=2026-08-13T11%3A12%3A14.394Z\
             &has_enrichment_task=true&search=conf"
        )
    );
    assert!(req.body.is_none());
}

#[test]
fn get_update_delete_hit_the_item_route() {
    let (c, t, _) = client();
    t.push(json(200, list_example()));
    assert_eq!(
        run(c.lead_lists().get(ID, &opts())).unwrap().id.as_deref(),
        list_example()["id"].as_str()
    );
    let req = t.single();
    assert_eq!(
        (req.method.as_str(), req.url.as_str()),
        ("GET", format!("{BASE}/api/v2/lead-lists/{ID}").as_str())
    );
    assert_eq!(req.header("content-type"), None);

    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("DELETE", "/lead-lists/{id}", "200"),
    ));
    run(c.lead_lists().delete(ID, &opts())).unwrap();
    let req = t.single();
    assert_eq!(req.method.as_str(), "DELETE");
    assert!(req.body.is_none());
    assert_eq!(req.header("content-type"), None);

    // `null` (clear the owner) is kept apart from absent.
    let p: LeadListUpdateParams =
        serde_json::from_value(json!({"name": "Renamed", "owned_by": null})).unwrap();
    assert_eq!(p.owned_by, Some(None));
    let (c, t, _) = client();
    t.push(json(500, json!({}))).push(json(
        200,
        response_example("PATCH", "/lead-lists/{id}", "200"),
    ));
    run(c.lead_lists().update(ID, &p, &opts())).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "PATCH is retried");
    assert_eq!(reqs[1].method.as_str(), "PATCH");
    assert_eq!(reqs[1].url, format!("{BASE}/api/v2/lead-lists/{ID}"));
    assert_eq!(
        body_of(&reqs[1]),
        json!({"name": "Renamed", "owned_by": null})
    );
}

#[test]
fn validation_happens_before_sending() {
    let (c, t, _) = client();
    let check = |r: Result<LeadList, instantly_wasm::Error>, field: &str| {
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some(field), "{e}");
    };
    check(
        run(c
            .lead_lists()
            .create(&LeadListCreateParams::default(), &opts())),
        "name",
    );
    // An empty PATCH: the error names the params as a whole (`params`, or `leadLists.update
    // params`), not a field.
    let e = run(c
        .lead_lists()
        .update(ID, &LeadListUpdateParams::default(), &opts()))
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(
        e.field.as_deref().is_some_and(|f| f.ends_with("params")),
        "{e}"
    );
    assert!(e.message.contains("at least one field"), "{e}");
    check(
        run(c.lead_lists().update(
            ID,
            &LeadListUpdateParams {
                name: Some("".into()),
                ..Default::default()
            },
            &opts(),
        )),
        "name",
    );
    check(run(c.lead_lists().get("a/../b", &opts())), "id");
    let e = run(c.lead_lists().list(
        &LeadListListParams {
            limit: Some(500),
            ..Default::default()
        },
        &opts(),
    ))
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("limit"));
    assert!(t.requests().is_empty());
    // An unknown key (as JS may pass) is refused by the engine, naming it.
    let create = engine::operation("leadLists.create").unwrap();
    let e = engine::prepare(create, &[], json!({"name": "x", "title": "x"})).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("title"));
}
