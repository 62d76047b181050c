//! The schedule time zone list compiled into the client is exactly the spec's closed enum.

mod support;

use instantly_wasm::engine;
use instantly_wasm::models::SCHEDULE_TIMEZONES;
use serde_json::json;
use support::spec::{enum_values, request_schema, resolve, spec};

fn timezone_enum(campaign_schema: &'static serde_json::Value) -> Vec<String> {
    let schedules = &campaign_schema["properties"]["campaign_schedule"]["properties"]["schedules"];
    enum_values(&resolve(&schedules["items"])["properties"]["timezone"])
}

#[test]
fn the_list_equals_the_spec_enum_in_order() {
    let ours: Vec<String> = SCHEDULE_TIMEZONES.iter().map(|s| s.to_string()).collect();
    let response = timezone_enum(resolve(&spec()["components"]["schemas"]["Campaign"]));
    let create = timezone_enum(request_schema("POST", "/campaigns"));
    let update = timezone_enum(request_schema("PATCH", "/campaigns/{id}"));
    assert_eq!(response.len(), 102);
    assert_eq!(ours, response, "Campaign schema");
    assert_eq!(ours, create, "POST /campaigns body");
    assert_eq!(ours, update, "PATCH /campaigns/{{id}} body");
}

#[test]
fn the_table_holds_the_same_list() {
    // `scheduleTimezones()` in JS answers from the operation table.
    assert_eq!(engine::schedule_timezones(), SCHEDULE_TIMEZONES);
}

#[test]
fn validation_accepts_exactly_the_list() {
    let op = engine::operation("campaigns.update").unwrap();
    let update = |tz: &str| {
        let schedule = json!({
            "name": "Weekdays",
            "timing": { "from": "09:00", "to": "17:00" },
            "days": { "1": true },
            "timezone": tz,
        });
        engine::prepare(
            op,
            &["0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b"],
            json!({ "campaign_schedule": { "schedules": [schedule] } }),
        )
    };
    for tz in SCHEDULE_TIMEZONES {
        update(tz).unwrap_or_else(|e| panic!("{tz}: {}", e.message));
    }
    for missing in [
        "America/New_York",
        "Europe/London",
        "UTC",
        "america/chicago",
        "",
    ] {
        let e = update(missing).unwrap_err();
        assert_eq!(
            e.field.as_deref(),
            Some("campaign_schedule.schedules[0].timezone"),
            "{missing}"
        );
    }
}
