//! `client.analytics()`: requests (query encoding, repeated `ids`, `campaign_id` on daily),
//! decoding of the spec's examples, date validation, retries, and the client-computed rates
//! (added to the answer's JSON by the operations' `AnalyticsRates` hook, as JS receives them).

mod support;

use instantly_wasm::engine;
use instantly_wasm::generated::models::*;
use instantly_wasm::models::{add_rates, AnalyticsRates, Rates};
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::{json, Map, Value};
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
        items[0].campaign_id.as_deref(),
        Some(example[0]["campaign_id"].as_str().unwrap())
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
            "{BASE}/api/v2/campaigns/analytics?ids={A}&ids={B}&start_date=2026-01-01\
             &end_date=2026-01-31T23%3A59%3A59.000Z&exclude_total_leads_count=true"
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
        campaign_status: Some(1.0),
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
            "{BASE}/api/v2/campaigns/analytics/overview?id={A}&campaign_status=1&expand_crm_events=true"
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
            "{BASE}/api/v2/campaigns/analytics/daily?campaign_id={A}&start_date=2026-02-01&end_date=2026-02-07"
        )
    );
    // The daily route has no `id`: the engine names the stray key (and the one meant).
    let daily = engine::operation("analytics.daily").unwrap();
    let e = engine::prepare(daily, &[], json!({"id": A})).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
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
        campaign_status: Some(1.0),
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
        campaign_status: Some(1.0),
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
        (None, Some("2026-02-01 10"), "end_date"),
        (None, Some("2026-02-01T24:00:00Z"), "end_date"),
        // A range that ends before it starts: the engine names the end.
        (Some("2026-02-02"), Some("2026-02-01"), "end_date"),
        (
            Some("2026-02-02T00:00:00Z"),
            Some("2026-02-01T23:00:00Z"),
            "end_date",
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
            if start.is_some() && end.is_some() {
                assert!(err.message.contains("start_date"), "{err}");
            }
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

/// The spec's example analytics row with `contacted_count` set, as the JSON object the rates
/// are computed from.
fn analytics(contacted: i64) -> Map<String, Value> {
    let mut v = response_example("GET", "/campaigns/analytics", "200")[0].clone();
    v["contacted_count"] = json!(contacted);
    v.as_object().unwrap().clone()
}

fn set(m: &mut Map<String, Value>, key: &str, v: Option<i64>) {
    match v {
        Some(n) => m.insert(key.into(), json!(n)),
        None => m.remove(key),
    };
}

#[test]
fn rates_use_unique_counts_when_present_else_totals() {
    let mut a = analytics(200);
    set(&mut a, "open_count", Some(150));
    set(&mut a, "open_count_unique", Some(100));
    set(&mut a, "reply_count", Some(30));
    set(&mut a, "reply_count_unique", None);
    set(&mut a, "link_click_count", Some(10));
    set(&mut a, "link_click_count_unique", Some(5));
    set(&mut a, "bounced_count", Some(3));
    assert_eq!(a.open_rate(), 50.0, "unique opens, not total");
    assert_eq!(a.reply_rate(), 15.0, "no unique replies: the total");
    assert_eq!(a.click_rate(), 2.5);
    assert_eq!(a.bounce_rate(), 1.5);

    let mut a = analytics(3);
    set(&mut a, "open_count_unique", Some(1));
    set(&mut a, "reply_count_unique", Some(2));
    assert_eq!(a.open_rate(), 33.33, "two decimals");
    assert_eq!(a.reply_rate(), 66.67);
    set(&mut a, "open_count_unique", None);
    set(&mut a, "open_count", Some(7));
    assert_eq!(
        a.open_rate(),
        100.0,
        "a total above the contacted count is capped"
    );
}

#[test]
fn rates_are_zero_when_nothing_was_contacted() {
    let mut a = analytics(0);
    set(&mut a, "open_count", Some(5));
    set(&mut a, "bounced_count", Some(2));
    assert_eq!(
        a.rates(),
        AnalyticsRates {
            open_rate: 0.0,
            reply_rate: 0.0,
            click_rate: 0.0,
            bounce_rate: 0.0
        }
    );
    assert_eq!(Map::new().rates(), AnalyticsRates::default());
    let o = json!({"contacted_count": 0, "reply_count": 4});
    assert_eq!(o.as_object().unwrap().reply_rate(), 0.0);
}

#[test]
fn overview_rates_follow_the_same_formula() {
    let o = json!({
        "contacted_count": 400,
        "open_count": 500,
        "open_count_unique": 100,
        "reply_count": 20,
        "link_click_count": 8,
        "link_click_count_unique": 4,
        "bounced_count": 12
    });
    assert_eq!(
        o.as_object().unwrap().rates(),
        AnalyticsRates {
            open_rate: 25.0,
            reply_rate: 5.0,
            click_rate: 1.0,
            bounce_rate: 3.0
        }
    );
}

/// Rust callers get the same rates from the typed answers of `analytics.campaigns` and
/// `analytics.overview`: the formula is one, whatever carries the counts.
#[test]
fn typed_answers_have_the_same_rates_as_their_json() {
    let (c, t, _) = client();
    let mut row = analytics(200);
    set(&mut row, "open_count_unique", Some(100));
    set(&mut row, "reply_count_unique", None);
    set(&mut row, "reply_count", Some(30));
    set(&mut row, "bounced_count", None);
    t.push(json(200, json!([row.clone()])));
    let items = run(c
        .analytics()
        .campaigns(&AnalyticsParams::default(), &opts()))
    .unwrap();
    assert_eq!(items[0].rates(), row.rates());
    assert_eq!(items[0].open_rate(), 50.0);
    assert_eq!(items[0].reply_rate(), 15.0);
    assert_eq!(
        items[0].bounce_rate(),
        0.0,
        "no bounced_count (api-notes §7)"
    );

    let o = json!({"contacted_count": 400, "open_count": 500, "open_count_unique": 100,
                   "reply_count": 20, "link_click_count": 8, "link_click_count_unique": 4,
                   "bounced_count": 12});
    t.push(json(200, o.clone()));
    let typed = run(c
        .analytics()
        .overview(&AnalyticsOverviewParams::default(), &opts()))
    .unwrap();
    assert_eq!(typed.rates(), o.as_object().unwrap().rates());
    assert_eq!(typed.click_rate(), 1.0);
}

#[test]
fn the_js_shape_is_the_counts_plus_the_four_rates() {
    for call in ["analytics.campaigns", "analytics.overview"] {
        assert_eq!(
            engine::operation(call).unwrap().hook,
            engine::table::Hook::AnalyticsRates,
            "{call} answers carry the rates"
        );
    }
    let mut a = analytics(10);
    set(&mut a, "open_count_unique", Some(4));
    let mut v = Value::Object(a.clone());
    add_rates(&mut v);
    let mut expected = a.clone();
    expected.insert("open_rate".into(), json!(40.0));
    expected.insert("reply_rate".into(), json!(a.reply_rate()));
    expected.insert("click_rate".into(), json!(a.click_rate()));
    expected.insert("bounce_rate".into(), json!(a.bounce_rate()));
    assert_eq!(v, Value::Object(expected));

    let mut all = json!([analytics(0), analytics(10)]);
    add_rates(&mut all);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["open_rate"], json!(0.0));

    let mut o = json!({"contacted_count": 2, "bounced_count": 1});
    add_rates(&mut o);
    assert_eq!(
        o,
        json!({
            "contacted_count": 2, "bounced_count": 1,
            "open_rate": 0.0, "reply_rate": 0.0, "click_rate": 0.0, "bounce_rate": 50.0
        })
    );
    // A daily row without `bounced` (api-notes §7) or with a null count still gets rates.
    let mut row = json!({"contacted_count": 4, "open_count": 1, "bounced_count": null});
    add_rates(&mut row);
    assert_eq!(row["open_rate"], json!(25.0));
    assert_eq!(row["bounce_rate"], json!(0.0));
}

/// api-notes §7: older daily rows carry only a few keys and no `bounced`, rows do not echo
/// `campaign_id`, an overview may lack `completed_count`, and a count may come as `null`.
#[test]
fn answers_shaped_like_the_live_service_decode() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!([
            {"date": "2025-03-01", "sent": 12, "contacted": 10, "opened": 4, "unique_opened": 3,
             "replies": 1, "unique_replies": 1, "clicks": 0},
            {"date": "2025-03-02", "sent": null, "new_field": {"x": 1}}
        ]),
    ));
    let rows = run(c
        .analytics()
        .daily(&DailyAnalyticsParams::default(), &opts()))
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].contacted, Some(10));
    assert_eq!(rows[0].unique_clicks, None);
    assert_eq!(rows[1].sent, None);

    t.push(json(
        200,
        json!([{"campaign_name": "Q1", "campaign_id": A, "contacted_count": 4,
                "open_count": "2", "reply_count": 1}]),
    ));
    let items = run(c
        .analytics()
        .campaigns(&AnalyticsParams::default(), &opts()))
    .unwrap();
    assert_eq!(items[0].contacted_count, Some(4));
    assert_eq!(items[0].bounced_count, None);
    assert_eq!(
        items[0].open_count, None,
        "a count of the wrong type reads as None"
    );

    t.push(json(200, json!({"contacted_count": 4, "reply_count": 2})));
    let o = run(c
        .analytics()
        .overview(&AnalyticsOverviewParams::default(), &opts()))
    .unwrap();
    assert_eq!(o.completed_count, None);
    assert_eq!(o.reply_count, Some(2));
}
