//! `client.campaigns()`: the exact request of every operation, decoding, and validation.

mod support;

use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::*;

const ID: &str = "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

/// Campaign statuses as the API numbers them.
const DRAFT: f64 = 0.0;
const ACTIVE: f64 = 1.0;
const PAUSED: f64 = 2.0;

fn schedule() -> CampaignSchedule {
    CampaignSchedule {
        start_date: Some(Some("2026-12-01".into())),
        end_date: None,
        schedules: Some(vec![Schedule {
            name: Some("Weekdays".into()),
            timing: Some(Timing {
                from: Some("09:00".into()),
                to: Some("17:00".into()),
            }),
            days: Some(ScheduleDays {
                n1: Some(true),
                n2: Some(true),
                n3: Some(true),
                n4: Some(true),
                n5: Some(true),
                ..Default::default()
            }),
            timezone: Some("America/Chicago".into()),
        }]),
    }
}

fn create_params() -> CampaignCreateParams {
    CampaignCreateParams {
        name: Some("Q1 Outreach".into()),
        campaign_schedule: Some(schedule()),
        ..Default::default()
    }
}

#[test]
fn create_posts_the_body_and_decodes_the_campaign() {
    let (c, t, _) = client();
    t.push(json(200, campaign_json(ID, "Q1 Outreach", 0)));
    let opts = RequestOptions::default();
    let campaign = run(c.campaigns().create(&create_params(), &opts)).unwrap();
    assert_eq!(campaign.id.as_deref(), Some(ID));
    assert_eq!(campaign.status, Some(DRAFT));
    let req = t.single();
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, format!("{BASE}/api/v2/campaigns"));
    assert_eq!(
        body_of(&req),
        json!({
            "name": "Q1 Outreach",
            "campaign_schedule": {
                "start_date": "2026-12-01",
                "schedules": [{
                    "name": "Weekdays",
                    "timing": {"from": "09:00", "to": "17:00"},
                    "days": {"1": true, "2": true, "3": true, "4": true, "5": true},
                    "timezone": "America/Chicago"
                }]
            }
        })
    );
}

/// Each case mutates the JSON of valid create params (as a JS caller would send them, so a
/// key the typed model cannot hold can be tried too) and must fail naming the field, through
/// the typed method where the model can carry the mistake and through the engine's raw call
/// otherwise.
#[test]
fn create_validates_before_sending() {
    let (c, t, _) = client();
    let opts = RequestOptions::default();
    let op = engine::operation("campaigns.create").unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let sched = "/campaign_schedule/schedules/0";
    let cases: Vec<(Mutation, &str)> = vec![
        (Box::new(|p| p["name"] = json!(" ")), "name"),
        (
            Box::new(move |p| *p.pointer_mut(&format!("{sched}/name")).unwrap() = json!("")),
            "campaign_schedule.schedules[0].name",
        ),
        (
            Box::new(|p| p["campaign_schedule"]["schedules"] = json!([])),
            "campaign_schedule.schedules",
        ),
        (
            Box::new(move |p| {
                *p.pointer_mut(&format!("{sched}/timing/from")).unwrap() = json!("9am")
            }),
            "campaign_schedule.schedules[0].timing.from",
        ),
        (
            Box::new(move |p| {
                *p.pointer_mut(&format!("{sched}/timezone")).unwrap() = json!("America/New_York")
            }),
            "campaign_schedule.schedules[0].timezone",
        ),
        (
            Box::new(move |p| {
                p.pointer_mut(&format!("{sched}/days"))
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("monday".into(), json!(true));
            }),
            // The engine names the unknown key itself.
            "campaign_schedule.schedules[0].days.monday",
        ),
        (
            Box::new(move |p| *p.pointer_mut(&format!("{sched}/days")).unwrap() = json!({})),
            "campaign_schedule.schedules[0].days",
        ),
        (
            Box::new(|p| p["campaign_schedule"]["start_date"] = json!("2026-13-01")),
            "campaign_schedule.start_date",
        ),
        (
            Box::new(|p| p["campaign_schedule"]["end_date"] = json!("2026-11-01")),
            "campaign_schedule.end_date",
        ),
        (
            Box::new(|p| p["daily_max_leads"] = json!(-1)),
            "daily_max_leads",
        ),
        (
            Box::new(|p| p["sequences"] = json!([{"steps": [{"type": "sms"}]}])),
            "sequences[0].steps[0].type",
        ),
    ];
    for (mutate, field) in cases {
        let mut v = serde_json::to_value(create_params()).unwrap();
        mutate(&mut v);
        let err = match engine::prepare(op, &[], v.clone()) {
            Err(e) => e,
            Ok(_) => panic!("{field}: {v} was accepted"),
        };
        assert_eq!(err.field.as_deref(), Some(field), "prepare: {err}");
        let err = run(c.call_raw(op, &[], v.clone(), &opts)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{field}: {err}");
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
        // The typed method checks the same way whenever the model can hold the value.
        let typed: CampaignCreateParams = serde_json::from_value(v.clone()).unwrap();
        if serde_json::to_value(&typed).unwrap() == v {
            let err = run(c.campaigns().create(&typed, &opts)).unwrap_err();
            assert_eq!(err.field.as_deref(), Some(field), "typed: {err}");
        }
    }
    assert!(
        t.requests().is_empty(),
        "nothing may be sent for invalid input"
    );
}

#[test]
fn list_sends_the_query_and_decodes_the_page() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [campaign_json(ID, "A", 1)], "next_starting_after": ID}),
    ));
    let params = CampaignListParams {
        limit: Some(50),
        search: Some("out reach".into()),
        status: Some(ACTIVE),
        ..Default::default()
    };
    let page = run(c.campaigns().list(&params, &RequestOptions::default())).unwrap();
    assert_eq!(page.items.map(|i| i.len()), Some(1));
    assert_eq!(page.next_starting_after.as_deref(), Some(ID));
    let req = t.single();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        format!("{BASE}/api/v2/campaigns?limit=50&search=out%20reach&status=1")
    );
    assert!(req.body.is_none());

    let err = run(c.campaigns().list(
        &CampaignListParams {
            limit: Some(101),
            ..Default::default()
        },
        &RequestOptions::default(),
    ))
    .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("limit"));
}

#[test]
fn item_operations_hit_their_routes_without_a_body() {
    let opts = RequestOptions::default();
    let cases: Vec<(&str, &str)> = vec![
        ("GET", ""),
        ("DELETE", ""),
        ("POST", "/activate"),
        ("POST", "/pause"),
    ];
    for (method, suffix) in cases {
        let (c, t, _) = client();
        t.push(json(200, campaign_json(ID, "A", 1)));
        let cs = c.campaigns();
        let campaign = run(async {
            match (method, suffix) {
                ("GET", _) => cs.get(ID, &opts).await,
                ("DELETE", _) => cs.delete(ID, &opts).await,
                (_, "/activate") => cs.activate(ID, &opts).await,
                _ => cs.pause(ID, &opts).await,
            }
        })
        .unwrap();
        assert_eq!(campaign.id.as_deref(), Some(ID));
        let req = t.single();
        assert_eq!(req.method.as_str(), method);
        assert_eq!(req.url, format!("{BASE}/api/v2/campaigns/{ID}{suffix}"));
        assert!(req.body.is_none(), "{method} {suffix} must not send a body");
        assert_eq!(req.header("content-type"), None);
    }
}

#[test]
fn activate_and_pause_are_retried_after_a_503_but_duplicate_is_not() {
    let opts = RequestOptions::default();
    for (suffix, status) in [("/activate", ACTIVE), ("/pause", PAUSED)] {
        let (c, t, _) = client();
        t.push(json(503, json!({})))
            .push(json(200, campaign_json(ID, "A", status as i64)));
        let cs = c.campaigns();
        let campaign = run(async {
            match suffix {
                "/activate" => cs.activate(ID, &opts).await,
                _ => cs.pause(ID, &opts).await,
            }
        })
        .unwrap_or_else(|e| panic!("{suffix} after a 503: {e:?}"));
        assert_eq!(
            campaign.status,
            Some(status),
            "{suffix}: the retry's answer"
        );
        let sent: Vec<(String, String)> = t
            .requests()
            .iter()
            .map(|r| (r.method.as_str().to_string(), r.url.clone()))
            .collect();
        let attempt = (
            "POST".to_string(),
            format!("{BASE}/api/v2/campaigns/{ID}{suffix}"),
        );
        assert_eq!(
            sent,
            vec![attempt.clone(), attempt],
            "{suffix}: the 503, then the retry"
        );
    }

    let (c, t, _) = client();
    t.push(json(503, json!({})));
    let err = run(c
        .campaigns()
        .duplicate(ID, &CampaignDuplicateParams::default(), &opts))
    .unwrap_err();
    assert_eq!(err.status, Some(503));
    let req = t.single();
    assert_eq!(req.url, format!("{BASE}/api/v2/campaigns/{ID}/duplicate"));
}

#[test]
fn update_and_duplicate_send_only_what_is_set() {
    let opts = RequestOptions::default();
    let (c, t, _) = client();
    t.push(json(200, campaign_json(ID, "B", 0)));
    let params = CampaignUpdateParams {
        name: Some("B".into()),
        daily_limit: Some(Some(50.0)),
        ..Default::default()
    };
    run(c.campaigns().update(ID, &params, &opts)).unwrap();
    let req = t.single();
    assert_eq!(req.method.as_str(), "PATCH");
    assert_eq!(body_of(&req), json!({"name": "B", "daily_limit": 50.0}));

    let (c, t, _) = client();
    t.push(json(
        200,
        campaign_json("0199a3f2-0000-7000-8000-0000000000ff", "A (copy)", 0),
    ));
    run(c
        .campaigns()
        .duplicate(ID, &CampaignDuplicateParams::default(), &opts))
    .unwrap();
    let req = t.single();
    assert_eq!(req.url, format!("{BASE}/api/v2/campaigns/{ID}/duplicate"));
    // The spec's body is optional: with no field set the engine sends none (and so no
    // `Content-Type`), the API's default name "<name> (copy)" applies.
    assert!(req.body.is_none());
    assert_eq!(req.header("content-type"), None);

    let (c, t, _) = client();
    t.push(json(
        200,
        campaign_json("0199a3f2-0000-7000-8000-0000000000ff", "Copy", 0),
    ));
    let params = CampaignDuplicateParams {
        name: Some("Copy".into()),
    };
    run(c.campaigns().duplicate(ID, &params, &opts)).unwrap();
    let req = t.single();
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(body_of(&req), json!({"name": "Copy"}));
}

#[test]
fn ids_that_would_reach_another_route_are_rejected() {
    let (c, t, _) = client();
    let opts = RequestOptions::default();
    for id in ["", "../webhooks", "a/b", "x?y", "x#y"] {
        let err = run(c.campaigns().get(id, &opts)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{id:?}");
        assert_eq!(err.field.as_deref(), Some("id"));
    }
    assert!(t.requests().is_empty());
}

#[test]
fn campaign_decoding_is_lenient() {
    let mut v = campaign_json(ID, "A", 77);
    v["brand_new_field"] = json!([1, 2, 3]);
    v["not_sending_status"] = json!(1234);
    let c: Campaign = serde_json::from_value(v).unwrap();
    assert_eq!(c.status, Some(77.0), "unknown status values decode");
    assert_eq!(c.not_sending_status, Some(1234.0));
}

/// api-notes §7: a real `GET /campaigns` item may carry only a few keys, an empty
/// `campaign_schedule` (no `schedules`), and schedule dates as `""` or full date-times; a
/// required field of the wrong type reads as `None` instead of failing the call.
#[test]
fn answers_shaped_like_the_live_service_decode() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"items": [
            {"id": ID, "name": "Sparse", "status": 1, "organization": "o",
             "sequences": [], "campaign_schedule": {},
             "timestamp_created": "2025-01-01T00:00:00.000Z",
             "timestamp_updated": "2025-01-01T00:00:00.000Z"},
            {"id": "0199a3f2-0000-7000-8000-000000000002", "name": 42, "status": "active",
             "campaign_schedule": {"start_date": "", "end_date": "2026-01-01T00:00:00.000Z",
                                   "schedules": [{"name": "x", "days": {"0": false}}]}}
        ]}),
    ));
    let page = run(c
        .campaigns()
        .list(&CampaignListParams::default(), &RequestOptions::default()))
    .unwrap();
    let items = page.items.unwrap();
    assert_eq!(page.next_starting_after, None);
    assert_eq!(items[0].campaign_schedule.as_ref().unwrap().schedules, None);
    assert_eq!(items[0].status, Some(ACTIVE));
    assert_eq!(items[1].name, None, "a number where a string belongs");
    assert_eq!(items[1].status, None);
    let sched = items[1].campaign_schedule.as_ref().unwrap();
    assert_eq!(sched.start_date.as_deref(), Some(""));
    assert_eq!(sched.end_date.as_deref(), Some("2026-01-01T00:00:00.000Z"));
    assert_eq!(sched.schedules.as_ref().unwrap()[0].timing, None);
}

/// An answer that echoes the key (a proxy's page, a JSON string where an object belongs) fails
/// to decode without the key in the error: typed calls, list walks and job polls alike name the
/// request and redact like every other error of the request loop.
#[test]
fn a_2xx_answer_that_echoes_the_key_fails_to_decode_without_it() {
    use futures::StreamExt;
    let echoes = [
        raw(200, &[], &format!("proxy saw Authorization: Bearer {KEY}")),
        json(200, json!(format!("Bearer {KEY}"))),
    ];
    for reply in echoes {
        let (c, t, _) = client();
        t.push(reply);
        let e = run(c
            .campaigns()
            .list(&CampaignListParams::default(), &RequestOptions::default()))
        .unwrap_err();
        let text = format!("{e} {e:?}");
        assert_eq!(e.kind, ErrorKind::Decode, "{text}");
        assert!(!text.contains(KEY), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
        assert_eq!(e.path.as_deref(), Some("/api/v2/campaigns"));
    }

    let (c, t, _) = client();
    t.push(raw(200, &[], &format!("proxy saw Bearer {KEY}")));
    let params = CampaignListParams::default();
    let opts = RequestOptions::default();
    let first = run(c
        .campaigns()
        .list_all(&params, None, &opts)
        .boxed_local()
        .next());
    let e = first.unwrap().unwrap_err();
    let text = format!("{e} {e:?}");
    assert!(!text.contains(KEY) && text.contains("[redacted]"), "{text}");
    assert_eq!(e.path.as_deref(), Some("/api/v2/campaigns"));

    let (c, t, _) = client();
    t.push(raw(200, &[], &format!("proxy saw Bearer {KEY}")));
    let e = run(c.wait_for_job(
        "675266e304a8e55b17f0228b",
        &instantly_wasm::jobs::WaitOptions::default(),
    ))
    .unwrap_err();
    let text = format!("{e} {e:?}");
    assert_eq!(e.kind, ErrorKind::Decode, "{text}");
    assert!(!text.contains(KEY) && text.contains("[redacted]"), "{text}");
}
