//! Waiting for background jobs: poll `GET /background-jobs/{id}` until the job succeeds, fails,
//! or a timeout passes.
//!
//! `POST /leads/move` (and other long operations) answer with a [`BackgroundJob`](crate::models::BackgroundJob) whose `status`
//! moves through `pending` → `in-progress` → `success` | `failed` | `cancelled` (a job may also
//! be `paused` or `draining` and resume; those keep the wait going). [`Client::wait_for_job`]
//! polls every `interval` on the client's clock (each poll takes rate-limit budget like any
//! call) and:
//!
//! * resolves with the final job on `success`;
//! * fails with [`ErrorKind::JobFailed`] on `failed` or `cancelled`, the job in `body`;
//! * fails with [`ErrorKind::Timeout`] once `timeout` has passed since the wait began (one last
//!   poll happens at the deadline), the last job seen in `body`;
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
use crate::http::{path_value, Clock, PathFormat, Transport};
use crate::models::{BackgroundJob, BackgroundJobGetParams};
use crate::retry::{duration_from_ms, duration_from_secs};
use crate::validate::Validate;
use futures::future::{select, Either};
use std::time::Duration;

/// Default time between polls.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);
/// Default limit on the whole wait.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
/// Shortest accepted interval.
pub const MIN_INTERVAL: Duration = Duration::from_millis(50);

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

impl<T: Transport, C: Clock> Client<T, C> {
    /// Polls the job until it finishes; see [`crate::jobs`].
    pub async fn wait_for_job(
        &self,
        job: impl Into<JobRef>,
        opts: &WaitOptions<'_>,
    ) -> Result<BackgroundJob> {
        if opts.interval < MIN_INTERVAL {
            return Err(Error::validation(
                "intervalMs",
                format!("must be at least {} ms", MIN_INTERVAL.as_millis()),
            ));
        }
        if opts.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::validation("timeoutMs", "must be greater than 0"));
        }
        let params = BackgroundJobGetParams {
            data_fields: opts.data_fields.clone(),
        };
        params.validate()?;
        // The wire form the engine checks: one comma-separated string, absent when empty.
        let query = crate::generated::models::BackgroundJobGetParams {
            data_fields: params
                .data_fields
                .as_ref()
                .filter(|f| !f.is_empty())
                .map(|f| f.join(",")),
        };
        let (id, mut known) = match job.into() {
            JobRef::Id(id) => (id, None),
            JobRef::Job(job) => (job.id.clone(), Some(*job)),
        };
        path_value("id", &id, PathFormat::Hex24)?;
        let request = RequestOptions {
            cancel: opts.cancel.clone(),
            ..Default::default()
        };
        // In f64 milliseconds: any `Duration` fits (`Duration::MAX` is about 1.8e22 ms).
        let deadline = opts
            .timeout
            .map(|t| self.clock().now_ms() + t.as_secs_f64() * 1000.0);
        let mut reported: Option<(String, f64)> = None;
        loop {
            let job = match known.take() {
                Some(job) => job,
                None => {
                    self.call(
                        engine_op("backgroundJobs.get")?,
                        &[&id],
                        Some(&query),
                        &request,
                    )
                    .await?
                }
            };
            let seen = (job.status.clone(), job.progress);
            if reported.as_ref() != Some(&seen) {
                if let Some(f) = opts.on_progress {
                    f(&job)?;
                }
                reported = Some(seen);
            }
            if job.is_success() {
                return Ok(job);
            }
            if job.is_failed() {
                return Err(job_error(
                    ErrorKind::JobFailed,
                    format!(
                        "background job {} ({}) ended {} at {}%",
                        job.id, job.job_type, job.status, job.progress
                    ),
                    &job,
                ));
            }
            let mut wait = opts.interval;
            if let (Some(deadline), Some(timeout)) = (deadline, opts.timeout) {
                let left = deadline - self.clock().now_ms();
                if left <= 0.0 {
                    return Err(job_error(
                        ErrorKind::Timeout,
                        format!(
                            "background job {} ({}) still {} at {}% after {} ms",
                            job.id,
                            job.job_type,
                            job.status,
                            job.progress,
                            timeout.as_millis()
                        ),
                        &job,
                    ));
                }
                wait = wait.min(duration_from_secs(left / 1000.0));
            }
            self.pause(wait, opts.cancel.as_ref()).await?;
        }
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

fn job_error(kind: ErrorKind, message: String, job: &BackgroundJob) -> Error {
    let mut e = Error::new(kind, message);
    e.body = serde_json::to_value(job).ok();
    e
}

/// `backgroundJobs.wait` options as JS passes them, minus `signal` and `onProgress` (which the
/// facade takes out first, as they are not data).
#[derive(serde::Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub struct JsWaitOptions {
    /// Milliseconds between polls (default 1000, at least 50).
    #[serde(default)]
    pub interval_ms: Option<f64>,
    /// Limit on the whole wait in milliseconds (default 600000).
    #[serde(default)]
    pub timeout_ms: Option<f64>,
    /// Keys of the job's `data` to fetch.
    #[serde(default)]
    pub data_fields: Option<Vec<String>>,
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
