//! Leads from CSV text, for imports from files (the demo, the browser extension).
//!
//! The parser follows RFC 4180: fields separated by `,` (or `;` / tab when the header line uses
//! that instead), records by CRLF or LF, fields in double quotes may hold separators, line
//! breaks and `""` (an escaped quote). A UTF-8 byte order mark is dropped; values are trimmed.
//!
//! The header row names the columns. Each column maps to a lead field by a forgiving match
//! (case, spaces and punctuation ignored: `Email Address`, `First Name`, `company`, `Job
//! Title`, `Phone Number`, `URL`, …); any other column becomes a custom variable named after its
//! header. An explicit `columns` map overrides that: header → a field name, `custom_variables.X`,
//! or `None` to skip the column.
//!
//! Problems in a row (more fields than the header, an unterminated quote) are reported with the
//! row's line number and the row is left out; a blank row is skipped silently. The result keeps,
//! for each lead, the line it came from, so an import report's indices map back to lines.

use crate::engine::formats::quote;
use crate::error::{Error, Result};
use crate::import::Lead;
use crate::input::StringPairs;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

/// The lead fields a column can map to.
pub const CSV_FIELDS: &[&str] = &[
    "email",
    "first_name",
    "last_name",
    "company_name",
    "job_title",
    "phone",
    "website",
    "personalization",
];

/// Options of `parseLeadsCsv`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CsvOptions {
    /// Header → lead field (`email`, `first_name`, `last_name`, `company_name`, `job_title`,
    /// `phone`, `website`, `personalization`), `custom_variables.<name>`, or `null` to skip the
    /// column. Columns not listed are matched automatically; two entries naming one column
    /// (after trimming) are an error.
    // In Rust, (header, field) pairs, written and read by serde as a JSON object: a second
    // `BTreeMap` type would cost the wasm 1.7 KB gzip.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "columns_as_object"
    )]
    #[tsify(type = "Record<string, string | null> | undefined")]
    pub columns: Option<StringPairs>,
}

/// `CsvOptions::columns` as a JSON object.
mod columns_as_object {
    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    type Columns = Option<crate::input::StringPairs>;

    pub fn serialize<S: Serializer>(columns: &Columns, s: S) -> Result<S::Ok, S::Error> {
        let pairs = columns.as_deref().unwrap_or_default();
        let mut map = s.serialize_map(Some(pairs.len()))?;
        for (header, field) in pairs {
            map.serialize_entry(header, field)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Columns, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Columns;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of column names to a field name or null")
            }
            fn visit_unit<E>(self) -> Result<Columns, E> {
                Ok(None)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Columns, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Some(pairs))
            }
        }
        d.deserialize_any(Pairs)
    }
}

impl crate::input::Input for CsvOptions {
    const KEYS: &'static [&'static str] = &["columns"];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(CsvOptions {
            columns: f.string_map("columns")?,
        })
    }
}

/// Leads read from CSV text.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CsvLeads {
    /// The leads, in file order.
    #[tsify(type = "LeadBulkItem[]")]
    pub leads: Vec<Lead>,
    /// For each lead, the (1-based) line its row starts on.
    pub lines: Vec<u64>,
    /// Rows left out, with the reason.
    pub problems: Vec<CsvProblem>,
    /// How each column was mapped.
    pub columns: Vec<CsvColumn>,
}

/// A row that could not be read.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct CsvProblem {
    /// The (1-based) line the row starts on.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// One column and where its values go.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct CsvColumn {
    /// The header as written.
    pub header: String,
    /// `email`, …, `custom_variables.<name>`, or `null` when the column is skipped.
    pub field: Option<String>,
}

/// One parsed record: its starting line and its fields, or the problem that ended it.
struct Record {
    line: u64,
    fields: std::result::Result<Vec<String>, String>,
}

/// Splits `text` into records.
fn records(text: &str, sep: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line: u64 = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut problem = None;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    problem = Some("a quoted field is not closed before the end of the file");
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.trim().is_empty() => {
                    field.clear();
                    quoted = true;
                }
                c if c == sep => fields.push(std::mem::take(&mut field)),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    line += 1;
                    break;
                }
                c => field.push(c),
            }
        }
        fields.push(field);
        out.push(Record {
            line: start,
            fields: match problem {
                Some(p) => Err(p.to_string()),
                None => Ok(fields),
            },
        });
    }
    out
}

/// `First Name` → `firstname`.
fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The lead field a header most likely means, or a custom variable named after it.
fn auto_field(header: &str) -> Option<String> {
    let field = match normalize(header).as_str() {
        "" => return None,
        "email" | "emailaddress" | "mail" | "workemail" => "email",
        "firstname" | "first" | "givenname" | "fname" => "first_name",
        "lastname" | "last" | "surname" | "familyname" | "lname" => "last_name",
        "companyname" | "company" | "organization" | "organisation" | "account" => "company_name",
        "jobtitle" | "title" | "position" | "role" => "job_title",
        "phone" | "phonenumber" | "mobile" | "telephone" | "tel" => "phone",
        "website" | "url" | "web" | "site" | "websiteurl" | "companywebsite" => "website",
        "personalization" | "personalisation" | "icebreaker" => "personalization",
        _ => return Some(format!("custom_variables.{}", header.trim())),
    };
    Some(field.to_string())
}

fn check_field(header: &str, field: &str) -> Result<()> {
    let ok = CSV_FIELDS.contains(&field)
        || field
            .strip_prefix("custom_variables.")
            .is_some_and(|k| !k.trim().is_empty());
    if ok {
        return Ok(());
    }
    let mut msg = format!(
        "maps to {}; use one of {} or \"custom_variables.<name>\" (null skips it)",
        quote(field),
        crate::text::join(CSV_FIELDS, ", ")
    );
    if let Some(hint) = crate::engine::suggest(field, CSV_FIELDS, &[]) {
        msg.push_str(&format!("; did you mean {}?", quote(hint)));
    }
    Err(Error::validation(format!("columns.{header}"), msg))
}

/// Reads leads from CSV text; see the module docs. Fails only when there is no header row or
/// `columns` names a missing header or an unknown field.
pub fn parse_leads_csv(text: &str, opts: &CsvOptions) -> Result<CsvLeads> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sep = separator(text.lines().next().unwrap_or_default());
    let mut rows = records(text, sep).into_iter();
    let header = loop {
        match rows.next() {
            None => return Err(Error::validation("csv", "has no header row")),
            Some(Record {
                fields: Ok(f),
                line,
            }) if f.iter().any(|h| !h.trim().is_empty()) => break (line, f),
            Some(Record { fields: Err(p), .. }) => {
                return Err(Error::validation("csv", format!("header row: {p}")))
            }
            Some(_) => continue,
        }
    };
    let mut out = CsvLeads::default();
    let header = Header::new(
        header.0,
        &header.1,
        opts,
        &mut out.problems,
        &mut out.columns,
    )?;
    for rec in rows {
        match header.lead(rec) {
            Ok(Some((line, lead))) => {
                out.leads.push(lead);
                out.lines.push(line);
            }
            Ok(None) => {}
            Err(problem) => out.problems.push(problem),
        }
    }
    Ok(out)
}

/// The header row: the columns and the lead field each maps to.
struct Header {
    len: usize,
    fields: Vec<Option<String>>,
}

impl Header {
    fn new(
        line: u64,
        raw: &[String],
        opts: &CsvOptions,
        problems: &mut Vec<CsvProblem>,
        columns: &mut Vec<CsvColumn>,
    ) -> Result<Header> {
        let headers: Vec<String> = raw.iter().map(|h| h.trim().to_string()).collect();
        let explicit = opts.columns.as_deref().unwrap_or_default();
        for (i, (h, field)) in explicit.iter().enumerate() {
            if explicit[..i].iter().any(|(k, _)| k.trim() == h.trim()) {
                return Err(Error::validation(
                    format!("columns.{h}"),
                    "names the same column as an earlier entry",
                ));
            }
            if !headers.iter().any(|x| x == h.trim()) {
                return Err(Error::validation(
                    format!("columns.{h}"),
                    format!(
                        "no such column; the header has {}",
                        crate::text::join(&headers, ", ")
                    ),
                ));
            }
            if let Some(f) = field {
                check_field(h, f)?;
            }
        }
        // (field, the header that took it): a header line has few columns.
        let mut taken: Vec<(String, String)> = Vec::new();
        let mut fields: Vec<Option<String>> = Vec::new();
        for h in &headers {
            let mut field = match explicit.iter().find(|(k, _)| k.trim() == h) {
                Some((_, f)) => f.clone(),
                None => auto_field(h),
            };
            if let Some(f) = &field {
                if let Some((_, first)) = taken.iter().find(|(t, _)| t == f) {
                    problems.push(CsvProblem {
                        line,
                        message: format!(
                            "column {} also maps to {f} (first mapped by {}); it is skipped",
                            quote(h),
                            quote(first)
                        ),
                    });
                    field = None;
                } else {
                    taken.push((f.clone(), h.clone()));
                }
            }
            columns.push(CsvColumn {
                header: h.clone(),
                field: field.clone(),
            });
            fields.push(field);
        }
        Ok(Header {
            len: headers.len(),
            fields,
        })
    }

    /// The lead of a record with its line, `None` for a blank row, or the row's problem.
    fn lead(&self, rec: Record) -> std::result::Result<Option<(u64, Lead)>, CsvProblem> {
        let values = rec.fields.map_err(|message| CsvProblem {
            line: rec.line,
            message,
        })?;
        if values.iter().all(|v| v.trim().is_empty()) {
            return Ok(None);
        }
        if values.len() > self.len {
            return Err(CsvProblem {
                line: rec.line,
                message: format!("has {} fields, the header has {}", values.len(), self.len),
            });
        }
        Ok(Some((rec.line, lead_from(&self.fields, &values))))
    }
}

/// The separator the header line uses most: `,`, `;` or tab (`,` when it has none).
fn separator(first_line: &str) -> char {
    // The most frequent of the three (the later one on a tie), `,` when none occurs. Counted
    // over bytes: a `str` search for a char held in a variable brings core's substring
    // searcher into the wasm.
    let mut best = (',', 0);
    for sep in [',', ';', '\t'] {
        let n = first_line.bytes().filter(|&b| b == sep as u8).count();
        if n > 0 && n >= best.1 {
            best = (sep, n);
        }
    }
    best.0
}

/// CSV text read as it arrives, a piece at a time (a request body, a file stream): complete
/// records become import rows ([`crate::import::Row`]) while the rest waits for more text, so
/// only the unfinished record is held. Row problems are rows too (rejected with their line);
/// blank rows are skipped.
#[derive(Debug)]
pub struct CsvReader {
    opts: CsvOptions,
    text: String,
    /// An incomplete UTF-8 sequence at the end of the bytes pushed so far.
    bytes: Vec<u8>,
    /// Lines before `text`.
    lines: u64,
    sep: Option<char>,
    header: Option<Header>,
    started: bool,
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Header").field("len", &self.len).finish()
    }
}

impl CsvReader {
    /// A reader with `parseLeadsCsv`'s options.
    pub fn new(opts: CsvOptions) -> Self {
        CsvReader {
            opts,
            text: String::new(),
            bytes: Vec::new(),
            lines: 0,
            sep: None,
            header: None,
            started: false,
        }
    }

    /// Adds text.
    pub fn push_str(&mut self, text: &str) {
        if !self.started {
            self.started = true;
            self.text
                .push_str(text.strip_prefix('\u{feff}').unwrap_or(text));
        } else {
            self.text.push_str(text);
        }
    }

    /// Adds UTF-8 bytes; a sequence split between two pushes is joined. Bytes that are not
    /// UTF-8 become U+FFFD.
    pub fn push_bytes(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.bytes) {
            Ok(_) => self.bytes.len(),
            // Keep a sequence cut at the end for the next push (at most 3 bytes).
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.bytes.len(),
        };
        let rest = self.bytes.split_off(valid);
        let text = String::from_utf8_lossy(&self.bytes).into_owned();
        self.bytes = rest;
        self.push_str(&text);
    }

    /// The rows of the records complete so far; with `end`, of everything (the input is over).
    /// Fails for a CSV without a header row or a `columns` entry naming no column.
    pub fn rows(&mut self, end: bool) -> Result<Vec<crate::import::Row>> {
        use crate::import::Row;
        if end && !self.bytes.is_empty() {
            let tail = String::from_utf8_lossy(&std::mem::take(&mut self.bytes)).into_owned();
            self.push_str(&tail);
        }
        let sep = match self.sep {
            Some(s) => s,
            None => match self.text.find('\n') {
                Some(i) => *self.sep.insert(separator(&self.text[..i])),
                None if end => *self.sep.insert(separator(&self.text)),
                None => return Ok(Vec::new()),
            },
        };
        let split = if end {
            self.text.len()
        } else {
            complete_records(&self.text, sep)
        };
        if split == 0 {
            if end && self.header.is_none() {
                return Err(Error::validation("csv", "has no header row"));
            }
            return Ok(Vec::new());
        }
        let rest = self.text.split_off(split);
        let done = std::mem::replace(&mut self.text, rest);
        let offset = self.lines;
        self.lines += done.matches('\n').count() as u64;
        let mut out = Vec::new();
        for mut rec in records(&done, sep) {
            rec.line += offset;
            let Some(header) = &self.header else {
                match rec.fields {
                    Ok(f) if f.iter().any(|h| !h.trim().is_empty()) => {
                        let (mut problems, mut columns) = (Vec::new(), Vec::new());
                        self.header = Some(Header::new(
                            rec.line,
                            &f,
                            &self.opts,
                            &mut problems,
                            &mut columns,
                        )?);
                    }
                    Err(p) => return Err(Error::validation("csv", format!("header row: {p}"))),
                    Ok(_) => {}
                }
                continue;
            };
            match header.lead(rec) {
                Ok(Some((_, lead))) => out.push(Row::Lead(Box::new(lead))),
                Ok(None) => {}
                Err(p) => out.push(Row::Bad {
                    reason: format!("line {}: {}", p.line, p.message),
                    field: None,
                }),
            }
        }
        if end && self.header.is_none() {
            return Err(Error::validation("csv", "has no header row"));
        }
        Ok(out)
    }
}

/// The length of the complete records at the start of `text`: up to and including the last
/// line break outside quotes (the quoting rules of [`records`]).
fn complete_records(text: &str, sep: char) -> usize {
    let mut quoted = false;
    let mut field_blank = true;
    let mut last = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek().map(|&(_, n)| n) == Some('"') {
                    chars.next();
                } else {
                    quoted = false;
                    field_blank = false;
                }
            }
            continue;
        }
        match c {
            '"' if field_blank => quoted = true,
            c if c == sep => field_blank = true,
            '\n' => {
                last = i + 1;
                field_blank = true;
            }
            c if c.is_whitespace() => {}
            _ => field_blank = false,
        }
    }
    last
}

fn lead_from(fields: &[Option<String>], values: &[String]) -> Lead {
    let mut lead = Lead::new();
    let mut vars = Map::new();
    for (field, value) in fields.iter().zip(values) {
        let (Some(field), value) = (field, value.trim()) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let v = Value::String(value.to_string());
        match field.as_str() {
            f @ ("email" | "first_name" | "last_name" | "company_name" | "job_title" | "phone"
            | "website" | "personalization") => {
                lead.insert(f.to_string(), v);
            }
            other => {
                let mut key = other;
                while let Some(rest) = key.strip_prefix("custom_variables.") {
                    key = rest;
                }
                vars.insert(key.to_string(), v);
            }
        }
    }
    if !vars.is_empty() {
        lead.insert("custom_variables".into(), Value::Object(vars));
    }
    lead
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_most_frequent_the_later_on_a_tie_and_a_comma_by_default() {
        for (line, sep) in [
            ("", ','),
            ("email", ','),
            ("a,b;c", ';'),
            ("a;b;c,d", ';'),
            ("a,b,c;d", ','),
            ("a;b\tc", '\t'),
            ("a\tb\tc,d,e", '\t'),
            ("a\tb,c,d", ','),
            ("a,b\tc", '\t'),
            ("é;ü,ø;x", ';'),
        ] {
            assert_eq!(separator(line), sep, "{line:?}");
            // The same as counting with `str` patterns.
            let by_str = [',', ';', '\t']
                .into_iter()
                .max_by_key(|s| line.matches(*s).count())
                .filter(|s| line.contains(*s))
                .unwrap_or(',');
            assert_eq!(sep, by_str, "{line:?}");
        }
    }

    #[test]
    fn a_reader_fed_in_pieces_gives_the_leads_and_problems_of_the_whole_text() {
        let text =
            "\u{feff}Email;First Name;Notes\r\nann@example.com;Ann;\"a; \"\"quoted\"\"\nline\"\n\n\
                    bob@example.com;Bøb;x\nbad;row;has;too many\ncé@example.com;Cé;\"end\"";
        let whole = parse_leads_csv(text, &CsvOptions::default()).unwrap();
        let expected: Vec<crate::import::Row> = vec![
            crate::import::Row::Lead(Box::new(whole.leads[0].clone())),
            crate::import::Row::Lead(Box::new(whole.leads[1].clone())),
            crate::import::Row::Bad {
                reason: format!(
                    "line {}: {}",
                    whole.problems[0].line, whole.problems[0].message
                ),
                field: None,
            },
            crate::import::Row::Lead(Box::new(whole.leads[2].clone())),
        ];
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            for second in cut..=bytes.len() {
                let mut r = CsvReader::new(CsvOptions::default());
                let mut rows = Vec::new();
                for piece in [&bytes[..cut], &bytes[cut..second], &bytes[second..]] {
                    r.push_bytes(piece);
                    rows.extend(r.rows(false).unwrap());
                }
                rows.extend(r.rows(true).unwrap());
                assert_eq!(rows, expected, "cut at {cut} and {second}");
            }
        }
        let mut empty = CsvReader::new(CsvOptions::default());
        empty.push_str("\n\n");
        assert_eq!(empty.rows(true).unwrap_err().field.as_deref(), Some("csv"));
    }

    fn fields(text: &str) -> Vec<std::result::Result<Vec<String>, String>> {
        records(text, ',').into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn quoted_fields_escaped_quotes_and_line_breaks() {
        let r = fields("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,\n");
        assert_eq!(
            r,
            vec![
                Ok(vec!["a".into(), "b,c".into(), "say \"hi\"".into()]),
                Ok(vec!["multi\nline".into(), "x".into(), "".into()]),
            ]
        );
        let lines: Vec<u64> = records("h\n\"a\nb\"\nc\n", ',')
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn an_unterminated_quote_is_a_problem() {
        let r = fields("a,\"open\nstill open");
        assert_eq!(r.len(), 1);
        assert!(r[0].as_ref().unwrap_err().contains("not closed"));
    }

    #[test]
    fn headers_match_fields_forgivingly() {
        assert_eq!(auto_field("Email Address").as_deref(), Some("email"));
        assert_eq!(auto_field("first_name").as_deref(), Some("first_name"));
        assert_eq!(auto_field("Company").as_deref(), Some("company_name"));
        assert_eq!(auto_field("Job Title").as_deref(), Some("job_title"));
        assert_eq!(
            auto_field(" Favourite Fruit ").as_deref(),
            Some("custom_variables.Favourite Fruit")
        );
        assert_eq!(auto_field("  "), None);
    }
}
