//! `client.call_endpoint()`: any other route of the API, for operations without a typed method.

use crate::client::{Client, RequestOptions};
use crate::error::{Error, Result};
use crate::http::{ApiRequest, Clock, Method, Transport};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Options of `callEndpoint(path, options)`.
#[derive(tsify::Tsify, Serialize, Deserialize, Debug, Clone, Default, PartialEq)]
pub struct CallEndpointOptions {
    /// HTTP method (default `GET`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | undefined")]
    pub method: Option<String>,
    /// Query parameters; arrays become repeated keys (`ids=a&ids=b`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(
        type = "Record<string, string | number | boolean | Array<string | number | boolean> | null | undefined> | undefined"
    )]
    pub query: Option<Value>,
    /// JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown")]
    pub json: Option<Value>,
}

impl crate::input::Input for CallEndpointOptions {
    const KEYS: &'static [&'static str] = &["method", "query", "json"];

    fn read(f: &crate::input::Fields<'_>) -> std::result::Result<Self, crate::input::InputError> {
        Ok(CallEndpointOptions {
            method: f.string("method")?,
            query: f.json("query"),
            json: f.json("json"),
        })
    }
}

/// Builds the request for `call_endpoint`.
///
/// `path` is relative to `/api/v2` (`/webhooks`, `webhooks/event-types`); a leading `/api/v2` or
/// `/v2` is accepted and stripped. A path may not carry a scheme, host, query, fragment or `..`:
/// queries go in `options.query`. POST is not retried after an ambiguous failure; other methods
/// are.
pub fn endpoint_request(path: &str, options: &CallEndpointOptions) -> Result<ApiRequest> {
    let method = Method::parse(options.method.as_deref().unwrap_or("GET"))?;
    let mut p = path.trim();
    if crate::text::find(p, "://").is_some() || p.starts_with("//") {
        return Err(Error::validation(
            "path",
            "must be a path relative to /api/v2, not a URL (set baseUrl on the client instead)",
        ));
    }
    if p.contains(['?', '#']) {
        return Err(Error::validation(
            "path",
            "must not contain '?' or '#'; pass query parameters in options.query",
        ));
    }
    for prefix in ["/api/v2", "api/v2", "/v2", "v2"] {
        if let Some(rest) = p.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with('/') {
                p = rest;
                break;
            }
        }
    }
    let p = p.trim_start_matches('/');
    if p.is_empty() {
        return Err(Error::validation(
            "path",
            "must name a route, e.g. \"/webhooks\"",
        ));
    }
    if p.split('/').any(is_dot_or_empty_segment)
        || p.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(Error::validation(
            "path",
            format!(
                "{} is not a valid route path",
                crate::engine::formats::quote(path)
            ),
        ));
    }
    let mut req = ApiRequest::new(method, format!("/{p}"));
    if let Some(q) = &options.query {
        crate::http::append_query_value(&mut req.query, q)?;
    }
    if let Some(body) = &options.json {
        if method == Method::Get {
            // fetch refuses a GET with a body; said here, before anything is sent.
            return Err(Error::validation(
                "json",
                "a GET request cannot carry a body; set method (e.g. \"POST\") or pass query",
            ));
        }
        req = req.json(body)?;
    }
    Ok(req)
}

/// An empty segment, or one a URL parser resolves as `.` or `..`, also percent-encoded
/// (`%2e`, `.%2E`, `%2e%2e`, …): such a path would leave `/api/v2` with the key attached.
fn is_dot_or_empty_segment(seg: &str) -> bool {
    let lower = seg.to_ascii_lowercase();
    let dots = crate::text::replace_all(&lower, "%2e", ".").unwrap_or(lower);
    dots.is_empty() || dots == "." || dots == ".."
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Calls any route: `path` relative to `/api/v2`, with the client's auth, retries and error
    /// mapping. The answer is returned as JSON.
    pub async fn call_endpoint(
        &self,
        path: &str,
        options: &CallEndpointOptions,
        opts: &RequestOptions,
    ) -> Result<Value> {
        let req = endpoint_request(path, options)?;
        self.request_value(req, opts).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(path: &str) -> Result<ApiRequest> {
        endpoint_request(path, &CallEndpointOptions::default())
    }

    #[test]
    fn normalises_prefixes() {
        for p in [
            "/webhooks/event-types",
            "webhooks/event-types",
            "/api/v2/webhooks/event-types",
            "/v2/webhooks/event-types",
        ] {
            assert_eq!(req(p).unwrap().path, "/webhooks/event-types", "{p}");
        }
    }

    #[test]
    fn rejects_urls_traversal_and_inline_queries() {
        for p in [
            "https://evil.test/x",
            "//evil.test",
            "/a/../b",
            "/a?x=1",
            "/a#b",
            "",
            "/",
            "/a//b",
            "/a b",
            "/%2e%2e/admin",
            "/a/%2E%2e/b",
            "/a/.%2e",
            "/%2e./x",
            "/a/%2e/b",
        ] {
            let e = req(p).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("path"), "{p}");
        }
    }

    #[test]
    fn method_query_and_body() {
        let r = endpoint_request(
            "/campaigns/analytics",
            &CallEndpointOptions {
                method: Some("post".into()),
                query: Some(serde_json::json!({"ids": ["a", "b"], "x": 1, "skip": null})),
                json: Some(serde_json::json!({"k": true})),
            },
        )
        .unwrap();
        assert_eq!(r.method, Method::Post);
        assert!(!r.retry_safe);
        assert_eq!(
            r.query,
            vec![
                ("ids".into(), "a".into()),
                ("ids".into(), "b".into()),
                ("x".into(), "1".into())
            ]
        );
        assert_eq!(r.body.as_deref(), Some(&br#"{"k":true}"#[..]));
        assert!(endpoint_request(
            "/x",
            &CallEndpointOptions {
                method: Some("TRACE".into()),
                ..Default::default()
            }
        )
        .is_err());
        // fetch refuses a GET with a body: a ValidationError before anything is sent.
        let e = endpoint_request(
            "/campaigns",
            &CallEndpointOptions {
                method: Some("get".into()),
                json: Some(serde_json::json!({"a": 1})),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("json"));
    }

    #[test]
    fn dots_inside_a_segment_are_fine() {
        for p in ["/accounts/a.b@example.com", "/a/..x", "/a/%2e%2ex", "/v.2"] {
            assert!(req(p).is_ok(), "{p}");
        }
    }
}
