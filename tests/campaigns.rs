//! `client.campaigns()`: the exact request of every operation, decoding, and validation.

mod support;

use instantly_wasm::models::*;
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::json;
use support::*;

const ID: &str = "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

fn schedule() -> CampaignSchedule {
    CampaignSchedule {
        start_date: Some("2026-12-01".into()),
        end_date: None,
        schedules: vec![Schedule {
            name: "Weekdays".into(),
            timing: Timing {
                from: "09:00".into(),
                to: "17:00".into(),
            },
            days: [
                ("1", true),
                ("2", true),
                ("3", true),
                ("4", true),
                ("5", true),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            timezone: "America/Chicago".into(),
        }],
    }
}

fn create_params() -> CampaignCreateParams {
    CampaignCreateParams {
        name: "Q1 Outreach".into(),
        campaign_schedule: schedule(),
        ..Default::default()
    }
}

#[test]
fn create_posts_the_body_and_decodes_the_campaign() {
    let (c, t, _) = client();
    t.push(json(200, campaign_json(ID, "Q1 Outreach", 0)));
    let opts = RequestOptions::default();
    let campaign = run(c.campaigns().create(&create_params(), &opts)).unwrap();
    assert_eq!(campaign.id, ID);
    assert_eq!(campaign.status, CampaignStatus::DRAFT);
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

#[test]
fn create_validates_before_sending() {
    let (c, t, _) = client();
    let opts = RequestOptions::default();
    type Mutation = Box<dyn Fn(&mut CampaignCreateParams)>;
    let cases: Vec<(Mutation, &str)> = vec![
        (Box::new(|p| p.name = " ".into()), "name"),
        (
            Box::new(|p| p.campaign_schedule.schedules.clear()),
            "campaign_schedule.schedules",
        ),
        (
            Box::new(|p| p.campaign_schedule.schedules[0].timing.from = "9am".into()),
            "campaign_schedule.schedules[0].timing.from",
        ),
        (
            Box::new(|p| p.campaign_schedule.schedules[0].timezone = "America/New_York".into()),
            "campaign_schedule.schedules[0].timezone",
        ),
        (
            Box::new(|p| {
                p.campaign_schedule.schedules[0]
                    .days
                    .insert("monday".into(), true);
            }),
            "campaign_schedule.schedules[0].days",
        ),
        (
            Box::new(|p| p.campaign_schedule.schedules[0].days.clear()),
            "campaign_schedule.schedules[0].days",
        ),
        (
            Box::new(|p| p.campaign_schedule.start_date = Some("2026-13-01".into())),
            "campaign_schedule.start_date",
        ),
        (
            Box::new(|p| p.campaign_schedule.end_date = Some("2026-11-01".into())),
            "campaign_schedule.end_date",
        ),
        (
            Box::new(|p| p.daily_max_leads = Some(-1)),
            "daily_max_leads",
        ),
        (
            Box::new(|p| {
                p.sequences = Some(vec![Sequence {
                    steps: vec![SequenceStep {
                        step_type: "sms".into(),
                        ..Default::default()
                    }],
                }])
            }),
            "sequences[0].steps[0].type",
        ),
    ];
    for (mutate, field) in cases {
        let mut p = create_params();
        mutate(&mut p);
        let err = run(c.campaigns().create(&p, &opts)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
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
        status: Some(CampaignStatus::ACTIVE),
        ..Default::default()
    };
    let page = run(c.campaigns().list(&params, &RequestOptions::default())).unwrap();
    assert_eq!(page.items.len(), 1);
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
        assert_eq!(campaign.id, ID);
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
    for (suffix, status) in [
        ("/activate", CampaignStatus::ACTIVE),
        ("/pause", CampaignStatus::PAUSED),
    ] {
        let (c, t, _) = client();
        t.push(json(503, json!({})))
            .push(json(200, campaign_json(ID, "A", status)));
        let cs = c.campaigns();
        let campaign = run(async {
            match suffix {
                "/activate" => cs.activate(ID, &opts).await,
                _ => cs.pause(ID, &opts).await,
            }
        })
        .unwrap_or_else(|e| panic!("{suffix} after a 503: {e:?}"));
        assert_eq!(campaign.status, status, "{suffix}: the retry's answer");
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
        daily_limit: Some(50.0),
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
    assert_eq!(body_of(&req), json!({}));
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
    assert_eq!(c.status, 77, "unknown status values decode");
    assert_eq!(c.not_sending_status, Some(1234));
}
