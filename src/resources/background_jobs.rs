//! `client.background_jobs()`: reading the jobs that long operations (lead moves, imports)
//! answer with.

use super::item_path;
use crate::client::{Client, RequestOptions};
use crate::http::{ApiRequest, Clock, PathFormat, Transport};
use crate::models::{BackgroundJob, BackgroundJobGetParams};
use crate::validate::Validate;
use crate::Result;

/// Background job operations; get one with [`Client::background_jobs`].
pub struct BackgroundJobs<'a, T, C> {
    client: &'a Client<T, C>,
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Background job operations.
    pub fn background_jobs(&self) -> BackgroundJobs<'_, T, C> {
        BackgroundJobs { client: self }
    }
}

impl<T: Transport, C: Clock> BackgroundJobs<'_, T, C> {
    /// `GET /background-jobs/{id}?data_fields=a,b`: the job's state. `id` is a 24-hex
    /// ObjectId, not a UUID; `data_fields` picks the keys of `data` to include.
    pub async fn get(
        &self,
        id: &str,
        params: &BackgroundJobGetParams,
        opts: &RequestOptions,
    ) -> Result<BackgroundJob> {
        let path = item_path("background-jobs", "id", id, PathFormat::Hex24, "")?;
        params.validate()?;
        let mut req = ApiRequest::get(path);
        req.query = params.to_query();
        self.client.request(req, opts).await
    }

    /// Polls `GET /background-jobs/{id}` until the job succeeds (`Ok` with the final job),
    /// fails or is cancelled (`JobFailed`), or `opts.timeout` passes (`Timeout`). See
    /// [`crate::jobs`].
    pub async fn wait(
        &self,
        job: impl Into<crate::jobs::JobRef>,
        opts: &crate::jobs::WaitOptions<'_>,
    ) -> Result<BackgroundJob> {
        self.client.wait_for_job(job, opts).await
    }
}
