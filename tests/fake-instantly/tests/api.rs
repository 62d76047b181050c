//! Every route: success shapes (validated against the spec's response
//! schemas), 401, 404, 429 and cursor pagination.

mod common;

use common::*;
use serde_json::{json, Value};

const ZERO_ID: &str = "01900000-0000-7000-8000-000000000000";

/// (method, path, spec path, body) for every implemented route; `{id}` is
/// replaced by `id`.
fn routes(id: &str) -> Vec<(&'static str, String, &'static str, Option<Value>)> {
    let p = |s: &str| s.replace("{id}", id);
    vec![
        (
            "POST",
            p("/campaigns"),
            "/campaigns",
            Some(campaign_body("x")),
        ),
        ("GET", p("/campaigns"), "/campaigns", None),
        ("GET", p("/campaigns/{id}"), "/campaigns/{id}", None),
        (
            "PATCH",
            p("/campaigns/{id}"),
            "/campaigns/{id}",
            Some(json!({"name": "y"})),
        ),
        ("DELETE", p("/campaigns/{id}"), "/campaigns/{id}", None),
        (
            "POST",
            p("/campaigns/{id}/activate"),
            "/campaigns/{id}/activate",
            None,
        ),
        (
            "POST",
            p("/campaigns/{id}/pause"),
            "/campaigns/{id}/pause",
            None,
        ),
        (
            "POST",
            p("/campaigns/{id}/duplicate"),
            "/campaigns/{id}/duplicate",
            Some(json!({})),
        ),
        (
            "GET",
            p("/campaigns/analytics"),
            "/campaigns/analytics",
            None,
        ),
        (
            "GET",
            p("/campaigns/analytics/overview"),
            "/campaigns/analytics/overview",
            None,
        ),
        (
            "GET",
            p("/campaigns/analytics/daily"),
            "/campaigns/analytics/daily",
            None,
        ),
        (
            "POST",
            p("/leads"),
            "/leads",
            Some(json!({"email": "a@example.com"})),
        ),
        (
            "DELETE",
            p("/leads"),
            "/leads",
            Some(json!({"campaign_id": id})),
        ),
        ("POST", p("/leads/list"), "/leads/list", Some(json!({}))),
        ("GET", p("/leads/{id}"), "/leads/{id}", None),
        (
            "PATCH",
            p("/leads/{id}"),
            "/leads/{id}",
            Some(json!({"first_name": "Z"})),
        ),
        ("DELETE", p("/leads/{id}"), "/leads/{id}", None),
        (
            "POST",
            p("/leads/add"),
            "/leads/add",
            Some(json!({"campaign_id": id, "leads": [{"email": "b@example.com"}]})),
        ),
        (
            "POST",
            p("/leads/update-interest-status"),
            "/leads/update-interest-status",
            Some(json!({"lead_email": "a@example.com", "interest_value": 1})),
        ),
        (
            "POST",
            p("/leads/move"),
            "/leads/move",
            Some(json!({"to_campaign_id": id})),
        ),
        (
            "GET",
            "/background-jobs/675266e304a8e55b17f0228b".into(),
            "/background-jobs/{id}",
            None,
        ),
        (
            "POST",
            p("/lead-lists"),
            "/lead-lists",
            Some(json!({"name": "L"})),
        ),
        ("GET", p("/lead-lists"), "/lead-lists", None),
        ("GET", p("/lead-lists/{id}"), "/lead-lists/{id}", None),
        (
            "PATCH",
            p("/lead-lists/{id}"),
            "/lead-lists/{id}",
            Some(json!({"name": "M"})),
        ),
        ("DELETE", p("/lead-lists/{id}"), "/lead-lists/{id}", None),
        (
            "POST",
            p("/webhooks"),
            "/webhooks",
            Some(json!({"target_hook_url": "http://127.0.0.1:9/hook"})),
        ),
        ("GET", p("/webhooks"), "/webhooks", None),
        (
            "GET",
            p("/webhooks/event-types"),
            "/webhooks/event-types",
            None,
        ),
        ("GET", p("/webhooks/{id}"), "/webhooks/{id}", None),
        (
            "PATCH",
            p("/webhooks/{id}"),
            "/webhooks/{id}",
            Some(json!({"name": "n"})),
        ),
        ("DELETE", p("/webhooks/{id}"), "/webhooks/{id}", None),
        (
            "POST",
            p("/webhooks/{id}/test"),
            "/webhooks/{id}/test",
            None,
        ),
        (
            "POST",
            p("/webhooks/{id}/resume"),
            "/webhooks/{id}/resume",
            None,
        ),
        ("GET", p("/webhook-events"), "/webhook-events", None),
        (
            "GET",
            p("/webhook-events/{id}"),
            "/webhook-events/{id}",
            None,
        ),
        (
            "GET",
            p("/webhook-events/summary"),
            "/webhook-events/summary",
            None,
        ),
        (
            "GET",
            p("/webhook-events/summary-by-date"),
            "/webhook-events/summary-by-date",
            None,
        ),
    ]
}

#[tokio::test]
async fn every_route_rejects_missing_and_unknown_keys_with_401() {
    let f = Fake::new().await;
    for (method, path, spec_path, body) in routes(ZERO_ID) {
        for key in [None, Some("not-a-key")] {
            let r = f
                .send(method, &format!("/api/v2{path}"), key, body.as_ref())
                .await;
            assert_eq!(r.status, 401, "{method} {path} key={key:?}: {}", r.text);
            let v = r.json();
            assert_eq!(v["statusCode"], 401);
            assert_eq!(v["error"], "Unauthorized");
            assert!(v["message"].is_string());
            assert_matches_spec(method, &format!("/api/v2{spec_path}"), 401, &v);
        }
    }
    assert_eq!(
        f.state().await["campaigns"],
        json!([]),
        "401s change no state"
    );
}

#[tokio::test]
async fn unknown_ids_answer_404_envelope() {
    let f = Fake::new().await;
    for (method, path, spec_path, body) in routes(ZERO_ID) {
        if !spec_path.contains("{id}") {
            continue;
        }
        let v = f.expect(method, &path, spec_path, body, 404).await;
        assert_eq!(v["statusCode"], 404);
        assert_eq!(v["error"], "Not Found");
    }
    // Unknown containers referenced in bodies are 404 too.
    f.expect(
        "POST",
        "/leads/add",
        "/leads/add",
        Some(json!({"campaign_id": ZERO_ID, "leads": [{"email": "x@example.com"}]})),
        404,
    )
    .await;
    f.expect(
        "POST",
        "/leads",
        "/leads",
        Some(json!({"campaign": ZERO_ID, "email": "x@example.com"})),
        404,
    )
    .await;
    f.expect(
        "POST",
        "/leads/move",
        "/leads/move",
        Some(json!({"to_list_id": ZERO_ID})),
        404,
    )
    .await;
    // Unknown routes use the Fastify wording.
    let r = f.send("GET", "/api/v2/nope", Some(KEY), None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["message"], "Route GET:/api/v2/nope not found");
}

#[tokio::test]
async fn every_route_answers_429_past_the_rate_limit() {
    let f = Fake::new().await;
    f.control(
        "POST",
        "/config",
        Some(json!({"rate_per_second": 1, "rate_per_minute": 0})),
    )
    .await;
    for (i, (method, path, spec_path, body)) in routes(ZERO_ID).into_iter().enumerate() {
        // A fresh workspace per route, so each starts with an empty window.
        let key = format!("rl-key-{i}");
        f.control("POST", "/keys", Some(json!({"api_key": key})))
            .await;
        let url = format!("/api/v2{path}");
        let first = f.send(method, &url, Some(&key), body.as_ref()).await;
        assert_ne!(first.status, 429, "{method} {path}");
        let second = f.send(method, &url, Some(&key), body.as_ref()).await;
        assert_eq!(second.status, 429, "{method} {path}: {}", second.text);
        let v = second.json();
        assert_eq!(
            v,
            json!({"statusCode": 429, "error": "Too Many Requests", "message": "Rate limit exceeded"})
        );
        assert_matches_spec(method, &format!("/api/v2{spec_path}"), 429, &v);
    }
}

#[tokio::test]
async fn campaign_lifecycle_matches_spec() {
    let f = Fake::new().await;
    let c = f.campaign("Launch").await;
    let id = c["id"].as_str().unwrap();
    assert_eq!(c["status"], 0, "new campaigns are drafts");
    assert_eq!(c["name"], "Launch");
    // Schema defaults are applied like AJV's useDefaults.
    assert_eq!(c["sequences"][0]["steps"][0]["delay_unit"], "days");
    let got = f
        .ok("GET", &format!("/campaigns/{id}"), "/campaigns/{id}", None)
        .await;
    assert_eq!(got, c);
    let patched = f
        .ok(
            "PATCH",
            &format!("/campaigns/{id}"),
            "/campaigns/{id}",
            Some(json!({"name": "Launch 2", "daily_limit": 25, "email_list": ["a@x.io"]})),
        )
        .await;
    assert_eq!(patched["name"], "Launch 2");
    assert_eq!(patched["daily_limit"], 25);
    assert_eq!(patched["email_list"], json!(["a@x.io"]));
    let a = f
        .ok(
            "POST",
            &format!("/campaigns/{id}/activate"),
            "/campaigns/{id}/activate",
            None,
        )
        .await;
    assert_eq!(a["status"], 1);
    // `{}` with a JSON content type is fine too.
    let p = f
        .ok(
            "POST",
            &format!("/campaigns/{id}/pause"),
            "/campaigns/{id}/pause",
            Some(json!({})),
        )
        .await;
    assert_eq!(p["status"], 2);
    let d = f
        .ok(
            "POST",
            &format!("/campaigns/{id}/duplicate"),
            "/campaigns/{id}/duplicate",
            None,
        )
        .await;
    assert_eq!(d["name"], "Launch 2 (copy)");
    assert_eq!(d["status"], 0);
    assert_ne!(d["id"], c["id"]);
    let d2 = f
        .ok(
            "POST",
            &format!("/campaigns/{id}/duplicate"),
            "/campaigns/{id}/duplicate",
            Some(json!({"name": "Named"})),
        )
        .await;
    assert_eq!(d2["name"], "Named");
    let listed = f
        .ok("GET", "/campaigns?search=launch", "/campaigns", None)
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    let drafts = f.ok("GET", "/campaigns?status=0", "/campaigns", None).await;
    assert_eq!(drafts["items"].as_array().unwrap().len(), 2);
    let not_drafts = f
        .ok("GET", "/campaigns?exclude_status=0", "/campaigns", None)
        .await;
    assert_eq!(not_drafts["items"][0]["id"], c["id"]);
    let deleted = f
        .ok(
            "DELETE",
            &format!("/campaigns/{id}"),
            "/campaigns/{id}",
            None,
        )
        .await;
    assert_eq!(deleted["id"], c["id"]);
    f.expect(
        "GET",
        &format!("/campaigns/{id}"),
        "/campaigns/{id}",
        None,
        404,
    )
    .await;
}

#[tokio::test]
async fn lead_and_list_routes_match_spec() {
    let f = Fake::new().await;
    let c = f.campaign("Leads").await;
    let cid = c["id"].as_str().unwrap();
    let list = f.list("People").await;
    let lid = list["id"].as_str().unwrap();
    assert_eq!(list["name"], "People");
    let lead = f
        .ok(
            "POST",
            "/leads",
            "/leads",
            Some(json!({
                "campaign": cid, "email": "Jane@Example.com", "first_name": "Jane",
                "lt_interest_status": 1, "custom_variables": {"tier": "gold", "score": 7}
            })),
        )
        .await;
    assert_eq!(lead["campaign"], cid);
    assert_eq!(lead["company_domain"], "example.com");
    assert_eq!(lead["payload"], json!({"tier": "gold", "score": 7}));
    let id = lead["id"].as_str().unwrap();
    // Same email in the same campaign: no second lead.
    let again = f
        .ok(
            "POST",
            "/leads",
            "/leads",
            Some(json!({"campaign": cid, "email": "jane@example.com"})),
        )
        .await;
    assert_eq!(again["id"], lead["id"]);
    let got = f
        .ok("GET", &format!("/leads/{id}"), "/leads/{id}", None)
        .await;
    assert_eq!(got["email"], "Jane@Example.com");
    let patched = f
        .ok(
            "PATCH",
            &format!("/leads/{id}"),
            "/leads/{id}",
            Some(json!({"last_name": "Doe", "custom_variables": {"tier": "silver"}})),
        )
        .await;
    assert_eq!(patched["last_name"], "Doe");
    assert_eq!(patched["payload"], json!({"tier": "silver"}));
    let in_list = f
        .ok(
            "POST",
            "/leads",
            "/leads",
            Some(json!({"list_id": lid, "email": "l@example.com"})),
        )
        .await;
    assert_eq!(in_list["list_id"], lid);
    let listed = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": cid})),
        )
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let by_list = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"list_id": lid})),
        )
        .await;
    assert_eq!(by_list["items"][0]["email"], "l@example.com");
    let searched = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"search": "jane"})),
        )
        .await;
    assert_eq!(searched["items"].as_array().unwrap().len(), 1);
    let interested = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"filter": "FILTER_LEAD_INTERESTED"})),
        )
        .await;
    assert_eq!(interested["items"][0]["id"], lead["id"]);
    let deleted = f
        .ok("DELETE", &format!("/leads/{id}"), "/leads/{id}", None)
        .await;
    assert_eq!(deleted["id"], lead["id"]);
    f.expect("GET", &format!("/leads/{id}"), "/leads/{id}", None, 404)
        .await;

    // Lead lists.
    let renamed = f
        .ok(
            "PATCH",
            &format!("/lead-lists/{lid}"),
            "/lead-lists/{id}",
            Some(json!({"name": "VIPs"})),
        )
        .await;
    assert_eq!(renamed["name"], "VIPs");
    let got = f
        .ok(
            "GET",
            &format!("/lead-lists/{lid}"),
            "/lead-lists/{id}",
            None,
        )
        .await;
    assert_eq!(got["name"], "VIPs");
    let all = f
        .ok("GET", "/lead-lists?search=vip", "/lead-lists", None)
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    let gone = f
        .ok(
            "DELETE",
            &format!("/lead-lists/{lid}"),
            "/lead-lists/{id}",
            None,
        )
        .await;
    assert_eq!(gone["id"], list["id"]);
    f.expect(
        "GET",
        &format!("/lead-lists/{lid}"),
        "/lead-lists/{id}",
        None,
        404,
    )
    .await;
}

#[tokio::test]
async fn bulk_add_counts_and_skips_for_real() {
    let f = Fake::new().await;
    let c = f.campaign("Bulk").await;
    let cid = c["id"].as_str().unwrap();
    let other = f.campaign("Other").await;
    let oid = other["id"].as_str().unwrap();
    f.add_leads(oid, "elsewhere", 1).await;
    let r = f
        .ok(
            "POST",
            "/leads/add",
            "/leads/add",
            Some(json!({
                "campaign_id": cid,
                "leads": [
                    {"email": "a@example.com", "first_name": "A", "phone": "+1 555"},
                    {"email": "A@example.com"},
                    {"email": "not-an-email"},
                    {"first_name": "No email"},
                    {"email": "b@example.com"},
                    {"email": "elsewhere0@example.com"}
                ]
            })),
        )
        .await;
    assert_eq!(r["status"], "success");
    assert_eq!(r["total_sent"], 6);
    assert_eq!(r["leads_uploaded"], 3);
    assert_eq!(r["duplicate_email_count"], 1);
    assert_eq!(r["invalid_email_count"], 1);
    assert_eq!(r["incomplete_count"], 1);
    assert_eq!(r["duplicated_leads"], 0);
    assert_eq!(r["skipped_count"], 0);
    assert!(r["remaining_in_plan"].is_i64());
    let created = r["created_leads"].as_array().unwrap();
    assert_eq!(
        created
            .iter()
            .map(|c| c["index"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![0, 4, 5]
    );
    assert_eq!(created[0]["phone"], "+1 555");
    // Second upload: existing ones are duplicates; skip_if_in_workspace skips
    // a lead that only exists in another campaign.
    let r2 = f.ok("POST", "/leads/add", "/leads/add", Some(json!({
        "campaign_id": cid, "skip_if_in_workspace": true,
        "leads": [{"email": "a@example.com"}, {"email": "elsewhere0@example.com"}, {"email": "c@example.com"}]
    }))).await;
    assert_eq!(r2["duplicated_leads"], 2);
    assert_eq!(r2["leads_uploaded"], 1);
    let r3 = f.ok("POST", "/leads/add", "/leads/add", Some(json!({
        "campaign_id": oid, "skip_if_in_campaign": true, "leads": [{"email": "c@example.com"}]
    }))).await;
    assert_eq!(r3["skipped_count"], 1);
    assert_eq!(r3["leads_uploaded"], 0);
    // List mode: a name is enough, remaining_in_plan is null.
    let list = f.list("Names").await;
    let r4 = f
        .ok(
            "POST",
            "/leads/add",
            "/leads/add",
            Some(json!({
                "list_id": list["id"], "leads": [{"first_name": "Only"}, {}]
            })),
        )
        .await;
    assert_eq!(r4["leads_uploaded"], 1);
    assert_eq!(r4["incomplete_count"], 1);
    assert_eq!(r4["remaining_in_plan"], Value::Null);
    let state = f.state().await;
    assert_eq!(state["leads"].as_array().unwrap().len(), 1 + 4 + 1);
    // Bulk delete by campaign.
    let del = f
        .ok(
            "DELETE",
            "/leads",
            "/leads",
            Some(json!({"campaign_id": cid})),
        )
        .await;
    assert_eq!(del["count"], 4);
    let del_none = f
        .ok(
            "DELETE",
            "/leads",
            "/leads",
            Some(json!({"campaign_id": cid})),
        )
        .await;
    assert_eq!(del_none["count"], 0);
}

#[tokio::test]
async fn move_leads_runs_as_background_job() {
    let f = Fake::new().await;
    let from = f.campaign("From").await;
    let to = f.campaign("To").await;
    let (fid, tid) = (from["id"].as_str().unwrap(), to["id"].as_str().unwrap());
    f.add_leads(fid, "mover", 5).await;
    let job = f
        .ok(
            "POST",
            "/leads/move",
            "/leads/move",
            Some(json!({"campaign": fid, "to_campaign_id": tid})),
        )
        .await;
    let jid = job["id"].as_str().unwrap().to_string();
    assert_eq!(jid.len(), 24);
    assert!(jid.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(job["status"], "pending");
    assert_eq!(job["type"], "move-leads");
    let mut seen = vec!["pending".to_string()];
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    let final_job = loop {
        let j = f
            .ok(
                "GET",
                &format!("/background-jobs/{jid}"),
                "/background-jobs/{id}",
                None,
            )
            .await;
        let st = j["status"].as_str().unwrap().to_string();
        if seen.last() != Some(&st) {
            seen.push(st.clone());
        }
        if st == "success" {
            break j;
        }
        assert!(std::time::Instant::now() < deadline, "job stuck: {seen:?}");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    };
    assert!(seen.contains(&"in-progress".to_string()), "{seen:?}");
    assert_eq!(seen.first().unwrap(), "pending");
    assert_eq!(seen.last().unwrap(), "success");
    assert_eq!(final_job["progress"], 100);
    assert_eq!(
        final_job["data"]["moved_lead_emails"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let moved = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": tid, "limit": 100})),
        )
        .await;
    assert_eq!(moved["items"].as_array().unwrap().len(), 5);
    let left = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": fid})),
        )
        .await;
    assert_eq!(left["items"].as_array().unwrap().len(), 0);
    // copy_leads keeps the originals.
    let list = f.list("Copies").await;
    let job = f
        .ok(
            "POST",
            "/leads/move",
            "/leads/move",
            Some(json!({"campaign": tid, "to_list_id": list["id"], "copy_leads": true})),
        )
        .await;
    let jid = job["id"].as_str().unwrap().to_string();
    eventually(3000, || {
        let (f, jid) = (&f, jid.clone());
        async move {
            let j = f
                .ok(
                    "GET",
                    &format!("/background-jobs/{jid}"),
                    "/background-jobs/{id}",
                    None,
                )
                .await;
            (j["status"] == "success").then_some(())
        }
    })
    .await;
    let copies = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"list_id": list["id"]})),
        )
        .await;
    assert_eq!(copies["items"].as_array().unwrap().len(), 5);
    let originals = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": tid})),
        )
        .await;
    assert_eq!(originals["items"].as_array().unwrap().len(), 5);
    let filtered = f
        .ok(
            "GET",
            &format!("/background-jobs/{jid}?data_fields=nothing"),
            "/background-jobs/{id}",
            None,
        )
        .await;
    assert_eq!(filtered["data"], json!({}));
}

#[tokio::test]
async fn update_interest_status_is_accepted_then_applied() {
    let f = Fake::new().await;
    let c = f.campaign("Interest").await;
    let cid = c["id"].as_str().unwrap();
    let added = f.add_leads(cid, "warm", 1).await;
    let lead_id = added["created_leads"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = f
        .expect(
            "POST",
            "/leads/update-interest-status",
            "/leads/update-interest-status",
            Some(
                json!({"lead_email": "warm0@example.com", "interest_value": 2, "campaign_id": cid}),
            ),
            202,
        )
        .await;
    assert_eq!(
        r,
        json!({"message": "Lead interest status update background job submitted"})
    );
    eventually(2000, || {
        let (f, id) = (&f, lead_id.clone());
        async move {
            let l = f
                .ok("GET", &format!("/leads/{id}"), "/leads/{id}", None)
                .await;
            (l["lt_interest_status"] == 2).then_some(())
        }
    })
    .await;
    f.expect(
        "POST",
        "/leads/update-interest-status",
        "/leads/update-interest-status",
        Some(json!({"lead_email": "warm0@example.com", "interest_value": null})),
        202,
    )
    .await;
    eventually(2000, || {
        let (f, id) = (&f, lead_id.clone());
        async move {
            let l = f
                .ok("GET", &format!("/leads/{id}"), "/leads/{id}", None)
                .await;
            l.get("lt_interest_status").is_none().then_some(())
        }
    })
    .await;
}

#[tokio::test]
async fn analytics_routes_match_spec_after_seed() {
    let f = Fake::new().await;
    let seeded = f
        .control("POST", "/seed", Some(json!({"scenario": "demo"})))
        .await;
    assert!(seeded["leads"].as_u64().unwrap() > 50);
    let all = f
        .ok("GET", "/campaigns/analytics", "/campaigns/analytics", None)
        .await;
    let items = all.as_array().unwrap();
    assert_eq!(items.len(), 3, "the draft never sent, so it is absent");
    assert!(items
        .iter()
        .all(|i| i["emails_sent_count"].as_u64().unwrap() > 0));
    let cid = items[0]["campaign_id"].as_str().unwrap();
    let one = f
        .ok(
            "GET",
            &format!("/campaigns/analytics?id={cid}"),
            "/campaigns/analytics",
            None,
        )
        .await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    let two = f
        .ok(
            "GET",
            &format!(
                "/campaigns/analytics?ids={cid}&ids={}",
                items[1]["campaign_id"].as_str().unwrap()
            ),
            "/campaigns/analytics",
            None,
        )
        .await;
    assert_eq!(two.as_array().unwrap().len(), 2);
    let overview = f
        .ok(
            "GET",
            "/campaigns/analytics/overview",
            "/campaigns/analytics/overview",
            None,
        )
        .await;
    let total: u64 = items
        .iter()
        .map(|i| i["emails_sent_count"].as_u64().unwrap())
        .sum();
    assert_eq!(overview["emails_sent_count"], total);
    let daily = f
        .ok(
            "GET",
            &format!("/campaigns/analytics/daily?campaign_id={cid}"),
            "/campaigns/analytics/daily",
            None,
        )
        .await;
    let days = daily.as_array().unwrap();
    assert!(days.len() >= 7, "a multi-day history: {}", days.len());
    let sum: u64 = days.iter().map(|d| d["sent"].as_u64().unwrap()).sum();
    assert_eq!(sum, items[0]["emails_sent_count"].as_u64().unwrap());
    let first_day = days[0]["date"].as_str().unwrap();
    let ranged = f.ok("GET", &format!("/campaigns/analytics/daily?campaign_id={cid}&start_date={first_day}&end_date={first_day}"), "/campaigns/analytics/daily", None).await;
    assert_eq!(ranged.as_array().unwrap().len(), 1);
    for path in [
        "/campaigns/analytics",
        "/campaigns/analytics/overview",
        "/campaigns/analytics/daily",
    ] {
        let v = f
            .expect(
                "GET",
                &format!("{path}?start_date=2026-02-01&end_date=2026-01-01"),
                path,
                None,
                400,
            )
            .await;
        assert_eq!(
            v,
            json!({"message": "Start Date must be earlier than End Date"})
        );
    }
}

#[tokio::test]
async fn pagination_walks_every_list_route() {
    let f = Fake::new().await;
    let mut made = Vec::new();
    for i in 0..23 {
        made.push(
            f.campaign(&format!("C{i:02}")).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
        f.list(&format!("L{i:02}")).await;
        f.ok(
            "POST",
            "/webhooks",
            "/webhooks",
            Some(json!({"target_hook_url": format!("http://127.0.0.1:9/{i}")})),
        )
        .await;
    }
    f.add_leads(&made[0], "pager", 23).await;
    for (path, spec_path) in [
        ("/campaigns", "/campaigns"),
        ("/lead-lists", "/lead-lists"),
        ("/webhooks", "/webhooks"),
    ] {
        let mut ids = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let url = match &cursor {
                None => format!("{path}?limit=10"),
                Some(c) => format!("{path}?limit=10&starting_after={c}"),
            };
            let page = f.ok("GET", &url, spec_path, None).await;
            pages += 1;
            let items = page["items"].as_array().unwrap();
            ids.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_string()));
            match page.get("next_starting_after").and_then(Value::as_str) {
                Some(next) if !items.is_empty() => {
                    assert_eq!(next, items.last().unwrap()["id"]);
                    cursor = Some(next.to_string());
                }
                _ => break,
            }
        }
        assert_eq!(pages, 3, "{path}");
        assert_eq!(ids.len(), 23, "{path}");
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, ids, "{path}: ascending, no duplicates");
    }
    assert_eq!(
        made,
        {
            let mut m = made.clone();
            m.sort();
            m
        },
        "ids ascend in creation order"
    );
    // Default limit is 10; /leads/list pages through the JSON body.
    let first = f.ok("GET", "/campaigns", "/campaigns", None).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 10);
    let mut seen = 0;
    let mut body = json!({"campaign": made[0], "limit": 20});
    loop {
        let page = f
            .ok("POST", "/leads/list", "/leads/list", Some(body.clone()))
            .await;
        let n = page["items"].as_array().unwrap().len();
        seen += n;
        match page.get("next_starting_after") {
            Some(c) if n > 0 => body["starting_after"] = c.clone(),
            _ => break,
        }
    }
    assert_eq!(seen, 23);
    // A full last page carries a cursor; the page after it is empty.
    let exact = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": made[0], "limit": 23})),
        )
        .await;
    let next = exact["next_starting_after"].clone();
    let empty = f
        .ok(
            "POST",
            "/leads/list",
            "/leads/list",
            Some(json!({"campaign": made[0], "starting_after": next})),
        )
        .await;
    assert_eq!(empty["items"], json!([]));
    assert!(empty.get("next_starting_after").is_none());
}
