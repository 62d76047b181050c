//! The bulk import engine behind `leads.import`: any number of leads into one campaign or list,
//! with a report that accounts for every input row exactly once.
//!
//! # Steps
//!
//! 1. **Local checks.** Every lead is checked like `POST /leads/add` would (an email in campaign
//!    mode, a valid email when given, an email or a name in list mode, scalar custom variables).
//!    Rows that fail go to `rejected` with the reason. Rows repeating an earlier row's email
//!    (case-insensitive, trimmed) go to `rejected` as duplicates; the first one is kept.
//! 2. **Chunks.** The remaining rows are sent in order in chunks of `chunk_size` (≤ 1000), up to
//!    `concurrency` chunks in flight, each request taking rate-limit budget like any call.
//! 3. **Accounting.** A chunk's answer maps `created_leads[].index` (a position in the chunk)
//!    back to input rows → `created` with the id; the chunk's other rows → `not_created`, the
//!    answer's counts summed in `server_counts`.
//!
//! # Failures
//!
//! * **429** is retried inside the request loop (the server did not process it); when retries
//!   run out the chunk is sent again later, up to `max_attempts`.
//! * **A failure the server may have processed** (timeout, dropped connection, 5xx, a 2xx whose
//!   body cannot be read) is followed by a **re-send of the same chunk with the same options**,
//!   up to `max_attempts`. That cannot duplicate a lead: the API never re-adds a lead that is
//!   already in the target campaign or list (it counts it in `duplicated_leads`, "were already
//!   in this specific campaign or list and were not re-added"). The `skip_if_in_campaign` /
//!   `skip_if_in_list` flags are deliberately *not* added to a re-send: they would also skip
//!   leads present in *other* campaigns or lists, changing what the import does.
//!   Leads **without an email** (list imports by name) are not de-duplicated by the API, so they
//!   are left out of a re-send and reported in `failed` with `maybe_created: true`.
//! * **After a re-send**, a row the lost first attempt created comes back as "already there":
//!   it lands in `not_created` with `maybe_created: true` (its id is unknown to the importer;
//!   look it up by email if needed). Rows created by the re-send are in `created` as usual.
//! * **Any other error** (400, 401, 402, 403, 404, …) fails the chunk at once: its rows go to
//!   `failed` with the error (`maybe_created` when an earlier attempt was ambiguous).
//!
//! # Cancellation and progress
//!
//! When `cancel` fires, no further chunk is started and chunks waiting for rate-limit budget
//! or a re-send are not sent; a request already in flight is allowed to finish so its rows are
//! accounted exactly. Unsent rows go to `failed` with an `aborted` error. `on_progress` gets
//! `{processed, total, created, failed}` after each chunk; if it returns an error the import
//! stops the same way, with that error on the unsent rows.

use crate::cancel::CancelToken;
use crate::client::{Client, RequestOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{Clock, Transport};
use crate::models::{
    ImportCreated, ImportError, ImportFailed, ImportNotCreated, ImportProgress, ImportRejected,
    ImportReport, LeadBulkAddParams, LeadBulkAddResult, LeadBulkItem, LeadImportSettings,
    MAX_BULK_LEADS,
};
use crate::validate;
use futures::future::{select, Either};
use futures::stream::{FuturesUnordered, StreamExt};
use std::collections::HashMap;

/// Default chunks in flight.
pub const DEFAULT_CONCURRENCY: u32 = 4;
/// Most chunks in flight.
pub const MAX_CONCURRENCY: u32 = 16;
/// Default attempts per chunk.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 4;

/// A progress callback; an error stops the import (see the module docs).
pub type ImportProgressFn<'a> = dyn Fn(&ImportProgress) -> Result<()> + 'a;

/// How to import: the settings (target, `POST /leads/add` options, concurrency) plus the
/// cancel token and progress callback.
#[derive(Default)]
pub struct ImportOptions<'a> {
    /// Target, bulk-add options, concurrency, chunk size, attempts.
    pub settings: LeadImportSettings,
    /// Stops the import (see the module docs).
    pub cancel: Option<CancelToken>,
    /// Called after each chunk.
    pub on_progress: Option<&'a ImportProgressFn<'a>>,
}

/// Checked settings.
struct Plan {
    base: LeadBulkAddParams,
    concurrency: usize,
    chunk_size: usize,
    max_attempts: u32,
}

fn plan(s: &LeadImportSettings) -> Result<Plan> {
    validate::exactly_one(
        ("campaign_id", s.campaign_id.is_some()),
        ("list_id", s.list_id.is_some()),
    )?;
    for (field, id) in [
        ("campaign_id", &s.campaign_id),
        ("list_id", &s.list_id),
        ("blocklist_id", &s.blocklist_id),
        ("assigned_to", &s.assigned_to),
    ] {
        if let Some(id) = id {
            crate::http::validate_id(field, id)?;
        }
    }
    let concurrency = s.concurrency.unwrap_or(DEFAULT_CONCURRENCY);
    if !(1..=MAX_CONCURRENCY).contains(&concurrency) {
        return Err(Error::validation(
            "concurrency",
            format!("must be between 1 and {MAX_CONCURRENCY}"),
        ));
    }
    let chunk_size = s.chunk_size.unwrap_or(MAX_BULK_LEADS as u32);
    if !(1..=MAX_BULK_LEADS as u32).contains(&chunk_size) {
        return Err(Error::validation(
            "chunkSize",
            format!("must be between 1 and {MAX_BULK_LEADS}"),
        ));
    }
    let max_attempts = s.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS);
    if !(1..=10).contains(&max_attempts) {
        return Err(Error::validation("maxAttempts", "must be between 1 and 10"));
    }
    let base = LeadBulkAddParams {
        leads: Vec::new(),
        campaign_id: s.campaign_id.clone(),
        list_id: s.list_id.clone(),
        blocklist_id: s.blocklist_id.clone(),
        assigned_to: s.assigned_to.clone(),
        verify_leads_on_import: s.verify_leads_on_import,
        skip_if_in_workspace: s.skip_if_in_workspace,
        skip_if_in_campaign: s.skip_if_in_campaign,
        skip_if_in_list: s.skip_if_in_list,
    };
    check_settings(&base)?;
    Ok(Plan {
        base,
        concurrency: concurrency as usize,
        chunk_size: chunk_size as usize,
        max_attempts,
    })
}

/// Checks the settings as the engine checks every chunk (`campaign_id` and `list_id` are
/// UUIDs, …), with one stand-in lead: a bad setting fails the import before anything is sent,
/// instead of failing every row.
fn check_settings(base: &LeadBulkAddParams) -> Result<()> {
    let op = crate::engine::engine_op("leads.bulkAdd")?;
    let mut params = serde_json::to_value(base)
        .map_err(|e| Error::new(ErrorKind::Validation, format!("settings are not JSON: {e}")))?;
    if let Some(m) = params.as_object_mut() {
        m.insert(
            "leads".into(),
            serde_json::json!([{ "email": "settings-check@example.com" }]),
        );
    }
    crate::engine::prepare(op, &[], params).map(|_| ())
}

/// Checks every lead locally and drops in-batch duplicates; returns the indices to send.
fn screen(leads: &[LeadBulkItem], in_campaign: bool, report: &mut ImportReport) -> Vec<usize> {
    let mut first_by_email: HashMap<String, usize> = HashMap::new();
    let mut keep = Vec::with_capacity(leads.len());
    for (i, lead) in leads.iter().enumerate() {
        let at = |f: &str| f.to_string();
        let checked = crate::models::check_identity(
            &at,
            in_campaign,
            &lead.email,
            &lead.first_name,
            &lead.last_name,
        )
        .and_then(|_| {
            validate::custom_variables("custom_variables", lead.custom_variables.as_ref())
        });
        if let Err(e) = checked {
            report.rejected.push(ImportRejected {
                index: i as u64,
                reason: e.message.clone(),
                field: e.field.clone(),
            });
            continue;
        }
        if let Some(email) = &lead.email {
            let key = email.trim().to_lowercase();
            if let Some(&first) = first_by_email.get(&key) {
                report.rejected.push(ImportRejected {
                    index: i as u64,
                    reason: format!("same email as leads[{first}] (compared case-insensitively)"),
                    field: Some("email".into()),
                });
                continue;
            }
            first_by_email.insert(key, i);
        }
        keep.push(i);
    }
    keep
}

/// What became of one chunk.
struct ChunkOutcome {
    /// `(input index, lead id)`.
    created: Vec<(usize, String)>,
    /// `(input index, maybe_created)`.
    not_created: Vec<(usize, bool)>,
    /// `(input index, error, maybe_created)`.
    failed: Vec<(usize, ImportError, bool)>,
    answers: Vec<crate::models::LeadBulkAddResult>,
    requests: u64,
    resent: bool,
}

fn is_ambiguous(e: &Error) -> bool {
    matches!(
        e.kind,
        ErrorKind::Timeout | ErrorKind::Connection | ErrorKind::Server | ErrorKind::Decode
    )
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// One `POST /leads/add` through the engine (checked against the spec like any call).
    async fn bulk_add_chunk(
        &self,
        params: &LeadBulkAddParams,
        opts: &RequestOptions,
    ) -> Result<LeadBulkAddResult> {
        let op = crate::engine::engine_op("leads.bulkAdd")?;
        self.call(op, &[], Some(params), opts).await
    }

    /// Imports `leads` into one campaign or list; see [`crate::import`]. Fails only for bad
    /// settings (before anything is sent); everything else is in the report.
    pub async fn import_leads(
        &self,
        leads: &[LeadBulkItem],
        opts: &ImportOptions<'_>,
    ) -> Result<ImportReport> {
        let plan = plan(&opts.settings)?;
        let mut report = ImportReport {
            total: leads.len() as u64,
            ..Default::default()
        };
        let keep = screen(leads, plan.base.campaign_id.is_some(), &mut report);
        let mut chunks = keep.chunks(plan.chunk_size).map(<[usize]>::to_vec);
        // Cancelled on the caller's cancel or a progress error: chunks not yet sent stop.
        let halt = CancelToken::new();
        let mut in_flight = FuturesUnordered::new();
        let mut stop: Option<Error> = None;
        let mut progress = ImportProgress {
            processed: report.rejected.len() as u64,
            total: report.total,
            ..Default::default()
        };
        loop {
            if stop.is_none() && opts.cancel.as_ref().is_some_and(CancelToken::is_cancelled) {
                stop = Some(aborted_before_send());
                halt.cancel();
            }
            while stop.is_none() && in_flight.len() < plan.concurrency {
                match chunks.next() {
                    Some(chunk) => in_flight.push(self.run_chunk(leads, chunk, &plan, &halt)),
                    None => break,
                }
            }
            let next = in_flight.next();
            let outcome = match (&opts.cancel, stop.is_none()) {
                (Some(user), true) => match select(next, std::pin::pin!(user.cancelled())).await {
                    Either::Left((outcome, _)) => outcome,
                    Either::Right((_, next)) => {
                        stop = Some(aborted_before_send());
                        halt.cancel();
                        next.await
                    }
                },
                _ => next.await,
            };
            let Some(outcome) = outcome else {
                break;
            };
            progress.processed +=
                (outcome.created.len() + outcome.not_created.len() + outcome.failed.len()) as u64;
            progress.created += outcome.created.len() as u64;
            progress.failed += outcome.failed.len() as u64;
            record(&mut report, outcome);
            if let (None, Some(f)) = (&stop, opts.on_progress) {
                if let Err(e) = f(&progress) {
                    stop = Some(e);
                    halt.cancel();
                }
            }
        }
        if let Some(e) = stop {
            let error = ImportError::from(&e);
            for chunk in chunks {
                for index in chunk {
                    report.failed.push(ImportFailed {
                        index: index as u64,
                        error: error.clone(),
                        maybe_created: false,
                    });
                }
            }
        }
        report.created.sort_by_key(|c| c.index);
        report.rejected.sort_by_key(|r| r.index);
        report.not_created.sort_by_key(|n| n.index);
        report.failed.sort_by_key(|f| f.index);
        Ok(report)
    }

    /// Sends one chunk until it is answered, fails for good, runs out of attempts or is
    /// cancelled before a send.
    async fn run_chunk(
        &self,
        leads: &[LeadBulkItem],
        mut chunk: Vec<usize>,
        plan: &Plan,
        halt: &CancelToken,
    ) -> ChunkOutcome {
        let mut out = ChunkOutcome {
            created: Vec::new(),
            not_created: Vec::new(),
            failed: Vec::new(),
            answers: Vec::new(),
            requests: 0,
            resent: false,
        };
        let request = RequestOptions {
            cancel: Some(halt.clone()),
            cancel_before_send_only: true,
            ..Default::default()
        };
        // True once an attempt failed in a way the server may have processed.
        let mut maybe_sent = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut params = plan.base.clone();
            params.leads = chunk.iter().map(|&i| leads[i].clone()).collect();
            let result = self.bulk_add_chunk(&params, &request).await;
            let error = match result {
                Ok(answer) => {
                    out.requests += 1;
                    account(&mut out, &chunk, &answer, maybe_sent);
                    out.answers.push(answer);
                    return out;
                }
                Err(e) => e,
            };
            if error.kind == ErrorKind::Aborted {
                fail_all(&mut out, &chunk, &aborted_before_send(), maybe_sent);
                return out;
            }
            out.requests += 1;
            let ambiguous = is_ambiguous(&error);
            let retryable = ambiguous || error.kind == ErrorKind::RateLimit;
            maybe_sent |= ambiguous;
            if !retryable || attempt >= plan.max_attempts {
                fail_all(&mut out, &chunk, &error, maybe_sent);
                return out;
            }
            if ambiguous {
                out.resent = true;
                // Leads without an email are not de-duplicated by the API: never re-send them.
                let (with_email, without): (Vec<usize>, Vec<usize>) =
                    chunk.iter().partition(|&&i| leads[i].email.is_some());
                fail_all(&mut out, &without, &error, true);
                chunk = with_email;
                if chunk.is_empty() {
                    return out;
                }
            }
            let delay = self
                .options()
                .retry
                .delay(attempt - 1, error.retry_after, 0.5);
            if self.pause_unless_cancelled(delay, halt).await.is_err() {
                fail_all(&mut out, &chunk, &aborted_before_send(), maybe_sent);
                return out;
            }
        }
    }

    async fn pause_unless_cancelled(
        &self,
        delay: std::time::Duration,
        cancel: &CancelToken,
    ) -> Result<()> {
        if cancel.is_cancelled() {
            return Err(aborted_before_send());
        }
        let sleep = std::pin::pin!(self.clock().sleep(delay));
        match select(sleep, std::pin::pin!(cancel.cancelled())).await {
            Either::Left(_) => Ok(()),
            Either::Right(_) => Err(aborted_before_send()),
        }
    }
}

fn aborted_before_send() -> Error {
    Error::new(
        ErrorKind::Aborted,
        "the import was aborted before this chunk was sent",
    )
}

/// Maps one answer onto the chunk's rows.
fn account(
    out: &mut ChunkOutcome,
    chunk: &[usize],
    answer: &crate::models::LeadBulkAddResult,
    maybe_created: bool,
) {
    let mut taken = vec![false; chunk.len()];
    for c in &answer.created_leads {
        let Ok(pos) = usize::try_from(c.index) else {
            continue;
        };
        if pos < chunk.len() && !taken[pos] {
            taken[pos] = true;
            out.created.push((chunk[pos], c.id.clone()));
        }
    }
    for (pos, &index) in chunk.iter().enumerate() {
        if !taken[pos] {
            out.not_created.push((index, maybe_created));
        }
    }
}

fn fail_all(out: &mut ChunkOutcome, rows: &[usize], error: &Error, maybe_created: bool) {
    let e = ImportError::from(error);
    out.failed
        .extend(rows.iter().map(|&i| (i, e.clone(), maybe_created)));
}

fn record(report: &mut ImportReport, outcome: ChunkOutcome) {
    report.requests += outcome.requests;
    report.resent_chunks += u64::from(outcome.resent);
    for a in &outcome.answers {
        add_counts(&mut report.server_counts, a);
    }
    report
        .created
        .extend(outcome.created.into_iter().map(|(i, id)| ImportCreated {
            index: i as u64,
            id,
        }));
    report.not_created.extend(
        outcome
            .not_created
            .into_iter()
            .map(|(i, m)| ImportNotCreated {
                index: i as u64,
                maybe_created: m,
            }),
    );
    report.failed.extend(
        outcome
            .failed
            .into_iter()
            .map(|(i, error, m)| ImportFailed {
                index: i as u64,
                error,
                maybe_created: m,
            }),
    );
}

/// Adds one chunk answer's counts, saturating: the counts come from the server, and a hostile
/// or broken one answering `i64::MAX` twice must not overflow.
fn add_counts(c: &mut crate::models::ImportServerCounts, r: &crate::models::LeadBulkAddResult) {
    c.uploaded = c.uploaded.saturating_add(r.leads_uploaded);
    c.duplicated = c.duplicated.saturating_add(r.duplicated_leads);
    c.invalid_email = c.invalid_email.saturating_add(r.invalid_email_count);
    c.in_blocklist = c.in_blocklist.saturating_add(r.in_blocklist);
    c.skipped = c.skipped.saturating_add(r.skipped_count);
    c.incomplete = c.incomplete.saturating_add(r.incomplete_count);
    c.duplicate_email = c.duplicate_email.saturating_add(r.duplicate_email_count);
    if r.remaining_in_plan.is_some() {
        c.remaining_in_plan = r.remaining_in_plan;
    }
}
