//! `client.leads()` create, list, get, update and delete: the exact request of every operation,
//! decoding of the spec's example answers, validation before sending, and what is retried.
//! Bulk add, interest status and move are in `leads_bulk.rs`.

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
    assert_eq!(lead.id, ID);
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
        lt_interest_status: Some(Some(LeadInterestStatus::MEETING_BOOKED)),
        ..Default::default()
    };
    let (c, t, _) = client();
    t.push(json(200, lead_example()));
    run(c.leads().update(ID, &p, &opts())).unwrap();
    assert_eq!(body_of(&t.single()), json!({"lt_interest_status": 2}));
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
        let p: LeadUpdateParams = decode(body).unwrap();
        match run(c.leads().update(ID, &p, &opts())) {
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
    let p: LeadUpdateParams = decode(json!({"lt_interest_status": null})).unwrap();
    let e = run(c.leads().update(ID, &p, &opts())).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("lt_interest_status"));
    assert!(e.message.contains("updateInterestStatus"), "{}", e.message);
    assert!(t.requests().is_empty());
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
