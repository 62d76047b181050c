//! The real `fetch` path (gloo-net + AbortController + setTimeout) in a JS runtime, against
//! fake-instantly on loopback. `scripts/test-wasm.sh` runs this file twice, in Node and in
//! headless Chromium (where every call is a cross-origin request the fake allows by CORS), with
//! these compile-time variables:
//!
//! * `INSTANTLY_FAKE_URL`: the fake's origin, e.g. `http://127.0.0.1:41234`;
//! * `INSTANTLY_WEB_ENV`: `node` or `browser`, the runtime this run must be in.
#![cfg(target_arch = "wasm32")]

use futures::future::{select, Either};
use gloo_net::http::Request;
use instantly_wasm::generated::models::{CampaignCreateParams, CampaignListParams};
use instantly_wasm::http::fetch::{FetchTransport, JsClock};
use instantly_wasm::{CancelToken, Client, ClientOptions, ErrorKind, RequestOptions};
use serde_json::{json, Value};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const KEY: &str = "fake-instantly-test-key";

fn fake_url() -> &'static str {
    match option_env!("INSTANTLY_FAKE_URL") {
        Some(url) => url,
        None => panic!("compile with INSTANTLY_FAKE_URL set to a running fake-instantly (scripts/test-wasm.sh)"),
    }
}

#[wasm_bindgen(inline_js = r#"
export function runtime() {
  const g = globalThis;
  const browser = typeof g.window === "object" && typeof g.document === "object";
  const node = typeof g.process === "object" && !!(g.process.versions && g.process.versions.node);
  return browser && !node ? "browser" : node && !browser ? "node" : "unknown";
}

// Wraps the global fetch once: records the AbortSignal of every request and how each fetch
// settled, so a test can check that the AbortController really aborted the network call.
export function install_fetch_spy() {
  const g = globalThis;
  if (g.__instantlySpy) return;
  const original = g.fetch;
  const spy = { calls: [] };
  g.__instantlySpy = spy;
  g.fetch = function (input, init) {
    const call = { url: String(input && input.url ? input.url : input), signal: (init && init.signal) || (input && input.signal) || null, outcome: "pending" };
    spy.calls.push(call);
    const p = original.call(this, input, init);
    call.settled = p.then(() => { call.outcome = "resolved"; }, (e) => { call.outcome = "rejected:" + (e && e.name); })
      .then(() => `${!!(call.signal && call.signal.aborted)}|${call.outcome}`);
    return p;
  };
}

/// Resolves, once the last fetch of a URL starting with `prefix` has settled, with
/// "<its signal aborted>|resolved" or "<its signal aborted>|rejected:<error name>"; with "none"
/// at once when no such fetch was made.
export function fetch_settled(prefix) {
  const calls = (globalThis.__instantlySpy || { calls: [] }).calls.filter((c) => c.url.startsWith(prefix));
  const c = calls[calls.length - 1];
  return c ? c.settled : Promise.resolve("none");
}

/// Resolves after `ms` milliseconds (the pause between two looks at the fake's request log).
export function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
"#)]
extern "C" {
    fn runtime() -> String;
    fn install_fetch_spy();
    fn fetch_settled(prefix: &str) -> js_sys::Promise;
    fn pause(ms: u32) -> js_sys::Promise;
}

/// Waits until the last fetch of the API route `path` (not the control plane's) has settled;
/// returns how (see `fetch_settled`).
async fn settled(path: &str) -> String {
    let state = JsFuture::from(fetch_settled(&format!("{}{path}", fake_url())))
        .await
        .expect("the spy's promise never rejects");
    state.as_string().expect("a string")
}

fn client_with(options: ClientOptions) -> Client<FetchTransport, JsClock> {
    Client::new(options, FetchTransport, JsClock).expect("valid options")
}

/// Options with `key`, allowed in the browser runner's page (it is the fake's, not a secret).
fn keyed(key: &str) -> ClientOptions {
    ClientOptions::new(key).with_dangerously_allow_browser(true)
}

fn client() -> Client<FetchTransport, JsClock> {
    client_with(keyed(KEY).with_base_url(fake_url()).with_max_retries(0))
}

fn opts() -> RequestOptions {
    RequestOptions::default()
}

async fn control(method: &str, route: &str, body: Option<Value>) -> Value {
    let url = format!("{}/__fake{route}", fake_url());
    let builder = match method {
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    };
    let resp = match body {
        Some(b) => {
            builder
                .header("content-type", "application/json")
                .body(b.to_string())
                .expect("request")
                .send()
                .await
        }
        None => builder.send().await,
    }
    .expect("control plane reachable");
    let text = resp.text().await.expect("control plane body");
    assert!(
        resp.ok(),
        "control {method} {route}: {} {text}",
        resp.status()
    );
    serde_json::from_str(&text).expect("control plane JSON")
}

async fn fault(rule: Value) {
    control("POST", "/faults", Some(rule)).await;
}

async fn logged(path: &str) -> Vec<Value> {
    let v = control("GET", &format!("/requests?path={path}"), None).await;
    v.as_array().cloned().unwrap_or_default()
}

/// Resolves once the fake's request log holds more than `before` requests to `path`: a new one
/// reached the server (a `delay` fault then holds its answer back). The log outlives one run
/// (`scripts/test-wasm.sh` runs this file twice against one fake), hence the count before.
/// Looks every 10 ms, for at most 10 s.
async fn arrived(path: &str, before: usize) {
    for _ in 0..1000 {
        if logged(path).await.len() > before {
            return;
        }
        JsFuture::from(pause(10)).await.expect("setTimeout");
    }
    panic!("no request to {path} reached fake-instantly in 10 s");
}

fn create_params(name: &str) -> CampaignCreateParams {
    serde_json::from_value(json!({
        "name": name,
        "campaign_schedule": {
            "schedules": [{
                "name": "Weekdays",
                "timing": {"from": "09:00", "to": "17:00"},
                "days": {"1": true},
                "timezone": "America/Chicago"
            }]
        }
    }))
    .expect("campaign params")
}

/// The id the API gave a created resource.
fn id_of(id: &Option<String>) -> &str {
    id.as_deref().expect("the answer has an id")
}

#[wasm_bindgen_test]
fn runs_in_the_expected_runtime() {
    let expected = match option_env!("INSTANTLY_WEB_ENV") {
        Some(env) => env,
        None => panic!("compile with INSTANTLY_WEB_ENV=node|browser (scripts/test-wasm.sh)"),
    };
    assert_eq!(runtime(), expected);
}

#[wasm_bindgen_test]
async fn creates_lists_and_gets_over_fetch() {
    let c = client();
    let created = c
        .campaigns()
        .create(&create_params("web test"), &opts())
        .await
        .expect("create");
    assert_eq!(created.name.as_deref(), Some("web test"));
    assert_eq!(created.status, Some(0.0));

    let got = c
        .campaigns()
        .get(id_of(&created.id), &opts())
        .await
        .expect("get");
    assert_eq!(got.id, created.id);
    let schedule = got.campaign_schedule.expect("campaign_schedule");
    assert_eq!(
        schedule.schedules.expect("schedules")[0]
            .timezone
            .as_deref(),
        Some("America/Chicago")
    );

    let page = c
        .campaigns()
        .list(
            &CampaignListParams {
                search: Some("web test".into()),
                limit: Some(100),
                ..Default::default()
            },
            &opts(),
        )
        .await
        .expect("list");
    assert!(page
        .items
        .expect("items")
        .iter()
        .any(|x| x.id == created.id));

    let get_log = logged(&format!("/api/v2/campaigns/{}", id_of(&created.id))).await;
    let headers = &get_log[0]["headers"];
    assert_eq!(headers["authorization"], "Bearer [REDACTED]");
    assert_eq!(headers["accept"], "application/json");
    assert!(
        headers.get("content-type").is_none(),
        "no Content-Type without a body: {headers}"
    );
}

#[wasm_bindgen_test]
async fn maps_http_errors() {
    let c = client();
    let missing = "0199a3f2-1c2d-7e3f-8a9b-00000000beef";
    let e = c.campaigns().get(missing, &opts()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(e.status, Some(404));
    assert_eq!(
        e.path.as_deref(),
        Some(&*format!("/api/v2/campaigns/{missing}"))
    );
    assert_eq!(e.body.as_ref().unwrap()["statusCode"], 404);

    let wrong = client_with(
        keyed("not-the-key")
            .with_base_url(fake_url())
            .with_max_retries(0),
    );
    let e = wrong
        .campaigns()
        .list(&CampaignListParams::default(), &opts())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Authentication);
    assert!(!format!("{e:?}").contains("not-the-key"));

    let rl_id = "0199a3f2-1c2d-7e3f-8a9b-0000000429aa";
    fault(json!({
        "method": "GET",
        "path": format!("/api/v2/campaigns/{rl_id}"),
        "fault": {"type": "status", "status": 429, "retry_after": "7"}
    }))
    .await;
    let e = c.campaigns().get(rl_id, &opts()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::RateLimit);
    assert_eq!(
        e.retry_after,
        Some(7.0),
        "Retry-After is readable (CORS-exposed)"
    );

    let bad_id = "0199a3f2-1c2d-7e3f-8a9b-000000000bad";
    fault(json!({
        "method": "GET",
        "path": format!("/api/v2/campaigns/{bad_id}"),
        "fault": {"type": "truncated"}
    }))
    .await;
    let e = c.campaigns().get(bad_id, &opts()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(e.status, Some(200));
}

#[wasm_bindgen_test]
async fn a_timeout_aborts_the_fetch_before_its_answer() {
    install_fetch_spy();
    let id = "0199a3f2-1c2d-7e3f-8a9b-00000000510e";
    let path = format!("/api/v2/campaigns/{id}");
    fault(json!({
        "method": "GET",
        "path": path,
        "fault": {"type": "delay", "ms": 3000}
    }))
    .await;
    let c = client_with(
        keyed(KEY)
            .with_base_url(fake_url())
            .with_max_retries(0)
            .with_timeout(Duration::from_millis(1000)),
    );
    let before = logged(&path).await.len();
    let e = c.campaigns().get(id, &opts()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(
        logged(&path).await.len(),
        before + 1,
        "the request reached the fake"
    );
    // The fetch itself was aborted and rejected: had the client waited for the fake's delayed
    // answer, it would have resolved.
    assert_eq!(settled(&path).await, "true|rejected:AbortError");
}

#[wasm_bindgen_test]
async fn cancelling_aborts_the_fetch_in_flight() {
    install_fetch_spy();
    let id = "0199a3f2-1c2d-7e3f-8a9b-0000000ca2ce";
    fault(json!({
        "method": "GET",
        "path": format!("/api/v2/campaigns/{id}"),
        "fault": {"type": "delay", "ms": 3000}
    }))
    .await;
    let c = client();
    let token = CancelToken::new();
    let call_opts = RequestOptions {
        cancel: Some(token.clone()),
        ..Default::default()
    };
    let campaigns = c.campaigns();
    let call = std::pin::pin!(campaigns.get(id, &call_opts));
    // Cancel once the request is at the fake, which holds its answer back for 3 s.
    let path = format!("/api/v2/campaigns/{id}");
    let before = logged(&path).await.len();
    let at_the_fake = std::pin::pin!(arrived(&path, before));
    let call = match select(call, at_the_fake).await {
        Either::Left(_) => panic!("the delayed call answered early"),
        Either::Right((_, call)) => call,
    };
    token.cancel();
    let e = call.await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Aborted);
    assert_eq!(settled(&path).await, "true|rejected:AbortError");
}

#[wasm_bindgen_test]
async fn connection_failures_are_connection_errors() {
    let c = client();
    let id = "0199a3f2-1c2d-7e3f-8a9b-0000000d20b0";
    // Chromium transparently re-sends a GET once when a reused keep-alive connection closes
    // without an answer, so the fault covers a few attempts.
    fault(json!({
        "method": "GET",
        "path": format!("/api/v2/campaigns/{id}"),
        "count": 4,
        "fault": {"type": "drop"}
    }))
    .await;
    let e = c.campaigns().get(id, &opts()).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Connection, "{e:?}");
    assert_eq!(e.status, None);

    // Nothing listens on port 9 of the loopback (and browsers refuse it outright).
    let closed = client_with(
        keyed(KEY)
            .with_base_url("http://127.0.0.1:9")
            .with_max_retries(0),
    );
    let e = closed
        .campaigns()
        .list(&CampaignListParams::default(), &opts())
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Connection, "{e:?}");
    assert!(!e.message.contains(KEY));
}

#[wasm_bindgen_test]
async fn a_get_retries_past_a_503() {
    let c = client_with(keyed(KEY).with_base_url(fake_url()).with_max_retries(1));
    let created = c
        .campaigns()
        .create(&create_params("retry"), &opts())
        .await
        .expect("create");
    let path = format!("/api/v2/campaigns/{}", id_of(&created.id));
    fault(json!({
        "method": "GET",
        "path": path,
        "fault": {"type": "status", "status": 503, "retry_after": "0"}
    }))
    .await;
    let got = c
        .campaigns()
        .get(id_of(&created.id), &opts())
        .await
        .expect("retried");
    assert_eq!(got.id, created.id);
    let statuses: Vec<Value> = logged(&path)
        .await
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(statuses, vec![json!(503), json!(200)]);
}

/// In a page, `Client::new` refuses an API key unless it is allowed explicitly, as the JS
/// package does; in Node it needs no opt-in. A proxy base URL without a key is fine anywhere.
#[wasm_bindgen_test]
fn a_key_in_a_page_needs_the_explicit_opt_in() {
    let global = js_sys::global();
    let page = ["window", "document"]
        .iter()
        .any(|k| js_sys::Reflect::get(&global, &(*k).into()).is_ok_and(|v| !v.is_undefined()));
    let keyed = || ClientOptions::new(KEY).with_base_url(fake_url());
    match Client::new(keyed(), FetchTransport, JsClock) {
        Ok(_) => assert!(!page, "a key was accepted in a page"),
        Err(e) => {
            assert!(page, "refused outside a page: {e}");
            assert_eq!(e.field.as_deref(), Some("apiKey"));
            assert!(e.message.contains("dangerouslyAllowBrowser"), "{e}");
        }
    }
    assert!(Client::new(
        keyed().with_dangerously_allow_browser(true),
        FetchTransport,
        JsClock
    )
    .is_ok());
    let proxy = ClientOptions::default().with_base_url("/instantly");
    assert!(Client::new(proxy, FetchTransport, JsClock).is_ok());
}
