//! `client.leads()` create, list, get, update and delete: the exact request of every operation,
//! decoding of the spec's example answers, validation before sending, and what is retried.
//! Bulk add, interest status and move are in `leads_bulk.rs`.

mod support;

use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::{Error, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::spec::{body_enum, request_schema, response_example, same_json};
use support::*;

const ID: &str = "019ffad2-53a1-7acf-9ae0-404312bcab56";
const CAMPAIGN: &str = "019ffad2-53a3-7590-935f-b48cddbf2d9e";
const LIST: &str = "019ffad2-53a3-7590-935f-b491178cb297";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

fn lead_example() -> Value {
    response_example("GET", "/leads/{id}", "200")
}

/// Params as JSON (as a JS caller sends them) through the engine's raw call: validation,
/// then the request.
fn raw(c: &TestClient, call: &str, path: &[&str], params: Value) -> Result<(), Error> {
    let op = engine::operation(call).unwrap();
    run(c.call_raw(op, path, params, &opts())).map(|_| ())
}

/// The engine's check alone (nothing is sent).
fn check(call: &str, path: &[&str], params: Value) -> Result<(), Error> {
    engine::prepare(engine::operation(call).unwrap(), path, params).map(|_| ())
}

fn cv(v: Value) -> std::collections::BTreeMap<String, Value> {
    serde_json::from_value(v).unwrap()
}

fn assert_invalid<T: std::fmt::Debug>(r: Result<T, Error>, field: &str) {
    let e = r.expect_err("expected a validation error");
    assert_eq!(e.kind, ErrorKind::Validation, "{e}");
    assert_eq!(e.field.as_deref(), Some(field), "{e}");
}

#[test]
fn the_spec_example_lead_decodes_with_every_field() {
    let v = lead_example();
    let lead: Lead = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(lead.id.as_deref(), Some(ID));
    assert_eq!(lead.status, Some(1.0), "active");
    assert_eq!(lead.lt_interest_status, Some(1.0), "interested");
    assert_eq!(lead.payload.as_ref().unwrap()["firstName"], "John");
    assert_eq!(
        lead.status_summary
            .as_ref()
            .unwrap()
            .last_step
            .as_ref()
            .unwrap()
            .step_id
            .as_deref(),
        Some("019ffad2-53a3-7590-935f-b48d6ba341ae")
    );
    // Nothing of the example is lost on the way back out.
    assert!(same_json(&serde_json::to_value(&lead).unwrap(), &v));
}

#[test]
fn lead_decoding_is_lenient() {
    let mut v = lead_example();
    v["status"] = json!(42);
    v["lt_interest_status"] = json!(null);
    v["a_field_from_the_future"] = json!({"x": 1});
    v.as_object_mut().unwrap().remove("company_domain");
    let lead: Lead = serde_json::from_value(v).unwrap();
    assert_eq!(lead.status, Some(42.0));
    assert_eq!(lead.lt_interest_status, None);
    assert_eq!(lead.company_domain, None);
}

/// api-notes §7 and §4: a list lead has no `campaign` key, `status_summary` can be `{}`,
/// `lastStep.stepID` looks like `"0_1_0"`, and the payload carries the user's own custom
/// variables under any key; none of it may fail or be dropped.
#[test]
fn leads_shaped_like_the_live_service_decode() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [
            {"id": ID, "list_id": LIST, "email": "a@b.co", "status_summary": {},
             "payload": {"firstName": "A", "favouriteColour": "teal", "seats": 5}},
            {"id": "5c1e7e52-3b5f-4c47-9a52-0d5b4c1c2b3a",
             "status_summary": {"lastStep": {"stepID": "0_1_0", "from": "campaign"}},
             "email_open_count": "3"}
        ]}),
    ));
    let page = run(c.leads().list(&LeadListParams::default(), &opts())).unwrap();
    let items = page.items.unwrap();
    assert_eq!(items[0].campaign, None);
    assert_eq!(items[0].status_summary, Some(LeadStatusSummary::default()));
    let payload = items[0].payload.as_ref().unwrap();
    assert_eq!(payload["favouriteColour"], "teal");
    assert_eq!(payload["seats"], 5);
    let step = items[1].status_summary.as_ref().unwrap().last_step.as_ref();
    assert_eq!(step.unwrap().step_id.as_deref(), Some("0_1_0"));
    assert_eq!(items[1].email_open_count, None);
}

#[test]
fn create_posts_campaign_not_campaign_id_and_decodes_the_lead() {
    let (c, t, _) = client();
    t.push(json(200, lead_example()));
    let params = LeadCreateParams {
        campaign: Some(Some(CAMPAIGN.into())),
        email: Some(Some("jane@example.com".into())),
        first_name: Some(Some("Jane".into())),
        custom_variables: Some(cv(
            json!({"plan": "pro", "seats": 5, "trial": true, "ref": null}),
        )),
        skip_if_in_workspace: Some(true),
        ..Default::default()
    };
    let lead = run(c.leads().create(&params, &opts())).unwrap();
    assert_eq!(lead.id.as_deref(), Some(ID));
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, format!("{BASE}/api/v2/leads"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        body_of(&req),
        json!({
            "campaign": CAMPAIGN,
            "email": "jane@example.com",
            "first_name": "Jane",
            "custom_variables": {"plan": "pro", "seats": 5, "trial": true, "ref": null},
            "skip_if_in_workspace": true
        })
    );
}

#[test]
fn create_params_cover_exactly_the_spec_body() {
    let s = || Some(Some(String::new()));
    let mut ours: Vec<String> = serde_json::to_value(LeadCreateParams {
        email: s(),
        first_name: s(),
        last_name: s(),
        company_name: s(),
        job_title: s(),
        phone: s(),
        website: s(),
        personalization: s(),
        lt_interest_status: Some(1.0),
        pl_value_lead: s(),
        assigned_to: s(),
        custom_variables: Some(Default::default()),
        campaign: s(),
        list_id: s(),
        skip_if_in_workspace: Some(true),
        skip_if_in_campaign: Some(true),
        skip_if_in_list: Some(true),
        blocklist_id: Some(String::new()),
        verify_leads_for_lead_finder: Some(true),
        verify_leads_on_import: Some(true),
    })
    .unwrap()
    .as_object()
    .unwrap()
    .keys()
    .cloned()
    .collect();
    ours.sort();
    let mut spec = support::spec::body_properties("POST", "/leads");
    spec.sort();
    assert_eq!(ours, spec);
}

#[test]
fn create_validates_before_sending() {
    let (c, t, _) = client();
    let base = || json!({"campaign": CAMPAIGN, "email": "jane@example.com"});
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base();
        f(&mut v);
        v
    };
    let cases: Vec<(Value, &str)> = vec![
        // A campaign lead needs an email.
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("email");
                v["first_name"] = json!("Jane");
            }),
            "email",
        ),
        (with(&|v| v["email"] = json!("not-an-email")), "email"),
        // A list lead needs an email or a name.
        (json!({"list_id": LIST}), "email"),
        (
            with(&|v| v["custom_variables"] = json!({"tags": ["a"]})),
            "custom_variables.tags",
        ),
    ];
    for (p, field) in cases {
        assert_invalid(raw(&c, "leads.create", &[], p.clone()), field);
        // The typed method checks the same way.
        let typed: LeadCreateParams = serde_json::from_value(p).unwrap();
        assert_invalid(run(c.leads().create(&typed, &opts())), field);
    }
    assert!(
        t.requests().is_empty(),
        "nothing may be sent for invalid input"
    );

    // A list lead needs only a name.
    t.push(json(200, lead_example()));
    let p = LeadCreateParams {
        list_id: Some(Some(LIST.into())),
        last_name: Some(Some("Doe".into())),
        ..Default::default()
    };
    run(c.leads().create(&p, &opts())).unwrap();
}

#[test]
fn js_input_with_campaign_id_is_rejected_with_a_hint() {
    let e = check(
        "leads.create",
        &[],
        json!({"campaign_id": CAMPAIGN, "email": "a@b.co"}),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("campaign_id"));
    assert!(
        e.message.contains("did you mean `campaign`"),
        "{}",
        e.message
    );
    let e = check("leads.list", &[], json!({"campaign_id": CAMPAIGN})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("campaign_id"));
    assert!(e.message.contains("`campaign`"), "{}", e.message);
}

#[test]
fn list_is_a_post_with_the_cursor_in_the_body_and_is_retried() {
    let (c, t, _) = client();
    let page = json!({
        "items": [lead_example()],
        "next_starting_after": ID
    });
    t.push(json(
        503,
        json!({"statusCode": 503, "error": "Service Unavailable"}),
    ))
    .push(json(200, page));
    let params = LeadListParams {
        campaign: Some(CAMPAIGN.into()),
        filter: Some("FILTER_VAL_REPLIED".into()),
        limit: Some(25),
        starting_after: Some("019ffad2-0000-7000-8000-000000000001".into()),
        contacts: Some(vec!["jane@example.com".into()]),
        ..Default::default()
    };
    let page = run(c.leads().list(&params, &opts())).unwrap();
    assert_eq!(page.items.map(|i| i.len()), Some(1));
    assert_eq!(page.next_starting_after.as_deref(), Some(ID));
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "POST /leads/list is retry-safe");
    let req = &reqs[1];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(
        req.url,
        format!("{BASE}/api/v2/leads/list"),
        "no query string"
    );
    assert_eq!(
        body_of(req),
        json!({
            "campaign": CAMPAIGN,
            "filter": "FILTER_VAL_REPLIED",
            "limit": 25,
            "starting_after": "019ffad2-0000-7000-8000-000000000001",
            "contacts": ["jane@example.com"]
        })
    );
}

#[test]
fn list_without_params_sends_an_empty_object() {
    let (c, t, _) = client();
    t.push(json(200, json!({"items": []})));
    let page = run(c.leads().list(&LeadListParams::default(), &opts())).unwrap();
    assert_eq!(page.items, Some(vec![]));
    assert_eq!(page.next_starting_after, None);
    assert_eq!(body_of(&t.single()), json!({}));
}

#[test]
fn list_validates_before_sending() {
    let (c, t, _) = client();
    let cases: Vec<(Value, &str)> = vec![
        (json!({"limit": 0}), "limit"),
        (json!({"limit": 101}), "limit"),
        (json!({"filter": "FILTER_INTERESTED"}), "filter"),
        (json!({"contacts": ["a@b.co", "nope"]}), "contacts[1]"),
        (json!({"esg_code": "5"}), "esg_code"),
        (json!({"enrichment_status": 7}), "enrichment_status"),
        (
            json!({"queries": [{"actionType": "opened", "values": {}}]}),
            "queries[0].actionType",
        ),
        (
            json!({"queries": [{"actionType": "reply",
                   "values": {"occurrence-count": {"condition": "greater", "count": 2}}}]}),
            "queries[0].values.occurrence-count.condition",
        ),
    ];
    for (p, field) in cases {
        assert_invalid(raw(&c, "leads.list", &[], p.clone()), field);
        let typed: LeadListParams = serde_json::from_value(p.clone()).unwrap();
        if serde_json::to_value(&typed).unwrap() == p {
            assert_invalid(run(c.leads().list(&typed, &opts())), field);
        }
    }
    assert!(t.requests().is_empty());
}

#[test]
fn smart_view_queries_use_the_wire_names() {
    let q: LeadListParams = serde_json::from_value(json!({
        "queries": [{"actionType": "email-open", "values": {"occurrence-days": 1}}]
    }))
    .unwrap();
    let (c, t, _) = client();
    t.push(json(200, json!({"items": []})));
    run(c.leads().list(&q, &opts())).unwrap();
    assert!(same_json(
        &body_of(&t.single()),
        &json!({"queries": [{"actionType": "email-open", "values": {"occurrence-days": 1}}]})
    ));
    let e = check(
        "leads.list",
        &[],
        json!({"queries": [{"actionType": "reply", "values": {"occurrence_days": 1}}]}),
    )
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("queries[0].values.occurrence_days")
    );
}

/// The closed lists come from the spec itself: every listed value passes the engine, and a value
/// outside the list is refused naming the field.
#[test]
fn the_filter_lists_are_the_spec_lists_for_list_and_move() {
    let move_base = || json!({"to_campaign_id": CAMPAIGN});
    for (call, path, field) in [
        ("leads.list", "/leads/list", "filter"),
        ("leads.move", "/leads/move", "filter"),
        ("leads.list", "/leads/list", "esg_code"),
        ("leads.move", "/leads/move", "esp_code"),
    ] {
        let values = body_enum("POST", path, field);
        assert!(!values.is_empty(), "{path} {field}");
        for v in &values {
            let mut p = if call == "leads.move" {
                move_base()
            } else {
                json!({})
            };
            p[field] = match v.parse::<i64>() {
                Ok(n) if field == "esp_code" => json!(n),
                _ => json!(v),
            };
            check(call, &[], p).unwrap_or_else(|e| panic!("{call} {field}={v}: {e}"));
        }
        let mut p = if call == "leads.move" {
            move_base()
        } else {
            json!({})
        };
        p[field] = if field == "esp_code" {
            json!(4242)
        } else {
            json!("FILTER_NOT_A_FILTER")
        };
        assert_invalid(check(call, &[], p), field);
    }
    assert!(body_enum("POST", "/leads/list", "filter").contains(&"FILTER_LEAD_CLOSED".into()));
}

#[test]
fn get_and_delete_send_no_body_and_decode_the_spec_example() {
    for method in ["GET", "DELETE"] {
        let (c, t, _) = client();
        t.push(json(200, response_example(method, "/leads/{id}", "200")));
        let lead = run(async {
            match method {
                "GET" => c.leads().get(ID, &opts()).await,
                _ => c.leads().delete(ID, &opts()).await,
            }
        })
        .unwrap();
        assert_eq!(lead.id.as_deref(), Some(ID));
        let req = t.single();
        assert_eq!(req.method.as_str(), method);
        assert_eq!(req.url, format!("{BASE}/api/v2/leads/{ID}"));
        assert!(req.body.is_none());
        assert_eq!(req.header("content-type"), None);
    }
    let (c, t, _) = client();
    for id in ["", "a/b", "../campaigns", "x?y", "x#y"] {
        assert_invalid(run(c.leads().get(id, &opts())), "id");
        assert_invalid(run(c.leads().delete(id, &opts())), "id");
    }
    assert!(t.requests().is_empty());
}

#[test]
fn update_sends_null_to_clear_and_omits_what_is_absent() {
    let p: LeadUpdateParams = serde_json::from_value(json!({
        "phone": null,
        "first_name": "Jane",
        "custom_variables": {"tier": 2}
    }))
    .unwrap();
    assert_eq!(p.phone, Some(None));
    assert_eq!(p.first_name, Some(Some("Jane".into())));
    assert_eq!(p.last_name, None);

    let (c, t, _) = client();
    t.push(json(503, json!({})))
        .push(json(200, response_example("PATCH", "/leads/{id}", "200")));
    let lead = run(c.leads().update(ID, &p, &opts())).unwrap();
    assert_eq!(lead.id.as_deref(), Some(ID));
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "PATCH is retry-safe");
    assert_eq!(reqs[1].method.as_str(), "PATCH");
    assert_eq!(reqs[1].url, format!("{BASE}/api/v2/leads/{ID}"));
    assert_eq!(
        body_of(&reqs[1]),
        json!({"first_name": "Jane", "phone": null, "custom_variables": {"tier": 2}})
    );

    // Setting the interest status.
    let p = LeadUpdateParams {
        lt_interest_status: Some(2.0),
        ..Default::default()
    };
    let (c, t, _) = client();
    t.push(json(200, lead_example()));
    run(c.leads().update(ID, &p, &opts())).unwrap();
    assert!(same_json(
        &body_of(&t.single()),
        &json!({"lt_interest_status": 2})
    ));
}

#[test]
fn update_sends_null_only_where_the_spec_allows_it() {
    let schema = request_schema("PATCH", "/leads/{id}");
    for (prop, s) in schema["properties"].as_object().unwrap() {
        let nullable = s["type"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("null")));
        let (c, t, _) = client();
        t.push(json(200, lead_example()));
        let mut body = json!({ "first_name": "Filler" });
        body[prop.as_str()] = Value::Null;
        match raw(&c, "leads.update", &[ID], body) {
            Ok(_) => {
                let body = body_of(&t.single());
                assert_eq!(
                    body.get(prop.as_str()) == Some(&Value::Null),
                    nullable,
                    "{prop}: null sent = {}, spec nullable = {nullable}",
                    body.get(prop.as_str()) == Some(&Value::Null)
                );
            }
            Err(e) => {
                assert!(
                    !nullable,
                    "{prop} is nullable in the spec but was rejected: {e}"
                );
                assert_eq!(e.kind, ErrorKind::Validation);
                assert!(t.requests().is_empty());
            }
        }
    }
    // The one the API refuses to clear here points at the route that can.
    let (c, t, _) = client();
    let e = raw(
        &c,
        "leads.update",
        &[ID],
        json!({"lt_interest_status": null}),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("lt_interest_status"));
    assert!(e.message.contains("updateInterestStatus"), "{}", e.message);
    assert!(t.requests().is_empty());
}

#[test]
fn update_validates_before_sending() {
    let (c, t, _) = client();
    let e = run(c.leads().update(ID, &LeadUpdateParams::default(), &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert!(
        e.field.as_deref().is_some_and(|f| f.ends_with("params")),
        "{e}"
    );
    let p = LeadUpdateParams {
        custom_variables: Some(cv(json!({"o": {"x": 1}}))),
        ..Default::default()
    };
    assert_invalid(run(c.leads().update(ID, &p, &opts())), "custom_variables.o");
    let p = LeadUpdateParams {
        first_name: Some(Some("J".into())),
        ..Default::default()
    };
    assert_invalid(run(c.leads().update("a/b", &p, &opts())), "id");
    assert!(t.requests().is_empty());
    // PATCH cannot move a lead: the field is unknown and rejected.
    let e = check("leads.update", &[ID], json!({"email": "a@b.co"})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("email"));
}

#[test]
fn update_params_cover_exactly_the_spec_body() {
    let all = LeadUpdateParams {
        first_name: Some(None),
        last_name: Some(None),
        company_name: Some(None),
        job_title: Some(None),
        phone: Some(None),
        website: Some(None),
        personalization: Some(None),
        lt_interest_status: Some(1.0),
        pl_value_lead: Some(None),
        assigned_to: Some(None),
        custom_variables: Some(Default::default()),
    };
    let mut ours: Vec<String> = serde_json::to_value(all)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    ours.sort();
    let mut spec = support::spec::body_properties("PATCH", "/leads/{id}");
    spec.sort();
    assert_eq!(ours, spec);
}
