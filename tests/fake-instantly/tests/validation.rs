//! Bad requests: the right status, the Fastify/AJV envelope, and no state
//! change.

mod common;

use common::*;
use serde_json::{json, Value};

/// The state parts a bad request must not touch.
async fn snapshot(f: &Fake) -> Value {
    let s = f.state().await;
    json!([
        s["campaigns"],
        s["leads"],
        s["lead_lists"],
        s["webhooks"],
        s["background_jobs"]
    ])
}

async fn bad(
    f: &Fake,
    method: &str,
    path: &str,
    spec_path: &str,
    body: Option<Value>,
    message: &str,
) {
    let before = snapshot(f).await;
    let v = f.expect(method, path, spec_path, body, 400).await;
    assert_eq!(
        v,
        json!({"statusCode": 400, "error": "Bad Request", "message": message}),
        "{method} {path}"
    );
    assert_eq!(snapshot(f).await, before, "{method} {path} changed state");
}

#[tokio::test]
async fn schema_violations_use_ajv_messages_and_change_nothing() {
    let f = Fake::new().await;
    let c = f.campaign("Existing").await;
    let cid = c["id"].as_str().unwrap().to_string();
    let lead = f.add_leads(&cid, "v", 1).await;
    let lid = lead["created_leads"][0]["id"].as_str().unwrap().to_string();

    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"campaign_schedule": schedule()})),
        "body must have required property 'name'",
    )
    .await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": 5, "campaign_schedule": schedule()})),
        "body/name must be string",
    )
    .await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": "x", "campaign_schedule": schedule(), "color": "red"})),
        "body must NOT have additional properties",
    )
    .await;
    let mut tz = schedule();
    tz["schedules"][0]["timezone"] = json!("America/New_York");
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": "x", "campaign_schedule": tz})),
        "body/campaign_schedule/schedules/0/timezone must be equal to one of the allowed values",
    )
    .await;
    let mut timing = schedule();
    timing["schedules"][0]["timing"]["from"] = json!("9:00");
    bad(&f, "POST", "/campaigns", "/campaigns", Some(json!({"name": "x", "campaign_schedule": timing})),
        "body/campaign_schedule/schedules/0/timing/from must match pattern \"^([01][0-9]|2[0-3]):([0-5][0-9])$\"").await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": "x", "campaign_schedule": {"schedules": []}})),
        "body/campaign_schedule/schedules must NOT have fewer than 1 items",
    )
    .await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": "x", "campaign_schedule": schedule(), "daily_max_leads": -1})),
        "body/daily_max_leads must be >= 0",
    )
    .await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        Some(json!({"name": "x", "campaign_schedule": schedule(), "pl_value": "lots"})),
        "body/pl_value must be number,null",
    )
    .await;
    bad(
        &f,
        "POST",
        "/campaigns",
        "/campaigns",
        None,
        "body must be object",
    )
    .await;
    bad(
        &f,
        "PATCH",
        &format!("/campaigns/{cid}"),
        "/campaigns/{id}",
        Some(json!({"ai_sdr_id": null})),
        "body must NOT have additional properties",
    )
    .await;
    bad(
        &f,
        "GET",
        "/campaigns?limit=101",
        "/campaigns",
        None,
        "querystring/limit must be <= 100",
    )
    .await;
    bad(
        &f,
        "GET",
        "/campaigns?limit=0",
        "/campaigns",
        None,
        "querystring/limit must be >= 1",
    )
    .await;
    bad(
        &f,
        "GET",
        "/campaigns?limit=ten",
        "/campaigns",
        None,
        "querystring/limit must be integer",
    )
    .await;
    bad(
        &f,
        "GET",
        "/campaigns?status=7",
        "/campaigns",
        None,
        "querystring/status must be equal to one of the allowed values",
    )
    .await;
    bad(
        &f,
        "GET",
        "/campaigns/not-a-uuid",
        "/campaigns/{id}",
        None,
        "params/id must match format \"uuid\"",
    )
    .await;
    // The spec's 400 schema for activate/pause is a copy of its 404 schema
    // (statusCode enum [404]); the fake answers the real 400 envelope.
    let r = f
        .send(
            "POST",
            "/api/v2/campaigns/not-a-uuid/activate",
            Some(KEY),
            None,
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["message"], "params/id must match format \"uuid\"");

    // Leads.
    bad(
        &f,
        "POST",
        "/leads",
        "/leads",
        Some(json!({"campaign_id": cid, "email": "a@b.co"})),
        "body must NOT have additional properties",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads",
        "/leads",
        Some(json!({"campaign": "nope", "email": "a@b.co"})),
        "body/campaign must match format \"uuid\"",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads",
        "/leads",
        Some(json!({"email": "a@b.co", "lt_interest_status": 9})),
        "body/lt_interest_status must be equal to one of the allowed values",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads",
        "/leads",
        Some(json!({"email": "a@b.co", "custom_variables": {"nested": {"no": 1}}})),
        "body/custom_variables/nested must be string,number,boolean,null",
    )
    .await;
    bad(
        &f,
        "PATCH",
        &format!("/leads/{lid}"),
        "/leads/{id}",
        Some(json!({"email": "new@b.co"})),
        "body must NOT have additional properties",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/list",
        "/leads/list",
        Some(json!({"limit": 101})),
        "body/limit must be <= 100",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/list",
        "/leads/list",
        Some(json!({"campaign": "x"})),
        "body/campaign must match format \"uuid\"",
    )
    .await;
    let too_many: Vec<Value> = (0..1001)
        .map(|i| json!({"email": format!("m{i}@example.com")}))
        .collect();
    bad(
        &f,
        "POST",
        "/leads/add",
        "/leads/add",
        Some(json!({"campaign_id": cid, "leads": too_many})),
        "body/leads must NOT have more than 1000 items",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/add",
        "/leads/add",
        Some(json!({"campaign_id": cid, "leads": []})),
        "body/leads must NOT have fewer than 1 items",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/add",
        "/leads/add",
        Some(json!({"campaign_id": cid})),
        "body must have required property 'leads'",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/add",
        "/leads/add",
        Some(json!({"campaign_id": cid, "leads": [{"email": "a@b.co", "foo": 1}]})),
        "body/leads/0 must NOT have additional properties",
    )
    .await;
    let list = f.list("XOR").await;
    let before = snapshot(&f).await;
    for body in [
        json!({"leads": [{"email": "a@b.co"}]}),
        json!({"campaign_id": cid, "list_id": list["id"], "leads": [{"email": "a@b.co"}]}),
    ] {
        let v = f
            .expect("POST", "/leads/add", "/leads/add", Some(body), 400)
            .await;
        assert_eq!(v["statusCode"], 400);
        assert_eq!(v["error"], "Bad Request");
    }
    let v = f
        .expect(
            "DELETE",
            "/leads",
            "/leads",
            Some(json!({"campaign_id": cid, "list_id": list["id"]})),
            400,
        )
        .await;
    assert_eq!(v["error"], "Bad Request");
    bad(
        &f,
        "DELETE",
        "/leads",
        "/leads",
        Some(json!({})),
        "body must match a schema in anyOf",
    )
    .await;
    bad(
        &f,
        "POST",
        "/leads/move",
        "/leads/move",
        Some(json!({"to_campaign_id": cid, "to_list_id": list["id"]})),
        "body must match exactly one schema in oneOf",
    )
    .await;
    assert_eq!(snapshot(&f).await, before);

    // Lists and webhooks.
    bad(
        &f,
        "POST",
        "/lead-lists",
        "/lead-lists",
        Some(json!({})),
        "body must have required property 'name'",
    )
    .await;
    bad(
        &f,
        "POST",
        "/webhooks",
        "/webhooks",
        Some(json!({"target_hook_url": "ftp://x.example.com"})),
        "body/target_hook_url must match pattern \"^https?://\"",
    )
    .await;
    bad(
        &f,
        "POST",
        "/webhooks",
        "/webhooks",
        Some(json!({"target_hook_url": "http://127.0.0.1:9/h", "event_type": "lead_lost"})),
        "body/event_type must be equal to one of the allowed values",
    )
    .await;
    bad(
        &f,
        "GET",
        "/webhooks?event_type=nope",
        "/webhooks",
        None,
        "querystring/event_type must be equal to one of the allowed values",
    )
    .await;
}

#[tokio::test]
async fn non_envelope_400s_and_body_parsing() {
    let f = Fake::new().await;
    let before = snapshot(&f).await;
    // update-interest-status answers `{error}` for a bad email.
    let v = f
        .expect(
            "POST",
            "/leads/update-interest-status",
            "/leads/update-interest-status",
            Some(json!({"lead_email": "nope", "interest_value": 1})),
            400,
        )
        .await;
    assert_eq!(v, json!({"error": "Invalid lead email"}));
    // Analytics answer `{message}`.
    let v = f
        .expect(
            "GET",
            "/campaigns/analytics?start_date=2026-03-02&end_date=2026-03-01",
            "/campaigns/analytics",
            None,
            400,
        )
        .await;
    assert_eq!(
        v,
        json!({"message": "Start Date must be earlier than End Date"})
    );

    // Content-Type: application/json with an empty body.
    let c = f.campaign("Body").await;
    let before_with_campaign = snapshot(&f).await;
    let url = format!(
        "{}/api/v2/campaigns/{}/activate",
        f.base,
        c["id"].as_str().unwrap()
    );
    let r = f
        .http
        .post(&url)
        .bearer_auth(KEY)
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["message"],
        "Body cannot be empty when content-type is set to 'application/json'"
    );
    assert_eq!(v["statusCode"], 400);
    assert_eq!(v["error"], "Bad Request");
    assert_eq!(v["code"], "FST_ERR_CTP_EMPTY_JSON_BODY");
    // Invalid JSON.
    let r = f
        .http
        .post(format!("{}/api/v2/campaigns", f.base))
        .bearer_auth(KEY)
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // A non-JSON media type.
    let r = f
        .http
        .post(format!("{}/api/v2/campaigns", f.base))
        .bearer_auth(KEY)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    // Without a content type, no body is fine on activate.
    let r = f.http.post(&url).bearer_auth(KEY).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let mut after = snapshot(&f).await;
    after[0][0]["status"] = json!(0);
    after[0][0]["timestamp_updated"] = before_with_campaign[0][0]["timestamp_updated"].clone();
    assert_eq!(
        after, before_with_campaign,
        "only the valid activate changed state"
    );
    assert_ne!(before, before_with_campaign);
}

#[tokio::test]
async fn workspaces_are_isolated_per_key() {
    let f = Fake::new().await;
    f.control("POST", "/keys", Some(json!({"api_key": "second-key"})))
        .await;
    let c = f.campaign("Mine").await;
    let id = c["id"].as_str().unwrap();
    let r = f
        .send(
            "GET",
            &format!("/api/v2/campaigns/{id}"),
            Some("second-key"),
            None,
        )
        .await;
    assert_eq!(r.status, 404);
    let r = f
        .send("GET", "/api/v2/campaigns", Some("second-key"), None)
        .await;
    assert_eq!(r.json()["items"], json!([]));
    // x-as-workspace switches to a known workspace.
    let ws = f.state().await["workspace_id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = f
        .http
        .get(format!("{}/api/v2/campaigns/{id}", f.base))
        .bearer_auth("second-key")
        .header("x-as-workspace", &ws)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
