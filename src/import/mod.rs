//! The bulk import engine behind `leads.import`: any number of leads into one campaign or list,
//! with a report that accounts for every input row exactly once.
//!
//! The rows come from a [`LeadSource`](crate::import::LeadSource) (a list in memory, or a JS stream) and are read only as
//! far ahead as the chunks in flight need, so memory stays flat whatever the input's length
//! (with `report: "summary"`, the report too).
//!
//! # Steps
//!
//! 1. **Local checks.** Every lead is checked like `POST /leads/add` would (an email in campaign
//!    mode, a valid email when given, an email or a name in list mode, scalar custom variables).
//!    Rows that fail go to `rejected` with the reason. Rows repeating an earlier row's email
//!    (trimmed, ignoring the case of ASCII letters) go to `rejected` as duplicates; the first one
//!    is kept. A repeat the check misses (a non-ASCII letter in another case) is still
//!    accounted for: the API answers it as not created.
//! 2. **Chunks.** The remaining rows are sent in order in chunks of `chunk_size` (≤ 1000), up to
//!    `concurrency` chunks in flight, each request taking rate-limit budget like any call. A
//!    chunk goes out as soon as it is formed: the chunks in flight are sent, answered and
//!    retried while the import waits for the source's next rows.
//!
//! # Checkpoints
//!
//! Progress events and the report carry a checkpoint ([`ImportCheckpoint`](crate::models::ImportCheckpoint)): the rows accounted for
//! and the rows whose request was in flight. A run given `resume_from` skips the former and
//! sends the latter again, except leads without an email (the API would add them twice), which
//! are reported `failed` with `maybe_created`.
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
    ImportReport, LeadImportSettings,
};
use crate::sort::sort_by_key;
use crate::validate;
use futures::future::{select, Either};
use serde_json::{Map, Value};
use std::collections::HashMap;

mod in_flight;
mod lead;
mod source;
mod spans;

use in_flight::InFlight;
use lead::BulkAnswer;
pub use lead::{check_lead, check_lead_shape, Lead};
pub use source::{LeadSource, Row, VecSource};
use spans::{Spans, State};

/// Most leads one `POST /leads/add` accepts (the largest chunk).
pub const MAX_BULK_LEADS: usize = 1000;
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
    /// The body fields every chunk sends besides `leads`.
    base: Map<String, Value>,
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
    let mut base = Map::new();
    let ids = [
        ("campaign_id", &s.campaign_id),
        ("list_id", &s.list_id),
        ("blocklist_id", &s.blocklist_id),
        ("assigned_to", &s.assigned_to),
    ];
    for (field, id) in ids {
        if let Some(id) = id {
            base.insert(field.into(), Value::String(id.clone()));
        }
    }
    let flags = [
        ("verify_leads_on_import", s.verify_leads_on_import),
        ("skip_if_in_workspace", s.skip_if_in_workspace),
        ("skip_if_in_campaign", s.skip_if_in_campaign),
        ("skip_if_in_list", s.skip_if_in_list),
    ];
    for (field, flag) in flags {
        if let Some(flag) = flag {
            base.insert(field.into(), Value::Bool(flag));
        }
    }
    check_settings(&base)?;
    Ok(Plan {
        base,
        concurrency: concurrency as usize,
        chunk_size: chunk_size as usize,
        max_attempts,
    })
}

/// Checks the settings as the engine checks a call of `leads.bulkAdd` (`campaign_id` and
/// `list_id` are UUIDs, …), with one stand-in lead: a bad setting fails the import before
/// anything is sent, instead of failing every row. Every chunk then sends these settings
/// without checking them again (see [`lead::chunk_body`]).
fn check_settings(base: &Map<String, Value>) -> Result<()> {
    let (op, _) = lead::bulk_add()?;
    let mut params = base.clone();
    params.insert(
        "leads".into(),
        serde_json::json!([{ "email": "settings-check@example.com" }]),
    );
    crate::engine::prepare(op, &[], Value::Object(params)).map(|_| ())
}

/// Checks one lead locally, as `POST /leads/add` would, and against the emails seen before
/// (trimmed, ignoring the case of ASCII letters; the first row with an email is kept). `seen`
/// maps a hash of each email to its first row: over the whole input for a full report, within
/// the chunk for a summary (whose memory must not grow with the input).
fn screen(
    lead: &Lead,
    index: u64,
    in_campaign: bool,
    seen: &mut HashMap<u64, u64>,
) -> std::result::Result<(), ImportRejected> {
    check_lead(lead, "")
        .and_then(|_| lead::identity(lead, in_campaign))
        .map_err(|e| ImportRejected {
            index,
            reason: e.message.clone(),
            field: e.field.clone(),
        })?;
    if let Some(email) = lead::email(lead) {
        let key = email_key(email);
        if let Some(&first) = seen.get(&key) {
            return Err(ImportRejected {
                index,
                reason: format!("same email as leads[{first}] (compared ignoring case)"),
                field: Some("email".into()),
            });
        }
        seen.insert(key, index);
    }
    Ok(())
}

/// A 64-bit FNV-1a hash of the trimmed email with ASCII letters lower-cased. (Full Unicode
/// lower-casing would bring core's case tables, 6 KB of the wasm's gzip size, for letters that
/// email addresses hardly carry.)
fn email_key(email: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in email.trim().chars().map(|c| c.to_ascii_lowercase()) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// What became of one chunk.
struct ChunkOutcome {
    /// The chunk's span (see [`spans`]) and where it ends up.
    span: u64,
    end: State,
    /// `(input index, lead id)`.
    created: Vec<(u64, String)>,
    /// `(input index, maybe_created)`.
    not_created: Vec<(u64, bool)>,
    /// `(input index, error, maybe_created)`.
    failed: Vec<(u64, ImportError, bool)>,
    answers: Vec<BulkAnswer>,
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
    /// One `POST /leads/add` through the request loop, with a chunk's body (see
    /// [`lead::chunk_body`]): its settings were checked when the import was planned and each of
    /// its leads when it was screened, as `prepare` would check them.
    async fn bulk_add_chunk(&self, body: Vec<u8>, opts: &RequestOptions) -> Result<BulkAnswer> {
        let (op, _) = lead::bulk_add()?;
        let req = crate::engine::checked_body_request(op, body)?;
        let answer = self.request_value(req, opts).await?;
        Ok(lead::read_answer(&answer))
    }

    /// Imports `leads` into one campaign or list; see [`crate::import`]. Fails only for bad
    /// settings (before anything is sent); everything else is in the report.
    pub async fn import_leads(
        &self,
        leads: &[Lead],
        opts: &ImportOptions<'_>,
    ) -> Result<ImportReport> {
        self.import_from(&mut VecSource::new(leads), opts).await
    }

    /// Imports the rows of `source`, reading only as far ahead as the chunks in flight need;
    /// see [`crate::import`].
    pub async fn import_from<S: LeadSource>(
        &self,
        source: &mut S,
        opts: &ImportOptions<'_>,
    ) -> Result<ImportReport> {
        let plan = plan(&opts.settings)?;
        let summary = match opts.settings.report.as_deref() {
            None | Some("full") => false,
            Some("summary") => true,
            Some(other) => {
                return Err(Error::validation(
                    "report",
                    format!(
                        "must be \"full\" or \"summary\" (got {})",
                        crate::engine::formats::quote(other)
                    ),
                ))
            }
        };
        let resume = opts.settings.resume_from.clone().unwrap_or_default();
        let in_campaign = plan.base.contains_key("campaign_id");
        let mut run = Run {
            report: ImportReport::default(),
            spans: Spans::default(),
            seen: HashMap::new(),
            summary,
        };
        // Cancelled on the caller's cancel or a progress error: chunks not yet sent stop.
        let halt = CancelToken::new();
        let mut in_flight = InFlight::new();
        let mut stop: Option<Error> = None;
        let mut read: u64 = 0;
        let mut input_over = false;
        let mut source_failed: Option<Error> = None;
        // The chunk being filled: its rows, and where its span starts.
        let mut chunk: ChunkRows = Vec::new();
        let mut chunk_start: u64 = 0;
        let mut pending: std::collections::VecDeque<Row> = Default::default();
        loop {
            if stop.is_none() && opts.cancel.as_ref().is_some_and(CancelToken::is_cancelled) {
                stop = Some(aborted_before_send());
                halt.cancel();
            }
            // Fill and start chunks while there is room.
            while stop.is_none() && !input_over && in_flight.len() < plan.concurrency {
                if pending.is_empty() {
                    // The chunks in flight go on while the source is read (a slow source
                    // does not hold up chunks already formed), and the caller's abort also
                    // ends a wait on a slow or stalled source.
                    // A chunk answered meanwhile is recorded and reported at once; a progress
                    // error ends the read (the rows it would have given are not in the report).
                    let total = read + source.remaining().unwrap_or(0);
                    let next_rows = std::pin::pin!(source.next_rows(plan.chunk_size));
                    let next_rows = in_flight.while_running(next_rows, |outcome| {
                        run.settle(outcome, total, &mut stop, &halt, opts.on_progress);
                        stop.is_none()
                    });
                    let rows = match &opts.cancel {
                        Some(user) => {
                            match select(next_rows, std::pin::pin!(user.cancelled())).await {
                                Either::Left((rows, _)) => rows,
                                Either::Right(_) => None,
                            }
                        }
                        None => next_rows.await,
                    };
                    let Some(rows) = rows else {
                        if stop.is_none() {
                            stop = Some(aborted_before_send());
                        }
                        halt.cancel();
                        break;
                    };
                    match rows {
                        Ok(rows) if rows.is_empty() => input_over = true,
                        Ok(rows) => pending.extend(rows),
                        Err(e) => {
                            // The rows read so far are still sent; the report says why the
                            // reading ended.
                            source_failed = Some(e);
                            input_over = true;
                        }
                    }
                }
                while chunk.len() < plan.chunk_size {
                    let Some(row) = pending.pop_front() else {
                        break;
                    };
                    let i = read;
                    read += 1;
                    if resume.covers(i) {
                        // Close the chunk's span so far; the skipped row is its own, done.
                        if chunk_start < i {
                            if let Some((rows, id)) = run.close_chunk(chunk_start, i, &mut chunk) {
                                in_flight.push(self.run_chunk(rows, id, &plan, &halt));
                            }
                        }
                        run.spans.push(i, i + 1, State::Done);
                        run.report.counts.skipped += 1;
                        chunk_start = i + 1;
                        if in_flight.len() >= plan.concurrency {
                            break;
                        }
                        continue;
                    }
                    let lead = match row {
                        Row::Lead(l) => *l,
                        Row::Bad { reason, field } => {
                            run.reject(ImportRejected {
                                index: i,
                                reason,
                                field,
                            });
                            continue;
                        }
                    };
                    if let Err(r) = screen(&lead, i, in_campaign, &mut run.seen) {
                        run.reject(r);
                        continue;
                    }
                    let unsure = resume.unsure(i);
                    if unsure && lead::email(&lead).is_none() {
                        // It may be in the target already, and the API would add it again.
                        run.fail(i, &maybe_sent_before(), true);
                        continue;
                    }
                    chunk.push((i, lead, unsure));
                }
                let full = chunk.len() >= plan.chunk_size;
                if full || (input_over && chunk_start < read) {
                    let closed = run.close_chunk(chunk_start, read, &mut chunk);
                    chunk_start = read;
                    if run.summary {
                        // Flat memory: a summary import looks for repeated emails within a
                        // chunk; across chunks the API does not add a lead twice to its target
                        // and answers it as not created (counted in `duplicated`).
                        run.seen.clear();
                    }
                    if let Some((rows, id)) = closed {
                        in_flight.push(self.run_chunk(rows, id, &plan, &halt));
                    }
                }
            }
            if in_flight.is_empty() && (input_over || stop.is_some()) {
                break;
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
                continue;
            };
            let total = read + pending.len() as u64 + source.remaining().unwrap_or(0);
            run.settle(outcome, total, &mut stop, &halt, opts.on_progress);
        }
        if stop.is_some() || source_failed.is_some() {
            source.close();
        }
        if let Some(e) = stop {
            let error = ImportError::from(&e);
            // Rows read but not sent, and rows an in-memory source still holds: failed, and
            // left for a resumed run.
            for (i, _, _) in std::mem::take(&mut chunk) {
                run.fail(i, &e, false);
            }
            for _ in pending.drain(..) {
                run.fail(read, &e, false);
                read += 1;
            }
            if let Some(rest) = source.remaining() {
                for _ in 0..rest {
                    run.fail(read, &e, false);
                    read += 1;
                }
            }
            run.spans.push(chunk_start, read, State::Unsent);
            run.report.interrupted = Some(error);
        }
        if let (None, Some(e)) = (&run.report.interrupted, &source_failed) {
            run.report.interrupted = Some(ImportError::from(e));
        }
        run.report.total = read;
        run.report.checkpoint = run.spans.checkpoint();
        let r = &mut run.report;
        sort_by_key(&mut r.created, |c| c.index);
        sort_by_key(&mut r.not_created, |c| c.index);
        sort_by_key(&mut r.rejected, |c| c.index);
        sort_by_key(&mut r.failed, |c| c.index);
        Ok(run.report)
    }

    /// Sends one chunk until it is answered, fails for good, runs out of attempts or is
    /// cancelled before a send.
    async fn run_chunk(
        &self,
        rows: ChunkRows,
        span: u64,
        plan: &Plan,
        halt: &CancelToken,
    ) -> ChunkOutcome {
        // Rows a resumed import was sending when it stopped may be in the target already.
        let resumed_unsure = rows.iter().any(|r| r.2);
        let mut leads: Vec<Lead> = Vec::with_capacity(rows.len());
        let mut index: Vec<u64> = Vec::with_capacity(rows.len());
        for (i, lead, _) in rows {
            index.push(i);
            leads.push(lead);
        }
        let mut chunk: Vec<usize> = (0..leads.len()).collect();
        let mut out = ChunkOutcome {
            span,
            end: State::Done,
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
            let body = lead::chunk_body(&plan.base, &leads, &chunk);
            let result = self.bulk_add_chunk(body, &request).await;
            let error = match result {
                Ok(answer) => {
                    out.requests += 1;
                    account(
                        &mut out,
                        &chunk,
                        &index,
                        &answer,
                        maybe_sent || resumed_unsure,
                    );
                    out.answers.push(answer);
                    return out;
                }
                Err(e) => e,
            };
            if error.kind == ErrorKind::Aborted {
                fail_all(&mut out, &chunk, &index, &aborted_before_send(), maybe_sent);
                out.end = if maybe_sent {
                    State::Sending
                } else {
                    State::Unsent
                };
                return out;
            }
            out.requests += 1;
            let ambiguous = is_ambiguous(&error);
            let retryable = ambiguous || error.kind == ErrorKind::RateLimit;
            maybe_sent |= ambiguous;
            if !retryable || attempt >= plan.max_attempts {
                fail_all(&mut out, &chunk, &index, &error, maybe_sent);
                return out;
            }
            if ambiguous {
                out.resent = true;
                // Leads without an email are not de-duplicated by the API: never re-send them.
                let (with_email, without): (Vec<usize>, Vec<usize>) = chunk
                    .iter()
                    .partition(|&&i| lead::email(&leads[i]).is_some());
                fail_all(&mut out, &without, &index, &error, true);
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
                fail_all(&mut out, &chunk, &index, &aborted_before_send(), maybe_sent);
                out.end = if maybe_sent {
                    State::Sending
                } else {
                    State::Unsent
                };
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

/// Maps one answer onto the chunk's rows (`chunk` holds positions in the chunk's leads, `index`
/// their input indices).
fn account(
    out: &mut ChunkOutcome,
    chunk: &[usize],
    index: &[u64],
    answer: &BulkAnswer,
    maybe_created: bool,
) {
    let mut taken = vec![false; chunk.len()];
    for (at, id) in &answer.created {
        let Ok(pos) = usize::try_from(*at) else {
            continue;
        };
        if pos < chunk.len() && !taken[pos] {
            taken[pos] = true;
            out.created.push((index[chunk[pos]], id.clone()));
        }
    }
    for (pos, &at) in chunk.iter().enumerate() {
        if !taken[pos] {
            out.not_created.push((index[at], maybe_created));
        }
    }
}

fn fail_all(
    out: &mut ChunkOutcome,
    rows: &[usize],
    index: &[u64],
    error: &Error,
    maybe_created: bool,
) {
    let e = ImportError::from(error);
    out.failed
        .extend(rows.iter().map(|&at| (index[at], e.clone(), maybe_created)));
}

/// The error of a row a resumed import does not send again.
fn maybe_sent_before() -> Error {
    Error::new(
        ErrorKind::Aborted,
        "the import this one resumes was sending this row when it stopped, and a lead without an email would be added again",
    )
}

/// The rows of one chunk: `(row index, lead, unsure)`, unsure when a resumed import may have
/// sent the row before.
type ChunkRows = Vec<(u64, Lead, bool)>;

/// The report and the state of one import run.
struct Run {
    report: ImportReport,
    spans: Spans,
    seen: HashMap<u64, u64>,
    summary: bool,
}

impl Run {
    /// Closes the span of rows `start..end` that `chunk` holds the leads of: `Done` when no
    /// lead is left to send, else `Sending`, with the rows to send and the span's id.
    fn close_chunk(
        &mut self,
        start: u64,
        end: u64,
        chunk: &mut ChunkRows,
    ) -> Option<(ChunkRows, u64)> {
        let id = self.spans.push(start, end, State::Sending);
        if chunk.is_empty() {
            self.spans.set(id, State::Done);
            None
        } else {
            Some((std::mem::take(chunk), id))
        }
    }

    fn reject(&mut self, r: ImportRejected) {
        self.report.counts.rejected += 1;
        self.report.rejected.push(r);
    }

    fn fail(&mut self, index: u64, error: &Error, maybe_created: bool) {
        self.report.counts.failed += 1;
        self.report.failed.push(ImportFailed {
            index,
            error: ImportError::from(error),
            maybe_created,
        });
    }

    /// Records a chunk's outcome and, unless the import is stopping, reports progress (`total`:
    /// the rows known so far); an error from the callback stops the import.
    fn settle(
        &mut self,
        outcome: ChunkOutcome,
        total: u64,
        stop: &mut Option<Error>,
        halt: &CancelToken,
        on_progress: Option<&ImportProgressFn<'_>>,
    ) {
        self.record(outcome);
        if let (None, Some(f)) = (&stop, on_progress) {
            let c = &self.report.counts;
            let progress = ImportProgress {
                processed: c.created + c.not_created + c.rejected + c.failed,
                total,
                created: c.created,
                failed: c.failed,
                checkpoint: self.spans.checkpoint(),
            };
            if let Err(e) = f(&progress) {
                *stop = Some(e);
                halt.cancel();
            }
        }
    }

    fn record(&mut self, outcome: ChunkOutcome) {
        self.spans.set(outcome.span, outcome.end);
        let report = &mut self.report;
        report.requests += outcome.requests;
        report.resent_chunks += u64::from(outcome.resent);
        for a in &outcome.answers {
            add_counts(&mut report.server_counts, a);
        }
        report.counts.created += outcome.created.len() as u64;
        report.counts.not_created += outcome.not_created.len() as u64;
        report.counts.failed += outcome.failed.len() as u64;
        if !self.summary {
            report.created.extend(
                outcome
                    .created
                    .into_iter()
                    .map(|(index, id)| ImportCreated { index, id }),
            );
            report
                .not_created
                .extend(
                    outcome
                        .not_created
                        .into_iter()
                        .map(|(index, maybe_created)| ImportNotCreated {
                            index,
                            maybe_created,
                        }),
                );
        }
        report.failed.extend(
            outcome
                .failed
                .into_iter()
                .map(|(index, error, maybe_created)| ImportFailed {
                    index,
                    error,
                    maybe_created,
                }),
        );
    }
}

/// Adds one chunk answer's counts, saturating: the counts come from the server, and a hostile
/// or broken one answering `i64::MAX` twice must not overflow.
fn add_counts(c: &mut crate::models::ImportServerCounts, a: &BulkAnswer) {
    let r = &a.counts;
    c.uploaded = c.uploaded.saturating_add(r.uploaded);
    c.duplicated = c.duplicated.saturating_add(r.duplicated);
    c.invalid_email = c.invalid_email.saturating_add(r.invalid_email);
    c.in_blocklist = c.in_blocklist.saturating_add(r.in_blocklist);
    c.skipped = c.skipped.saturating_add(r.skipped);
    c.incomplete = c.incomplete.saturating_add(r.incomplete);
    c.duplicate_email = c.duplicate_email.saturating_add(r.duplicate_email);
    if r.remaining_in_plan.is_some() {
        c.remaining_in_plan = r.remaining_in_plan;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keys_ignore_ascii_case_and_surrounding_space_only() {
        assert_eq!(email_key(" Jane@Acme.TEST "), email_key("jane@acme.test"));
        assert_ne!(email_key("jane@acme.test"), email_key("jane@acme.tests"));
        assert_ne!(email_key("jane@acme.test"), email_key("jan e@acme.test"));
        // Other letters keep their case: such a repeat is sent, and the API answers it.
        assert_ne!(email_key("ÉMILE@acme.test"), email_key("émile@acme.test"));
        assert_eq!(email_key("ÉMILE@ACME.test"), email_key("Émile@acme.test"));
    }

    /// An answer's created indices map onto the chunk's rows; an index outside the chunk or
    /// given twice is ignored, and every row not created is reported as not created.
    #[test]
    fn answers_map_onto_the_chunk_and_ignore_indices_outside_it() {
        let mut out = ChunkOutcome {
            span: 0,
            end: State::Done,
            created: Vec::new(),
            not_created: Vec::new(),
            failed: Vec::new(),
            answers: Vec::new(),
            requests: 0,
            resent: false,
        };
        // The chunk sent the leads at positions 0 and 2 of rows 10, 11, 12.
        let answer = BulkAnswer {
            counts: Default::default(),
            created: vec![
                (1, "b".into()),
                (2, "past-the-end".into()),
                (1, "again".into()),
                (-1, "negative".into()),
            ],
        };
        account(&mut out, &[0, 2], &[10, 11, 12], &answer, true);
        assert_eq!(out.created, vec![(12, "b".to_string())]);
        assert_eq!(out.not_created, vec![(10, true)]);
    }
}
