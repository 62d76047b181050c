//! `client.leads()` bulk and background operations: `bulkAdd` (POST /leads/add),
//! `updateInterestStatus` (202) and `move` (a background job): exact requests, the spec's
//! example answers, every validation rule, and what is (not) retried.

mod support;

use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::{Error, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::spec::{request_schema, response_example, same_json};
use support::*;

const ID: &str = "019ffad2-53a1-7acf-9ae0-404312bcab56";
const CAMPAIGN: &str = "019ffad2-53a3-7590-935f-b48cddbf2d9e";
const LIST: &str = "019ffad2-53a3-7590-935f-b491178cb297";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

/// The engine's check of params as JSON (as a JS caller sends them); nothing is sent.
fn check(call: &str, params: Value) -> Result<(), Error> {
    engine::prepare(engine::operation(call).unwrap(), &[], params).map(|_| ())
}

/// Params as JSON through the client's raw call: validation, then the request loop.
fn raw_call(c: &TestClient, call: &str, params: Value) -> Result<(), Error> {
    let op = engine::operation(call).unwrap();
    run(c.call_raw(op, &[], params, &opts())).map(|_| ())
}

/// Checks `params` both ways: as JSON through the raw call, and through the typed method
/// `typed` when the model can hold them unchanged.
fn assert_invalid_both<P, R: std::fmt::Debug>(
    c: &TestClient,
    call: &str,
    params: Value,
    field: &str,
    typed: impl Fn(&P) -> Result<R, Error>,
) where
    P: serde::de::DeserializeOwned + serde::Serialize,
{
    assert_invalid(raw_call(c, call, params.clone()), field);
    if let Ok(p) = serde_json::from_value::<P>(params.clone()) {
        if serde_json::to_value(&p).unwrap() == params {
            assert_invalid(typed(&p), field);
        }
    }
}

fn assert_invalid<T: std::fmt::Debug>(r: Result<T, Error>, field: &str) {
    let e = r.expect_err("expected a validation error");
    assert_eq!(e.kind, ErrorKind::Validation, "{e}");
    assert_eq!(e.field.as_deref(), Some(field), "{e}");
}

fn bulk(n: usize) -> LeadBulkAddParams {
    LeadBulkAddParams {
        campaign_id: Some(CAMPAIGN.into()),
        leads: Some(
            (0..n)
                .map(|i| LeadBulkAddParamsLeadsItem {
                    email: Some(Some(format!("lead{i}@example.com"))),
                    ..Default::default()
                })
                .collect(),
        ),
        ..Default::default()
    }
}

fn bulk_json(n: usize) -> Value {
    serde_json::to_value(bulk(n)).unwrap()
}

#[test]
fn bulk_add_posts_campaign_id_and_decodes_the_spec_summary() {
    let example = response_example("POST", "/leads/add", "200");
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let mut p = bulk(2);
    p.skip_if_in_campaign = Some(true);
    p.leads.as_mut().unwrap()[1].custom_variables =
        Some(serde_json::from_value(json!({"score": 9})).unwrap());
    let result = run(c.leads().bulk_add(&p, &opts())).unwrap();
    assert_eq!(result.status.as_deref(), example["status"].as_str());
    assert_eq!(result.total_sent, example["total_sent"].as_i64());
    let created = result.created_leads.unwrap();
    assert_eq!(
        created.len(),
        example["created_leads"].as_array().unwrap().len()
    );
    assert_eq!(
        created[0].id.as_deref(),
        example["created_leads"][0]["id"].as_str()
    );
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, format!("{BASE}/api/v2/leads/add"));
    assert_eq!(
        body_of(&req),
        json!({
            "campaign_id": CAMPAIGN,
            "skip_if_in_campaign": true,
            "leads": [
                {"email": "lead0@example.com"},
                {"email": "lead1@example.com", "custom_variables": {"score": 9}}
            ]
        })
    );
}

#[test]
fn bulk_add_result_keeps_null_plan_and_blocklist() {
    let mut v = response_example("POST", "/leads/add", "200");
    v["remaining_in_plan"] = Value::Null;
    v["blocklist_used"] = Value::Null;
    let r: LeadBulkAddResult = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(r.remaining_in_plan, None);
    assert_eq!(r.blocklist_used, None);
    assert_eq!(r.total_sent, v["total_sent"].as_i64());
}

/// The counters the importer reads decode from a sparse answer too (lenient, api-notes §7's
/// rule): missing counters read as `None`, a counter of the wrong type as `None`, and unknown
/// keys are ignored.
#[test]
fn a_sparse_bulk_add_answer_decodes() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"status": "success", "leads_uploaded": "1", "created_leads": [{"index": 0}],
               "new_counter": 3}),
    ));
    let r = run(c.leads().bulk_add(&bulk(1), &opts())).unwrap();
    assert_eq!(r.status.as_deref(), Some("success"));
    assert_eq!(r.leads_uploaded, None);
    assert_eq!(r.total_sent, None);
    assert_eq!(r.created_leads.unwrap()[0].index, Some(0));
}

#[test]
fn bulk_add_is_not_retried_after_a_503_but_is_after_a_429() {
    let (c, t, _) = client();
    t.push(json(
        503,
        json!({"statusCode": 503, "error": "Service Unavailable"}),
    ));
    let e = run(c.leads().bulk_add(&bulk(1), &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Server);
    assert_eq!(e.status, Some(503));
    assert_eq!(e.path.as_deref(), Some("/api/v2/leads/add"));
    assert_eq!(
        t.requests().len(),
        1,
        "a bulk add that may have run is not repeated"
    );

    let (c, t, _) = client();
    t.push(Reply::Connection("reset"));
    run(c.leads().bulk_add(&bulk(1), &opts())).unwrap_err();
    assert_eq!(t.requests().len(), 1);

    let (c, t, _) = client();
    t.push(raw(429, &[("retry-after", "1")], "{}"))
        .push(json(200, response_example("POST", "/leads/add", "200")));
    run(c.leads().bulk_add(&bulk(1), &opts())).unwrap();
    assert_eq!(t.requests().len(), 2, "429 means not processed: retried");
}

#[test]
fn bulk_add_validates_every_rule_before_sending() {
    let (c, t, _) = client();
    let with = |n: usize, f: &dyn Fn(&mut Value)| {
        let mut v = bulk_json(n);
        f(&mut v);
        v
    };
    let cases: Vec<(Value, &str)> = vec![
        (bulk_json(0), "leads"),
        (bulk_json(1001), "leads"),
        // Both targets: the engine names the second ("set only one of … not both").
        (with(1, &|v| v["list_id"] = json!(LIST)), "list_id"),
        (
            with(1, &|v| {
                v.as_object_mut().unwrap().remove("campaign_id");
            }),
            "campaign_id",
        ),
        (
            with(3, &|v| v["leads"][1] = json!({"first_name": "Only a name"})),
            "leads[1].email",
        ),
        (
            with(5, &|v| v["leads"][3]["email"] = json!("lead3@@example.com")),
            "leads[3].email",
        ),
        (
            with(2, &|v| {
                v.as_object_mut().unwrap().remove("campaign_id");
                v["list_id"] = json!(LIST);
                v["leads"][0] = json!({});
            }),
            // The engine names the lead: it needs an email or a name.
            "leads[0]",
        ),
        (
            with(1, &|v| {
                v["leads"][0]["custom_variables"] = json!({"x": [1]})
            }),
            "leads[0].custom_variables.x",
        ),
    ];
    for (p, field) in cases {
        assert_invalid_both(&c, "leads.bulkAdd", p, field, |p: &LeadBulkAddParams| {
            run(c.leads().bulk_add(p, &opts()))
        });
    }
    assert!(t.requests().is_empty());

    // 1000 is allowed; a list accepts leads with a name only.
    t.push(json(200, response_example("POST", "/leads/add", "200")));
    run(c.leads().bulk_add(&bulk(1000), &opts())).unwrap();
    assert_eq!(
        body_of(&t.single())["leads"].as_array().unwrap().len(),
        1000
    );
    let p = LeadBulkAddParams {
        list_id: Some(LIST.into()),
        leads: Some(vec![LeadBulkAddParamsLeadsItem {
            last_name: Some(Some("Doe".into())),
            ..Default::default()
        }]),
        ..Default::default()
    };
    t.push(json(200, response_example("POST", "/leads/add", "200")));
    run(c.leads().bulk_add(&p, &opts())).unwrap();
}

#[test]
fn update_interest_status_sends_null_to_reset_and_accepts_202() {
    let example = response_example("POST", "/leads/update-interest-status", "202");
    let (c, t, _) = client();
    t.push(json(202, example.clone()));
    let p = UpdateInterestStatusParams {
        lead_email: Some("jane@example.com".into()),
        interest_value: Some(None),
        campaign_id: Some(CAMPAIGN.into()),
        ..Default::default()
    };
    let r = run(c.leads().update_interest_status(&p, &opts())).unwrap();
    assert_eq!(r.message.as_deref(), example["message"].as_str());
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(
        req.url,
        format!("{BASE}/api/v2/leads/update-interest-status")
    );
    assert_eq!(
        body_of(&req),
        json!({"lead_email": "jane@example.com", "interest_value": null, "campaign_id": CAMPAIGN})
    );
}

#[test]
fn update_interest_status_is_retried_and_parses_its_error_body() {
    let (c, t, _) = client();
    t.push(Reply::Connection("reset"))
        .push(json(202, json!({"message": "queued"})));
    let p = UpdateInterestStatusParams {
        lead_email: Some("jane@example.com".into()),
        interest_value: Some(Some(4.0)),
        ..Default::default()
    };
    run(c.leads().update_interest_status(&p, &opts())).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "setting a status twice is harmless: retried");
    assert!(same_json(&body_of(&reqs[1])["interest_value"], &json!(4)));

    let (c, t, _) = client();
    t.push(json(400, json!({"error": "Invalid lead email"})));
    let e = run(c.leads().update_interest_status(&p, &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadRequest);
    assert!(e.message.contains("Invalid lead email"), "{}", e.message);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn update_interest_status_requires_the_value_key_and_a_valid_email() {
    let e = check(
        "leads.updateInterestStatus",
        json!({"lead_email": "a@b.co"}),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("interest_value"));
    check(
        "leads.updateInterestStatus",
        json!({"lead_email": "a@b.co", "interest_value": null}),
    )
    .unwrap();
    // The typed params keep an explicit null apart from an absent value.
    let p: UpdateInterestStatusParams =
        serde_json::from_value(json!({"lead_email": "a@b.co", "interest_value": null})).unwrap();
    assert_eq!(p.interest_value, Some(None));
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"lead_email": "a@b.co", "interest_value": null})
    );
    let e = check(
        "leads.updateInterestStatus",
        json!({"lead_email": "a@b.co", "interest_value": 1, "lt_interest_status": 1}),
    )
    .unwrap_err();
    assert!(
        e.message.contains("did you mean `interest_value`"),
        "{}",
        e.message
    );

    let (c, t, _) = client();
    let p = UpdateInterestStatusParams {
        lead_email: Some("jane at example".into()),
        interest_value: Some(Some(1.0)),
        ..Default::default()
    };
    assert_invalid(
        run(c.leads().update_interest_status(&p, &opts())),
        "lead_email",
    );
    // Through the typed method too, a missing value key is refused.
    let p = UpdateInterestStatusParams {
        lead_email: Some("jane@example.com".into()),
        ..Default::default()
    };
    assert_invalid(
        run(c.leads().update_interest_status(&p, &opts())),
        "interest_value",
    );
    assert!(t.requests().is_empty());
    // The required keys are the spec's.
    let required = request_schema("POST", "/leads/update-interest-status")["required"].clone();
    assert_eq!(required, json!(["lead_email", "interest_value"]));
}

#[test]
fn move_posts_the_selection_and_answers_a_background_job() {
    let example = response_example("POST", "/leads/move", "200");
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let p = LeadMoveParams {
        campaign: Some(CAMPAIGN.into()),
        ids: Some(vec![ID.into()]),
        to_list_id: Some(LIST.into()),
        copy_leads: Some(true),
        esg_code: Some("all".into()),
        ..Default::default()
    };
    let job = run(c.leads().move_leads(&p, &opts())).unwrap();
    let id = job.id.unwrap();
    assert_eq!(id, example["id"].as_str().unwrap());
    assert_eq!(id.len(), 24, "background job ids are ObjectIds");
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, format!("{BASE}/api/v2/leads/move"));
    assert_eq!(
        body_of(&req),
        json!({
            "campaign": CAMPAIGN,
            "ids": [ID],
            "esg_code": "all",
            "to_list_id": LIST,
            "copy_leads": true
        })
    );
}

#[test]
fn move_is_not_retried_after_a_timeout() {
    let (c, t, _) = client();
    t.push(Reply::Hang);
    let p = LeadMoveParams {
        list_id: Some(LIST.into()),
        to_campaign_id: Some(CAMPAIGN.into()),
        ..Default::default()
    };
    let e = run(c.leads().move_leads(&p, &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(t.requests().len(), 1, "a second move job would be started");
    assert_eq!(
        t.dropped_in_flight(),
        1,
        "the timed-out attempt was aborted"
    );
}

#[test]
fn move_validates_before_sending() {
    let (c, t, _) = client();
    let base = || json!({"list_id": LIST, "to_campaign_id": CAMPAIGN});
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base();
        f(&mut v);
        v
    };
    let cases: Vec<(Value, &str)> = vec![
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("to_campaign_id");
            }),
            "to_campaign_id",
        ),
        // Both targets: the engine names the second ("set only one of … not both").
        (with(&|v| v["to_list_id"] = json!(LIST)), "to_list_id"),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("list_id");
                v["ids"] = json!([ID]);
            }),
            "ids",
        ),
        (with(&|v| v["esp_code"] = json!(4)), "esp_code"),
        (with(&|v| v["limit"] = json!(0)), "limit"),
        (with(&|v| v["filter"] = json!("FILTER_VAL_NOPE")), "filter"),
        (with(&|v| v["contacts"] = json!(["x"])), "contacts[0]"),
    ];
    for (p, field) in cases {
        assert_invalid_both(&c, "leads.move", p, field, |p: &LeadMoveParams| {
            run(c.leads().move_leads(p, &opts()))
        });
    }
    assert!(t.requests().is_empty());
}

#[test]
fn move_params_cover_the_spec_body() {
    let mut ours: Vec<String> = serde_json::to_value(LeadMoveParams {
        search: Some(String::new()),
        filter: Some(String::new()),
        campaign: Some(String::new()),
        list_id: Some(String::new()),
        in_campaign: Some(true),
        in_list: Some(true),
        ids: Some(vec![]),
        excluded_ids: Some(vec![]),
        contacts: Some(vec![]),
        queries: Some(vec![]),
        esg_code: Some(String::new()),
        to_campaign_id: Some(String::new()),
        to_list_id: Some(String::new()),
        limit: Some(1.0),
        assigned_to: Some(String::new()),
        esp_code: Some(1.0),
        copy_leads: Some(true),
        check_duplicates: Some(true),
        check_duplicates_in_campaigns: Some(true),
        skip_leads_in_verification: Some(true),
        reset_interest_status: Some(true),
        ignore_resource_filter_clauses: Some(true),
    })
    .unwrap()
    .as_object()
    .unwrap()
    .keys()
    .cloned()
    .collect();
    ours.sort();
    let mut spec = support::spec::body_properties("POST", "/leads/move");
    spec.sort();
    assert_eq!(ours, spec);

    let mut list_spec = support::spec::body_properties("POST", "/leads/list");
    list_spec.sort();
    let mut list_ours: Vec<String> = serde_json::to_value(LeadListParams {
        search: Some(String::new()),
        filter: Some(String::new()),
        campaign: Some(String::new()),
        list_id: Some(String::new()),
        in_campaign: Some(true),
        in_list: Some(true),
        ids: Some(vec![]),
        excluded_ids: Some(vec![]),
        contacts: Some(vec![]),
        queries: Some(vec![]),
        esg_code: Some(String::new()),
        limit: Some(1),
        starting_after: Some(String::new()),
        organization_user_ids: Some(vec![]),
        smart_view_id: Some(String::new()),
        is_website_visitor: Some(true),
        distinct_contacts: Some(true),
        enrichment_status: Some(1.0),
    })
    .unwrap()
    .as_object()
    .unwrap()
    .keys()
    .cloned()
    .collect();
    list_ours.sort();
    assert_eq!(list_ours, list_spec);
}
