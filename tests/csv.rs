//! CSV to leads: BOM, CRLF, quoting, delimiter detection, automatic and explicit column
//! mapping, custom variables, per-row problems with line numbers, and mapping errors.

use instantly_wasm::csv::{parse_leads_csv, CsvOptions};
use instantly_wasm::import::Lead;
use instantly_wasm::ErrorKind;
use serde_json::{json, Value};

/// A text field of a lead.
fn text_of<'a>(lead: &'a Lead, key: &str) -> Option<&'a str> {
    lead.get(key).and_then(Value::as_str)
}

/// A field of a lead as JSON (`null` when absent).
fn field(lead: &Lead, key: &str) -> Value {
    lead.get(key).cloned().unwrap_or(Value::Null)
}

#[test]
fn reads_a_typical_export() {
    let text = "\u{feff}Email Address,First Name,Last Name,Company,Job Title,Favourite Fruit\r\n\
                ann@example.com,Ann,Lee,\"Acme, Inc.\",CTO,Apple\r\n\
                \r\n\
                bob@example.com,Bob,,\"He said \"\"hi\"\"\",,\r\n";
    let r = parse_leads_csv(text, &CsvOptions::default()).unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.leads.len(), 2);
    assert_eq!(r.lines, vec![2, 4]);
    let ann = &r.leads[0];
    assert_eq!(text_of(ann, "email"), Some("ann@example.com"));
    assert_eq!(text_of(ann, "company_name"), Some("Acme, Inc."));
    assert_eq!(text_of(ann, "job_title"), Some("CTO"));
    assert_eq!(
        field(ann, "custom_variables"),
        json!({"Favourite Fruit": "Apple"})
    );
    let bob = &r.leads[1];
    assert_eq!(bob.get("last_name"), None, "empty cells are left out");
    assert_eq!(text_of(bob, "company_name"), Some("He said \"hi\""));
    assert_eq!(bob.get("custom_variables"), None);
    let mapped: Vec<(&str, Option<&str>)> = r
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.as_deref()))
        .collect();
    assert_eq!(
        mapped,
        vec![
            ("Email Address", Some("email")),
            ("First Name", Some("first_name")),
            ("Last Name", Some("last_name")),
            ("Company", Some("company_name")),
            ("Job Title", Some("job_title")),
            ("Favourite Fruit", Some("custom_variables.Favourite Fruit")),
        ]
    );
}

#[test]
fn semicolons_and_tabs_are_detected_from_the_header() {
    let r = parse_leads_csv("email;first_name\na@x.io;A\n", &CsvOptions::default()).unwrap();
    assert_eq!(text_of(&r.leads[0], "first_name"), Some("A"));
    let r = parse_leads_csv("email\tphone\na@x.io\t+1 555\n", &CsvOptions::default()).unwrap();
    assert_eq!(text_of(&r.leads[0], "phone"), Some("+1 555"));
}

#[test]
fn bad_rows_are_problems_with_their_line_and_are_left_out() {
    let text = "email,name\na@x.io,A\nb@x.io,B,extra\n\"c@x.io\",\"C\nmore\"\nd@x.io,\"open";
    let r = parse_leads_csv(text, &CsvOptions::default()).unwrap();
    let emails: Vec<&str> = r
        .leads
        .iter()
        .map(|l| text_of(l, "email").unwrap())
        .collect();
    assert_eq!(emails, vec!["a@x.io", "c@x.io"]);
    assert_eq!(r.lines, vec![2, 4]);
    assert_eq!(r.problems.len(), 2);
    assert_eq!(r.problems[0].line, 3);
    assert!(r.problems[0].message.contains("3 fields"));
    assert_eq!(r.problems[1].line, 6);
    assert!(r.problems[1].message.contains("not closed"));
    // "name" is not a lead field: it becomes a custom variable, with its line break kept.
    assert_eq!(r.leads[1]["custom_variables"]["name"], json!("C\nmore"));
}

#[test]
fn explicit_columns_override_the_automatic_mapping() {
    let columns = vec![
        ("Mail".to_string(), Some("email".to_string())),
        ("Notes".to_string(), None),
        (
            "Title".to_string(),
            Some("custom_variables.salutation".to_string()),
        ),
    ];
    let opts = CsvOptions {
        columns: Some(columns),
    };
    let r = parse_leads_csv("Mail,Notes,Title\na@x.io,secret,Dr\n", &opts).unwrap();
    let lead = &r.leads[0];
    assert_eq!(text_of(lead, "email"), Some("a@x.io"));
    assert_eq!(lead.get("job_title"), None);
    assert_eq!(field(lead, "custom_variables"), json!({"salutation": "Dr"}));
    assert_eq!(r.columns[1].field, None);
}

#[test]
fn two_columns_for_one_field_keep_the_first() {
    let r = parse_leads_csv("email,E-mail\na@x.io,b@x.io\n", &CsvOptions::default()).unwrap();
    assert_eq!(text_of(&r.leads[0], "email"), Some("a@x.io"));
    assert_eq!(r.columns[1].field, None);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, 1);
}

#[test]
fn mapping_mistakes_and_missing_headers_are_validation_errors() {
    let e = parse_leads_csv("", &CsvOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("csv"));
    assert!(parse_leads_csv("\n\n", &CsvOptions::default()).is_err());

    let columns = vec![("Mail".to_string(), Some("emial".to_string()))];
    let e = parse_leads_csv(
        "Mail\na@x.io\n",
        &CsvOptions {
            columns: Some(columns),
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("columns.Mail"));
    assert!(e.message.contains("first_name"), "{e}");

    let columns = vec![("Nope".to_string(), Some("email".to_string()))];
    let e = parse_leads_csv(
        "Mail\na@x.io\n",
        &CsvOptions {
            columns: Some(columns),
        },
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("columns.Nope"));

    // Two entries for one column (the header is trimmed, so " Mail" is "Mail").
    let columns = vec![
        ("Mail".to_string(), Some("email".to_string())),
        (" Mail".to_string(), None),
    ];
    let e = parse_leads_csv(
        "Mail\na@x.io\n",
        &CsvOptions {
            columns: Some(columns),
        },
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("columns. Mail"));
    assert!(e.message.contains("earlier entry"), "{e}");
}

#[test]
fn columns_are_a_json_object_in_serde() {
    let opts: CsvOptions =
        serde_json::from_value(json!({"columns": {"Mail": "email", "Notes": null}})).unwrap();
    assert_eq!(
        opts.columns,
        Some(vec![
            ("Mail".to_string(), Some("email".to_string())),
            ("Notes".to_string(), None)
        ])
    );
    assert_eq!(
        serde_json::to_value(&opts).unwrap(),
        json!({"columns": {"Mail": "email", "Notes": null}})
    );
    let none: CsvOptions = serde_json::from_value(json!({"columns": null})).unwrap();
    assert_eq!(none.columns, None);
    assert_eq!(serde_json::to_value(&none).unwrap(), json!({}));
    assert!(serde_json::from_value::<CsvOptions>(json!({"columns": ["Mail"]})).is_err());
}
