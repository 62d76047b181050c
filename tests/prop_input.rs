//! Property tests of everything a caller's input goes through before a request is sent: the
//! validators, path values, and query and body building for every operation. Whatever the input
//! (non-ASCII, U+FFFD where JS had a lone surrogate, extreme numbers, deep nesting), nothing
//! panics, and a refusal is a `ValidationError` naming the field at fault, with nothing sent.
//!
//! Operations are driven through [`prepare`] only, so the properties do not depend on how an
//! operation is implemented.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use instantly_wasm::engine;
use instantly_wasm::engine::formats;
use instantly_wasm::engine::table::Format;
use instantly_wasm::http::{ApiRequest, HttpRequest, Method};
use instantly_wasm::validate;
use instantly_wasm::{ClientOptions, Error, ErrorKind, RequestOptions, Result};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::{client_with, run, Reply, BASE, KEY};

/// Validates `params` and `path_values` for `operation` (the JS method name, e.g.
/// `campaigns.get`) and returns the request it would send, or the error that stopped it before
/// anything was sent. Built on the engine's raw call (the path every JS call takes: params as
/// JSON, checked against the table) with a transport that records the request and fails it.
fn prepare(operation: &str, path_values: &[&str], params: Value) -> Result<ApiRequest> {
    let (c, t, _) = client_with(
        ClientOptions::new(KEY)
            .with_base_url(BASE)
            .with_max_retries(0)
            .with_rate_limit(None),
    );
    t.push(Reply::Connection("recorded"));
    let op = engine::operation(operation)
        .unwrap_or_else(|| panic!("prepare: unknown operation {operation}"));
    // An operation without a path parameter takes none.
    let path: &[&str] = if op.path_params.is_empty() {
        &[]
    } else {
        path_values
    };
    let o = RequestOptions::default();
    let outcome: Result<()> = run(c.call_raw(op, path, params, &o)).map(drop);
    match t.requests().into_iter().next() {
        Some(sent) => {
            assert_eq!(outcome.unwrap_err().kind, ErrorKind::Connection);
            Ok(api_request(sent))
        }
        None => Err(outcome.expect_err("nothing was sent, so the call must have failed")),
    }
}

/// The [`ApiRequest`] a recorded HTTP request was built from.
fn api_request(http: HttpRequest) -> ApiRequest {
    let rest = http
        .url
        .strip_prefix(&format!("{BASE}/api/v2"))
        .expect("the request stays under the base URL");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let decode = |s: &str| {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    let mut req = ApiRequest::new(http.method, path);
    req.query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (decode(k), decode(v))
        })
        .collect();
    req.body = http.body;
    req
}

const UUID: &str = "019ffad2-9c49-7d93-989e-749770a7c9b8";
const JOB: &str = "675266e304a8e55b17f0228b";

/// Params each operation accepts (the smallest valid ones).
fn valid_params(operation: &str) -> Value {
    match operation {
        "campaigns.create" => json!({
            "name": "Q1",
            "campaign_schedule": {"schedules": [{
                "name": "Weekdays",
                "timing": {"from": "09:00", "to": "17:00"},
                "days": {"1": true},
                "timezone": "America/Chicago",
            }]},
        }),
        "campaigns.update" | "leadLists.update" | "webhooks.update" => json!({"name": "New name"}),
        "leads.create" => json!({"email": "jane@acme.test"}),
        "leads.update" => json!({"first_name": "Jane"}),
        "leads.bulkAdd" => json!({"campaign_id": UUID, "leads": [{"email": "jane@acme.test"}]}),
        "leads.updateInterestStatus" => {
            json!({"lead_email": "jane@acme.test", "interest_value": 1})
        }
        "leads.move" => json!({"to_list_id": UUID, "campaign": UUID}),
        "leadLists.create" => json!({"name": "List"}),
        "webhooks.create" => json!({"target_hook_url": "https://hooks.example.test/in"}),
        _ => json!({}),
    }
}

/// Operations with an id in the path, and the format of that id.
const WITH_ID: &[(&str, bool)] = &[
    ("campaigns.get", false),
    ("campaigns.update", false),
    ("campaigns.delete", false),
    ("campaigns.activate", false),
    ("campaigns.pause", false),
    ("campaigns.duplicate", false),
    ("leads.get", false),
    ("leads.update", false),
    ("leads.delete", false),
    ("leadLists.get", false),
    ("leadLists.update", false),
    ("leadLists.delete", false),
    ("backgroundJobs.get", true),
    ("webhooks.get", false),
    ("webhooks.update", false),
    ("webhooks.delete", false),
    ("webhooks.test", false),
    ("webhooks.resume", false),
    ("webhookEvents.get", false),
];

/// Operations taking params.
const WITH_PARAMS: &[&str] = &[
    "campaigns.create",
    "campaigns.list",
    "campaigns.update",
    "campaigns.duplicate",
    "leads.create",
    "leads.list",
    "leads.update",
    "leads.bulkAdd",
    "leads.updateInterestStatus",
    "leads.move",
    "leadLists.create",
    "leadLists.list",
    "leadLists.update",
    "backgroundJobs.get",
    "analytics.campaigns",
    "analytics.overview",
    "analytics.daily",
    "webhooks.list",
    "webhooks.create",
    "webhooks.update",
    "webhookEvents.list",
];

fn id_for(operation: &str) -> &'static str {
    if operation.starts_with("backgroundJobs.") {
        JOB
    } else {
        UUID
    }
}

fn assert_invalid(
    result: Result<ApiRequest>,
    field: &str,
) -> std::result::Result<Error, TestCaseError> {
    let e = match result {
        Ok(req) => {
            return Err(TestCaseError::fail(format!(
                "expected a ValidationError on {field}, got a request {req:?}"
            )))
        }
        Err(e) => e,
    };
    prop_assert_eq!(e.kind, ErrorKind::Validation, "{}", e.message);
    prop_assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    Ok(e)
}

/// Any JSON value, up to four levels deep, with non-ASCII keys and strings and extreme numbers.
fn json_value() -> impl Strategy<Value = Value> {
    jsonprop::json(text(), key(), 4, 48, 6)
}

/// Keys: the fields operations know, and others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "name",
            "email",
            "limit",
            "starting_after",
            "search",
            "status",
            "campaign",
            "campaign_id",
            "list_id",
            "leads",
            "ids",
            "id",
            "start_date",
            "end_date",
            "custom_variables",
            "first_name",
            "interest_value",
            "lead_email",
            "to_list_id",
            "to_campaign_id",
            "target_hook_url",
            "event_type",
            "headers",
            "data_fields",
            "campaign_schedule",
            "schedules",
            "timing",
            "from",
            "to",
            "days",
            "timezone",
        ])
        .prop_map(String::from),
        ".{0,8}",
    ]
}

/// Strings with the awkward characters: non-ASCII, U+FFFD (what a lone surrogate becomes),
/// controls, separators.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,16}",
        "[\\u{0}-\\u{7f}]{0,16}",
        "[0-9:T.+Zé\u{FFFD}-]{0,24}"
    ]
}

/// Strings that look like ids, and route names that must never be taken for one.
fn id_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        "[0-9a-f]{24}",
        "[0-9a-fé/g-]{30,40}",
        prop::sample::select(vec![
            "analytics",
            "analytics/overview",
            "overview",
            "daily",
            "event-types",
            "summary",
            "summary-by-date",
            "list",
            "add",
            "move",
            "..",
            "",
            " ",
            "%2F",
        ])
        .prop_map(String::from),
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A path value is sent only when it has its declared format (UUID; 24 hex digits for
    /// background jobs), and then lands in its own segment.
    #[test]
    fn path_values_must_have_their_declared_format(which in 0..WITH_ID.len(), id in id_like()) {
        let (operation, hex24) = WITH_ID[which];
        let well_formed = if hex24 { validate::is_hex24(&id) } else { validate::is_uuid(&id) };
        let result = prepare(operation, &[&id], valid_params(operation));
        if well_formed {
            let req = result.map_err(|e| TestCaseError::fail(e.message.clone()))?;
            prop_assert_eq!(req.path.split('/').nth(2), Some(id.as_str()));
        } else {
            assert_invalid(result, "id")?;
        }
    }

    /// An unknown key is named, whatever else is in the params.
    #[test]
    fn an_unknown_key_is_named(which in 0..WITH_PARAMS.len(), suffix in "[a-zé_]{1,8}", value in json_value()) {
        let operation = WITH_PARAMS[which];
        let mut params = valid_params(operation);
        let unknown = format!("zz_{suffix}");
        params[&unknown] = value;
        assert_invalid(prepare(operation, &[id_for(operation)], params), &unknown)?;
    }

    /// Any params at all: a request, or a ValidationError; never a panic, never another kind.
    #[test]
    fn any_params_give_a_request_or_a_validation_error(which in 0..WITH_PARAMS.len(), params in json_value()) {
        let operation = WITH_PARAMS[which];
        match prepare(operation, &[id_for(operation)], params) {
            Ok(req) => {
                prop_assert!(req.path.starts_with('/'));
                if let Some(body) = &req.body {
                    prop_assert!(serde_json::from_slice::<Value>(body).is_ok());
                }
            }
            Err(e) => prop_assert_eq!(e.kind, ErrorKind::Validation, "{}", e.message),
        }
    }

    /// Known fields with values of every type: accepted, or refused naming that field.
    #[test]
    fn a_bad_field_value_names_the_field(which in 0..WITH_PARAMS.len(), field in key(), value in json_value()) {
        let operation = WITH_PARAMS[which];
        let mut params = valid_params(operation);
        params[&field] = value;
        if let Err(e) = prepare(operation, &[id_for(operation)], params) {
            prop_assert_eq!(e.kind, ErrorKind::Validation);
            let named = e.field.clone().unwrap_or_default();
            // An empty key is named in the message only (its path is empty).
            prop_assert!(
                !named.is_empty() || e.message.contains("unknown field ``"),
                "no field named: {}", e.message
            );
        }
    }

    /// `limit`: every number, of every size and sign, is in 1–100 or refused naming `limit`.
    #[test]
    fn limits_are_checked_for_every_number(
        operation in prop::sample::select(vec!["campaigns.list", "leads.list", "leadLists.list", "webhooks.list", "webhookEvents.list"]),
        limit in prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            prop_oneof![Just(-0.0), Just(0.5), Just(1e308), Just(9_007_199_254_740_993.0), any::<f64>()]
                .prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        ],
    ) {
        let in_range = limit.as_i64().is_some_and(|n| (1..=100).contains(&n))
            || limit.as_f64().is_some_and(|f| f.fract() == 0.0 && (1.0..=100.0).contains(&f) && limit.is_i64());
        let result = prepare(operation, &[], json!({"limit": limit}));
        if in_range {
            prop_assert!(result.is_ok(), "{limit} refused: {:?}", result.err());
        } else {
            assert_invalid(result, "limit")?;
        }
    }

    /// Analytics dates: a date or an ISO timestamp, whatever characters surround it.
    #[test]
    fn analytics_dates_never_panic(
        operation in prop::sample::select(vec!["analytics.campaigns", "analytics.overview", "analytics.daily"]),
        field in prop::sample::select(vec!["start_date", "end_date"]),
        date in prop_oneof![
            "2024-01-01T[0-9:é.Z+\u{FFFD}-]{0,10}",
            "[0-9]{4}-[0-9]{2}-[0-9é]{2}.{0,6}",
            ".{0,20}",
        ],
    ) {
        let ok = formats::is_date(&date) || formats::is_date_time(&date);
        let result = prepare(operation, &[], json!({ field: date }));
        if ok {
            let req = result.map_err(|e| TestCaseError::fail(e.message.clone()))?;
            prop_assert!(req.query.iter().any(|(k, v)| k == field && *v == date));
        } else {
            assert_invalid(result, field)?;
        }
    }

    /// The field checks with any string: a result, never a panic; an error names the given
    /// field. Every format of the table gives a result too.
    #[test]
    fn validators_take_any_string(s in ".{0,60}") {
        type Check = fn(&str, &str) -> Result<()>;
        let checks: [Check; 3] = [validate::email, validate::uuid, validate::hex24];
        for check in checks {
            if let Err(e) = check("f", &s) {
                prop_assert_eq!(e.kind, ErrorKind::Validation);
                prop_assert_eq!(e.field.as_deref(), Some("f"));
            }
        }
        for format in &Format::ALL {
            if let Err(expected) = formats::check(*format, &s) {
                prop_assert_eq!(expected, formats::expected(*format));
            }
        }
    }
}

/// The issue's cases, exactly.
#[test]
fn the_issues_inputs_are_validation_errors() {
    let e = prepare(
        "analytics.campaigns",
        &[],
        json!({"start_date": "2024-01-01T12:0é"}),
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Validation, Some("start_date"))
    );
    let e = prepare("campaigns.get", &["analytics"], json!({})).unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (ErrorKind::Validation, Some("id"))
    );
}

/// Every operation accepts its minimal params (so the properties above test what they claim).
#[test]
fn the_minimal_params_are_valid() {
    for operation in WITH_PARAMS {
        let req = prepare(operation, &[id_for(operation)], valid_params(operation))
            .unwrap_or_else(|e| panic!("{operation}: {}", e.message));
        assert!(req.path.starts_with('/'), "{operation}");
    }
    let req = prepare("campaigns.get", &[UUID], json!({})).unwrap();
    assert_eq!(
        (req.method, req.path.as_str()),
        (Method::Get, &*format!("/campaigns/{UUID}"))
    );
}
