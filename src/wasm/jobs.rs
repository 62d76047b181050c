//! `client.backgroundJobs.wait(job, options)`: polling a background job ([`crate::jobs`]).

use super::convert::output;
use super::engine::Engine;
use super::errors::to_js_error;
use super::signal::{split_options, AbortLink, Callback, SplitOptions};
use crate::jobs::JsWaitOptions;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_WAIT_FOR_JOB: &'static str = r#"
/** Options of `backgroundJobs.wait`. */
export interface WaitOptions {
  /** Milliseconds between polls (default 1000, at least 50). Each poll takes rate-limit budget. */
  intervalMs?: number | undefined;
  /** Give up after this many milliseconds (default 600000): rejects with a `TimeoutError` whose
   * `body` is the last job seen (absent when no poll answered). A poll still running then is
   * abandoned; one last poll is a single attempt, cut off after the client's per-request
   * `timeoutMs`. The job itself goes on. */
  timeoutMs?: number | undefined;
  /** Stops waiting (rejects with an `AbortError`); the job itself goes on. */
  signal?: AbortSignal | undefined;
  /** Called with the job whenever its status or progress changes, first with the job as first
   * seen. If it throws, the wait rejects with that exception. */
  onProgress?: ((job: BackgroundJob) => void) | undefined;
  /** Keys of the job's `data` to fetch (`data_fields`), e.g. `["moved_leads"]`. */
  dataFields?: string[] | undefined;
}

/** The former name of {@link WaitOptions}. */
export type WaitForJobOptions = WaitOptions;
"#;

#[wasm_bindgen]
impl Engine {
    /// Polls `GET /background-jobs/{id}` until the job ends. Resolves with the final job on
    /// `success`; rejects with a `JobFailedError` (`code: "job_failed"`, `body`: the job) when
    /// it ends `failed` or `cancelled`, with a `TimeoutError` (`body`: the last job seen, absent
    /// when no poll answered) after `timeoutMs`, and with an `AbortError` when `signal` aborts.
    #[wasm_bindgen(js_name = waitJob, skip_typescript)]
    pub fn wait_job(&self, job: JsValue, options: JsValue) -> Promise {
        let read = || -> Result<_, JsValue> {
            let core = self.core()?;
            let split: SplitOptions<JsWaitOptions> =
                split_options("backgroundJobs.wait options", &options)?;
            let job = job_ref(&job)?;
            Ok((core, job, split))
        };
        let (core, job, split) = match read() {
            Ok(r) => r,
            Err(e) => return Promise::reject(&e),
        };
        super::promise(async move {
            let callback = split.on_progress.map(Callback::new);
            let report = |j: &serde_json::Value| -> crate::Result<()> {
                match &callback {
                    Some(cb) => cb.call(&output(j).map_err(|_| {
                        crate::Error::new(crate::ErrorKind::Decode, "could not convert the job")
                    })?),
                    None => Ok(()),
                }
            };
            let mut opts = split.data.into_options().map_err(to_js_error)?;
            opts.cancel = split.abort.as_ref().map(AbortLink::token);
            let (id, first) = job;
            let result = core.wait_for_job_json(&id, first, &opts, &report).await;
            if let Some(thrown) = callback.as_ref().and_then(Callback::take_thrown) {
                return Err(thrown);
            }
            output(&result.map_err(to_js_error)?)
        })
    }
}

/// A job id (string), or a job object (usually an answer of the API): its `id` and the object
/// as the first observation.
fn job_ref(job: &JsValue) -> Result<(String, Option<serde_json::Value>), JsValue> {
    if let Some(id) = job.as_string() {
        return Ok((id, None));
    }
    let json = super::convert::read_json(job, "", "job").map_err(to_js_error)?;
    match json.get("id").and_then(serde_json::Value::as_str) {
        Some(id) => Ok((id.to_string(), Some(json))),
        // A finished job settles the wait without a poll, so without an id.
        None if crate::jobs::is_finished_job(&json) => Ok((String::new(), Some(json))),
        None => Err(to_js_error(crate::Error::validation(
            "job",
            "must be a job id or a BackgroundJob with its id",
        ))),
    }
}
