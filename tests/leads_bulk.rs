//! `client.leads()` bulk and background operations: `bulkAdd` (POST /leads/add),
//! `updateInterestStatus` (202) and `move` (a background job): exact requests, the spec's
//! example answers, every validation rule, and what is (not) retried.

mod support;

use instantly_wasm::input::decode_input;
use instantly_wasm::models::*;
use instantly_wasm::{Error, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::spec::{request_schema, response_example};
use support::*;

const ID: &str = "019ffad2-53a1-7acf-9ae0-404312bcab56";
const CAMPAIGN: &str = "019ffad2-53a3-7590-935f-b48cddbf2d9e";
const LIST: &str = "019ffad2-53a3-7590-935f-b491178cb297";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

/// Strict decoding as the JS facade does it.
fn decode<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Error> {
    decode_input("params", v)
}

fn assert_invalid<T: std::fmt::Debug>(r: Result<T, Error>, field: &str) {
    let e = r.expect_err("expected a validation error");
    assert_eq!(e.kind, ErrorKind::Validation, "{e}");
    assert_eq!(e.field.as_deref(), Some(field), "{e}");
}

fn bulk(n: usize) -> LeadBulkAddParams {
    LeadBulkAddParams {
        campaign_id: Some(CAMPAIGN.into()),
        leads: (0..n)
            .map(|i| LeadBulkItem {
                email: Some(format!("lead{i}@example.com")),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn bulk_add_posts_campaign_id_and_decodes_the_spec_summary() {
    let example = response_example("POST", "/leads/add", "200");
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let mut p = bulk(2);
    p.skip_if_in_campaign = Some(true);
    p.leads[1].custom_variables = Some(json!({"score": 9}).as_object().unwrap().clone());
    let result = run(c.leads().bulk_add(&p, &opts())).unwrap();
    assert_eq!(result.status, example["status"].as_str().unwrap());
    assert_eq!(result.total_sent, example["total_sent"].as_i64().unwrap());
    assert_eq!(
        result.created_leads.len(),
        example["created_leads"].as_array().unwrap().len()
    );
    assert_eq!(
        result.created_leads[0].id,
        example["created_leads"][0]["id"].as_str().unwrap()
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
    let r: LeadBulkAddResult = serde_json::from_value(v).unwrap();
    assert_eq!(r.remaining_in_plan, None);
    assert_eq!(r.blocklist_used, None);
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
    let mut cases: Vec<(LeadBulkAddParams, &str)> = vec![
        (bulk(0), "leads"),
        (bulk(1001), "leads"),
        (
            LeadBulkAddParams {
                list_id: Some(LIST.into()),
                ..bulk(1)
            },
            "campaign_id",
        ),
        (
            LeadBulkAddParams {
                campaign_id: None,
                ..bulk(1)
            },
            "campaign_id",
        ),
    ];
    let mut p = bulk(3);
    p.leads[1].email = None;
    p.leads[1].first_name = Some("Only a name".into());
    cases.push((p, "leads[1].email"));
    let mut p = bulk(5);
    p.leads[3].email = Some("lead3@@example.com".into());
    cases.push((p, "leads[3].email"));
    let mut p = bulk(2);
    p.campaign_id = None;
    p.list_id = Some(LIST.into());
    p.leads[0] = LeadBulkItem::default();
    cases.push((p, "leads[0].email"));
    let mut p = bulk(1);
    p.leads[0].custom_variables = Some(json!({"x": [1]}).as_object().unwrap().clone());
    cases.push((p, "leads[0].custom_variables.x"));
    for (p, field) in cases {
        assert_invalid(run(c.leads().bulk_add(&p, &opts())), field);
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
        leads: vec![LeadBulkItem {
            last_name: Some("Doe".into()),
            ..Default::default()
        }],
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
        lead_email: "jane@example.com".into(),
        interest_value: None,
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
        lead_email: "jane@example.com".into(),
        interest_value: Some(LeadInterestStatus::WON),
        ..Default::default()
    };
    run(c.leads().update_interest_status(&p, &opts())).unwrap();
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "setting a status twice is harmless: retried");
    assert_eq!(body_of(&reqs[1])["interest_value"], json!(4));

    let (c, t, _) = client();
    t.push(json(400, json!({"error": "Invalid lead email"})));
    let e = run(c.leads().update_interest_status(&p, &opts())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadRequest);
    assert!(e.message.contains("Invalid lead email"), "{}", e.message);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn update_interest_status_requires_the_value_key_and_a_valid_email() {
    let e = decode::<UpdateInterestStatusParams>(json!({"lead_email": "a@b.co"})).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("interest_value"));
    let p: UpdateInterestStatusParams =
        decode(json!({"lead_email": "a@b.co", "interest_value": null})).unwrap();
    assert_eq!(p.interest_value, None);
    let e = decode::<UpdateInterestStatusParams>(
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
        lead_email: "jane at example".into(),
        interest_value: Some(1),
        ..Default::default()
    };
    assert_invalid(
        run(c.leads().update_interest_status(&p, &opts())),
        "lead_email",
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
    assert_eq!(job.id, example["id"].as_str().unwrap());
    assert_eq!(job.id.len(), 24, "background job ids are ObjectIds");
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
    let base = || LeadMoveParams {
        list_id: Some(LIST.into()),
        to_campaign_id: Some(CAMPAIGN.into()),
        ..Default::default()
    };
    let cases: Vec<(LeadMoveParams, &str)> = vec![
        (
            LeadMoveParams {
                to_campaign_id: None,
                ..base()
            },
            "to_campaign_id",
        ),
        (
            LeadMoveParams {
                to_list_id: Some(LIST.into()),
                ..base()
            },
            "to_campaign_id",
        ),
        (
            LeadMoveParams {
                list_id: None,
                ids: Some(vec![ID.into()]),
                ..base()
            },
            "ids",
        ),
        (
            LeadMoveParams {
                esp_code: Some(4),
                ..base()
            },
            "esp_code",
        ),
        (
            LeadMoveParams {
                limit: Some(0),
                ..base()
            },
            "limit",
        ),
        (
            LeadMoveParams {
                filter: Some("FILTER_VAL_NOPE".into()),
                ..base()
            },
            "filter",
        ),
        (
            LeadMoveParams {
                contacts: Some(vec!["x".into()]),
                ..base()
            },
            "contacts[0]",
        ),
    ];
    for (p, field) in cases {
        assert_invalid(run(c.leads().move_leads(&p, &opts())), field);
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
        limit: Some(1),
        assigned_to: Some(String::new()),
        esp_code: Some(1),
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
        enrichment_status: Some(1),
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
