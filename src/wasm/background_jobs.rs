//! `client.backgroundJobs`: reading background jobs for JS.

use super::convert::{input_or_default, output, string_arg, typed};
use super::errors::to_js_error;
use super::signal::{split_options, AbortLink, Callback, SplitOptions};
use super::Core;
use crate::jobs::{JobRef, JsWaitOptions};
use crate::models::{BackgroundJob, BackgroundJobGetParams};
use crate::RequestOptions;
use std::rc::Rc;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Background job operations (`client.backgroundJobs`).
#[wasm_bindgen]
pub struct BackgroundJobsApi {
    core: Rc<Core>,
}

impl BackgroundJobsApi {
    pub(crate) fn new(core: Rc<Core>) -> Self {
        BackgroundJobsApi { core }
    }
}

#[wasm_bindgen]
impl BackgroundJobsApi {
    /// `GET /background-jobs/{id}`: the job (id is a 24-hex string); `data_fields` picks the
    /// keys of `data` to include.
    pub async fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        params: Option<Ts<BackgroundJobGetParams>>,
    ) -> Result<Ts<BackgroundJob>, JsValue> {
        let id = string_arg("id", &id)?;
        let p = input_or_default("backgroundJobs.get params", params)?;
        let core = self.core.clone();
        let job = core
            .background_jobs()
            .get(&id, &p, &RequestOptions::default())
            .await
            .map_err(to_js_error)?;
        typed(&job)
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_WAIT_FOR_JOB: &'static str = r#"
/** Options of `backgroundJobs.wait`. */
export interface WaitForJobOptions {
  /** Milliseconds between polls (default 1000, at least 50). Each poll takes rate-limit budget. */
  intervalMs?: number;
  /** Give up after this many milliseconds (default 600000): rejects with a `TimeoutError` whose
   * `body` is the last job seen. The job itself goes on. */
  timeoutMs?: number;
  /** Stops waiting (rejects with an `AbortError`); the job itself goes on. */
  signal?: AbortSignal;
  /** Called with the job whenever its status or progress changes, first with the job as first
   * seen. If it throws, the wait rejects with that exception. */
  onProgress?: (job: BackgroundJob) => void;
  /** Keys of the job's `data` to fetch (`data_fields`), e.g. `["moved_leads"]`. */
  dataFields?: string[];
}
"#;

#[wasm_bindgen]
impl BackgroundJobsApi {
    /// Polls `GET /background-jobs/{id}` until the job ends. Resolves with the final job on
    /// `success`; rejects with a `JobFailedError` (`code: "job_failed"`, `body`: the job) when
    /// it ends `failed` or `cancelled`, with a `TimeoutError` (`body`: the last job seen) after
    /// `timeoutMs`, and with an `AbortError` when `signal` aborts. Pass the job `leads.move`
    /// answered, or its id.
    pub async fn wait(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BackgroundJob | string")] job: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitForJobOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<Ts<BackgroundJob>, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let split: SplitOptions<JsWaitOptions> =
            split_options("backgroundJobs.wait options", &options)?;
        let job = job_ref(job)?;
        let callback = split.on_progress.map(Callback::new);
        let report = |j: &BackgroundJob| -> crate::Result<()> {
            match &callback {
                Some(cb) => cb.call(&output(j).map_err(|_| {
                    crate::Error::new(crate::ErrorKind::Decode, "could not convert the job")
                })?),
                None => Ok(()),
            }
        };
        let mut opts = split.data.into_options().map_err(to_js_error)?;
        opts.cancel = split.abort.as_ref().map(AbortLink::token);
        opts.on_progress = Some(&report);
        let core = self.core.clone();
        let result = core.wait_for_job(job, &opts).await;
        if let Some(thrown) = callback.as_ref().and_then(Callback::take_thrown) {
            return Err(thrown);
        }
        typed(&result.map_err(to_js_error)?)
    }
}

/// A job id (string) or a job object (decoded leniently: it usually comes from the API).
fn job_ref(job: JsValue) -> Result<JobRef, JsValue> {
    if let Some(id) = job.as_string() {
        return Ok(JobRef::Id(id));
    }
    let json = super::convert::read_json(&job, "", "job").map_err(to_js_error)?;
    serde_json::from_value::<BackgroundJob>(json)
        .map(|j| JobRef::Job(Box::new(j)))
        .map_err(|e| {
            to_js_error(crate::Error::validation(
                "job",
                format!("must be a BackgroundJob or a job id: {e}"),
            ))
        })
}
