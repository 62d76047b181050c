//! Property tests of `parseLeadsCsv`: any text and any column mapping give leads with their line
//! numbers or a `ValidationError` naming `csv` or the column; a table written out with RFC 4180
//! quoting reads back cell for cell.
#![cfg(not(target_arch = "wasm32"))]

use instantly_wasm::csv::{parse_leads_csv, CsvOptions};
use instantly_wasm::ErrorKind;
use proptest::prelude::*;

/// CSV-ish text: separators, quotes, line breaks, a BOM, non-ASCII, U+FFFD.
fn csv_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,200}",
        "(\u{feff})?([a-zé\u{FFFD} ]{0,6}(,|;|\t|\"|\"\"|\r\n|\n|\r)){0,40}",
        "(email|Email Address|First Name|company|x|)(,|;|\t)(email|name|phone|)\n.{0,120}",
    ]
}

fn columns() -> impl Strategy<Value = Option<Vec<(String, Option<String>)>>> {
    let header = prop_oneof![
        Just("email".to_string()),
        Just(" email".to_string()),
        Just("x".to_string()),
        ".{0,6}"
    ];
    let field = prop::option::of(prop_oneof![
        Just("email".to_string()),
        Just("custom_variables.k".to_string()),
        Just("custom_variables. ".to_string()),
        ".{0,10}",
    ]);
    prop::option::of(prop::collection::vec((header, field), 0..3))
}

/// Writes one cell with RFC 4180 quoting.
fn quote(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_leads_or_a_named_error(text in csv_text(), columns in columns()) {
        let lines = text.split(['\n', '\r']).count() as u64;
        match parse_leads_csv(&text, &CsvOptions { columns }) {
            Ok(out) => {
                prop_assert_eq!(out.leads.len(), out.lines.len());
                prop_assert!(out.lines.windows(2).all(|w| w[0] < w[1]), "lines increase: {:?}", out.lines);
                prop_assert!(out.lines.iter().chain(out.problems.iter().map(|p| &p.line)).all(|&l| l >= 1 && l <= lines));
                for lead in &out.leads {
                    if let Some(vars) = lead.get("custom_variables") {
                        let vars = vars.as_object().expect("custom_variables is an object");
                        prop_assert!(vars.values().all(serde_json::Value::is_string));
                    }
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::Validation);
                let field = e.field.clone().unwrap_or_default();
                prop_assert!(field == "csv" || field.starts_with("columns."), "{field:?}");
            }
        }
    }

    /// A table written with every cell quoted reads back exactly (cells are trimmed; a row of
    /// blank cells is skipped).
    #[test]
    fn quoted_tables_round_trip(
        rows in prop::collection::vec(prop::collection::vec("[^\u{feff}]{0,12}", 3), 1..12),
        crlf in any::<bool>(),
    ) {
        let headers = ["email", "first_name", "Favourite Fruit"];
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = headers.map(quote).join(",");
        for row in &rows {
            text.push_str(eol);
            text.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        }
        let out = parse_leads_csv(&text, &CsvOptions::default()).unwrap();
        let kept: Vec<&Vec<String>> = rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).collect();
        prop_assert_eq!(out.leads.len(), kept.len());
        prop_assert!(out.problems.is_empty(), "{:?}", out.problems);
        for (lead, row) in out.leads.iter().zip(kept) {
            let cell = |i: usize| Some(row[i].trim().to_string()).filter(|c| !c.is_empty());
            let text = |k: &str| lead.get(k).and_then(|v| v.as_str()).map(str::to_string);
            prop_assert_eq!(text("email"), cell(0));
            prop_assert_eq!(text("first_name"), cell(1));
            let fruit = lead
                .get("custom_variables")
                .and_then(|v| v.get("Favourite Fruit"))
                .and_then(|v| v.as_str())
                .map(str::to_string);
            prop_assert_eq!(fruit, cell(2));
        }
    }
}
