//! Background jobs (`GET /background-jobs/{id}`): what `POST /leads/move` and other
//! long-running operations answer with.
//!
//! Wire traps: the id is a 24-hex ObjectId (`"675266e304a8e55b17f0228b"`), not a UUID, and the
//! timestamps are `created_at`/`updated_at` (not `timestamp_*`).

use crate::error::{Error, Result};
use crate::validate::Validate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Every `BackgroundJob.status` the spec lists.
pub const BACKGROUND_JOB_STATUSES: &[&str] = &[
    "pending",
    "in-progress",
    "success",
    "failed",
    "draining",
    "paused",
    "cancelled",
];

/// A background job. Poll it with `backgroundJobs.get(id)` until [`BackgroundJob::is_finished`].
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct BackgroundJob {
    /// Job id: a 24-character hex string (not a UUID).
    pub id: String,
    /// Workspace UUID.
    pub workspace_id: String,
    /// UUID of the user whose action created the job.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Kind of job: `move-leads`, `import-leads`, `export-leads`, `update-warmup-accounts`,
    /// `rename-variable`, … (an open set).
    #[serde(rename = "type")]
    pub job_type: String,
    /// UUID of the entity the job works on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Kind of entity: `list`, `campaign`, `workspace`, … (an open set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    /// Job data, e.g. `moved_lead_emails` (first 10,000) and `moved_leads` for `move-leads`
    /// jobs; choose keys with `data_fields`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Map<String, Value>>,
    /// Progress, 0–100.
    pub progress: f64,
    /// `pending`, `in-progress`, `success`, `failed`, `draining`, `paused` or `cancelled`
    /// (kept as a string so that new values decode).
    pub status: String,
    /// Creation time (ISO 8601).
    pub created_at: String,
    /// Last update time (ISO 8601).
    pub updated_at: String,
}

impl BackgroundJob {
    /// True once the job will not change any more: `success`, `failed` or `cancelled`.
    /// (`paused` and `draining` jobs may still resume.)
    pub fn is_finished(&self) -> bool {
        matches!(self.status.as_str(), "success" | "failed" | "cancelled")
    }

    /// True when the job succeeded.
    pub fn is_success(&self) -> bool {
        self.status == "success"
    }

    /// True when the job failed or was cancelled.
    pub fn is_failed(&self) -> bool {
        matches!(self.status.as_str(), "failed" | "cancelled")
    }
}

/// Query of `GET /background-jobs/{id}`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct BackgroundJobGetParams {
    /// Keys of `data` to include (sent comma-separated), e.g.
    /// `["moved_lead_emails", "moved_leads"]` or `["success_count", "failed_count"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_fields: Option<Vec<String>>,
}

impl BackgroundJobGetParams {
    /// The query pairs: `data_fields=a,b` when set.
    pub fn to_query(&self) -> Vec<(String, String)> {
        match &self.data_fields {
            Some(f) if !f.is_empty() => vec![("data_fields".into(), f.join(","))],
            _ => Vec::new(),
        }
    }
}

impl Validate for BackgroundJobGetParams {
    fn validate(&self) -> Result<()> {
        for (i, f) in self.data_fields.iter().flatten().enumerate() {
            if f.trim().is_empty() || f.contains(',') {
                return Err(Error::validation(
                    format!("data_fields[{i}]"),
                    "must be one non-empty key without commas",
                ));
            }
        }
        Ok(())
    }
}
