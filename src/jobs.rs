//! Waiting for background jobs: poll `GET /background-jobs/{id}` until the job succeeds, fails,
//! or a timeout passes.
//!
//! `POST /leads/move` (and other long operations) answer with a
//! [`BackgroundJob`](crate::generated::models::BackgroundJob) whose `status` moves through
//! `pending` → `in-progress` → `success` | `failed` | `cancelled` (a job may also be `paused` or
//! `draining` and resume; those keep the wait going). [`Client::wait_for_job`]
//! polls every `interval` on the client's clock (each poll takes rate-limit budget like any
//! call) and:
//!
//! * resolves with the final job on `success`;
//! * fails with [`ErrorKind::JobFailed`] on `failed` or `cancelled`, the job in `body`;
//! * fails with [`ErrorKind::Timeout`] once `timeout` has passed since the wait began, the last
//!   job seen in `body`. A poll still running at the deadline (in flight, waiting for rate-limit
//!   budget, or waiting out a `Retry-After` before a retry) is abandoned there; then one last
//!   poll is made, a single attempt without retries, cut off after the client's per-attempt
//!   `timeout` (an answer the request loop would have retried counts as none). So a wait settles
//!   at most one request timeout after its deadline, whatever the server answers;
//! * fails with [`ErrorKind::Aborted`] when `cancel` fires (during a poll or between polls);
//! * passes on the error of a poll that failed after the request loop's retries (e.g. 404).
//!
//! `on_progress` is called with the job whenever its status or progress changes, starting with
//! the first observation; if it returns an error, the wait ends with that error (the job goes
//! on on the server).

use crate::cancel::CancelToken;
use crate::client::{Client, RequestOptions};
use crate::engine::engine_op;
use crate::error::{Error, ErrorKind, Result};
use crate::generated::models::BackgroundJob;
use crate::http::{path_value, Clock, PathFormat, Transport};
use crate::retry::{duration_from_ms, duration_from_secs};
use futures::future::{select, Either};
use serde_json::Value;
use std::time::Duration;

/// Default time between polls.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);
/// Default limit on the whole wait.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
/// Shortest accepted interval.
pub const MIN_INTERVAL: Duration = Duration::from_millis(50);

/// True for a status after which a job does not change any more: `success`, `failed` or
/// `cancelled` (`paused` and `draining` jobs may still resume; unknown statuses keep a wait going).
pub fn is_finished_status(status: &str) -> bool {
    matches!(status, "success" | "failed" | "cancelled")
}

/// True for a job (as JSON) whose `status` is finished: a wait given it needs no poll, so no id.
pub fn is_finished_job(job: &Value) -> bool {
    Seen { job }.status().is_some_and(is_finished_status)
}

/// True for the statuses a wait rejects with [`ErrorKind::JobFailed`]: `failed` and `cancelled`.
pub fn is_failed_status(status: &str) -> bool {
    matches!(status, "failed" | "cancelled")
}

impl BackgroundJob {
    /// True once the job will not change any more; see [`is_finished_status`].
    pub fn is_finished(&self) -> bool {
        self.status.as_deref().is_some_and(is_finished_status)
    }

    /// True when the job succeeded.
    pub fn is_success(&self) -> bool {
        self.status.as_deref() == Some("success")
    }

    /// True when the job failed or was cancelled.
    pub fn is_failed(&self) -> bool {
        self.status.as_deref().is_some_and(is_failed_status)
    }
}

/// The job to wait for: its id, or the job an operation answered (used as the first
/// observation, so a job that is already finished needs no request).
#[derive(Debug, Clone, PartialEq)]
pub enum JobRef {
    /// A job id (24 hex characters).
    Id(String),
    /// A job as returned by, e.g., `leads().move_leads`.
    Job(Box<BackgroundJob>),
}

impl From<&str> for JobRef {
    fn from(id: &str) -> Self {
        JobRef::Id(id.to_string())
    }
}

impl From<String> for JobRef {
    fn from(id: String) -> Self {
        JobRef::Id(id)
    }
}

impl From<BackgroundJob> for JobRef {
    fn from(job: BackgroundJob) -> Self {
        JobRef::Job(Box::new(job))
    }
}

/// A progress callback: called with the job; an error ends the wait.
pub type JobProgressFn<'a> = dyn Fn(&BackgroundJob) -> Result<()> + 'a;

/// A progress callback of [`Client::wait_for_job_json`]: called with the job's JSON.
pub type JobJsonProgressFn<'a> = dyn Fn(&Value) -> Result<()> + 'a;

/// How to wait; see the module docs.
pub struct WaitOptions<'a> {
    /// Time between polls (default 1 s, at least 50 ms).
    pub interval: Duration,
    /// Limit on the whole wait (default 10 minutes); `None` waits as long as it takes.
    pub timeout: Option<Duration>,
    /// Stops the wait.
    pub cancel: Option<CancelToken>,
    /// Called with the job when its status or progress changes; an error ends the wait.
    pub on_progress: Option<&'a JobProgressFn<'a>>,
    /// Keys of the job's `data` to fetch (`data_fields`).
    pub data_fields: Option<Vec<String>>,
}

impl Default for WaitOptions<'_> {
    fn default() -> Self {
        WaitOptions {
            interval: DEFAULT_INTERVAL,
            timeout: Some(DEFAULT_TIMEOUT),
            cancel: None,
            on_progress: None,
            data_fields: None,
        }
    }
}

impl std::fmt::Debug for WaitOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitOptions")
            .field("interval", &self.interval)
            .field("timeout", &self.timeout)
            .field("cancel", &self.cancel)
            .field("on_progress", &self.on_progress.is_some())
            .field("data_fields", &self.data_fields)
            .finish()
    }
}

/// What a poll saw that a wait acts on, read leniently from the job's JSON.
struct Seen<'a> {
    job: &'a Value,
}

impl Seen<'_> {
    fn text(&self, key: &str) -> &str {
        self.job.get(key).and_then(Value::as_str).unwrap_or("?")
    }

    fn status(&self) -> Option<&str> {
        self.job.get("status").and_then(Value::as_str)
    }

    /// Status and progress as they came (the pair whose change is reported).
    fn state(&self) -> (Option<Value>, Option<Value>) {
        (
            self.job.get("status").cloned(),
            self.job.get("progress").cloned(),
        )
    }

    /// `background job <id> (<type>) <what> at <progress>%`.
    fn describe(&self, what: &str) -> String {
        let progress = match self.job.get("progress") {
            Some(Value::Number(n)) => n.to_string(),
            _ => "?".into(),
        };
        format!(
            "background job {} ({}) {what} at {progress}%",
            self.text("id"),
            self.text("type")
        )
    }
}

/// The query of a poll: `data_fields` comma-separated (absent when empty), each key checked
/// first. JSON rather than the generated `BackgroundJobGetParams`, so that the wasm build carries no model.
fn data_fields_query(fields: Option<&Vec<String>>) -> Result<Value> {
    let fields = fields.map(Vec::as_slice).unwrap_or_default();
    for (i, f) in fields.iter().enumerate() {
        if f.trim().is_empty() || f.as_bytes().contains(&b',') {
            return Err(Error::validation(
                format!("data_fields[{i}]"),
                "must be one non-empty key without commas",
            ));
        }
    }
    let mut query = serde_json::Map::new();
    if !fields.is_empty() {
        query.insert("data_fields".into(), fields.join(",").into());
    }
    Ok(Value::Object(query))
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Polls the job until it finishes; see [`crate::jobs`].
    pub async fn wait_for_job(
        &self,
        job: impl Into<JobRef>,
        opts: &WaitOptions<'_>,
    ) -> Result<BackgroundJob> {
        let (id, first) = match job.into() {
            JobRef::Id(id) => (id, None),
            JobRef::Job(job) => {
                let id = job.id.clone().unwrap_or_default();
                (id, serde_json::to_value(&*job).ok())
            }
        };
        let typed = |v: &Value| -> Result<BackgroundJob> {
            // The model is lenient: only a job that is not an object fails.
            serde_json::from_value(v.clone()).map_err(|_| {
                Error::new(
                    ErrorKind::Decode,
                    format!(
                        "the job did not decode (got {})",
                        crate::engine::json_type(v)
                    ),
                )
            })
        };
        let report = |v: &Value| match opts.on_progress {
            Some(f) => f(&typed(v)?),
            None => Ok(()),
        };
        let done = self.wait_for_job_json(&id, first, opts, &report).await?;
        typed(&done)
    }

    /// The wait of [`Client::wait_for_job`] over the job's JSON as the service sent it: `first`
    /// is a job already seen (or `None` to poll first), `report` is called instead of
    /// `opts.on_progress`, and the final job is answered as JSON. Only `status` and `progress`
    /// are read, leniently: a job without a known status keeps the wait going.
    pub async fn wait_for_job_json(
        &self,
        id: &str,
        first: Option<Value>,
        opts: &WaitOptions<'_>,
        report: &JobJsonProgressFn<'_>,
    ) -> Result<Value> {
        if opts.interval < MIN_INTERVAL {
            return Err(Error::validation(
                "intervalMs",
                format!("must be at least {} ms", MIN_INTERVAL.as_millis() as u64),
            ));
        }
        if opts.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::validation("timeoutMs", "must be greater than 0"));
        }
        let query = data_fields_query(opts.data_fields.as_ref())?;
        // A finished job passed in needs no request, so no id either.
        if !first.as_ref().is_some_and(is_finished_job) {
            path_value("id", id, PathFormat::Hex24)?;
        }
        let request = RequestOptions {
            cancel: opts.cancel.clone(),
            ..Default::default()
        };
        // In f64 milliseconds: any `Duration` fits (`Duration::MAX` is about 1.8e22 ms).
        let deadline = opts
            .timeout
            .map(|t| self.clock().now_ms() + t.as_secs_f64() * 1000.0);
        // The last poll, at the deadline: one attempt, no retries (a retry would wait past it).
        let last_request = RequestOptions {
            max_retries: Some(0),
            ..request.clone()
        };
        let path = [id];
        let mut known = first;
        let mut last_seen: Option<Value> = None;
        // Set when a poll was abandoned at the deadline: the next poll is the last, whatever
        // the clock says (a timer may fire a hair before it reads the deadline).
        let mut abandoned = false;
        // Set once the last poll answered: the wait ends with what it said.
        let mut polled_last = false;
        let mut reported = None;
        loop {
            let job: Value = match known.take() {
                Some(job) => job,
                None => {
                    let left = deadline.map(|d| d - self.clock().now_ms());
                    let last = abandoned || left.is_some_and(|l| l <= 0.0);
                    polled_last = last;
                    // Until the deadline, or (for the last poll) one request timeout past it.
                    let limit = match left {
                        Some(_) if last => Some(self.options().timeout),
                        Some(l) => Some(duration_from_secs(l / 1000.0)),
                        None => None,
                    };
                    let poll = self.call_json(
                        engine_op("backgroundJobs.get")?,
                        &path,
                        query.clone(),
                        if last { &last_request } else { &request },
                    );
                    let answer = match limit {
                        Some(limit) => {
                            let cut = std::pin::pin!(self.clock().sleep(limit));
                            match select(std::pin::pin!(poll), cut).await {
                                Either::Left((answer, _)) => Some(answer),
                                Either::Right(_) => None,
                            }
                        }
                        None => Some(poll.await),
                    };
                    match answer {
                        // Abandoned at the deadline: the loop comes back for the last poll.
                        None if !last => {
                            abandoned = true;
                            continue;
                        }
                        // The last poll got no answer in time, or one the request loop would
                        // have retried (429, 5xx, a timeout, a dropped connection): the wait's
                        // own timeout, with the last job seen.
                        None => return Err(self.timed_out(id, last_seen, opts.timeout)),
                        Some(Err(e)) if last && self.options().retry.should_retry(&e, true) => {
                            return Err(self.timed_out(id, last_seen, opts.timeout))
                        }
                        Some(answer) => answer?,
                    }
                }
            };
            let seen = Seen { job: &job };
            let state = seen.state();
            if reported.as_ref() != Some(&state) {
                report(&job)?;
                reported = Some(state);
            }
            match seen.status() {
                Some("success") => return Ok(job),
                Some(s) if is_failed_status(s) => {
                    let message = seen.describe(&format!("ended {s}"));
                    return Err(self.redact(job_error(ErrorKind::JobFailed, message, job)));
                }
                _ => {}
            }
            let mut wait = opts.interval;
            if let Some(deadline) = deadline {
                let left = deadline - self.clock().now_ms();
                if left <= 0.0 || polled_last {
                    return Err(self.timed_out(id, Some(job), opts.timeout));
                }
                wait = wait.min(duration_from_secs(left / 1000.0));
            }
            last_seen = Some(job);
            self.pause(wait, opts.cancel.as_ref()).await?;
        }
    }

    /// The error of a wait whose deadline passed, with the last job seen (if any poll answered)
    /// in `body`, redacted.
    fn timed_out(&self, id: &str, job: Option<Value>, timeout: Option<Duration>) -> Error {
        let after = timeout.map_or(0, |t| t.as_millis() as u64);
        let e = match job {
            Some(job) => {
                let seen = Seen { job: &job };
                let status = seen.text("status").to_string();
                let message = format!(
                    "{} after {after} ms",
                    seen.describe(&format!("still {status}"))
                );
                job_error(ErrorKind::Timeout, message, job)
            }
            None => Error::new(
                ErrorKind::Timeout,
                format!("background job {id} gave no answer within {after} ms"),
            ),
        };
        self.redact(e)
    }

    /// Sleeps `wait` on the client's clock unless `cancel` fires first.
    async fn pause(&self, wait: Duration, cancel: Option<&CancelToken>) -> Result<()> {
        let aborted = || Error::new(ErrorKind::Aborted, "the operation was aborted");
        match cancel {
            Some(c) if c.is_cancelled() => Err(aborted()),
            Some(c) => {
                let sleep = std::pin::pin!(self.clock().sleep(wait));
                match select(sleep, std::pin::pin!(c.cancelled())).await {
                    Either::Left(_) => Ok(()),
                    Either::Right(_) => Err(aborted()),
                }
            }
            None => {
                self.clock().sleep(wait).await;
                Ok(())
            }
        }
    }
}

/// An error carrying the job as `body`; the caller redacts it (a job's text comes from the
/// server, which may echo the key).
fn job_error(kind: ErrorKind, message: String, job: Value) -> Error {
    let mut e = Error::new(kind, message);
    e.body = Some(job);
    e
}

/// `backgroundJobs.wait` options as JS passes them, minus `signal` and `onProgress` (which the
/// facade takes out first, as they are not data).
#[derive(Debug, Default)]
pub struct JsWaitOptions {
    /// Milliseconds between polls (default 1000, at least 50).
    pub interval_ms: Option<f64>,
    /// Limit on the whole wait in milliseconds (default 600000).
    pub timeout_ms: Option<f64>,
    /// Keys of the job's `data` to fetch.
    pub data_fields: Option<Vec<String>>,
}

impl crate::input::Input for JsWaitOptions {
    const KEYS: &'static [&'static str] = &["intervalMs", "timeoutMs", "dataFields"];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(JsWaitOptions {
            interval_ms: f.number("intervalMs")?,
            timeout_ms: f.number("timeoutMs")?,
            data_fields: f.strings("dataFields")?,
        })
    }
}

impl JsWaitOptions {
    /// The core options (without cancel token and callback).
    pub fn into_options<'a>(self) -> Result<WaitOptions<'a>> {
        let ms = |field: &str, v: f64| -> Result<Duration> {
            if !v.is_finite() || v <= 0.0 {
                return Err(Error::validation(
                    field,
                    "must be a positive number of milliseconds",
                ));
            }
            // Saturating: `timeoutMs: 1e23` means "as long as it takes", not an overflow.
            Ok(duration_from_ms(v))
        };
        let mut o = WaitOptions::default();
        if let Some(v) = self.interval_ms {
            o.interval = ms("intervalMs", v)?;
        }
        if let Some(v) = self.timeout_ms {
            o.timeout = Some(ms("timeoutMs", v)?);
        }
        o.data_fields = self.data_fields;
        Ok(o)
    }
}
