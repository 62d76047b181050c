//! Auto-pagination through the request loop: lazy page fetching, cursor in the query (GET
//! lists) or in the body (`POST /leads/list`), the empty-page guard, `max_items`, errors
//! mid-walk, a cursor that does not advance, and the `Stream` that `list_all` answers
//! (`Client::paginate` over the engine's `Walk`).

mod support;

use futures::StreamExt;
use instantly_wasm::generated::models::*;
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::{json, Value};
use std::pin::pin;
use support::spec::response_example;
use support::*;

const LIST: &str = "019ffad2-53a3-7590-935f-b491178cb297";

fn cid(i: u32) -> String {
    format!("0199a1b2-0000-7000-8000-{i:012}")
}

fn campaign_page(ids: std::ops::Range<u32>, next: Option<&str>) -> Reply {
    let items: Vec<Value> = ids
        .map(|i| campaign_json(&cid(i), &format!("Campaign {i}"), 0))
        .collect();
    let mut page = json!({ "items": items });
    if let Some(n) = next {
        page["next_starting_after"] = json!(n);
    }
    json(200, page)
}

fn lead_page(ids: std::ops::Range<u32>, next: Option<&str>) -> Reply {
    let items: Vec<Value> = ids
        .map(|i| {
            let mut lead = response_example("GET", "/leads/{id}", "200");
            lead["id"] = json!(cid(i));
            lead["email"] = json!(format!("lead{i}@example.com"));
            lead
        })
        .collect();
    let mut page = json!({ "items": items });
    if let Some(n) = next {
        page["next_starting_after"] = json!(n);
    }
    json(200, page)
}

fn query_of(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn starting_after(url: &str) -> Option<String> {
    query_of(url)
        .into_iter()
        .find(|(k, _)| k == "starting_after")
        .map(|(_, v)| v)
}

#[test]
fn walks_every_page_lazily_with_the_cursor_in_the_query() {
    let (c, t, _) = client();
    t.push(campaign_page(0..2, Some("cur-1")));
    t.push(campaign_page(2..4, Some("cur-2")));
    t.push(campaign_page(4..5, None));
    let params = CampaignListParams {
        limit: Some(2),
        search: Some("Q3".into()),
        ..Default::default()
    };
    let mut all = pin!(c
        .campaigns()
        .list_all(&params, None, &RequestOptions::default()));
    assert!(t.requests().is_empty(), "nothing is fetched before next()");
    let mut names = Vec::new();
    run(async {
        let first = all.next().await.unwrap().unwrap();
        names.push(first.name.unwrap());
        assert_eq!(t.requests().len(), 1, "one page at a time");
        while let Some(c) = all.next().await {
            names.push(c.unwrap().name.unwrap());
        }
    });
    assert_eq!(names.len(), 5);
    assert_eq!(names[4], "Campaign 4");
    let reqs = t.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(starting_after(&reqs[0].url), None);
    assert_eq!(starting_after(&reqs[1].url).as_deref(), Some("cur-1"));
    assert_eq!(starting_after(&reqs[2].url).as_deref(), Some("cur-2"));
    for r in &reqs {
        let q = query_of(&r.url);
        assert!(q.contains(&("limit".into(), "2".into())), "{q:?}");
        assert!(q.contains(&("search".into(), "Q3".into())), "{q:?}");
        assert!(r.body.is_none());
    }
    assert!(run(all.next()).is_none());
    assert_eq!(t.requests().len(), 3, "nothing fetched after the end");
}

#[test]
fn stops_on_an_empty_page_even_with_a_cursor() {
    let (c, t, _) = client();
    t.push(campaign_page(0..2, Some("cur-1")));
    t.push(campaign_page(0..0, Some("cur-2")));
    let all = c
        .campaigns()
        .list_all(&Default::default(), None, &RequestOptions::default());
    let items: Vec<_> = run(all.collect::<Vec<_>>());
    assert_eq!(items.len(), 2);
    assert_eq!(t.requests().len(), 2, "the empty page ends the walk");
}

#[test]
fn leads_carry_the_cursor_and_filters_in_the_body() {
    let (c, t, _) = client();
    t.push(lead_page(0..3, Some(&cid(2))));
    t.push(lead_page(3..5, Some(&cid(4))));
    t.push(lead_page(0..0, None));
    let params = LeadListParams {
        list_id: Some(LIST.into()),
        limit: Some(3),
        ..Default::default()
    };
    let mut all = pin!(c
        .leads()
        .list_all(&params, None, &RequestOptions::default()));
    let mut emails = Vec::new();
    run(async {
        while let Some(lead) = all.next().await {
            emails.push(lead.unwrap().email.unwrap());
        }
    });
    assert_eq!(emails.len(), 5);
    assert_eq!(emails[3], "lead3@example.com");
    let reqs = t.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert!(r.url.ends_with("/api/v2/leads/list"), "no query: {}", r.url);
        assert_eq!(r.method.as_str(), "POST");
    }
    assert_eq!(body_of(&reqs[0]), json!({"list_id": LIST, "limit": 3}));
    assert_eq!(
        body_of(&reqs[1]),
        json!({"list_id": LIST, "limit": 3, "starting_after": cid(2)})
    );
    assert_eq!(body_of(&reqs[2])["starting_after"], json!(cid(4)));
}

#[test]
fn max_items_stops_early_without_fetching_more() {
    let (c, t, _) = client();
    t.push(campaign_page(0..2, Some("cur-1")));
    t.push(campaign_page(2..4, Some("cur-2")));
    let all = c
        .campaigns()
        .list_all(&Default::default(), Some(3), &RequestOptions::default());
    let items = run(all.collect::<Vec<_>>());
    assert_eq!(items.len(), 3);
    assert_eq!(t.requests().len(), 2);
    // Zero items: no request at all.
    let (c, t, _) = client();
    let mut none =
        pin!(c
            .campaigns()
            .list_all(&Default::default(), Some(0), &RequestOptions::default()));
    assert!(run(none.next()).is_none());
    assert!(t.requests().is_empty());
}

#[test]
fn an_error_mid_walk_is_yielded_once_and_ends_the_walk() {
    let (c, t, _) = client();
    t.push(campaign_page(0..2, Some("cur-1")));
    t.push(json(
        404,
        json!({"statusCode": 404, "error": "Not Found", "message": "Resource not found"}),
    ));
    let mut all =
        pin!(c
            .campaigns()
            .list_all(&Default::default(), None, &RequestOptions::default()));
    let results = run(async {
        let mut out = Vec::new();
        while let Some(r) = all.next().await {
            out.push(r);
        }
        out
    });
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.path.as_deref(), Some("/api/v2/campaigns"));
    assert!(run(all.next()).is_none());
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn a_transient_failure_is_retried_by_the_request_loop_and_the_walk_goes_on() {
    let (c, t, _) = client();
    t.push(lead_page(0..2, Some(&cid(1))));
    t.push(json(503, json!({})));
    t.push(Reply::Connection("reset"));
    t.push(lead_page(2..3, None));
    let all = c
        .leads()
        .list_all(&Default::default(), None, &RequestOptions::default());
    let items = run(all.collect::<Vec<_>>());
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(Result::is_ok));
    let reqs = t.requests();
    assert_eq!(reqs.len(), 4);
    assert_eq!(body_of(&reqs[3])["starting_after"], json!(cid(1)));
}

#[test]
fn a_cursor_that_does_not_advance_is_an_error_not_a_loop() {
    let (c, t, _) = client();
    t.push(campaign_page(0..2, Some("same")));
    t.push(campaign_page(2..4, Some("same")));
    let items = run(c
        .campaigns()
        .list_all(&Default::default(), None, &RequestOptions::default())
        .collect::<Vec<_>>());
    assert_eq!(items.len(), 3);
    let err = items[2].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(err.message.contains("same"), "{err}");
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn starts_from_the_callers_cursor_and_validates_before_sending() {
    let (c, t, _) = client();
    t.push(campaign_page(5..6, None));
    let params = CampaignListParams {
        starting_after: Some("resume-here".into()),
        ..Default::default()
    };
    let items = run(c
        .campaigns()
        .list_all(&params, None, &RequestOptions::default())
        .collect::<Vec<_>>());
    assert_eq!(items.len(), 1);
    assert_eq!(
        starting_after(&t.single().url).as_deref(),
        Some("resume-here")
    );

    let (c, t, _) = client();
    let bad = LeadListListParams {
        limit: Some(500),
        ..Default::default()
    };
    let items = run(c
        .lead_lists()
        .list_all(&bad, None, &RequestOptions::default())
        .collect::<Vec<_>>());
    assert_eq!(items.len(), 1);
    let err = items[0].as_ref().unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.field.as_deref(), Some("limit"));
    assert!(t.requests().is_empty());
}
