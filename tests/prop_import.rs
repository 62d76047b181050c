//! Property tests of the bulk importer (`leads.import`) against a hostile `POST /leads/add`:
//! any settings, any leads, and a server answering anything (out-of-range and repeated indices,
//! counts up to `i64::MAX`, error statuses, undecodable bodies, dropped connections, silence).
//! Bad settings are a `ValidationError` naming the setting; otherwise the report accounts for
//! every input row exactly once and the import ends.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use instantly_wasm::import::{ImportOptions, Lead};
use instantly_wasm::models::{ImportReport, LeadImportSettings};
use instantly_wasm::{Client, ClientOptions, ErrorKind};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;
use support::sim::{run, sim_json, SimClock, SimReply, SimTransport};
use support::{BASE, KEY};

const UUID: &str = "019ffad2-53a3-7590-935f-b48cddbf2d9e";

/// What the server does with one request.
#[derive(Debug, Clone)]
enum Answer {
    /// 200 with these `created_leads` indices and this value in every count.
    Created(Vec<i64>, i64),
    /// This status with an envelope.
    Status(u16),
    /// 200 with a body that is not a bulk-add answer.
    Garbage(Vec<u8>),
    /// Connection dropped.
    Drop,
    /// No answer (the client's timeout fires).
    Hang,
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        4 => (
            prop::collection::vec(prop_oneof![0i64..40, any::<i64>(), Just(-1), Just(i64::MAX)], 0..40),
            prop_oneof![0i64..5, Just(i64::MAX), Just(i64::MIN), any::<i64>()],
        )
            .prop_map(|(idx, n)| Answer::Created(idx, n)),
        2 => prop::sample::select(vec![400u16, 401, 402, 404, 409, 429, 500, 502, 503, 504, 418]).prop_map(Answer::Status),
        1 => prop::collection::vec(any::<u8>(), 0..40).prop_map(Answer::Garbage),
        1 => Just(Answer::Drop),
        1 => Just(Answer::Hang),
    ]
}

fn reply(a: &Answer) -> SimReply {
    match a {
        Answer::Created(indices, n) => sim_json(
            200,
            json!({
                "status": "success", "total_sent": n, "leads_uploaded": n, "in_blocklist": n,
                "duplicated_leads": n, "skipped_count": n, "invalid_email_count": n,
                "incomplete_count": n, "duplicate_email_count": n, "remaining_in_plan": n,
                "created_leads": indices.iter().map(|i| json!({"index": i, "id": format!("lead-{i}")})).collect::<Vec<Value>>(),
            }),
        ),
        Answer::Status(s) => sim_json(
            *s,
            json!({"statusCode": s, "error": "Fault", "message": "fault"}),
        ),
        Answer::Garbage(bytes) => SimReply::Http(instantly_wasm::http::HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: bytes.clone(),
        }),
        Answer::Drop => SimReply::Connection("connection reset"),
        Answer::Hang => SimReply::Hang,
    }
}

fn lead() -> impl Strategy<Value = Lead> {
    (
        prop::option::of(prop_oneof![
            (0u8..20).prop_map(|i| format!("lead{i}@acme.test")),
            (0u8..20).prop_map(|i| format!("LEAD{i}@ACME.TEST ")),
            ".{0,12}",
        ]),
        prop::option::of(".{0,8}"),
        prop::option::of(prop_oneof![
            Just(json!({"k": "v", "n": 1})),
            Just(json!({"bad": {"nested": true}})),
        ]),
    )
        .prop_map(|(email, first_name, vars)| {
            let mut lead = Lead::new();
            if let Some(e) = email {
                lead.insert("email".into(), e.into());
            }
            if let Some(f) = first_name {
                lead.insert("first_name".into(), f.into());
            }
            if let Some(v) = vars {
                lead.insert("custom_variables".into(), v);
            }
            lead
        })
}

fn settings() -> impl Strategy<Value = LeadImportSettings> {
    let id = prop::option::of(prop_oneof![
        Just(UUID.to_string()),
        Just("../x".to_string()),
        ".{0,6}"
    ]);
    (
        id.clone(),
        id,
        prop::option::of(prop_oneof![0u32..20, any::<u32>()]),
        prop::option::of(prop_oneof![0u32..1100, any::<u32>()]),
        prop::option::of(prop_oneof![0u32..12, any::<u32>()]),
    )
        .prop_map(
            |(campaign_id, list_id, concurrency, chunk_size, max_attempts)| LeadImportSettings {
                campaign_id,
                list_id,
                concurrency,
                chunk_size,
                max_attempts,
                ..Default::default()
            },
        )
}

fn assert_every_row_once(r: &ImportReport, n: usize) -> Result<(), TestCaseError> {
    let mut seen = HashSet::new();
    let all = r
        .created
        .iter()
        .map(|c| c.index)
        .chain(r.rejected.iter().map(|x| x.index))
        .chain(r.not_created.iter().map(|x| x.index))
        .chain(r.failed.iter().map(|x| x.index));
    for i in all {
        prop_assert!(seen.insert(i), "row {i} reported twice");
        prop_assert!(i < n as u64, "row {i} of {n}");
    }
    prop_assert_eq!(seen.len(), n);
    prop_assert_eq!(r.total, n as u64);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn every_row_is_accounted_for_whatever_the_server_says(
        leads in prop::collection::vec(lead(), 0..40),
        settings in settings(),
        script in prop::collection::vec(answer(), 1..8),
    ) {
        let clock = SimClock::new();
        let turn = Rc::new(Cell::new(0usize));
        let (t, s) = (turn.clone(), script.clone());
        let transport = SimTransport::new(&clock, Duration::from_millis(20), move |_| {
            let i = t.get();
            t.set(i + 1);
            reply(&s[i % s.len()])
        });
        let client = Client::new(
            ClientOptions::new(KEY).with_base_url(BASE).with_timeout(Duration::from_secs(5)),
            transport.clone(),
            clock.clone(),
        )
        .unwrap();
        let opts = ImportOptions { settings: settings.clone(), ..Default::default() };
        match run(&clock, client.import_leads(&leads, &opts)) {
            Ok(report) => {
                assert_every_row_once(&report, leads.len())?;
                prop_assert!(report.created.iter().all(|c| c.id.starts_with("lead-")));
                let screened_in = leads.len() - report.rejected.len();
                prop_assert_eq!(screened_in == 0, transport.log().is_empty());
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::Validation);
                prop_assert!(transport.log().is_empty(), "nothing is sent for bad settings");
                let field = e.field.clone().unwrap_or_default();
                prop_assert!(
                    ["campaign_id", "list_id", "concurrency", "chunkSize", "maxAttempts"].contains(&field.as_str()),
                    "{field:?}: {}", e.message
                );
            }
        }
    }
}

/// Counts of `i64::MAX` in two answers saturate instead of overflowing.
#[test]
fn server_counts_saturate() {
    let clock = SimClock::new();
    let transport = SimTransport::new(&clock, Duration::from_millis(1), |_| {
        reply(&Answer::Created(vec![0], i64::MAX))
    });
    let client = Client::new(
        ClientOptions::new(KEY).with_base_url(BASE),
        transport,
        clock.clone(),
    )
    .unwrap();
    let leads: Vec<Lead> = (0..2)
        .map(|i| {
            json!({ "email": format!("l{i}@acme.test") })
                .as_object()
                .cloned()
                .unwrap()
        })
        .collect();
    let opts = ImportOptions {
        settings: LeadImportSettings {
            campaign_id: Some(UUID.into()),
            chunk_size: Some(1),
            ..Default::default()
        },
        ..Default::default()
    };
    let report = run(&clock, client.import_leads(&leads, &opts)).unwrap();
    assert_eq!(report.server_counts.uploaded, i64::MAX);
    assert_eq!(report.created.len(), 2);
}
