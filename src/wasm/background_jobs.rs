//! `client.backgroundJobs`: reading background jobs for JS.

use super::convert::{input_or_default, typed};
use super::errors::to_js_error;
use super::Core;
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
        id: String,
        params: Option<Ts<BackgroundJobGetParams>>,
    ) -> Result<Ts<BackgroundJob>, JsValue> {
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
