//! The request loop through a mock transport and a virtual clock: headers, retries, backoff,
//! Retry-After, timeouts, cancellation, error mapping and key redaction.

mod support;

use instantly_wasm::http::ApiRequest;
use instantly_wasm::{CancelToken, ClientOptions, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn get() -> ApiRequest {
    ApiRequest::get("/campaigns")
}

#[test]
fn sends_auth_accept_and_no_content_type_without_body() {
    let (c, t, _) = client();
    t.push(json(200, json!({"items": []})));
    let _: Value = run(c.request(get(), &RequestOptions::default())).unwrap();
    let req = t.single();
    assert_eq!(req.url, format!("{BASE}/api/v2/campaigns"));
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("content-type"), None);
    assert_eq!(req.header("x-as-workspace"), None);
    assert!(
        !format!("{req:?}").contains(KEY),
        "Debug of a request shows the key"
    );
}

#[test]
fn content_type_only_with_a_body_and_workspace_header_when_set() {
    let (c, t, _) = client_with(
        ClientOptions::new(KEY)
            .with_base_url(format!("{BASE}/"))
            .with_workspace_id("ws-1"),
    );
    t.push(json(200, json!({})));
    let req = ApiRequest::post("/leads/list")
        .json(&json!({"limit": 5}))
        .unwrap();
    let _: Value = run(c.request(req, &RequestOptions::default())).unwrap();
    let req = t.single();
    assert_eq!(
        req.url,
        format!("{BASE}/api/v2/leads/list"),
        "trailing slash of baseUrl trimmed"
    );
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("x-as-workspace"), Some("ws-1"));
    assert_eq!(body_of(&req), json!({"limit": 5}));
}

#[test]
fn retries_429_with_exponential_backoff_then_succeeds() {
    let (c, t, clock) = client();
    t.push(json(
        429,
        json!({"statusCode": 429, "error": "Too Many Requests", "message": "Rate limit exceeded"}),
    ));
    t.push(json(429, json!({})));
    t.push(json(200, json!({"ok": true})));
    // A POST that is not retry-safe is still retried on 429: the server did not process it.
    let req = ApiRequest::post("/campaigns").json(&json!({})).unwrap();
    let v: Value = run(c.request(req, &RequestOptions::default())).unwrap();
    assert_eq!(v, json!({"ok": true}));
    assert_eq!(t.requests().len(), 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(
        (375..=500).contains(&(sleeps[0].as_millis() as u64)),
        "{sleeps:?}"
    );
    assert!(
        (750..=1000).contains(&(sleeps[1].as_millis() as u64)),
        "{sleeps:?}"
    );
}

#[test]
fn honours_retry_after_seconds_and_dates_capped_at_60s() {
    let (c, t, clock) = client();
    t.push(raw(429, &[("Retry-After", "2")], ""));
    t.push(raw(429, &[("retry-after", "3600")], ""));
    t.push(raw(
        503,
        &[("Retry-After", "Tue, 14 Nov 2023 22:13:30 GMT")],
        "",
    ));
    t.push(json(200, json!(1)));
    let _: Value = run(c.request(get(), &RequestOptions::default())).unwrap();
    let sleeps = clock.sleeps();
    assert_eq!(sleeps[0], Duration::from_secs(2));
    assert_eq!(sleeps[1], Duration::from_secs(60));
    // The clock started at 1_700_000_000 s = 22:13:20 GMT; it has advanced 62 s since then, so
    // the date is already in the past: wait 0.
    assert_eq!(sleeps[2], Duration::ZERO);
}

#[test]
fn gives_up_after_max_retries_with_a_rate_limit_error() {
    let (c, t, _) = client_with(
        ClientOptions::new(KEY)
            .with_base_url(BASE)
            .with_max_retries(2),
    );
    for _ in 0..3 {
        t.push(raw(
            429,
            &[("retry-after", "1")],
            r#"{"statusCode":429,"error":"Too Many Requests","message":"Rate limit exceeded"}"#,
        ));
    }
    let err = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
    assert_eq!(t.requests().len(), 3);
    assert_eq!(err.kind, ErrorKind::RateLimit);
    assert_eq!(err.status, Some(429));
    assert_eq!(err.retry_after, Some(1.0));
    assert_eq!(err.method.as_deref(), Some("GET"));
    assert_eq!(err.path.as_deref(), Some("/api/v2/campaigns"));
    assert_eq!(err.body.as_ref().unwrap()["message"], "Rate limit exceeded");
}

#[test]
fn server_errors_are_retried_only_for_retry_safe_requests() {
    for status in [500, 502, 503, 504] {
        let (c, t, _) = client();
        t.push(json(status, json!({}))).push(json(200, json!({})));
        run(c.request::<Value>(get(), &RequestOptions::default())).unwrap();
        assert_eq!(t.requests().len(), 2, "GET after {status}");

        let (c, t, _) = client();
        t.push(json(status, json!({})));
        let req = ApiRequest::post("/leads/add").json(&json!({})).unwrap();
        let err = run(c.request::<Value>(req, &RequestOptions::default())).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Server);
        assert_eq!(
            t.requests().len(),
            1,
            "bulk add must not be retried after {status}"
        );
    }
    let (c, t, _) = client();
    t.push(json(501, json!({})));
    run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
    assert_eq!(t.requests().len(), 1, "501 is not retried");
}

#[test]
fn connection_errors_follow_the_same_policy() {
    let (c, t, _) = client();
    t.push(Reply::Connection("ECONNRESET"))
        .push(json(200, json!({})));
    run(c.request::<Value>(get(), &RequestOptions::default())).unwrap();
    assert_eq!(t.requests().len(), 2);

    let (c, t, _) = client();
    t.push(Reply::Connection("ECONNRESET"));
    let req = ApiRequest::post("/campaigns").json(&json!({})).unwrap();
    let err = run(c.request::<Value>(req, &RequestOptions::default())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Connection);
    assert!(err.message.contains("ECONNRESET"));
    assert_eq!(err.status, None);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn timeouts_abort_the_attempt_and_retry_when_safe() {
    let (c, t, clock) = client_with(
        ClientOptions::new(KEY)
            .with_base_url(BASE)
            .with_timeout(Duration::from_millis(1500)),
    );
    t.push(Reply::Hang).push(json(200, json!({"ok": 1})));
    let v: Value = run(c.request(get(), &RequestOptions::default())).unwrap();
    assert_eq!(v["ok"], 1);
    assert_eq!(
        t.dropped_in_flight(),
        1,
        "the hung attempt was dropped (fetch aborted)"
    );
    assert_eq!(clock.sleeps()[0], Duration::from_millis(1500));

    let (c, t, _) = client();
    t.push(Reply::Hang);
    let opts = RequestOptions {
        timeout: Some(Duration::from_millis(10)),
        max_retries: Some(0),
        ..Default::default()
    };
    let err = run(c.request::<Value>(get(), &opts)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert!(err.message.contains("10 ms"), "{}", err.message);
}

#[test]
fn a_cancelled_token_aborts_before_sending() {
    let (c, t, _) = client();
    let cancel = CancelToken::new();
    cancel.cancel();
    let opts = RequestOptions {
        cancel: Some(cancel),
        ..Default::default()
    };
    let err = run(c.request::<Value>(get(), &opts)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Aborted);
    assert!(t.requests().is_empty());
}

#[test]
fn non_retryable_statuses_map_to_their_kinds() {
    for (status, kind) in [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Authentication),
        (402, ErrorKind::PaymentRequired),
        (403, ErrorKind::PermissionDenied),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (413, ErrorKind::Api),
    ] {
        let (c, t, _) = client();
        t.push(json(
            status,
            json!({"statusCode": status, "error": "E", "message": "m"}),
        ));
        let err = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
        assert_eq!(err.kind, kind, "{status}");
        assert_eq!(err.status, Some(status));
        assert_eq!(t.requests().len(), 1, "{status} is not retried");
    }
}

#[test]
fn an_error_envelope_inside_a_200_is_an_error() {
    let (c, t, _) = client();
    t.push(json(
        200,
        json!({"statusCode": 404, "error": "Not Found", "message": "Campaign not found"}),
    ));
    let err = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.message, "404 Not Found: Campaign not found");
    // The key spelled with an escape is the same key.
    let (c, t, _) = client();
    t.push(raw(
        200,
        &[],
        r#"{"status\u0043ode": 404, "error": "Not Found", "message": "Campaign not found"}"#,
    ));
    let err = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    // A body that mentions the key only inside a value is data.
    let (c, t, _) = client();
    t.push(raw(200, &[], r#"{"note": "statusCode", "error": 1}"#));
    let ok = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap();
    assert_eq!(ok["note"], "statusCode");
}

#[test]
fn malformed_and_truncated_json_are_decode_errors() {
    for body in ["{\"items\": [", "<html>oops</html>"] {
        let (c, t, _) = client();
        t.push(raw(200, &[], body));
        let err = run(
            c.request::<instantly_wasm::generated::models::CampaignPage>(
                get(),
                &RequestOptions::default(),
            ),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Decode);
        assert_eq!(err.status, Some(200));
        assert!(err.message.contains("CampaignPage"), "{}", err.message);
        assert_eq!(t.requests().len(), 1, "decode errors are not retried");
    }
}

#[test]
fn the_key_never_appears_in_errors_or_debug_output() {
    let (c, t, _) = client();
    let echo =
        format!(r#"{{"statusCode":401,"error":"Unauthorized","message":"Invalid key {KEY}"}}"#);
    t.push(raw(401, &[], &echo));
    let err = run(c.request::<Value>(get(), &RequestOptions::default())).unwrap_err();
    for text in [
        err.to_string(),
        format!("{err:?}"),
        format!("{c:?}"),
        format!("{:?}", c.options()),
    ] {
        assert!(!text.contains(KEY), "key leaked in {text}");
    }
    assert!(err.message.contains("[redacted]"));
}

#[test]
fn options_are_validated() {
    let bad = [
        ClientOptions::new("").with_base_url(BASE),
        ClientOptions::new("a b").with_base_url(BASE),
        ClientOptions::new(KEY).with_base_url("ftp://x"),
        ClientOptions::new(KEY).with_base_url("http://"),
        ClientOptions::new(KEY).with_base_url("https:///x"),
        ClientOptions::new(KEY).with_base_url("//proxy.example/instantly"),
        ClientOptions::new(KEY).with_base_url("/\\evil.example/instantly"),
        ClientOptions::new(KEY).with_base_url("/\t/evil.example"),
        ClientOptions::new(KEY).with_base_url("/\n/evil.example"),
        ClientOptions::new(KEY).with_base_url("https://:443"),
        ClientOptions::new(KEY).with_base_url("https://proxy.example/in stantly"),
        ClientOptions::new(KEY).with_base_url("https://x?y=1"),
        ClientOptions::new(KEY).with_base_url("https://api.instantly.ai/api/v2"),
        ClientOptions::new(KEY).with_base_url("https://proxy.example/instantly/API/V2/"),
        ClientOptions::new(KEY).with_timeout(Duration::ZERO),
        ClientOptions::new(KEY).with_max_retries(11),
        ClientOptions::new(KEY).with_workspace_id("../x"),
        ClientOptions::default(),
    ];
    for o in bad {
        let e = o.validate(false, false).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{e}");
        assert!(e.field.is_some());
    }
    // A key in a browser needs the explicit opt-in; a proxy base URL needs no key.
    let e = ClientOptions::new(KEY).validate(true, false).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("apiKey"));
    let allowed = ClientOptions::new(KEY).with_dangerously_allow_browser(true);
    assert!(allowed
        .validate(true, allowed.dangerously_allow_browser)
        .is_ok());
    assert!(!ClientOptions::new(KEY).dangerously_allow_browser);
    ClientOptions::new(KEY).validate(true, true).unwrap();
    ClientOptions::default()
        .with_base_url("/instantly")
        .validate(true, false)
        .unwrap();
    // Only a base URL that ends in /api/v2 is refused, with a message that says why.
    for fine in ["https://proxy.example/api/v2x", "https://proxy.example/ééé"] {
        ClientOptions::new(KEY)
            .with_base_url(fine)
            .validate(false, false)
            .unwrap();
    }
    let e = ClientOptions::new(KEY)
        .with_base_url("https://api.instantly.ai/api/v2/")
        .validate(false, false)
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("baseUrl"));
    assert!(e.message.contains("must not end in /api/v2"), "{e}");
}

/// Per-call overrides are checked before anything is sent, like the client's own options.
#[test]
fn bad_per_call_overrides_fail_before_sending() {
    let (c, t, _) = client();
    let params = instantly_wasm::generated::models::CampaignListParams::default();
    for (opts, field) in [
        (
            RequestOptions {
                timeout: Some(Duration::ZERO),
                ..Default::default()
            },
            "timeoutMs",
        ),
        (
            RequestOptions {
                max_retries: Some(11),
                ..Default::default()
            },
            "maxRetries",
        ),
    ] {
        let e = run(c.campaigns().list(&params, &opts)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{e}");
        assert_eq!(e.field.as_deref(), Some(field));
    }
    assert!(t.requests().is_empty());
}

/// A client takes its transport shared (`Rc`) or borrowed, and its clock likewise.
#[test]
fn a_client_takes_a_shared_or_borrowed_transport_and_clock() {
    let transport = std::rc::Rc::new(MockTransport::new());
    let clock = VirtualClock::new();
    transport.push(json(503, json!({})));
    transport.push(json(200, json!({ "items": [] })));
    let c = instantly_wasm::Client::new(
        ClientOptions::new(KEY).with_base_url(BASE),
        transport.clone(),
        &clock,
    )
    .unwrap();
    let page = run(c.campaigns().list(
        &instantly_wasm::generated::models::CampaignListParams::default(),
        &RequestOptions::default(),
    ))
    .unwrap();
    assert_eq!(page.items.map(|i| i.len()), Some(0));
    assert_eq!(transport.requests().len(), 2, "retried through the Rc");
    assert_eq!(
        clock.sleeps().len(),
        1,
        "the retry slept on the borrowed clock"
    );
}
