//! The TypeScript declarations of the types that cross the JS boundary, compared with the
//! snapshots in `tests/snapshots/<Type>.d.ts`:
//!
//! * the hand-written ones (`T::DECL`, from tsify): client options, import settings and
//!   report, CSV, `callEndpoint` options, the analytics rates, webhook subscription names;
//! * the generated models the resource methods take and answer, cut out of the declarations
//!   codegen writes into `src/generated/ts.rs` (a wasm-bindgen custom section, read here as
//!   the checked-in file: it is exactly what the package's `.d.ts` carries).
//!
//! After an intended change, refresh them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test ts_decls` and review the diff.

use instantly_wasm::client::InstantlyClientOptions;
use instantly_wasm::csv::{CsvColumn, CsvLeads, CsvOptions, CsvProblem};
use instantly_wasm::endpoint::CallEndpointOptions;
use instantly_wasm::models::{
    AnalyticsRates, ImportCreated, ImportError, ImportFailed, ImportNotCreated, ImportProgress,
    ImportRejected, ImportReport, ImportServerCounts, LeadImportSettings,
};
use instantly_wasm::ratelimit::RateLimitOptions;
use instantly_wasm::webhooks::WebhookSubscriptionEventType;
use std::path::PathBuf;
use std::sync::OnceLock;
use tsify::Tsify;

macro_rules! decls {
    ($($t:ty),* $(,)?) => {
        vec![$((stringify!($t), <$t as Tsify>::DECL.to_string())),*]
    };
}

/// The generated models whose declarations are snapshotted: what the campaign, lead, lead
/// list, background job, analytics and webhook methods take and answer.
const GENERATED: &[&str] = &[
    "Campaign",
    "CampaignScheduleInfo",
    "CampaignSchedule",
    "Schedule",
    "ScheduleDays",
    "Timing",
    "Sequence",
    "SequenceStep",
    "SequenceVariant",
    "CampaignPage",
    "CampaignCreateParams",
    "CampaignUpdateParams",
    "CampaignListParams",
    "CampaignDuplicateParams",
    "Lead",
    "LeadStatusSummary",
    "LeadLastStep",
    "LeadPage",
    "LeadCreateParams",
    "LeadUpdateParams",
    "LeadQuery",
    "LeadListParams",
    "LeadMoveParams",
    "LeadBulkAddParams",
    "LeadBulkAddParamsLeadsItem",
    "LeadBulkAddResult",
    "CreatedLead",
    "UpdateInterestStatusParams",
    "UpdateInterestStatusResult",
    "BackgroundJob",
    "BackgroundJobGetParams",
    "LeadList",
    "LeadListPage",
    "LeadListCreateParams",
    "LeadListUpdateParams",
    "LeadListListParams",
    "CampaignAnalytics",
    "CampaignAnalyticsOverview",
    "DailyAnalytics",
    "AnalyticsParams",
    "AnalyticsOverviewParams",
    "DailyAnalyticsParams",
    "Webhook",
    "WebhookPage",
    "WebhookCreateParams",
    "WebhookUpdateParams",
    "WebhookListParams",
    "WebhookEventTypeInfo",
    "WebhookEventTypeList",
    "WebhookTestResult",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryListParams",
    "WebhookDeliverySummaryParams",
    "WebhookDeliverySummary",
    "WebhookDeliverySummaryByDate",
    "WebhookDeliverySummaryByDateItem",
];

/// The declarations codegen wrote for the generated models (the custom section's text).
fn generated_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/generated/ts.rs");
        let file = std::fs::read_to_string(path).expect("read src/generated/ts.rs");
        let start = file
            .find("r####\"")
            .expect("the custom section's raw string")
            + 6;
        let end = file.rfind("\"####").expect("the end of the raw string");
        file[start..end].to_string()
    })
}

/// Every generated declaration, by name: the blocks of the text (a doc comment, then
/// `export interface Name …`), separated by blank lines.
fn generated_decls() -> Vec<(String, String)> {
    generated_text()
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| {
            let line = b
                .lines()
                .find(|l| l.starts_with("export "))
                .unwrap_or_else(|| panic!("a block without an export:\n{b}"));
            let name = line
                .split_whitespace()
                .nth(2)
                .expect("export <kind> <Name>")
                .trim_end_matches(['{', '<', '='])
                .to_string();
            (name, b.to_string())
        })
        .collect()
}

/// Every declaration snapshotted: the hand-written ones, then the chosen generated ones.
fn all() -> Vec<(&'static str, String)> {
    let mut out = decls![
        InstantlyClientOptions,
        RateLimitOptions,
        LeadImportSettings,
        ImportProgress,
        ImportReport,
        ImportCreated,
        ImportRejected,
        ImportNotCreated,
        ImportFailed,
        ImportError,
        ImportServerCounts,
        CsvOptions,
        CsvLeads,
        CsvProblem,
        CsvColumn,
        CallEndpointOptions,
        AnalyticsRates,
        WebhookSubscriptionEventType,
    ];
    let generated = generated_decls();
    for name in GENERATED {
        let decl = generated
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no generated declaration of {name}"));
        out.push((name, decl.1.clone()));
    }
    out
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

#[test]
fn declarations_match_their_snapshots() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    let mut mismatched = Vec::new();
    for (name, decl) in all() {
        let path = dir().join(format!("{name}.d.ts"));
        let decl = decl.as_str();
        let text = format!("{decl}\n");
        if update {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(saved) if saved == text => {}
            Ok(saved) => mismatched.push(format!(
                "{name}: declaration changed\n--- snapshot\n{saved}\n+++ now\n{text}"
            )),
            Err(_) => mismatched.push(format!("{name}: no snapshot at {}", path.display())),
        }
    }
    assert!(
        mismatched.is_empty(),
        "{}\n\nIf intended: UPDATE_SNAPSHOTS=1 cargo test --test ts_decls",
        mismatched.join("\n\n")
    );
}

#[test]
fn every_snapshot_belongs_to_a_declared_type() {
    let names: Vec<String> = all().iter().map(|(n, _)| format!("{n}.d.ts")).collect();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        assert!(names.contains(&file), "stale snapshot {file}");
    }
}

/// `decl` with its comments (`/* ... */`, `/** ... */`, `// ...`) and the contents of its
/// string literals (`"..."`, `'...'`, `` `...` ``) blanked out: what remains is TypeScript code.
/// A comment marker inside a string literal is text; a quote inside a comment is text.
fn code_only(decl: &str) -> String {
    let chars: Vec<char> = decl.chars().collect();
    let mut out = String::with_capacity(decl.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('*') {
            // Up to and including the closing `*/` (or the end of an unclosed comment).
            let end = (i + 2..chars.len().saturating_sub(1))
                .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                .map_or(chars.len(), |j| j + 2);
            out.push(' ');
            i = end;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if matches!(c, '"' | '\'' | '`') {
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            out.push(c);
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// True when `any` appears as a TypeScript identifier outside comments and string literals.
fn has_any(decl: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let code = code_only(decl);
    let mut rest = code.as_str();
    while let Some(i) = rest.find("any") {
        let before = rest[..i].chars().next_back();
        let after = rest[i + 3..].chars().next();
        if !before.is_some_and(ident) && !after.is_some_and(ident) {
            return true;
        }
        rest = &rest[i + 3..];
    }
    false
}

#[test]
fn the_any_check_reads_code_and_skips_only_comments_and_strings() {
    // `any` as a type, wherever it stands on its line.
    assert!(has_any("foo: any;"));
    assert!(has_any("x: Array<any>"));
    assert!(has_any("f(a: any[]): void;"));
    assert!(has_any("x: number; /** a count */ y: any;"));
    assert!(has_any("/** a * b */ x: any;"));
    assert!(has_any("x: 2 * 3; y: any"));
    assert!(has_any("/**\n * Notes.\n */\nfoo: any;"));
    assert!(
        has_any("a: \"//\"; b: any;"),
        "a comment marker in a string is text"
    );
    assert!(
        has_any("a: \"it\\\"s\"; b: any;"),
        "an escaped quote does not end the string"
    );
    assert!(
        has_any("/* it's */ b: any;"),
        "a quote in a comment opens no string"
    );
    // Not a type: inside a comment, inside a string literal, or part of a longer name.
    assert!(!has_any("company: string; /** any key */"));
    assert!(!has_any("/**\n * Accepts any value.\n */\nvalue: unknown;"));
    assert!(!has_any("x: string; // any\ny: number;"));
    assert!(!has_any("kind: \"any\" | 'any' | `any`;"));
    assert!(!has_any(
        "many: string; anyOf?: number; company_any: boolean;"
    ));
    assert!(!has_any("/* unclosed any"));
}

#[test]
fn no_declaration_uses_any() {
    for (name, decl) in all() {
        assert!(!has_any(&decl), "{name} uses `any`:\n{decl}");
    }
    // Every generated model, not only the snapshotted ones.
    for (name, decl) in generated_decls() {
        assert!(!has_any(&decl), "{name} uses `any`:\n{decl}");
    }
}

#[test]
fn every_generated_block_is_one_declaration() {
    let decls = generated_decls();
    assert!(decls.len() > 300, "only {} declarations", decls.len());
    let mut names: Vec<&str> = decls.iter().map(|(n, _)| n.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a name declared twice");
    for (name, decl) in &decls {
        let exports = decl.lines().filter(|l| l.starts_with("export ")).count();
        assert_eq!(exports, 1, "{name}: one export per block");
    }
}

#[test]
fn key_wire_shapes_reach_typescript() {
    let all = all();
    let get = |n: &str| all.iter().find(|(k, _)| *k == n).unwrap().1.clone();
    // An optional input field also takes `undefined` (`exactOptionalPropertyTypes`).
    assert!(get("LeadUpdateParams").contains("lt_interest_status?: number | undefined;"));
    assert!(get("LeadUpdateParams").contains("phone?: string | null | undefined;"));
    assert!(get("UpdateInterestStatusParams").contains("interest_value: number | null"));
    assert!(get("LeadCreateParams").contains("campaign?: string"));
    assert!(!get("LeadCreateParams").contains("campaign_id?:"));
    assert!(get("LeadBulkAddParams").contains("campaign_id?: string"));
    assert!(get("LeadListParams").contains("filter?: \"FILTER_VAL_CONTACTED\""));
    assert!(get("Lead").contains("payload?: Record<string, unknown>"));
    assert!(get("AnalyticsRates").contains("open_rate: number"));
    assert!(get("DailyAnalyticsParams").contains("campaign_id?: string"));
    assert!(!get("DailyAnalyticsParams").contains(" id?:"));
    assert!(get("WebhookCreateParams").contains("event_type?: "));
    assert!(get("BackgroundJobGetParams").contains("data_fields?: string"));
}
