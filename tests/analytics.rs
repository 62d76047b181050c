//! `client.analytics()`: requests (query encoding, repeated `ids`, `campaign_id` on daily),
//! decoding of the spec's examples, date validation, retries, and the client-computed rates.

mod support;

use instantly_wasm::input::decode_input;
use instantly_wasm::models::*;
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::{json, Value};
use support::spec::{query_params, response_example, same_json};
use support::*;

const A: &str = "019ffad2-9ba1-7bc9-8d59-2dc06bc9bc75";
const B: &str = "019ffad2-9ba2-7890-9f7c-574f7d9cc984";

fn opts() -> RequestOptions {
    RequestOptions::default()
}

fn keys(v: Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn campaigns_sends_repeated_ids_and_decodes_the_spec_array() {
    let example = response_example("GET", "/campaigns/analytics", "200");
    assert!(example.is_array());
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let params = AnalyticsParams {
        ids: Some(vec![A.into(), B.into()]),
        start_date: Some("2026-01-01".into()),
        end_date: Some("2026-01-31T23:59:59.000Z".into()),
        exclude_total_leads_count: Some(true),
        ..Default::default()
    };
    let items = run(c.analytics().campaigns(&params, &opts())).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].campaign_id,
        example[0]["campaign_id"].as_str().unwrap()
    );
    assert!(
        same_json(&serde_json::to_value(&items[0]).unwrap(), &example[0]),
        "nothing of the example is lost"
    );
    let req = t.single();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        format!(
            "{BASE}/api/v2/campaigns/analytics?end_date=2026-01-31T23%3A59%3A59.000Z\
             &exclude_total_leads_count=true&ids={A}&ids={B}&start_date=2026-01-01"
        )
    );
    assert!(req.body.is_none());
    assert_eq!(req.header("content-type"), None);
}

#[test]
fn overview_and_daily_hit_their_routes_with_their_own_keys() {
    let (c, t, _) = client();
    t.push(json(
        200,
        response_example("GET", "/campaigns/analytics/overview", "200"),
    ));
    let p = AnalyticsOverviewParams {
        id: Some(A.into()),
        campaign_status: Some(CampaignStatus::ACTIVE),
        expand_crm_events: Some(true),
        ..Default::default()
    };
    let o = run(c.analytics().overview(&p, &opts())).unwrap();
    assert!(same_json(
        &serde_json::to_value(&o).unwrap(),
        &response_example("GET", "/campaigns/analytics/overview", "200")
    ));
    assert_eq!(
        t.single().url,
        format!(
            "{BASE}/api/v2/campaigns/analytics/overview?campaign_status=1&expand_crm_events=true&id={A}"
        )
    );

    let (c, t, _) = client();
    let example = response_example("GET", "/campaigns/analytics/daily", "200");
    t.push(json(200, example.clone()));
    let p = DailyAnalyticsParams {
        campaign_id: Some(A.into()),
        start_date: Some("2026-02-01".into()),
        end_date: Some("2026-02-07".into()),
        ..Default::default()
    };
    let rows = run(c.analytics().daily(&p, &opts())).unwrap();
    assert!(same_json(&serde_json::to_value(&rows).unwrap(), &example));
    assert!(rows[0].date.is_some());
    assert_eq!(
        t.single().url,
        format!(
            "{BASE}/api/v2/campaigns/analytics/daily?campaign_id={A}&end_date=2026-02-07&start_date=2026-02-01"
        )
    );
    // The daily route has no `id`: strict input names the stray key.
    let e = decode_input::<DailyAnalyticsParams, _>("params", json!({"id": A})).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("id"));
}

#[test]
fn params_cover_exactly_the_spec_query_parameters() {
    let full = AnalyticsParams {
        id: Some(String::new()),
        ids: Some(vec![]),
        start_date: Some(String::new()),
        end_date: Some(String::new()),
        exclude_total_leads_count: Some(true),
    };
    assert_eq!(
        keys(serde_json::to_value(full).unwrap()),
        sorted(query_params("GET", "/campaigns/analytics"))
    );
    let full = AnalyticsOverviewParams {
        id: Some(String::new()),
        ids: Some(vec![]),
        start_date: Some(String::new()),
        end_date: Some(String::new()),
        campaign_status: Some(1),
        expand_crm_events: Some(true),
    };
    assert_eq!(
        keys(serde_json::to_value(full).unwrap()),
        sorted(query_params("GET", "/campaigns/analytics/overview"))
    );
    let full = DailyAnalyticsParams {
        campaign_id: Some(String::new()),
        start_date: Some(String::new()),
        end_date: Some(String::new()),
        campaign_status: Some(1),
    };
    assert_eq!(
        keys(serde_json::to_value(full).unwrap()),
        sorted(query_params("GET", "/campaigns/analytics/daily"))
    );
}

#[test]
fn dates_are_validated_before_sending() {
    let (c, t, _) = client();
    let cases: Vec<(Option<&str>, Option<&str>, &str)> = vec![
        (Some("2026-13-01"), None, "start_date"),
        (Some("01/02/2026"), None, "start_date"),
        (None, Some("2026-02-30"), "end_date"),
        (None, Some("2026-02-01 10:00"), "end_date"),
        (Some("2026-02-02"), Some("2026-02-01"), "start_date"),
        (
            Some("2026-02-02T00:00:00Z"),
            Some("2026-02-01T23:00:00Z"),
            "start_date",
        ),
    ];
    for (start, end, field) in cases {
        let s = start.map(str::to_string);
        let e = end.map(str::to_string);
        let errs = [
            run(c.analytics().campaigns(
                &AnalyticsParams {
                    start_date: s.clone(),
                    end_date: e.clone(),
                    ..Default::default()
                },
                &opts(),
            ))
            .map(|_| ())
            .unwrap_err(),
            run(c.analytics().overview(
                &AnalyticsOverviewParams {
                    start_date: s.clone(),
                    end_date: e.clone(),
                    ..Default::default()
                },
                &opts(),
            ))
            .map(|_| ())
            .unwrap_err(),
            run(c.analytics().daily(
                &DailyAnalyticsParams {
                    start_date: s,
                    end_date: e,
                    ..Default::default()
                },
                &opts(),
            ))
            .map(|_| ())
            .unwrap_err(),
        ];
        for err in errs {
            assert_eq!(err.kind, ErrorKind::Validation, "{err}");
            assert_eq!(
                err.field.as_deref(),
                Some(field),
                "{start:?}..{end:?}: {err}"
            );
        }
    }
    assert!(t.requests().is_empty());
}

#[test]
fn reads_are_retried_and_the_bare_message_400_is_parsed() {
    let (c, t, _) = client();
    t.push(json(502, json!({})))
        .push(Reply::Connection("reset"))
        .push(json(200, json!([])));
    let items = run(c
        .analytics()
        .campaigns(&AnalyticsParams::default(), &opts()))
    .unwrap();
    assert!(items.is_empty(), "no campaign has sent yet: an empty array");
    assert_eq!(t.requests().len(), 3);
    assert_eq!(
        t.requests()[0].url,
        format!("{BASE}/api/v2/campaigns/analytics")
    );

    let (c, t, _) = client();
    t.push(json(
        400,
        json!({"message": "Start Date must be earlier than End Date"}),
    ));
    let e = run(c
        .analytics()
        .overview(&AnalyticsOverviewParams::default(), &opts()))
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadRequest);
    assert!(
        e.message.contains("Start Date must be earlier"),
        "{}",
        e.message
    );
    assert_eq!(t.requests().len(), 1);
}

fn analytics(contacted: i64) -> CampaignAnalytics {
    let mut v = response_example("GET", "/campaigns/analytics", "200")[0].clone();
    v["contacted_count"] = json!(contacted);
    serde_json::from_value(v).unwrap()
}

#[test]
fn rates_use_unique_counts_when_present_else_totals() {
    let mut a = analytics(200);
    a.open_count = 150;
    a.open_count_unique = Some(100);
    a.reply_count = 30;
    a.reply_count_unique = None;
    a.link_click_count = 10;
    a.link_click_count_unique = Some(5);
    a.bounced_count = 3;
    assert_eq!(a.open_rate(), 50.0, "unique opens, not total");
    assert_eq!(a.reply_rate(), 15.0, "no unique replies: the total");
    assert_eq!(a.click_rate(), 2.5);
    assert_eq!(a.bounce_rate(), 1.5);

    let mut a = analytics(3);
    a.open_count_unique = Some(1);
    a.reply_count_unique = Some(2);
    assert_eq!(a.open_rate(), 33.33, "two decimals");
    assert_eq!(a.reply_rate(), 66.67);
    a.open_count_unique = None;
    a.open_count = 7;
    assert_eq!(
        a.open_rate(),
        100.0,
        "a total above the contacted count is capped"
    );
}

#[test]
fn rates_are_zero_when_nothing_was_contacted() {
    let mut a = analytics(0);
    a.open_count = 5;
    a.bounced_count = 2;
    assert_eq!(
        a.rates(),
        AnalyticsRates {
            open_rate: 0.0,
            reply_rate: 0.0,
            click_rate: 0.0,
            bounce_rate: 0.0
        }
    );
    let empty = CampaignAnalyticsOverview::default();
    assert_eq!(empty.rates(), AnalyticsRates::default());
    let o = CampaignAnalyticsOverview {
        contacted_count: Some(0),
        reply_count: Some(4),
        ..Default::default()
    };
    assert_eq!(o.reply_rate(), 0.0);
}

#[test]
fn overview_rates_follow_the_same_formula() {
    let o = CampaignAnalyticsOverview {
        contacted_count: Some(400),
        open_count: Some(500),
        open_count_unique: Some(100),
        reply_count: Some(20),
        link_click_count: Some(8),
        link_click_count_unique: Some(4),
        bounced_count: Some(12),
        ..Default::default()
    };
    assert_eq!(
        o.rates(),
        AnalyticsRates {
            open_rate: 25.0,
            reply_rate: 5.0,
            click_rate: 1.0,
            bounce_rate: 3.0
        }
    );
}

#[test]
fn the_js_shape_is_the_counts_plus_the_four_rates() {
    let mut a = analytics(10);
    a.open_count_unique = Some(4);
    let v = serde_json::to_value(WithRates::new(&a)).unwrap();
    let mut expected = serde_json::to_value(&a).unwrap();
    let obj = expected.as_object_mut().unwrap();
    obj.insert("open_rate".into(), json!(40.0));
    obj.insert("reply_rate".into(), json!(a.reply_rate()));
    obj.insert("click_rate".into(), json!(a.click_rate()));
    obj.insert("bounce_rate".into(), json!(a.bounce_rate()));
    assert_eq!(v, expected);

    let list = vec![analytics(0), analytics(10)];
    let all = serde_json::to_value(WithRates::all(&list)).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["open_rate"], json!(0.0));

    let o = CampaignAnalyticsOverview {
        contacted_count: Some(2),
        bounced_count: Some(1),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(WithRates::new(&o)).unwrap(),
        json!({
            "contacted_count": 2, "bounced_count": 1,
            "open_rate": 0.0, "reply_rate": 0.0, "click_rate": 0.0, "bounce_rate": 50.0
        })
    );
}
