//! `client.leads()`: the exact request of every operation, decoding of the spec's example
//! answers, validation before sending, and what is (not) retried.

mod support;

use instantly_wasm::input::decode_input;
use instantly_wasm::models::*;
use instantly_wasm::{Error, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::spec::{body_enum, request_schema, response_example};
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

/// Strict decoding as the JS facade does it.
fn decode<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, Error> {
    decode_input("params", v)
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
    assert_eq!(lead.id, ID);
    assert_eq!(lead.status, LeadStatus::ACTIVE);
    assert_eq!(
        lead.lt_interest_status,
        Some(LeadInterestStatus::INTERESTED)
    );
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
    assert_eq!(serde_json::to_value(&lead).unwrap(), v);
}

#[test]
fn lead_decoding_is_lenient() {
    let mut v = lead_example();
    v["status"] = json!(42);
    v["lt_interest_status"] = json!(null);
    v["a_field_from_the_future"] = json!({"x": 1});
    v.as_object_mut().unwrap().remove("company_domain");
    let lead: Lead = serde_json::from_value(v).unwrap();
    assert_eq!(lead.status, 42);
    assert_eq!(lead.lt_interest_status, None);
    assert_eq!(lead.company_domain, None);
}

#[test]
fn create_posts_campaign_not_campaign_id_and_decodes_the_lead() {
    let (c, t, _) = client();
    t.push(json(200, lead_example()));
    let params = LeadCreateParams {
        campaign: Some(CAMPAIGN.into()),
        email: Some("jane@example.com".into()),
        first_name: Some("Jane".into()),
        custom_variables: Some(
            json!({"plan": "pro", "seats": 5, "trial": true, "ref": null})
                .as_object()
                .unwrap()
                .clone(),
        ),
        skip_if_in_workspace: Some(true),
        ..Default::default()
    };
    let lead = run(c.leads().create(&params, &opts())).unwrap();
    assert_eq!(lead.id, ID);
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
    let mut ours: Vec<String> = serde_json::to_value(LeadCreateParams {
        email: Some(String::new()),
        first_name: Some(String::new()),
        last_name: Some(String::new()),
        company_name: Some(String::new()),
        job_title: Some(String::new()),
        phone: Some(String::new()),
        website: Some(String::new()),
        personalization: Some(String::new()),
        lt_interest_status: Some(1),
        pl_value_lead: Some(String::new()),
        assigned_to: Some(String::new()),
        custom_variables: Some(Default::default()),
        campaign: Some(String::new()),
        list_id: Some(String::new()),
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
    let base = || LeadCreateParams {
        campaign: Some(CAMPAIGN.into()),
        email: Some("jane@example.com".into()),
        ..Default::default()
    };
    let cases: Vec<(LeadCreateParams, &str)> = vec![
        (
            LeadCreateParams {
                email: None,
                first_name: Some("Jane".into()),
                ..base()
            },
            "email",
        ),
        (
            LeadCreateParams {
                email: Some("not-an-email".into()),
                ..base()
            },
            "email",
        ),
        (
            LeadCreateParams {
                campaign: None,
                list_id: Some(LIST.into()),
                email: None,
                ..base()
            },
            "email",
        ),
        (
            LeadCreateParams {
                custom_variables: Some(json!({"tags": ["a"]}).as_object().unwrap().clone()),
                ..base()
            },
            "custom_variables.tags",
        ),
    ];
    for (p, field) in cases {
        assert_invalid(run(c.leads().create(&p, &opts())), field);
    }
    assert!(
        t.requests().is_empty(),
        "nothing may be sent for invalid input"
    );

    // A list lead needs only a name.
    t.push(json(200, lead_example()));
    let p = LeadCreateParams {
        list_id: Some(LIST.into()),
        last_name: Some("Doe".into()),
        ..Default::default()
    };
    run(c.leads().create(&p, &opts())).unwrap();
}

#[test]
fn js_input_with_campaign_id_is_rejected_with_a_hint() {
    let e = decode::<LeadCreateParams>(json!({"campaign_id": CAMPAIGN, "email": "a@b.co"}))
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("campaign_id"));
    assert!(
        e.message.contains("did you mean `campaign`"),
        "{}",
        e.message
    );
    let e = decode::<LeadListParams>(json!({"campaign_id": CAMPAIGN})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("campaign_id"));
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
        filter: Some(LeadFilter::ValReplied.into()),
        limit: Some(25),
        starting_after: Some("019ffad2-0000-7000-8000-000000000001".into()),
        contacts: Some(vec!["jane@example.com".into()]),
        ..Default::default()
    };
    let page = run(c.leads().list(&params, &opts())).unwrap();
    assert_eq!(page.items.len(), 1);
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
    assert!(page.items.is_empty());
    assert_eq!(page.next_starting_after, None);
    assert_eq!(body_of(&t.single()), json!({}));
}

#[test]
fn list_validates_before_sending() {
    let (c, t, _) = client();
    let cases: Vec<(LeadListParams, &str)> = vec![
        (
            LeadListParams {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
        (
            LeadListParams {
                limit: Some(101),
                ..Default::default()
            },
            "limit",
        ),
        (
            LeadListParams {
                filter: Some("FILTER_INTERESTED".into()),
                ..Default::default()
            },
            "filter",
        ),
        (
            LeadListParams {
                contacts: Some(vec!["a@b.co".into(), "nope".into()]),
                ..Default::default()
            },
            "contacts[1]",
        ),
        (
            LeadListParams {
                esg_code: Some("5".into()),
                ..Default::default()
            },
            "esg_code",
        ),
        (
            LeadListParams {
                enrichment_status: Some(7),
                ..Default::default()
            },
            "enrichment_status",
        ),
        (
            LeadListParams {
                queries: Some(vec![LeadQuery {
                    action_type: "opened".into(),
                    values: Default::default(),
                }]),
                ..Default::default()
            },
            "queries[0].actionType",
        ),
        (
            LeadListParams {
                queries: Some(vec![LeadQuery {
                    action_type: "reply".into(),
                    values: LeadQueryValues {
                        occurrence_count: Some(LeadQueryCount {
                            condition: Some("greater".into()),
                            count: Some(2.0),
                        }),
                        ..Default::default()
                    },
                }]),
                ..Default::default()
            },
            "queries[0].values.occurrence-count.condition",
        ),
    ];
    for (p, field) in cases {
        assert_invalid(run(c.leads().list(&p, &opts())), field);
    }
    assert!(t.requests().is_empty());
}

#[test]
fn smart_view_queries_use_the_wire_names() {
    let q: LeadListParams = decode(json!({
        "queries": [{"actionType": "email-open", "values": {"occurrence-days": 1}}]
    }))
    .unwrap();
    let (c, t, _) = client();
    t.push(json(200, json!({"items": []})));
    run(c.leads().list(&q, &opts())).unwrap();
    assert_eq!(
        body_of(&t.single()),
        json!({"queries": [{"actionType": "email-open", "values": {"occurrence-days": 1.0}}]})
    );
    let e = decode::<LeadListParams>(json!({
        "queries": [{"actionType": "reply", "values": {"occurrence_days": 1}}]
    }))
    .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("queries[0].values.occurrence_days")
    );
}

#[test]
fn the_filter_union_is_the_spec_list_for_list_and_move() {
    let mut ours: Vec<String> = LeadFilter::ALL.iter().map(|s| s.to_string()).collect();
    ours.sort();
    for path in ["/leads/list", "/leads/move"] {
        let mut spec = body_enum("POST", path, "filter");
        spec.sort();
        assert_eq!(ours, spec, "{path}");
    }
    let mut esg = body_enum("POST", "/leads/list", "esg_code");
    esg.sort();
    let mut ours_esg: Vec<String> = ESG_CODE_FILTERS.iter().map(|s| s.to_string()).collect();
    ours_esg.sort();
    assert_eq!(ours_esg, esg);
    let mut esp: Vec<i64> = body_enum("POST", "/leads/move", "esp_code")
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    esp.sort();
    let mut ours_esp = ESP_CODES.to_vec();
    ours_esp.sort();
    assert_eq!(ours_esp, esp);
    // Every filter round-trips through its Rust name.
    assert_eq!(
        serde_json::to_value(LeadFilter::LeadClosed).unwrap(),
        json!("FILTER_LEAD_CLOSED")
    );
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
        assert_eq!(lead.id, ID);
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
    let p: LeadUpdateParams = decode(json!({
        "lt_interest_status": null,
        "first_name": "Jane",
        "custom_variables": {"tier": 2}
    }))
    .unwrap();
    assert_eq!(p.lt_interest_status, Some(None));
    assert_eq!(p.first_name, Some(Some("Jane".into())));
    assert_eq!(p.last_name, None);

    let (c, t, _) = client();
    t.push(json(503, json!({})))
        .push(json(200, response_example("PATCH", "/leads/{id}", "200")));
    let lead = run(c.leads().update(ID, &p, &opts())).unwrap();
    assert_eq!(lead.id, ID);
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2, "PATCH is retry-safe");
    assert_eq!(reqs[1].method.as_str(), "PATCH");
    assert_eq!(reqs[1].url, format!("{BASE}/api/v2/leads/{ID}"));
    assert_eq!(
        body_of(&reqs[1]),
        json!({"first_name": "Jane", "lt_interest_status": null, "custom_variables": {"tier": 2}})
    );

    // Setting a value.
    let p = LeadUpdateParams {
        lt_interest_status: Some(Some(LeadInterestStatus::MEETING_BOOKED)),
        ..Default::default()
    };
    let (c, t, _) = client();
    t.push(json(200, lead_example()));
    run(c.leads().update(ID, &p, &opts())).unwrap();
    assert_eq!(body_of(&t.single()), json!({"lt_interest_status": 2}));
}

#[test]
fn update_validates_before_sending() {
    let (c, t, _) = client();
    assert_invalid(
        run(c.leads().update(ID, &LeadUpdateParams::default(), &opts())),
        "params",
    );
    let p = LeadUpdateParams {
        custom_variables: Some(json!({"o": {"x": 1}}).as_object().unwrap().clone()),
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
    let e = decode::<LeadUpdateParams>(json!({"email": "a@b.co"})).unwrap_err();
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
        lt_interest_status: Some(None),
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
