//! Property tests of URL building (path segments, query strings, `callEndpoint` paths) and of
//! what the client makes of any answer a server can give (status, headers, body): no panic, a
//! URL that stays on its route, and an error of the documented kind.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use instantly_wasm::endpoint::{endpoint_request, CallEndpointOptions};
use instantly_wasm::error::Error;
use instantly_wasm::http::{
    encode_path_segment, encode_query, path_value, HttpResponse, Method, PathFormat,
};
use instantly_wasm::validate::{is_email, is_hex24, is_uuid};
use instantly_wasm::{ClientOptions, ErrorKind, RequestOptions};
use proptest::prelude::*;
use serde_json::Value;
use std::time::Duration;
use support::{client_with, run, Reply, BASE, KEY};

/// Any JSON value, up to four levels deep, with non-ASCII keys and strings and extreme numbers.
fn json_value() -> impl Strategy<Value = Value> {
    jsonprop::json_value(4, 48, 6)
}

/// Strings that look like what ends up in a path: ids, route names, traversal, encodings.
fn path_like() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[a-zA-Z0-9/._%?#~@ -]{0,40}",
        "(/|\\.\\.|\\.|%2[eE]|api|v2|campaigns|analytics|%2[fF]|\\?|#|\\\\|é| ){0,8}",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[0-9a-f]{24}",
    ]
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn path_segments_and_query_pairs_round_trip(s in ".*", k in ".*") {
        let seg = encode_path_segment(&s);
        prop_assert!(seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~@%".contains(&b)));
        prop_assert_eq!(percent_decode(&seg), Some(s.clone().into_bytes()));
        let q = encode_query(&[(k.clone(), s.clone())]);
        let (ek, ev) = q.split_once('=').unwrap();
        prop_assert_eq!(percent_decode(ek), Some(k.into_bytes()));
        prop_assert_eq!(percent_decode(ev), Some(s.into_bytes()));
    }

    /// A path value is accepted only in its declared format, and then cannot leave its segment.
    #[test]
    fn path_values_stay_in_their_segment(
        s in path_like(),
        format in prop::sample::select(vec![PathFormat::Uuid, PathFormat::Hex24, PathFormat::Email, PathFormat::Any]),
    ) {
        match path_value("id", &s, format) {
            Ok(seg) => {
                prop_assert!(!seg.contains(['/', '?', '#']) && !s.contains(".."));
                prop_assert_eq!(percent_decode(&seg), Some(s.clone().into_bytes()));
                match format {
                    PathFormat::Uuid => prop_assert!(is_uuid(&s)),
                    PathFormat::Hex24 => prop_assert!(is_hex24(&s)),
                    PathFormat::Email => prop_assert!(is_email(&s)),
                    PathFormat::Any => prop_assert!(!s.trim().is_empty()),
                }
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::Validation);
                prop_assert_eq!(e.field.as_deref(), Some("id"));
            }
        }
    }

    /// `callEndpoint`: whatever the path and options, the request stays under `/api/v2` on a
    /// well-formed route, or the error names the option at fault.
    #[test]
    fn call_endpoint_paths_never_escape(
        path in path_like(),
        method in prop::option::of(prop_oneof![
            prop::sample::select(vec!["get", "POST", "Patch", "DELETE", "put"]).prop_map(String::from),
            ".{0,8}",
        ]),
        query in prop::option::of(json_value()),
        json in prop::option::of(json_value()),
    ) {
        let is_get = method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case("get"));
        let options = CallEndpointOptions { method, query, json };
        match endpoint_request(&path, &options) {
            Ok(req) => {
                prop_assert!(req.path.starts_with('/'));
                prop_assert!(!req.path.contains("//") && !req.path.contains(['?', '#', '\\']));
                // No segment a URL parser resolves as `.` or `..`, percent-encoded or not.
                let dot_segment = |seg: &str| {
                    let dots = seg.to_ascii_lowercase().replace("%2e", ".");
                    dots == ".." || dots == "."
                };
                prop_assert!(!req.path.split('/').any(dot_segment), "{}", req.path);
                prop_assert!(!req.path.chars().any(|c| c.is_whitespace() || c.is_control()));
                prop_assert!(!req.path.starts_with("/api/v2/") && !req.path.starts_with("/v2/"));
                if let Some(body) = &req.body {
                    prop_assert!(serde_json::from_slice::<Value>(body).is_ok());
                }
                prop_assert_eq!(req.retry_safe, req.method != Method::Post);
            }
            Err(e) => {
                prop_assert_eq!(e.kind, ErrorKind::Validation);
                let field = e.field.clone().unwrap_or_default();
                prop_assert!(
                    ["path", "method", "query"].contains(&field.as_str())
                        || field.starts_with("query.")
                        || (field == "json" && is_get && options.json.is_some()),
                    "unexpected field {field:?}"
                );
            }
        }
    }

    /// An error body of any shape and size gives a single-line, bounded message and the kind of
    /// its status.
    #[test]
    fn any_error_response_becomes_a_bounded_error(
        status in 100u16..1000,
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..400),
            json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
            (".{0,2000}", ".{0,2000}").prop_map(|(e, m)| serde_json::to_vec(&serde_json::json!({"statusCode": 400, "error": e, "message": m})).unwrap()),
        ],
    ) {
        let e = Error::from_response(status, &body, None);
        prop_assert_eq!(e.kind, ErrorKind::from_status(status));
        prop_assert_eq!(e.status, Some(status));
        prop_assert!(!e.message.contains(['\n', '\r']));
        prop_assert!(e.message.chars().count() <= 700, "{} chars", e.message.chars().count());
    }

    /// A hostile server: any status, any headers, any body, for each of three attempts. The call
    /// ends with the answer or with an error of the documented kind, and every wait between
    /// attempts is within the 60 s cap.
    #[test]
    fn any_server_answer_settles_the_call(
        answers in prop::collection::vec(
            (
                100u16..1000,
                prop::collection::vec((prop::sample::select(vec!["retry-after", "retry-after-ms", "content-type", "x-other"]), ".{0,30}"), 0..3),
                prop_oneof![
                    prop::collection::vec(any::<u8>(), 0..200),
                    json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
                    Just(br#"{"statusCode":500,"error":"Internal"}"#.to_vec()),
                ],
            ),
            3,
        ),
    ) {
        let (c, t, clock) = client_with(
            ClientOptions::new(KEY).with_base_url(BASE).with_max_retries(2).with_rate_limit(None),
        );
        for (status, headers, body) in &answers {
            t.push(Reply::Http(HttpResponse {
                status: *status,
                headers: headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
                body: body.clone(),
            }));
        }
        let result: Result<Value, Error> = run(c.call_endpoint(
            "/campaigns/analytics",
            &CallEndpointOptions::default(),
            &RequestOptions::default(),
        ));
        let sent = t.requests().len();
        prop_assert!((1..=3).contains(&sent));
        let (status, _, body) = &answers[sent - 1];
        match result {
            Ok(v) => {
                prop_assert!((200..300).contains(status));
                let expected: Value = if body.iter().all(u8::is_ascii_whitespace) {
                    Value::Null
                } else {
                    serde_json::from_slice(body).unwrap()
                };
                prop_assert_eq!(v, expected);
            }
            Err(e) => {
                prop_assert_eq!(e.path.as_deref(), Some("/api/v2/campaigns/analytics"));
                if (200..300).contains(status) {
                    prop_assert!(matches!(e.kind, ErrorKind::Decode | ErrorKind::Server));
                } else {
                    prop_assert_eq!(e.kind, ErrorKind::from_status(*status));
                }
            }
        }
        prop_assert!(clock.sleeps().iter().all(|d| *d <= Duration::from_secs(60)));
    }

    #[test]
    fn method_names_parse_or_name_the_method(name in ".{0,10}") {
        match Method::parse(&name) {
            Ok(m) => prop_assert!(m.as_str().eq_ignore_ascii_case(&name)),
            Err(e) => prop_assert_eq!(e.field.as_deref(), Some("method")),
        }
    }
}

/// The packed form `packJson` (src/http/transport.js) writes for a value `JSON.parse` gave:
/// numbers as the f64 JavaScript holds.
fn pack(v: &Value, out: &mut Vec<u8>) {
    let string = |s: &str, out: &mut Vec<u8>| {
        out.extend((s.len() as u32).to_le_bytes());
        out.extend(s.as_bytes());
    };
    match v {
        Value::Null => out.push(0),
        Value::Bool(b) => out.push(if *b { 2 } else { 1 }),
        Value::Number(n) => {
            out.push(3);
            out.extend(n.as_f64().unwrap_or(0.0).to_le_bytes());
        }
        Value::String(s) => {
            out.push(4);
            string(s, out);
        }
        Value::Array(items) => {
            out.push(5);
            out.extend((items.len() as u32).to_le_bytes());
            for item in items {
                pack(item, out);
            }
        }
        Value::Object(map) => {
            out.push(6);
            out.extend((map.len() as u32).to_le_bytes());
            for (k, item) in map {
                string(k, out);
                pack(item, out);
            }
        }
    }
}

/// `v` as JavaScript holds it after `JSON.parse`: every number an f64, read back as an integer
/// when it is a safe one.
fn as_js_holds(v: &Value) -> Value {
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
                Value::from(x as i64)
            } else {
                serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(as_js_holds).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, item)| (k.clone(), as_js_holds(item)))
                .collect(),
        ),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any JSON value comes back from its packed form as JavaScript held it, and any cut or
    /// corruption of the bytes is an error, never a panic.
    #[test]
    fn packed_json_reads_back(v in json_value(), cut in any::<prop::sample::Index>(), flip in any::<u8>()) {
        let mut bytes = Vec::new();
        pack(&v, &mut bytes);
        prop_assert_eq!(instantly_wasm::http::unpack_json(&bytes), Ok(as_js_holds(&v)));
        let at = cut.index(bytes.len());
        prop_assert!(instantly_wasm::http::unpack_json(&bytes[..at]).is_err());
        bytes[at] ^= flip;
        let _ = instantly_wasm::http::unpack_json(&bytes);
    }
}
