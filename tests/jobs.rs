//! Waiting for background jobs: polling to success, failure, cancellation of the job, timeout,
//! caller cancellation, poll errors, and input checks.

mod support;

use instantly_wasm::generated::models::BackgroundJob;
use instantly_wasm::jobs::{JobRef, WaitOptions};
use instantly_wasm::{CancelToken, ErrorKind};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::time::Duration;
use support::*;

const JOB: &str = "675266e304a8e55b17f0228b";

fn job_json(status: &str, progress: f64) -> Value {
    json!({
        "id": JOB,
        "workspace_id": "0199a3f2-0000-7000-8000-000000000001",
        "type": "move-leads",
        "entity_id": "0199a3f2-0000-7000-8000-000000000002",
        "entity_type": "campaign",
        "data": {"moved_leads": 3},
        "progress": progress,
        "status": status,
        "created_at": "2026-08-13T11:11:55.811Z",
        "updated_at": "2026-08-13T11:11:56.811Z"
    })
}

fn job(status: &str, progress: f64) -> BackgroundJob {
    serde_json::from_value(job_json(status, progress)).unwrap()
}

#[test]
fn polls_until_success_reporting_each_change() {
    let (c, t, clock) = client();
    for (s, p) in [
        ("pending", 0.0),
        ("in-progress", 40.0),
        ("in-progress", 40.0),
        ("success", 100.0),
    ] {
        t.push(json(200, job_json(s, p)));
    }
    let seen = RefCell::new(Vec::new());
    let report = |j: &BackgroundJob| {
        seen.borrow_mut()
            .push((j.status.clone().unwrap_or_default(), j.progress));
        Ok(())
    };
    let opts = WaitOptions {
        on_progress: Some(&report),
        data_fields: Some(vec!["moved_leads".into()]),
        ..Default::default()
    };
    let done = run(c.wait_for_job(JOB, &opts)).unwrap();
    assert_eq!(done.status.as_deref(), Some("success"));
    assert_eq!(
        done.data.unwrap().extra.get("moved_leads"),
        Some(&json!(3)),
        "data keys beyond the spec's are kept"
    );
    assert_eq!(
        *seen.borrow(),
        vec![
            ("pending".to_string(), Some(0.0)),
            ("in-progress".to_string(), Some(40.0)),
            ("success".to_string(), Some(100.0))
        ]
    );
    let reqs = t.requests();
    assert_eq!(reqs.len(), 4);
    assert!(reqs.iter().all(|r| r.method.as_str() == "GET"
        && r.url == format!("{BASE}/api/v2/background-jobs/{JOB}?data_fields=moved_leads")));
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(1); 3]);
}

#[test]
fn a_job_passed_in_counts_as_the_first_observation() {
    let (c, t, _) = client();
    let finished = run(c.wait_for_job(job("success", 100.0), &WaitOptions::default())).unwrap();
    assert_eq!(finished.id.as_deref(), Some(JOB));
    assert!(t.requests().is_empty(), "a finished job needs no poll");

    let (c, t, clock) = client();
    t.push(json(200, job_json("success", 100.0)));
    let opts = WaitOptions {
        interval: Duration::from_millis(250),
        ..Default::default()
    };
    run(c.wait_for_job(JobRef::Job(Box::new(job("pending", 0.0))), &opts)).unwrap();
    assert_eq!(t.requests().len(), 1);
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(250)]);
}

#[test]
fn failed_and_cancelled_jobs_reject_with_the_job() {
    for status in ["failed", "cancelled"] {
        let (c, t, _) = client();
        t.push(json(200, job_json("in-progress", 10.0)));
        t.push(json(200, job_json(status, 30.0)));
        let e = run(c.wait_for_job(JOB, &WaitOptions::default())).unwrap_err();
        assert_eq!(e.kind, ErrorKind::JobFailed);
        assert_eq!(e.kind.code(), "job_failed");
        assert_eq!(e.kind.name(), "JobFailedError");
        let body = e.body.clone().unwrap();
        assert_eq!(body["status"], status);
        assert_eq!(body["id"], JOB);
        assert!(
            e.message.contains(status) && e.message.contains("move-leads"),
            "{e}"
        );
    }
}

#[test]
fn a_job_that_echoes_the_key_is_redacted_in_the_error() {
    // A server (or a proxy) that echoes the Authorization header into the job: the failed and
    // the timed-out wait carry the job as `body`, without the key, like every other error.
    for (status, timeout) in [
        ("failed", None),
        ("in-progress", Some(Duration::from_secs(1))),
    ] {
        let (c, t, _) = client();
        let mut job = job_json(status, 10.0);
        job["error"] = format!("rejected Bearer {KEY}").into();
        job["data"] = json!({ KEY: "key as a field name" });
        t.push(json(200, job.clone()));
        t.push(json(200, job));
        let opts = WaitOptions {
            timeout,
            ..Default::default()
        };
        let e = run(c.wait_for_job(JOB, &opts)).unwrap_err();
        let text = format!("{e} {e:?} {}", serde_json::to_string(&e.body).unwrap());
        assert!(!text.contains(KEY), "{status}: {text}");
        assert_eq!(
            e.body.as_ref().unwrap()["error"],
            "rejected Bearer [redacted]"
        );
    }
}

#[test]
fn paused_jobs_keep_the_wait_going() {
    let (c, t, _) = client();
    for s in ["paused", "draining", "in-progress", "success"] {
        t.push(json(200, job_json(s, 50.0)));
    }
    assert!(run(c.wait_for_job(JOB, &WaitOptions::default())).is_ok());
    assert_eq!(t.requests().len(), 4);
}

#[test]
fn times_out_after_a_last_poll_at_the_deadline() {
    let (c, t, clock) = client();
    for _ in 0..4 {
        t.push(json(200, job_json("in-progress", 70.0)));
    }
    let opts = polls_each_second_for_2500_ms();
    let e = run(c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(e.body.as_ref().unwrap()["progress"], 70.0);
    assert!(e.message.contains("2500 ms"), "{e}");
    assert_eq!(t.requests().len(), 4, "polls at 0, 1, 2 and 2.5 s");
    assert_eq!(
        clock.sleeps(),
        vec![
            Duration::from_secs(1),
            Duration::from_secs(1),
            Duration::from_millis(500)
        ]
    );
}

/// A client on the discrete-event clock whose transport answers the `n`-th poll (from 0) with
/// `reply(n)` after 10 ms; with `timeout` as the per-attempt timeout.
fn sim_client(
    timeout: Duration,
    reply: impl Fn(usize) -> sim::SimReply + 'static,
) -> (SimClient, sim::SimTransport, sim::SimClock) {
    sim_client_with(
        instantly_wasm::ClientOptions::new(KEY)
            .with_base_url(BASE)
            .with_timeout(timeout)
            .with_rate_limit(None),
        reply,
    )
}

type SimClient = instantly_wasm::Client<sim::SimTransport, sim::SimClock>;

/// [`sim_client`] with other options.
fn sim_client_with(
    options: instantly_wasm::ClientOptions,
    reply: impl Fn(usize) -> sim::SimReply + 'static,
) -> (SimClient, sim::SimTransport, sim::SimClock) {
    let clock = sim::SimClock::new();
    let n = std::cell::Cell::new(0);
    let transport = sim::SimTransport::new(&clock, Duration::from_millis(10), move |_| {
        n.set(n.get() + 1);
        reply(n.get() - 1)
    });
    let c = instantly_wasm::Client::new(options, transport.clone(), clock.clone()).unwrap();
    (c, transport, clock)
}

/// A wait polling each second, with a deadline at 2.5 s.
fn polls_each_second_for_2500_ms() -> WaitOptions<'static> {
    WaitOptions {
        interval: Duration::from_secs(1),
        timeout: Some(Duration::from_millis(2500)),
        ..Default::default()
    }
}

fn rate_limited(retry_after_secs: &str) -> sim::SimReply {
    sim::SimReply::Http(instantly_wasm::http::HttpResponse {
        status: 429,
        headers: vec![("retry-after".into(), retry_after_secs.into())],
        body: br#"{"statusCode":429,"error":"Too Many Requests","message":"slow down"}"#.to_vec(),
    })
}

/// A poll held up by a long `Retry-After` does not stretch the wait: it is abandoned at the
/// deadline, and the last poll, at the deadline, is one attempt.
#[test]
fn a_poll_waiting_out_retry_after_is_abandoned_at_the_deadline() {
    let (c, t, clock) = sim_client(Duration::from_secs(30), |n| match n {
        0 => sim::sim_json(200, job_json("in-progress", 70.0)),
        1 => rate_limited("20"),
        _ => sim::sim_json(200, job_json("in-progress", 80.0)),
    });
    let opts = polls_each_second_for_2500_ms();
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert_eq!(
        e.body.as_ref().unwrap()["progress"],
        80.0,
        "the last poll's job"
    );
    assert!(e.message.contains("after 2500 ms"), "{e}");
    assert_eq!(t.times(), vec![0.0, 1010.0, 2500.0]);
    assert_eq!(clock.elapsed_ms(), 2510.0);

    // The last poll is a single attempt: a 429 there is not waited out either, nor is a 503 or
    // a dropped connection retried; the wait times out with the last job seen. An answer that is
    // not worth a retry (404) is the wait's error as before.
    for (last, kind) in [
        (0, ErrorKind::Timeout),
        (1, ErrorKind::Timeout),
        (2, ErrorKind::Timeout),
        (3, ErrorKind::NotFound),
    ] {
        let (c, t, clock) = sim_client(Duration::from_secs(30), move |n| match (n, last) {
            (0, _) => sim::sim_json(200, job_json("in-progress", 70.0)),
            (1, _) | (_, 0) => rate_limited("20"),
            (_, 1) => sim::sim_json(503, json!({"statusCode": 503})),
            (_, 2) => sim::SimReply::Connection("reset"),
            _ => sim::sim_json(
                404,
                json!({"statusCode": 404, "message": "Background job not found"}),
            ),
        });
        let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
        assert_eq!(e.kind, kind, "{e}");
        if kind == ErrorKind::Timeout {
            assert_eq!(e.body.as_ref().unwrap()["progress"], 70.0, "{e}");
        }
        assert_eq!(t.times(), vec![0.0, 1010.0, 2500.0]);
        assert_eq!(clock.elapsed_ms(), 2510.0);
    }
}

/// Polls that answer at once: the last one falls on the deadline and is one request (its answer
/// ends the wait), not cut off before it could answer.
#[test]
fn the_last_poll_at_the_deadline_is_one_request_whose_answer_ends_the_wait() {
    let (c, t, clock) = sim_client(Duration::from_secs(30), |_| {
        sim::sim_json(200, job_json("in-progress", 70.0))
    });
    let opts = polls_each_second_for_2500_ms();
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert_eq!(t.times(), vec![0.0, 1010.0, 2020.0, 2500.0]);
    assert_eq!(clock.elapsed_ms(), 2510.0);

    // A poll whose answer lands on the deadline is the last one.
    let (c, t, clock) = sim_client(Duration::from_secs(30), |_| {
        sim::sim_json(200, job_json("in-progress", 70.0))
    });
    let opts = WaitOptions {
        timeout: Some(Duration::from_millis(2030)),
        ..opts
    };
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert_eq!(t.times(), vec![0.0, 1010.0, 2020.0]);
    assert_eq!(clock.elapsed_ms(), 2030.0);
}

/// A last poll held in the limiter's queue (paused 20 s by a 429) is cut off one request timeout
/// after the deadline, never sent; the wait's timeout carries the last job seen.
#[test]
fn a_last_poll_waiting_for_rate_limit_budget_is_cut_off_unsent() {
    let options = instantly_wasm::ClientOptions::new(KEY)
        .with_base_url(BASE)
        .with_timeout(Duration::from_secs(5))
        .with_rate_limit_sharing(instantly_wasm::ratelimit::Sharing::PerClient);
    let (c, t, clock) = sim_client_with(options, |n| match n {
        0 => sim::sim_json(200, job_json("in-progress", 70.0)),
        _ => rate_limited("20"),
    });
    let opts = polls_each_second_for_2500_ms();
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert_eq!(e.body.as_ref().unwrap()["progress"], 70.0, "{e}");
    assert_eq!(t.times(), vec![0.0, 1010.0]);
    assert_eq!(clock.elapsed_ms(), 7500.0);
}

/// A poll that hangs is abandoned at the deadline, and a last poll that hangs is cut after one
/// per-attempt timeout: the wait's own `Timeout`, with the last job seen, or none.
#[test]
fn hanging_polls_end_the_wait_one_request_timeout_after_the_deadline() {
    let opts = polls_each_second_for_2500_ms();
    let (c, t, clock) = sim_client(Duration::from_secs(5), |n| match n {
        0 => sim::sim_json(200, job_json("in-progress", 70.0)),
        _ => sim::SimReply::Hang,
    });
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert_eq!(e.body.as_ref().unwrap()["progress"], 70.0);
    assert!(
        e.message
            .contains("still in-progress at 70.0% after 2500 ms"),
        "{e}"
    );
    assert_eq!(t.times(), vec![0.0, 1010.0, 2500.0]);
    assert_eq!(clock.elapsed_ms(), 7500.0);

    let (c, t, clock) = sim_client(Duration::from_secs(5), |_| sim::SimReply::Hang);
    let e = sim::run(&clock, c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Timeout, "{e}");
    assert!(e.body.is_none());
    assert_eq!(
        e.message,
        format!("background job {JOB} gave no answer within 2500 ms")
    );
    assert_eq!(t.times(), vec![0.0, 2500.0]);
    assert_eq!(clock.elapsed_ms(), 7500.0);

    // Without a deadline a poll runs its course: the request loop's timeout and retries.
    let (c, t, clock) = sim_client(Duration::from_secs(5), |n| match n {
        0 => sim::SimReply::Hang,
        _ => sim::sim_json(200, job_json("success", 100.0)),
    });
    let forever = WaitOptions {
        timeout: None,
        ..Default::default()
    };
    let done = sim::run(&clock, c.wait_for_job(JOB, &forever)).unwrap();
    assert_eq!(done.status.as_deref(), Some("success"));
    assert_eq!(t.times().len(), 2);
}

#[test]
fn cancelling_stops_the_wait() {
    let (c, t, _) = client();
    t.push(json(200, job_json("in-progress", 5.0)));
    let token = CancelToken::new();
    let cancel_on_first = |_: &BackgroundJob| {
        token.cancel();
        Ok(())
    };
    let opts = WaitOptions {
        cancel: Some(token.clone()),
        on_progress: Some(&cancel_on_first),
        ..Default::default()
    };
    let e = run(c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Aborted);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn a_poll_that_fails_ends_the_wait_with_its_error() {
    let (c, t, _) = client();
    t.push(json(200, job_json("pending", 0.0)));
    t.push(json(
        404,
        json!({"statusCode": 404, "error": "Not Found", "message": "Background job not found"}),
    ));
    let e = run(c.wait_for_job(JOB, &WaitOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotFound);
    assert_eq!(
        e.path.as_deref(),
        Some(&*format!("/api/v2/background-jobs/{JOB}"))
    );
    // A transient failure is retried by the request loop and the wait goes on.
    let (c, t, _) = client();
    t.push(json(503, json!({})));
    t.push(json(200, job_json("success", 100.0)));
    assert!(run(c.wait_for_job(JOB, &WaitOptions::default())).is_ok());
}

#[test]
fn bad_input_is_rejected_before_polling() {
    let (c, t, _) = client();
    let e = run(c.wait_for_job("../x", &WaitOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("id"));
    let fast = WaitOptions {
        interval: Duration::from_millis(10),
        ..Default::default()
    };
    let e = run(c.wait_for_job(JOB, &fast)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("intervalMs"));
    let zero = WaitOptions {
        timeout: Some(Duration::ZERO),
        ..Default::default()
    };
    assert_eq!(
        run(c.wait_for_job(JOB, &zero))
            .unwrap_err()
            .field
            .as_deref(),
        Some("timeoutMs")
    );
    assert!(t.requests().is_empty());
}

#[test]
fn an_error_from_on_progress_ends_the_wait_with_it() {
    let (c, t, _) = client();
    t.push(json(200, job_json("in-progress", 5.0)));
    let refuse = |_: &BackgroundJob| Err(instantly_wasm::Error::new(ErrorKind::Aborted, "stop"));
    let opts = WaitOptions {
        on_progress: Some(&refuse),
        ..Default::default()
    };
    let e = run(c.wait_for_job(JOB, &opts)).unwrap_err();
    assert_eq!(e.message, "stop");
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn js_options_convert_milliseconds_strictly() {
    use instantly_wasm::input::read_input;
    use instantly_wasm::jobs::JsWaitOptions;
    let o: JsWaitOptions =
        read_input("options", &json!({"intervalMs": 200, "timeoutMs": 5000})).unwrap();
    let w = o.into_options().unwrap();
    assert_eq!(w.interval, Duration::from_millis(200));
    assert_eq!(w.timeout, Some(Duration::from_secs(5)));
    let typo = read_input::<JsWaitOptions>("options", &json!({"interval": 200})).unwrap_err();
    assert_eq!(typo.field.as_deref(), Some("interval"));
    let neg: JsWaitOptions = read_input("options", &json!({"timeoutMs": -1})).unwrap();
    assert_eq!(
        neg.into_options().unwrap_err().field.as_deref(),
        Some("timeoutMs")
    );
}

/// Only `status` and `progress` are read, leniently: a poll answer without a status (or with one
/// from the future) keeps the wait going, and the JSON variant answers the job as it came.
#[test]
fn answers_without_a_known_status_keep_the_wait_going() {
    let (c, t, _) = client();
    t.push(json(200, json!({"id": JOB})));
    t.push(json(
        200,
        json!({"id": JOB, "status": "archiving", "progress": "n/a"}),
    ));
    let mut last = job_json("success", 100.0);
    last["novel"] = json!({"kept": true});
    t.push(json(200, last.clone()));
    let seen = RefCell::new(Vec::new());
    let report = |j: &Value| {
        seen.borrow_mut().push(j["status"].clone());
        Ok(())
    };
    let done = run(c.wait_for_job_json(JOB, None, &WaitOptions::default(), &report)).unwrap();
    assert_eq!(done, last);
    assert_eq!(
        *seen.borrow(),
        vec![Value::Null, json!("archiving"), json!("success")]
    );
    assert_eq!(t.requests().len(), 3);
}

#[test]
fn a_job_without_an_id_is_a_validation_error() {
    let (c, t, _) = client();
    let job = BackgroundJob {
        status: Some("pending".into()),
        ..Default::default()
    };
    let e = run(c.wait_for_job(job, &WaitOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("id"));
    assert!(t.requests().is_empty());
    // A finished job needs no poll, so no id: it settles the wait as it is.
    let done = BackgroundJob {
        status: Some("success".into()),
        ..Default::default()
    };
    let job = run(c.wait_for_job(done, &WaitOptions::default())).unwrap();
    assert!(job.is_success());
    let failed = BackgroundJob {
        status: Some("failed".into()),
        ..Default::default()
    };
    let e = run(c.wait_for_job(failed, &WaitOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::JobFailed);
    assert!(t.requests().is_empty());
}

/// The error of a failed job names what the job said, and says `?` for what it left out.
#[test]
fn failure_messages_name_the_job() {
    let (c, t, _) = client();
    t.push(json(200, json!({"id": JOB, "status": "failed"})));
    let e = run(c.wait_for_job(JOB, &WaitOptions::default())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::JobFailed);
    assert_eq!(
        e.message,
        format!("background job {JOB} (?) ended failed at ?%")
    );
    let (c, t, _) = client();
    t.push(json(200, job_json("cancelled", 12.5)));
    let e = run(c.wait_for_job(JOB, &WaitOptions::default())).unwrap_err();
    assert_eq!(
        e.message,
        format!("background job {JOB} (move-leads) ended cancelled at 12.5%")
    );
}
