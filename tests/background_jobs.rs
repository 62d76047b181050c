//! `client.background_jobs()`: the request, `data_fields`, decoding of the spec's example, and
//! the status helpers of the job model that job waits read.

mod support;

use instantly_wasm::generated::models::*;
use instantly_wasm::jobs::WaitOptions;
use instantly_wasm::jobs::{is_failed_status, is_finished_status};
use instantly_wasm::{ErrorKind, RequestOptions};
use serde_json::json;
use support::spec::{enum_values, resolve, response_example, same_json, spec};
use support::*;

fn job_example() -> serde_json::Value {
    response_example("GET", "/background-jobs/{id}", "200")
}

#[test]
fn get_decodes_the_spec_example_and_sends_data_fields_comma_separated() {
    let example = job_example();
    let id = example["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 24, "the spec's job id is an ObjectId");
    let (c, t, _) = client();
    t.push(json(200, example.clone()));
    let params = BackgroundJobGetParams {
        data_fields: Some("moved_lead_emails,moved_leads".into()),
    };
    let job = run(c
        .background_jobs()
        .get(&id, &params, &RequestOptions::default()))
    .unwrap();
    assert_eq!(job.id.as_deref(), Some(id.as_str()));
    assert_eq!(job.type_.as_deref(), example["type"].as_str());
    assert!(same_json(&serde_json::to_value(&job).unwrap(), &example));
    let req = t.single();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        format!("{BASE}/api/v2/background-jobs/{id}?data_fields=moved_lead_emails%2Cmoved_leads")
    );
    assert!(req.body.is_none());
    assert_eq!(req.header("content-type"), None);
}

#[test]
fn get_without_data_fields_has_no_query_and_is_retried() {
    let (c, t, _) = client();
    t.push(json(504, json!({}))).push(json(200, job_example()));
    let job = run(c.background_jobs().get(
        "675266e304a8e55b17f0228b",
        &BackgroundJobGetParams::default(),
        &RequestOptions::default(),
    ))
    .unwrap();
    assert_eq!(job.progress, job_example()["progress"].as_f64());
    let reqs = t.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(
        reqs[1].url,
        format!("{BASE}/api/v2/background-jobs/675266e304a8e55b17f0228b")
    );
}

#[test]
fn bad_ids_are_rejected_before_sending() {
    let (c, t, _) = client();
    let o = RequestOptions::default();
    for id in ["", "../leads", "a/b", "x?y", "not-a-hex-object-id"] {
        let e = run(c.background_jobs().get(id, &Default::default(), &o)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation, "{id:?}");
        assert_eq!(e.field.as_deref(), Some("id"), "{id:?}");
    }
    assert!(t.requests().is_empty());
}

/// `data_fields` is one comma-separated string on the wire (the generated `get` takes it so);
/// job waits take the keys as a list, and each key is checked before anything is sent.
#[test]
fn bad_data_fields_keys_are_rejected_before_polling() {
    let (c, t, _) = client();
    for (fields, field) in [
        (vec!["a,b"], "data_fields[0]"),
        (vec!["ok", " "], "data_fields[1]"),
    ] {
        let opts = WaitOptions {
            data_fields: Some(fields.into_iter().map(String::from).collect()),
            ..Default::default()
        };
        let e = run(c.wait_for_job("675266e304a8e55b17f0228b", &opts)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some(field));
    }
    assert!(t.requests().is_empty());
}

#[test]
fn status_helpers_cover_every_spec_status() {
    let schema = resolve(&spec()["components"]["schemas"]["BackgroundJob"]);
    let statuses = enum_values(&schema["properties"]["status"]);
    assert_eq!(
        statuses,
        [
            "pending",
            "in-progress",
            "success",
            "failed",
            "draining",
            "paused",
            "cancelled"
        ],
        "a new status needs a decision: finished or not"
    );
    let mut job: BackgroundJob = serde_json::from_value(job_example()).unwrap();
    for s in &statuses {
        job.status = Some(s.clone());
        let finished = matches!(s.as_str(), "success" | "failed" | "cancelled");
        let failed = matches!(s.as_str(), "failed" | "cancelled");
        assert_eq!(job.is_finished(), finished, "{s}");
        assert_eq!(is_finished_status(s), finished, "{s}");
        assert_eq!(job.is_success(), s == "success", "{s}");
        assert_eq!(job.is_failed(), failed, "{s}");
        assert_eq!(is_failed_status(s), failed, "{s}");
    }
    // A status from the future decodes, kept as it came, and is not finished.
    let mut v = job_example();
    v["status"] = json!("archived");
    v["type"] = json!("some-new-job");
    let job: BackgroundJob = serde_json::from_value(v).unwrap();
    assert_eq!(job.status.as_deref(), Some("archived"));
    assert_eq!(job.type_.as_deref(), Some("some-new-job"));
    assert!(!job.is_finished() && !job.is_failed() && !job.is_success());
    // No status at all: not finished either.
    assert!(!BackgroundJob::default().is_finished());
}
