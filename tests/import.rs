//! The bulk importer on a simulated timeline against an in-test `POST /leads/add` server that
//! de-duplicates within its target like the API does: local checks and in-batch duplicates,
//! chunking and index mapping, partial server rejections, and exact accounting across injected
//! 500s, 429s, timeouts and dropped connections, including re-sends after the server acted;
//! cancellation, progress, and settings checks.

mod support;

use instantly_wasm::http::HttpRequest;
use instantly_wasm::import::{ImportOptions, Lead};
use instantly_wasm::models::*;
use instantly_wasm::{CancelToken, Client, ClientOptions, Error, ErrorKind};
use serde_json::{json, Map, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::rc::Rc;
use std::time::Duration;
use support::sim::{run, sim_json, SimClock, SimReply, SimTransport};
use support::{BASE, KEY};

const CAMPAIGN: &str = "019ffad2-53a3-7590-935f-b48cddbf2d9e";
const LIST: &str = "019ffad2-53a3-7590-935f-b491178cb297";

/// How the server treats one attempt of a chunk.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Answer this status without processing.
    Before(u16),
    /// Process, then answer this status.
    After(u16),
    /// Process, then never answer (the client times out).
    AfterHang,
    /// Process, then drop the connection.
    AfterDrop,
}

#[derive(Default)]
struct ServerState {
    /// email (lower-case) → lead id, in the target.
    target: HashMap<String, String>,
    /// Leads created without an email (list mode), by name.
    nameless: Vec<String>,
    /// How many times each email was created (must never exceed 1).
    creations: HashMap<String, u32>,
    next_id: u64,
    /// Faults to apply, per first email (or name) of a chunk, one per attempt.
    faults: HashMap<String, VecDeque<Fault>>,
    /// Emails whose domain is on the block list.
    blocked_domain: String,
    /// Every request body.
    bodies: Vec<Value>,
}

#[derive(Clone, Default)]
struct BulkServer(Rc<RefCell<ServerState>>);

impl BulkServer {
    fn new() -> Self {
        let s = BulkServer::default();
        s.0.borrow_mut().blocked_domain = "blocked.test".into();
        s
    }

    fn preexisting(&self, email: &str) {
        let mut s = self.0.borrow_mut();
        s.next_id += 1;
        let id = format!("old-{}", s.next_id);
        s.target.insert(email.to_lowercase(), id);
    }

    fn fault(&self, first: &str, faults: &[Fault]) {
        self.0
            .borrow_mut()
            .faults
            .insert(first.to_string(), faults.iter().copied().collect());
    }

    fn handle(&self, req: &HttpRequest) -> SimReply {
        let body: Value = serde_json::from_slice(req.body.as_ref().unwrap()).unwrap();
        let leads = body["leads"].as_array().unwrap().clone();
        let key = leads
            .first()
            .and_then(|l| l["email"].as_str().or(l["first_name"].as_str()))
            .unwrap_or_default()
            .to_string();
        let fault = {
            let mut s = self.0.borrow_mut();
            s.bodies.push(body.clone());
            s.faults.get_mut(&key).and_then(VecDeque::pop_front)
        };
        if let Some(Fault::Before(status)) = fault {
            return sim_json(status, json!({"statusCode": status, "error": "Fault"}));
        }
        let answer = self.process(&leads, body.get("campaign_id").is_some());
        match fault {
            Some(Fault::After(status)) => sim_json(status, json!({"statusCode": status})),
            Some(Fault::AfterHang) => SimReply::Hang,
            Some(Fault::AfterDrop) => SimReply::Connection("connection reset by peer"),
            _ => sim_json(200, answer),
        }
    }

    fn process(&self, leads: &[Value], campaign: bool) -> Value {
        let mut s = self.0.borrow_mut();
        let (mut dup, mut blocked, mut invalid) = (0, 0, 0);
        let mut created = Vec::new();
        for (i, l) in leads.iter().enumerate() {
            match l["email"].as_str() {
                Some(e) => {
                    let e = e.to_lowercase();
                    if !e.contains('@') {
                        invalid += 1;
                    } else if e.ends_with(&format!("@{}", s.blocked_domain)) {
                        blocked += 1;
                    } else if s.target.contains_key(&e) {
                        dup += 1;
                    } else {
                        s.next_id += 1;
                        let id = format!("lead-{}", s.next_id);
                        s.target.insert(e.clone(), id.clone());
                        *s.creations.entry(e).or_default() += 1;
                        created.push(json!({"index": i, "id": id}));
                    }
                }
                None => {
                    s.next_id += 1;
                    let id = format!("lead-{}", s.next_id);
                    s.nameless
                        .push(l["first_name"].as_str().unwrap_or("").to_string());
                    created.push(json!({"index": i, "id": id}));
                }
            }
        }
        json!({
            "status": "success",
            "total_sent": leads.len(),
            "leads_uploaded": created.len(),
            "in_blocklist": blocked,
            "blocklist_used": null,
            "duplicated_leads": dup,
            "skipped_count": 0,
            "invalid_email_count": invalid,
            "incomplete_count": 0,
            "duplicate_email_count": 0,
            "remaining_in_plan": if campaign { json!(999_000) } else { Value::Null },
            "created_leads": created,
        })
    }

    fn bodies(&self) -> Vec<Value> {
        self.0.borrow().bodies.clone()
    }
}

type SimClient = Client<SimTransport, SimClock>;

fn setup(server: &BulkServer) -> (SimClient, SimTransport, SimClock) {
    let clock = SimClock::new();
    let s = server.clone();
    let transport = SimTransport::new(&clock, Duration::from_millis(80), move |r| s.handle(r));
    let client = Client::new(
        ClientOptions::new(KEY).with_base_url(BASE),
        transport.clone(),
        clock.clone(),
    )
    .unwrap();
    (client, transport, clock)
}

fn lead(email: &str) -> Lead {
    obj(json!({ "email": email, "first_name": "Ann" }))
}

fn obj(v: Value) -> Lead {
    v.as_object().cloned().unwrap()
}

fn email_of(l: &Lead) -> Option<&str> {
    l.get("email").and_then(Value::as_str)
}

fn leads(n: usize) -> Vec<Lead> {
    (0..n)
        .map(|i| lead(&format!("lead{i}@example.com")))
        .collect()
}

fn to_campaign() -> LeadImportSettings {
    LeadImportSettings {
        campaign_id: Some(CAMPAIGN.into()),
        ..Default::default()
    }
}

fn opts(settings: LeadImportSettings) -> ImportOptions<'static> {
    ImportOptions {
        settings,
        ..Default::default()
    }
}

/// Every input index appears exactly once across the four lists.
fn assert_every_row_once(r: &ImportReport) {
    let mut seen = HashSet::new();
    let all = r
        .created
        .iter()
        .map(|c| c.index)
        .chain(r.rejected.iter().map(|x| x.index))
        .chain(r.not_created.iter().map(|x| x.index))
        .chain(r.failed.iter().map(|x| x.index));
    for i in all {
        assert!(seen.insert(i), "row {i} reported twice");
    }
    assert_eq!(
        seen.len() as u64,
        r.total,
        "some rows are missing from the report"
    );
    assert!(seen.iter().all(|&i| i < r.total));
    let c = &r.counts;
    assert_eq!(
        (c.created, c.not_created, c.rejected, c.failed),
        (
            r.created.len() as u64,
            r.not_created.len() as u64,
            r.rejected.len() as u64,
            r.failed.len() as u64
        ),
        "the counts disagree with the lists"
    );
}

/// Server-side truth agrees with the report: created ids are the server's, nothing was created
/// twice, and every lead the server created is reported as created or as maybe created.
fn assert_consistent_with_server(r: &ImportReport, input: &[Lead], server: &BulkServer) {
    let s = server.0.borrow();
    assert!(
        s.creations.values().all(|&n| n == 1),
        "a lead was created twice"
    );
    for c in &r.created {
        let email = email_of(&input[c.index as usize]).unwrap().to_lowercase();
        assert_eq!(s.target.get(&email), Some(&c.id), "row {}", c.index);
    }
    let maybe: HashSet<u64> = r
        .not_created
        .iter()
        .filter(|n| n.maybe_created)
        .map(|n| n.index)
        .chain(r.failed.iter().filter(|f| f.maybe_created).map(|f| f.index))
        .collect();
    let created: HashSet<u64> = r.created.iter().map(|c| c.index).collect();
    for (i, l) in input.iter().enumerate() {
        let Some(email) = email_of(l) else { continue };
        if s.creations.contains_key(&email.to_lowercase()) {
            let i = i as u64;
            assert!(
                created.contains(&i) || maybe.contains(&i),
                "row {i} was created on the server but reported neither created nor maybe created"
            );
        }
    }
}

#[test]
fn imports_in_chunks_of_1000_and_maps_every_created_index() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let input = leads(2_500);
    let progress = RefCell::new(Vec::new());
    let report_progress = |p: &ImportProgress| {
        progress.borrow_mut().push(p.clone());
        Ok(())
    };
    let o = ImportOptions {
        settings: to_campaign(),
        on_progress: Some(&report_progress),
        cancel: None,
    };
    let r = run(&clock, c.import_leads(&input, &o)).unwrap();
    assert_every_row_once(&r);
    assert_consistent_with_server(&r, &input, &server);
    assert_eq!(r.created.len(), 2_500);
    assert_eq!(r.requests, 3);
    let sizes: Vec<usize> = server
        .bodies()
        .iter()
        .map(|b| b["leads"].as_array().unwrap().len())
        .collect();
    assert_eq!(sizes, vec![1000, 1000, 500]);
    for b in server.bodies() {
        assert_eq!(b["campaign_id"], CAMPAIGN);
        assert!(b.get("list_id").is_none());
        assert!(b.get("skip_if_in_campaign").is_none());
    }
    assert_eq!(r.server_counts.uploaded, 2_500);
    assert_eq!(r.server_counts.remaining_in_plan, Some(999_000));
    // All three chunks were in flight together (default concurrency 4).
    assert!(t.times().iter().all(|&ms| ms < 100.0), "{:?}", t.times());
    let p = progress.borrow();
    assert_eq!(p.len(), 3);
    assert_eq!(p.last().unwrap().processed, 2_500);
    assert_eq!(p.last().unwrap().created, 2_500);
    assert!(p.windows(2).all(|w| w[0].processed < w[1].processed));
}

#[test]
fn rejects_invalid_rows_and_in_batch_duplicates_before_sending() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let mut bad_vars = lead("vars@example.com");
    let mut vars = Map::new();
    vars.insert("nested".into(), json!({"a": 1}));
    bad_vars.insert("custom_variables".into(), Value::Object(vars));
    let input = vec![
        lead("first@example.com"),
        lead("not-an-email"),
        obj(json!({ "first_name": "No email" })),
        lead("FIRST@Example.com"),
        bad_vars,
        lead("second@example.com"),
    ];
    let r = run(&clock, c.import_leads(&input, &opts(to_campaign()))).unwrap();
    assert_every_row_once(&r);
    let rejected: Vec<(u64, Option<&str>)> = r
        .rejected
        .iter()
        .map(|x| (x.index, x.field.as_deref()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (1, Some("email")),
            (2, Some("email")),
            (3, Some("email")),
            (4, Some("custom_variables.nested"))
        ]
    );
    assert!(
        r.rejected[2].reason.contains("same email as leads[0]"),
        "{:?}",
        r.rejected[2]
    );
    assert!(
        r.rejected[1].reason.contains("required"),
        "{:?}",
        r.rejected[1]
    );
    // Only rows 0 and 5 were sent; the server's index 1 maps back to input row 5.
    let bodies = server.bodies();
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["leads"].as_array().unwrap().len(), 2);
    let created: Vec<u64> = r.created.iter().map(|c| c.index).collect();
    assert_eq!(created, vec![0, 5]);
}

#[test]
fn partial_server_rejections_are_not_created_and_counted() {
    let server = BulkServer::new();
    server.preexisting("lead3@example.com");
    server.preexisting("lead7@example.com");
    let (c, _, clock) = setup(&server);
    let mut input = leads(10);
    input[5] = lead("someone@blocked.test");
    let r = run(&clock, c.import_leads(&input, &opts(to_campaign()))).unwrap();
    assert_every_row_once(&r);
    assert_consistent_with_server(&r, &input, &server);
    let not: Vec<(u64, bool)> = r
        .not_created
        .iter()
        .map(|n| (n.index, n.maybe_created))
        .collect();
    assert_eq!(not, vec![(3, false), (5, false), (7, false)]);
    assert_eq!(r.server_counts.duplicated, 2);
    assert_eq!(r.server_counts.in_blocklist, 1);
    assert_eq!(r.created.len(), 7);
}

#[test]
fn every_row_is_accounted_once_across_500s_429s_timeouts_and_drops() {
    let server = BulkServer::new();
    for i in (0..5_000).step_by(97) {
        server.preexisting(&format!("lead{i}@example.com"));
    }
    // Chunks of 500: chunk k starts at row 500k.
    let first = |k: usize| format!("lead{}@example.com", 500 * k);
    server.fault(&first(0), &[Fault::Before(500)]);
    server.fault(&first(1), &[Fault::AfterHang]);
    server.fault(&first(2), &[Fault::AfterDrop, Fault::After(502)]);
    server.fault(&first(3), &[Fault::Before(503); 4]);
    server.fault(&first(4), &[Fault::Before(400)]);
    server.fault(&first(5), &[Fault::Before(429); 4]);
    server.fault(&first(6), &[Fault::After(500); 4]);
    let (c, _, clock) = setup(&server);
    let input = leads(5_000);
    let settings = LeadImportSettings {
        chunk_size: Some(500),
        concurrency: Some(3),
        ..to_campaign()
    };
    let r = run(&clock, c.import_leads(&input, &opts(settings))).unwrap();
    assert_every_row_once(&r);
    assert_consistent_with_server(&r, &input, &server);
    let rows = |k: usize| (500 * k) as u64..(500 * (k + 1)) as u64;
    let failed_rows = |k: usize| -> Vec<&ImportFailed> {
        r.failed
            .iter()
            .filter(|f| rows(k).contains(&f.index))
            .collect()
    };
    let preexisting = |k: usize| rows(k).filter(|i| i % 97 == 0).count();
    // Chunk 0: a 500 (the client cannot tell it came before processing), re-sent: every new
    // lead created by the re-send; the pre-existing ones are "maybe created" (a 5xx is
    // ambiguous, so the importer cannot rule out that the first attempt added them).
    assert!(failed_rows(0).is_empty());
    let chunk0_created = r
        .created
        .iter()
        .filter(|c| rows(0).contains(&c.index))
        .count();
    assert_eq!(chunk0_created, 500 - preexisting(0));
    assert!(r
        .not_created
        .iter()
        .filter(|n| rows(0).contains(&n.index))
        .all(|n| n.maybe_created && n.index % 97 == 0));
    // Chunk 1: processed, then the answer was lost (timeout); the re-send finds every new lead
    // already there: they are "maybe created", the pre-existing ones too (indistinguishable).
    let chunk1_created = r
        .created
        .iter()
        .filter(|c| rows(1).contains(&c.index))
        .count();
    assert_eq!(chunk1_created, 0);
    let chunk1_maybe = r
        .not_created
        .iter()
        .filter(|n| rows(1).contains(&n.index) && n.maybe_created)
        .count();
    assert_eq!(chunk1_maybe, 500);
    // Chunk 2: dropped after processing, then a 502 after processing, then answered.
    assert!(failed_rows(2).is_empty());
    // Chunk 3: 503 four times: failed, with the last error, maybe created (5xx is ambiguous).
    let f3 = failed_rows(3);
    assert_eq!(f3.len(), 500);
    assert!(f3
        .iter()
        .all(|f| f.error.status == Some(503) && f.maybe_created));
    // Chunk 4: 400 is final at once and certainly not processed.
    let f4 = failed_rows(4);
    assert_eq!(f4.len(), 500);
    assert!(f4
        .iter()
        .all(|f| f.error.code == "bad_request" && !f.maybe_created));
    // Chunk 5: four 429s are absorbed by the request loop's retries.
    assert!(failed_rows(5).is_empty());
    // Chunk 6: processed every time but answered 500: failed, maybe created — and indeed the
    // server created them once.
    let f6 = failed_rows(6);
    assert_eq!(f6.len(), 500);
    assert!(f6.iter().all(|f| f.maybe_created));
    // Re-sends carried the same options (no skip flags added).
    assert!(server
        .bodies()
        .iter()
        .all(|b| b.get("skip_if_in_campaign").is_none() && b.get("skip_if_in_list").is_none()));
    assert_eq!(r.resent_chunks, 5, "chunks 0, 1, 2, 3 and 6");
    assert_eq!(
        r.created.len() + r.not_created.len() + r.failed.len() + r.rejected.len(),
        5_000
    );
}

#[test]
fn leads_without_email_are_never_resent() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = vec![
        lead("a@example.com"),
        obj(json!({ "first_name": "Nameonly" })),
        lead("b@example.com"),
    ];
    server.fault("a@example.com", &[Fault::AfterDrop]);
    let settings = LeadImportSettings {
        list_id: Some(LIST.into()),
        ..Default::default()
    };
    let r = run(&clock, c.import_leads(&input, &opts(settings))).unwrap();
    assert_every_row_once(&r);
    let bodies = server.bodies();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0]["leads"].as_array().unwrap().len(), 3);
    let resent: Vec<&str> = bodies[1]["leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["email"].as_str().unwrap())
        .collect();
    assert_eq!(resent, vec!["a@example.com", "b@example.com"]);
    assert_eq!(r.failed.len(), 1);
    assert_eq!(r.failed[0].index, 1);
    assert!(r.failed[0].maybe_created);
    assert_eq!(r.failed[0].error.code, "connection");
    assert_eq!(
        server.0.borrow().nameless.len(),
        1,
        "created once, never twice"
    );
    let maybe: Vec<u64> = r.not_created.iter().map(|n| n.index).collect();
    assert_eq!(maybe, vec![0, 2]);
    assert!(r.not_created.iter().all(|n| n.maybe_created));
}

#[test]
fn cancelling_stops_unsent_chunks_and_reports_them_aborted() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(5_000);
    let token = CancelToken::new();
    let cancel_after_first = |_: &ImportProgress| {
        token.cancel();
        Ok(())
    };
    let o = ImportOptions {
        settings: LeadImportSettings {
            concurrency: Some(1),
            ..to_campaign()
        },
        cancel: Some(token.clone()),
        on_progress: Some(&cancel_after_first),
    };
    let r = run(&clock, c.import_leads(&input, &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(server.bodies().len(), 1);
    assert_eq!(r.created.len(), 1_000);
    assert_eq!(r.failed.len(), 4_000);
    assert!(r
        .failed
        .iter()
        .all(|f| f.error.code == "aborted" && !f.maybe_created));

    // A token cancelled while chunks wait for rate-limit budget: they are not sent either.
    let server = BulkServer::new();
    let clock = SimClock::new();
    let s = server.clone();
    let transport = SimTransport::new(&clock, Duration::from_millis(80), move |r| s.handle(r));
    let slow = ClientOptions::new(KEY)
        .with_base_url(BASE)
        .with_rate_limit(Some(instantly_wasm::ratelimit::RateLimit {
            per_second: Some(1),
            per_minute: None,
            route_limits: true,
        }));
    let c = Client::new(slow, transport, clock.clone()).unwrap();
    let token = CancelToken::new();
    let o = ImportOptions {
        settings: LeadImportSettings {
            chunk_size: Some(100),
            ..to_campaign()
        },
        cancel: Some(token.clone()),
        on_progress: None,
    };
    let input = leads(1_000);
    let (r, _) = run(&clock, async {
        futures::join!(c.import_leads(&input, &o), async {
            use instantly_wasm::http::Clock;
            clock.sleep(Duration::from_millis(2_500)).await;
            token.cancel();
        })
    });
    let r = r.unwrap();
    assert_every_row_once(&r);
    // One grant per second: chunks sent at 0, 1 and 2 s; the rest never left.
    assert_eq!(server.bodies().len(), 3);
    assert_eq!(r.created.len(), 300);
    assert_eq!(r.failed.len(), 700);
}

#[test]
fn a_progress_error_stops_the_import_with_that_error() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(3_000);
    let refuse = |_: &ImportProgress| Err(Error::new(ErrorKind::Aborted, "enough"));
    let o = ImportOptions {
        settings: LeadImportSettings {
            concurrency: Some(1),
            ..to_campaign()
        },
        cancel: None,
        on_progress: Some(&refuse),
    };
    let r = run(&clock, c.import_leads(&input, &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.failed.len(), 2_000);
    assert!(r.failed.iter().all(|f| f.error.message == "enough"));
}

#[test]
fn bad_settings_fail_before_anything_is_sent() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(3);
    let cases: Vec<(LeadImportSettings, &str)> = vec![
        (LeadImportSettings::default(), "campaign_id"),
        (
            LeadImportSettings {
                list_id: Some(LIST.into()),
                ..to_campaign()
            },
            "campaign_id",
        ),
        (
            LeadImportSettings {
                concurrency: Some(0),
                ..to_campaign()
            },
            "concurrency",
        ),
        (
            LeadImportSettings {
                chunk_size: Some(1_001),
                ..to_campaign()
            },
            "chunkSize",
        ),
        (
            LeadImportSettings {
                max_attempts: Some(0),
                ..to_campaign()
            },
            "maxAttempts",
        ),
        (
            LeadImportSettings {
                campaign_id: Some("../etc".into()),
                ..Default::default()
            },
            "campaign_id",
        ),
        // Checked as the engine checks every chunk: an id that is not a UUID fails the import
        // up front instead of failing every row.
        (
            LeadImportSettings {
                list_id: Some("A".into()),
                ..Default::default()
            },
            "list_id",
        ),
        (
            LeadImportSettings {
                blocklist_id: Some("not-a-uuid".into()),
                ..to_campaign()
            },
            "blocklist_id",
        ),
    ];
    for (settings, field) in cases {
        let e = run(&clock, c.import_leads(&input, &opts(settings))).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert!(
            e.field.as_deref().unwrap_or_default().contains(field),
            "{e:?}"
        );
    }
    assert!(server.bodies().is_empty());
    // An empty input is a valid, empty report.
    let r = run(&clock, c.import_leads(&[], &opts(to_campaign()))).unwrap();
    assert_eq!(r, ImportReport::default());
}

/// A source that hands out at most `batch` rows a call and records how far it was read.
struct Batches {
    rows: Vec<instantly_wasm::import::Row>,
    at: usize,
    batch: usize,
    /// An error to answer once the rows are read.
    fail_at_end: Option<Error>,
    read: Rc<RefCell<usize>>,
}

impl instantly_wasm::import::LeadSource for Batches {
    async fn next_rows(
        &mut self,
        max: usize,
    ) -> instantly_wasm::Result<Vec<instantly_wasm::import::Row>> {
        if self.at == self.rows.len() {
            if let Some(e) = self.fail_at_end.take() {
                return Err(e);
            }
        }
        let end = (self.at + max.min(self.batch)).min(self.rows.len());
        let out = self.rows[self.at..end].to_vec();
        self.at = end;
        *self.read.borrow_mut() = end;
        Ok(out)
    }
}

fn batches(input: &[Lead], batch: usize) -> (Batches, Rc<RefCell<usize>>) {
    let read = Rc::new(RefCell::new(0));
    let rows = input
        .iter()
        .map(|l| instantly_wasm::import::Row::Lead(Box::new(l.clone())))
        .collect();
    (
        Batches {
            rows,
            at: 0,
            batch,
            fail_at_end: None,
            read: read.clone(),
        },
        read,
    )
}

#[test]
fn a_stream_is_read_only_as_far_as_the_chunks_in_flight_need() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(3_000);
    let (mut source, read) = batches(&input, 70);
    let read_at_progress = RefCell::new(Vec::new());
    let on_progress = |_: &ImportProgress| {
        read_at_progress.borrow_mut().push(*read.borrow());
        Ok(())
    };
    let o = ImportOptions {
        settings: LeadImportSettings {
            chunk_size: Some(500),
            concurrency: Some(2),
            report: Some("summary".into()),
            ..to_campaign()
        },
        cancel: None,
        on_progress: Some(&on_progress),
    };
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_eq!(r.total, 3_000);
    assert_eq!(r.counts.created, 3_000);
    assert!(
        r.created.is_empty() && r.not_created.is_empty(),
        "summary keeps no lists"
    );
    assert_eq!(
        r.checkpoint,
        ImportCheckpoint {
            next: 3_000,
            done: vec![],
            unsure: vec![]
        }
    );
    // Two chunks in flight and one being filled: never more than 1,500 rows ahead of the
    // first chunk's answer.
    assert!(
        read_at_progress.borrow()[0] <= 1_500,
        "{:?}",
        read_at_progress.borrow()
    );
    assert_eq!(server.bodies().len(), 6);
}

#[test]
fn resuming_skips_what_the_checkpoint_covers_and_never_resends_an_unsure_lead_without_email() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let mut input = leads(1_000);
    // Rows 300..310 have no email (a list import by name).
    for (i, l) in input.iter_mut().enumerate().skip(300).take(10) {
        l.remove("email");
        l.insert("first_name".into(), json!(format!("Name{i}")));
    }
    // An earlier run finished 0..200 and 400..600, and was sending 200..400 when it stopped.
    let checkpoint = ImportCheckpoint {
        next: 200,
        done: vec![[400, 600]],
        unsure: vec![[200, 400]],
    };
    for i in (0..200).chain(400..600) {
        server.preexisting(email_of(&input[i]).unwrap());
    }
    let (mut source, _) = batches(&input, 1_000);
    let o = opts(LeadImportSettings {
        list_id: Some(LIST.into()),
        chunk_size: Some(100),
        resume_from: Some(checkpoint),
        ..Default::default()
    });
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_eq!(r.total, 1_000);
    assert_eq!(r.counts.skipped, 400);
    let sent: Vec<String> = server
        .bodies()
        .iter()
        .flat_map(|b| b["leads"].as_array().unwrap().clone())
        .map(|l| l["email"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        sent.iter().all(|e| !e.is_empty()),
        "a lead without an email was sent again"
    );
    assert_eq!(sent.len(), 590, "200..400 with an email, and 600..1000");
    let failed: Vec<u64> = r.failed.iter().map(|f| f.index).collect();
    assert_eq!(failed, (300..310).collect::<Vec<u64>>());
    assert!(r.failed.iter().all(|f| f.maybe_created));
    // Unsure rows that come back created were not there; those already there are maybe.
    assert_eq!(r.counts.created + r.counts.not_created, 590);
    assert!(r.not_created.iter().all(|n| n.maybe_created));
    assert_eq!(
        r.checkpoint,
        ImportCheckpoint {
            next: 1_000,
            done: vec![],
            unsure: vec![]
        }
    );
    // Every row outside the checkpoint appears once in this report.
    let mut seen: Vec<u64> = r
        .created
        .iter()
        .map(|c| c.index)
        .chain(r.not_created.iter().map(|n| n.index))
        .chain(r.failed.iter().map(|f| f.index))
        .chain(r.rejected.iter().map(|x| x.index))
        .collect();
    seen.sort();
    assert_eq!(seen, (200..400).chain(600..1_000).collect::<Vec<u64>>());
}

#[test]
fn a_failing_source_ends_the_reading_and_the_rows_read_are_still_sent() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(250);
    let (mut source, _) = batches(&input, 100);
    source.fail_at_end = Some(Error::validation("leads", "the source failed: disk gone"));
    let o = opts(LeadImportSettings {
        chunk_size: Some(100),
        ..to_campaign()
    });
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.counts.created, 250);
    assert_eq!(
        r.interrupted.as_ref().map(|e| e.message.as_str()),
        Some("leads: the source failed: disk gone")
    );
    assert_eq!(r.checkpoint.next, 250);
}

#[test]
fn an_abort_leaves_the_unsent_rows_for_a_resumed_run() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(2_000);
    let token = CancelToken::new();
    let stop = |_: &ImportProgress| {
        token.cancel();
        Ok(())
    };
    let (mut source, _) = batches(&input, 500);
    let o = ImportOptions {
        settings: LeadImportSettings {
            chunk_size: Some(500),
            concurrency: Some(1),
            ..to_campaign()
        },
        cancel: Some(token.clone()),
        on_progress: Some(&stop),
    };
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_eq!(
        r.interrupted.as_ref().map(|e| e.code.as_str()),
        Some("aborted")
    );
    assert_eq!(r.counts.created, 500);
    assert_eq!(r.checkpoint.next, 500);
    assert!(r.checkpoint.done.is_empty() && r.checkpoint.unsure.is_empty());
    // The resumed run sends exactly the rest.
    let (mut again, _) = batches(&input, 500);
    let o = opts(LeadImportSettings {
        resume_from: Some(r.checkpoint.clone()),
        ..to_campaign()
    });
    let r2 = run(&clock, c.import_from(&mut again, &o)).unwrap();
    assert_eq!((r2.counts.skipped, r2.counts.created), (500, 1_500));
    assert_eq!(server.0.borrow().target.len(), 2_000);
}

#[test]
fn a_summary_import_refuses_repeats_within_a_chunk_and_lets_the_api_answer_later_ones() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let mut input = leads(300);
    input[5] = lead("lead0@example.com"); // same chunk as row 0
    input[150] = lead("LEAD1@example.com"); // a later chunk
    let (mut source, _) = batches(&input, 1_000);
    let o = opts(LeadImportSettings {
        chunk_size: Some(100),
        report: Some("summary".into()),
        ..to_campaign()
    });
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_eq!(r.rejected.len(), 1);
    assert_eq!(r.rejected[0].index, 5);
    assert_eq!(
        (r.counts.created, r.counts.not_created, r.counts.rejected),
        (298, 1, 1)
    );
    assert_eq!(r.server_counts.duplicated, 1);
    assert_eq!(server.0.borrow().target.len(), 298);
    assert!(server.0.borrow().creations.values().all(|&n| n == 1));
}

/// A source that hands out every row on its first call, whatever it was asked for.
struct AllAtOnce(Option<Vec<instantly_wasm::import::Row>>);

impl AllAtOnce {
    fn new(input: &[Lead]) -> Self {
        AllAtOnce(Some(
            input
                .iter()
                .map(|l| instantly_wasm::import::Row::Lead(Box::new(l.clone())))
                .collect(),
        ))
    }
}

impl instantly_wasm::import::LeadSource for AllAtOnce {
    async fn next_rows(
        &mut self,
        _max: usize,
    ) -> instantly_wasm::Result<Vec<instantly_wasm::import::Row>> {
        Ok(self.0.take().unwrap_or_default())
    }
}

fn body_sizes(server: &BulkServer) -> Vec<usize> {
    server
        .bodies()
        .iter()
        .map(|b| b["leads"].as_array().unwrap().len())
        .collect()
}

#[test]
fn chunks_keep_to_chunk_size_when_a_source_hands_out_more_rows() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(250);
    let o = opts(LeadImportSettings {
        chunk_size: Some(100),
        ..to_campaign()
    });
    let r = run(&clock, c.import_from(&mut AllAtOnce::new(&input), &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(body_sizes(&server), vec![100, 100, 50]);
    assert_eq!(r.counts.created, 250);
}

/// Each progress event counts every row settled so far (created, not created, rejected,
/// failed) and the total known so far (rows read, rows held, rows a source says are left),
/// whether the source hands out rows ahead of the chunks or says how many are left.
#[test]
fn progress_counts_every_settled_row_and_the_known_total() {
    let input = vec![
        lead("a@x.test"),
        lead("b@x.test"),                      // already in the target: not created
        obj(json!({"email": "not-an-email"})), // rejected before sending
        lead("c@x.test"),                      // c and d: a chunk the server refuses (400): failed
        lead("d@x.test"),
        lead("e@x.test"),
        lead("f@x.test"),
    ];
    let settings = || LeadImportSettings {
        chunk_size: Some(2),
        concurrency: Some(1),
        ..to_campaign()
    };
    let expected = vec![(2, 7, 1, 0), (5, 7, 1, 2), (7, 7, 3, 2)];
    for ahead in [true, false] {
        let server = BulkServer::new();
        server.preexisting("b@x.test");
        server.fault("c@x.test", &[Fault::Before(400)]);
        let (c, _, clock) = setup(&server);
        let seen = RefCell::new(Vec::new());
        let report = |p: &ImportProgress| {
            seen.borrow_mut()
                .push((p.processed, p.total, p.created, p.failed));
            Ok(())
        };
        let o = ImportOptions {
            settings: settings(),
            on_progress: Some(&report),
            cancel: None,
        };
        let r = if ahead {
            run(&clock, c.import_from(&mut AllAtOnce::new(&input), &o))
        } else {
            run(&clock, c.import_leads(&input, &o))
        }
        .unwrap();
        assert_every_row_once(&r);
        assert_eq!(*seen.borrow(), expected, "rows read ahead: {ahead}");
        assert_eq!(body_sizes(&server), vec![2, 2, 2]);
    }
}

/// Rows read ahead but not sent when an import stops are failed, each with its own index,
/// and left for a resumed run.
#[test]
fn rows_read_ahead_are_failed_one_by_one_when_the_import_stops() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let input = leads(10);
    let token = CancelToken::new();
    let stop = |_: &ImportProgress| {
        token.cancel();
        Ok(())
    };
    let o = ImportOptions {
        settings: LeadImportSettings {
            chunk_size: Some(2),
            concurrency: Some(1),
            ..to_campaign()
        },
        cancel: Some(token.clone()),
        on_progress: Some(&stop),
    };
    let r = run(&clock, c.import_from(&mut AllAtOnce::new(&input), &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.counts.created, 2);
    let failed: Vec<u64> = r.failed.iter().map(|f| f.index).collect();
    assert_eq!(failed, (2..10).collect::<Vec<_>>());
    assert!(r.failed.iter().all(|f| f.error.code == "aborted"));
    assert_eq!(r.checkpoint.next, 2);
}

/// Cancelling stops what is not sent yet; a chunk whose request is on the wire is answered and
/// accounted for, never cut off (it may have been processed).
#[test]
fn cancelling_lets_the_chunk_on_the_wire_finish() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let input = leads(4);
    let token = CancelToken::new();
    let o = ImportOptions {
        settings: LeadImportSettings {
            chunk_size: Some(2),
            concurrency: Some(1),
            ..to_campaign()
        },
        cancel: Some(token.clone()),
        on_progress: None,
    };
    let (r, _) = run(&clock, async {
        futures::join!(c.import_leads(&input, &o), async {
            use instantly_wasm::http::Clock;
            // The first chunk's request takes 80 ms: cancel half-way.
            clock.sleep(Duration::from_millis(40)).await;
            token.cancel();
        })
    });
    let r = r.unwrap();
    assert_every_row_once(&r);
    assert_eq!(t.times(), vec![0.0]);
    let created: Vec<u64> = r.created.iter().map(|c| c.index).collect();
    assert_eq!(created, vec![0, 1]);
    let failed: Vec<u64> = r.failed.iter().map(|f| f.index).collect();
    assert_eq!(failed, vec![2, 3]);
}

/// A chunk answered 503 is sent again after the retry policy's delay for that attempt, and
/// every request is counted.
#[test]
fn a_refused_chunk_is_sent_again_after_the_policy_delay() {
    let server = BulkServer::new();
    server.fault(
        "lead0@example.com",
        &[Fault::Before(503), Fault::Before(503)],
    );
    let clock = SimClock::new();
    let s = server.clone();
    let t = SimTransport::new(&clock, Duration::from_millis(80), move |r| s.handle(r));
    let c = Client::new(
        ClientOptions::new(KEY)
            .with_base_url(BASE)
            .with_rate_limit(None),
        t.clone(),
        clock.clone(),
    )
    .unwrap();
    let r = run(&clock, c.import_leads(&leads(3), &opts(to_campaign()))).unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.counts.created, 3);
    assert_eq!(r.requests, 3);
    assert_eq!(r.resent_chunks, 1);
    let policy = &c.options().retry;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (d0, d1) = (
        ms(policy.delay(0, None, 0.5)),
        ms(policy.delay(1, None, 0.5)),
    );
    assert!(d0 > 0.0 && d1 > d0, "the policy backs off: {d0} {d1}");
    let times = t.times();
    let want = [0.0, 80.0 + d0, 160.0 + d0 + d1];
    assert_eq!(times.len(), 3);
    for (got, want) in times.iter().zip(want) {
        assert!((got - want).abs() < 1e-6, "{times:?} vs {want}");
    }
}

/// A row a resumed import skips closes the chunk being filled; the import then waits for room
/// like after any chunk (even with rows read ahead), so no more chunks are on the wire than `concurrency` allows.
#[test]
fn skipped_rows_keep_the_import_within_its_concurrency() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let input = leads(6);
    let o = opts(LeadImportSettings {
        chunk_size: Some(2),
        concurrency: Some(1),
        resume_from: Some(ImportCheckpoint {
            next: 0,
            done: vec![[1, 2]],
            unsure: vec![],
        }),
        ..to_campaign()
    });
    let r = run(&clock, c.import_from(&mut AllAtOnce::new(&input), &o)).unwrap();
    assert_eq!((r.counts.skipped, r.counts.created), (1, 5));
    assert_eq!(body_sizes(&server), vec![1, 2, 2]);
    // One request at a time: each starts when the previous one (80 ms) has been answered.
    assert_eq!(t.times(), vec![0.0, 80.0, 160.0]);
}

/// A source that hands out its rows, then never answers again (a stalled upload), and counts
/// `close()` calls.
struct Stalls {
    rows: Vec<instantly_wasm::import::Row>,
    closed: Rc<RefCell<u32>>,
}

impl instantly_wasm::import::LeadSource for Stalls {
    async fn next_rows(
        &mut self,
        _max: usize,
    ) -> instantly_wasm::Result<Vec<instantly_wasm::import::Row>> {
        if self.rows.is_empty() {
            std::future::pending::<()>().await;
        }
        Ok(std::mem::take(&mut self.rows))
    }

    fn close(&mut self) {
        *self.closed.borrow_mut() += 1;
    }
}

/// The caller's abort also ends a wait on a stalled source: the chunk formed before the stall
/// is sent meanwhile and accounted, the report says the import was aborted, and the source is
/// closed once.
#[test]
fn cancelling_ends_a_wait_on_a_stalled_source_and_closes_it() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let closed = Rc::new(RefCell::new(0));
    let mut source = Stalls {
        rows: leads(3)
            .into_iter()
            .map(|l| instantly_wasm::import::Row::Lead(Box::new(l)))
            .collect(),
        closed: closed.clone(),
    };
    let token = CancelToken::new();
    // A chunk of the three rows read is formed; the wait for more rows (with room for more
    // chunks in flight) never ends but by the abort.
    let o = ImportOptions {
        cancel: Some(token.clone()),
        ..opts(LeadImportSettings {
            chunk_size: Some(3),
            ..to_campaign()
        })
    };
    let (r, _) = run(&clock, async {
        futures::join!(c.import_from(&mut source, &o), async {
            use instantly_wasm::http::Clock;
            clock.sleep(Duration::from_millis(500)).await;
            token.cancel();
        })
    });
    let r = r.unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.total, 3);
    assert_eq!(r.counts.created, 3, "{r:?}");
    assert_eq!(t.times(), vec![0.0], "sent while the source stalled");
    assert_eq!(
        r.interrupted.as_ref().map(|e| e.code.as_str()),
        Some("aborted")
    );
    assert_eq!(r.checkpoint.next, 3);
    assert_eq!(*closed.borrow(), 1);
}

/// A source that answers each read after `delay` on the simulated clock, `batch` rows at a time.
struct Slow {
    rows: Vec<instantly_wasm::import::Row>,
    batch: usize,
    delay: Duration,
    clock: SimClock,
}

impl Slow {
    /// `n` leads, two per read, each read taking a second.
    fn new(n: usize, clock: &SimClock) -> Self {
        Slow {
            rows: leads(n)
                .into_iter()
                .map(|l| instantly_wasm::import::Row::Lead(Box::new(l)))
                .collect(),
            batch: 2,
            delay: Duration::from_secs(1),
            clock: clock.clone(),
        }
    }
}

impl instantly_wasm::import::LeadSource for Slow {
    async fn next_rows(
        &mut self,
        max: usize,
    ) -> instantly_wasm::Result<Vec<instantly_wasm::import::Row>> {
        use instantly_wasm::http::Clock;
        self.clock.sleep(self.delay).await;
        let n = max.min(self.batch).min(self.rows.len());
        Ok(self.rows.drain(..n).collect())
    }
}

/// Reading and sending overlap: each chunk is sent as soon as it is formed, while the next rows
/// are read, and its answer is taken while the import waits on the source.
#[test]
fn chunks_are_sent_while_a_slow_source_is_read() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let mut source = Slow::new(6, &clock);
    let progress = RefCell::new(Vec::new());
    let on_progress = |p: &instantly_wasm::models::ImportProgress| {
        progress
            .borrow_mut()
            .push((clock.elapsed_ms(), p.processed, p.total));
        Ok(())
    };
    let o = ImportOptions {
        on_progress: Some(&on_progress),
        ..opts(LeadImportSettings {
            chunk_size: Some(2),
            ..to_campaign()
        })
    };
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!(r.counts.created, 6);
    // Reads end at 1, 2, 3 s (and the empty read at 4 s): each chunk goes out when formed, and
    // its answer (80 ms later) is reported then, during the next read (the total: rows read).
    assert_eq!(t.times(), vec![1000.0, 2000.0, 3000.0]);
    assert_eq!(
        *progress.borrow(),
        vec![(1080.0, 2, 2), (2080.0, 4, 4), (3080.0, 6, 6)]
    );
    assert_eq!(clock.elapsed_ms(), 4000.0);
}

/// A progress error during a read stops the import there: the read is abandoned and no further
/// chunk is formed. (Its own test: clients of one thread share the realm's rate budget, which a
/// second simulated clock would see from the first one's timeline.)
#[test]
fn a_progress_error_during_a_slow_read_stops_the_import_there() {
    let server = BulkServer::new();
    let (c, t, clock) = setup(&server);
    let mut source = Slow::new(8, &clock);
    let stop_at_first = |_: &instantly_wasm::models::ImportProgress| {
        Err(Error::new(instantly_wasm::ErrorKind::Aborted, "enough"))
    };
    let o = ImportOptions {
        on_progress: Some(&stop_at_first),
        ..opts(LeadImportSettings {
            chunk_size: Some(2),
            ..to_campaign()
        })
    };
    let r = run(&clock, c.import_from(&mut source, &o)).unwrap();
    assert_every_row_once(&r);
    assert_eq!((r.total, r.counts.created), (2, 2));
    assert_eq!(t.times(), vec![1000.0]);
    assert_eq!(
        r.interrupted.as_ref().map(|e| e.message.as_str()),
        Some("enough")
    );
    assert_eq!(clock.elapsed_ms(), 1080.0);
}

/// A source read to its end is not closed.
#[test]
fn a_source_read_to_its_end_is_not_closed() {
    let server = BulkServer::new();
    let (c, _, clock) = setup(&server);
    let (source, _) = batches(&leads(5), 2);
    let closed = Rc::new(RefCell::new(0));
    struct Counted(Batches, Rc<RefCell<u32>>);
    impl instantly_wasm::import::LeadSource for Counted {
        async fn next_rows(
            &mut self,
            max: usize,
        ) -> instantly_wasm::Result<Vec<instantly_wasm::import::Row>> {
            self.0.next_rows(max).await
        }
        fn close(&mut self) {
            *self.1.borrow_mut() += 1;
        }
    }
    let mut source = Counted(source, closed.clone());
    let r = run(&clock, c.import_from(&mut source, &opts(to_campaign()))).unwrap();
    assert_eq!(r.counts.created, 5);
    assert_eq!(*closed.borrow(), 0);
}
