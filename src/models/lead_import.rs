//! The bulk importer's options and report (`leads.import`), see [`crate::import`].

use crate::input::{Fields, Input, InputError};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// The data options of `leads.import` (JS passes `signal` and `onProgress` next to them):
/// exactly one of `campaign_id` or `list_id`, the `POST /leads/add` options applied to every
/// chunk, and how the import runs.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadImportSettings {
    /// Campaign UUID to import into. Exactly one of `campaign_id` or `list_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | undefined")]
    pub campaign_id: Option<String>,
    /// Lead list UUID to import into. Exactly one of `campaign_id` or `list_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | undefined")]
    pub list_id: Option<String>,
    /// Block list UUID to check against (default: the workspace's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | undefined")]
    pub blocklist_id: Option<String>,
    /// Assign every imported lead to this user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | undefined")]
    pub assigned_to: Option<String>,
    /// Start a background job verifying the imported emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "boolean | undefined")]
    pub verify_leads_on_import: Option<bool>,
    /// Skip leads that exist anywhere in the workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "boolean | undefined")]
    pub skip_if_in_workspace: Option<bool>,
    /// Skip leads that are in any campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "boolean | undefined")]
    pub skip_if_in_campaign: Option<bool>,
    /// Skip leads that are in any list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "boolean | undefined")]
    pub skip_if_in_list: Option<bool>,
    /// Chunks in flight at once (default 4, 1–16). Every request still waits for rate-limit
    /// budget.
    #[serde(
        default,
        rename = "concurrency",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(type = "number | undefined")]
    pub concurrency: Option<u32>,
    /// Leads per `POST /leads/add` (default and maximum 1000).
    #[serde(default, rename = "chunkSize", skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "number | undefined")]
    pub chunk_size: Option<u32>,
    /// Attempts per chunk after failures the server may have processed (timeouts, dropped
    /// connections, 5xx, unreadable answers) or rate limiting (default 4, 1–10).
    #[serde(
        default,
        rename = "maxAttempts",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional, type = "number | undefined")]
    pub max_attempts: Option<u32>,
    /// `"full"` (default): the report lists every row under `created` and `not_created`.
    /// `"summary"`: those two lists stay empty and only `counts` grows, so memory does not grow
    /// with the input (for streams of any length); `rejected` and `failed` are always listed.
    /// A summary import refuses a repeated email within a chunk; a repeat in a later chunk is
    /// sent, and the API answers it as not created (it never adds a lead twice to its target).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"full\" | \"summary\" | undefined")]
    pub report: Option<String>,
    /// A checkpoint from an earlier run over the same input (its last progress event, or its
    /// report): rows it accounts for are skipped; rows it was sending are sent again (the API
    /// does not re-add a lead already in the target), except rows without an email, which are
    /// reported `failed` with `maybe_created` instead.
    #[serde(
        default,
        rename = "resumeFrom",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional, type = "ImportCheckpoint | undefined")]
    pub resume_from: Option<ImportCheckpoint>,
    /// How to read a stream of CSV text (strings or bytes): `parseLeadsCsv`'s options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "CsvOptions | undefined")]
    pub csv: Option<crate::csv::CsvOptions>,
}

/// Where an import stands: what a resumed run can skip. Ranges are `[start, end)` of input
/// indices.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ImportCheckpoint {
    /// Every row before this index is accounted for.
    pub next: u64,
    /// Ranges at or after `next` that are accounted for too.
    #[serde(default)]
    pub done: Vec<[u64; 2]>,
    /// Ranges whose request was in flight: the service may hold their leads.
    #[serde(default)]
    pub unsure: Vec<[u64; 2]>,
}

impl Input for LeadImportSettings {
    const KEYS: &'static [&'static str] = &[
        "campaign_id",
        "list_id",
        "blocklist_id",
        "assigned_to",
        "verify_leads_on_import",
        "skip_if_in_workspace",
        "skip_if_in_campaign",
        "skip_if_in_list",
        "concurrency",
        "chunkSize",
        "maxAttempts",
        "report",
        "resumeFrom",
        "csv",
    ];

    fn read(f: &Fields<'_>) -> Result<Self, InputError> {
        Ok(LeadImportSettings {
            campaign_id: f.string("campaign_id")?,
            list_id: f.string("list_id")?,
            blocklist_id: f.string("blocklist_id")?,
            assigned_to: f.string("assigned_to")?,
            verify_leads_on_import: f.boolean("verify_leads_on_import")?,
            skip_if_in_workspace: f.boolean("skip_if_in_workspace")?,
            skip_if_in_campaign: f.boolean("skip_if_in_campaign")?,
            skip_if_in_list: f.boolean("skip_if_in_list")?,
            concurrency: f.u32("concurrency")?,
            chunk_size: f.u32("chunkSize")?,
            max_attempts: f.u32("maxAttempts")?,
            report: f.string("report")?,
            resume_from: f.object("resumeFrom")?,
            csv: f.object("csv")?,
        })
    }
}

impl Input for ImportCheckpoint {
    const KEYS: &'static [&'static str] = &["next", "done", "unsure"];

    fn read(f: &Fields<'_>) -> Result<Self, InputError> {
        Ok(ImportCheckpoint {
            next: f.u64("next")?.ok_or_else(|| f.required("next"))?,
            done: f.ranges("done")?,
            unsure: f.ranges("unsure")?,
        })
    }
}

impl ImportCheckpoint {
    /// Whether row `i` is accounted for by this checkpoint.
    pub fn covers(&self, i: u64) -> bool {
        i < self.next || self.done.iter().any(|[a, b]| (*a..*b).contains(&i))
    }

    /// Whether row `i` was in flight when this checkpoint was taken.
    pub fn unsure(&self, i: u64) -> bool {
        self.unsure.iter().any(|[a, b]| (*a..*b).contains(&i))
    }
}

/// How many rows ended where (what `"summary"` reports keep instead of the lists).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ImportCounts {
    /// Rows the API created.
    pub created: u64,
    /// Rows the API took but did not create.
    pub not_created: u64,
    /// Rows refused before sending.
    pub rejected: u64,
    /// Rows that failed.
    pub failed: u64,
    /// Rows skipped because `resumeFrom` accounts for them.
    pub skipped: u64,
}

/// What `onProgress` receives after each chunk.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ImportProgress {
    /// Input rows accounted for so far (rejected ones included).
    pub processed: u64,
    /// Input rows in total.
    pub total: u64,
    /// Rows created so far.
    pub created: u64,
    /// Rows failed so far.
    pub failed: u64,
    /// Where the import stands: pass it as `resumeFrom` to go on after a crash or a deploy.
    pub checkpoint: ImportCheckpoint,
}

/// The outcome of `leads.import`: every input index appears exactly once across `created`,
/// `rejected`, `not_created` and `failed` (each sorted by index).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// Number of input rows.
    pub total: u64,
    /// Rows the API created, with the new lead's id.
    pub created: Vec<ImportCreated>,
    /// Rows never sent: they failed local validation or repeat an earlier row's email.
    pub rejected: Vec<ImportRejected>,
    /// Rows the API took but did not create (already in the target, skipped by a `skip_if_*`
    /// flag, blocked, invalid…); `server_counts` says why in aggregate.
    pub not_created: Vec<ImportNotCreated>,
    /// Rows whose chunk failed for good (or was not sent because the import was aborted).
    pub failed: Vec<ImportFailed>,
    /// The API's counts, summed over every chunk answer.
    pub server_counts: ImportServerCounts,
    /// `POST /leads/add` requests that got an answer or an error (re-sends included).
    pub requests: u64,
    /// Chunks re-sent after a failure the server may have processed.
    pub resent_chunks: u64,
    /// How many rows ended where (kept in both report modes).
    pub counts: ImportCounts,
    /// Where the import ended: `next` is `total` when every row is accounted for.
    pub checkpoint: ImportCheckpoint,
    /// Why the import stopped before reading its whole input (an abort, a throwing
    /// `onProgress`, a source that failed); rows not read are in no list, `checkpoint` says
    /// where to resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub interrupted: Option<ImportError>,
}

/// A created row.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ImportCreated {
    /// Index in the input.
    pub index: u64,
    /// The new lead's id.
    pub id: String,
}

/// A row rejected before sending.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ImportRejected {
    /// Index in the input.
    pub index: u64,
    /// Why, e.g. `email: "x" is not a valid email address` or `same email as leads[3]
    /// (compared ignoring case)`.
    pub reason: String,
    /// The offending field, when one is to blame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A row the API took but did not create.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ImportNotCreated {
    /// Index in the input.
    pub index: u64,
    /// True when its chunk was re-sent after a failure the server may have processed: the
    /// lost first attempt may have created this lead (the re-send then finds it already in the
    /// target). Find it with `leads.list({ contacts: [email], … })` if you need its id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub maybe_created: bool,
}

/// A row whose chunk failed.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ImportFailed {
    /// Index in the input.
    pub index: u64,
    /// The error that ended its chunk.
    pub error: ImportError,
    /// True when a request carrying this row may have been processed before the failure
    /// (e.g. a timeout with no re-send left): the lead may exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub maybe_created: bool,
}

/// An error as plain data (shared by every row of a failed chunk).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ImportError {
    /// Error class name, e.g. `ServerError`, `AbortError`.
    pub name: String,
    /// Stable code, e.g. `server_error`, `aborted` (the `code` of the error it was).
    #[tsify(type = "InstantlyErrorCode")]
    pub code: String,
    /// Message.
    pub message: String,
    /// HTTP status, when a response arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

impl From<&crate::Error> for ImportError {
    fn from(e: &crate::Error) -> Self {
        ImportError {
            name: e.kind.name().to_string(),
            code: e.kind.code().to_string(),
            message: e.message.clone(),
            status: e.status,
        }
    }
}

/// The `POST /leads/add` counts, summed over every chunk answer.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ImportServerCounts {
    /// `leads_uploaded`: created.
    pub uploaded: i64,
    /// `duplicated_leads`: already in the target campaign or list.
    pub duplicated: i64,
    /// `invalid_email_count`.
    pub invalid_email: i64,
    /// `in_blocklist`.
    pub in_blocklist: i64,
    /// `skipped_count`: skipped by a `skip_if_*` flag.
    pub skipped: i64,
    /// `incomplete_count` (lists only).
    pub incomplete: i64,
    /// `duplicate_email_count`: repeated within one request (the importer drops in-batch
    /// duplicates first, so normally 0).
    pub duplicate_email: i64,
    /// `remaining_in_plan` of the last answer (campaign imports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_in_plan: Option<i64>,
}
