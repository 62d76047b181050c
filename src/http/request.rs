//! The request a resource method builds: method, API path, query and JSON body.

use crate::error::{Error, ErrorKind, Result};
use serde::Serialize;

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// Upper-case name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(name: &str) -> Result<Method> {
        match name.to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "PATCH" => Ok(Method::Patch),
            "DELETE" => Ok(Method::Delete),
            _ => Err(Error::validation(
                "method",
                format!(
                    "unsupported HTTP method {} (use GET, POST, PUT, PATCH or DELETE)",
                    crate::engine::formats::quote(name)
                ),
            )),
        }
    }
}

/// A request to one API route, before base URL, auth and headers are applied.
///
/// `path` is relative to `/api/v2` and starts with `/`. Whether the request may be repeated after
/// a failure that the server may have processed is part of the request: see
/// [`ApiRequest::retry_safe`] and the retry policy in [`crate::client`].
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// HTTP method.
    pub method: Method,
    /// Path relative to `/api/v2`, e.g. `/campaigns/0190…/activate`.
    pub path: String,
    /// Query pairs in order; repeated keys are allowed (`ids=a&ids=b`).
    pub query: Vec<(String, String)>,
    /// JSON body.
    pub body: Option<Vec<u8>>,
    /// True when repeating the request after a timeout, connection error or 5xx cannot
    /// duplicate an effect (reads, PATCH, DELETE, activate, pause, …).
    pub retry_safe: bool,
}

impl ApiRequest {
    /// A request with no query and no body; GET, PATCH, PUT and DELETE are retry-safe by default,
    /// POST is not.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        ApiRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            retry_safe: method != Method::Post,
        }
    }

    /// GET `path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// POST `path` (not retry-safe unless marked with [`ApiRequest::retry_safe`]).
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::Post, path)
    }

    /// PATCH `path`.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::Patch, path)
    }

    /// DELETE `path`.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::Delete, path)
    }

    /// Serializes `body` as the JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|_| {
            Error::new(
                ErrorKind::Validation,
                "the body could not be written as JSON",
            )
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Appends the query pairs produced by serializing `params` (a struct of scalars or arrays
    /// of scalars; `None` fields are skipped, arrays become repeated keys).
    pub fn query<Q: Serialize + ?Sized>(mut self, params: &Q) -> Result<Self> {
        let value = serde_json::to_value(params).map_err(|_| {
            Error::new(
                ErrorKind::Validation,
                "the query could not be written as JSON",
            )
        })?;
        append_query(&mut self.query, &value)?;
        Ok(self)
    }

    /// Appends one query pair.
    pub fn query_pair(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Marks whether the request may be repeated after an ambiguous failure.
    pub fn retry_safe(mut self, safe: bool) -> Self {
        self.retry_safe = safe;
        self
    }
}

/// Flattens a JSON object of scalars (and arrays of scalars) into query pairs.
pub(crate) fn append_query(
    out: &mut Vec<(String, String)>,
    value: &serde_json::Value,
) -> Result<()> {
    use serde_json::Value;
    let Value::Object(map) = value else {
        return match value {
            Value::Null => Ok(()),
            _ => Err(Error::validation(
                "query",
                "must be an object of scalar values",
            )),
        };
    };
    // Keys in sorted order (they are unique: an unstable sort is enough) whatever serde_json's map type (`preserve_order` may be enabled by
    // another crate in the build), so the URL is the same in every build.
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0 < b.0);
    for (key, v) in entries {
        match v {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    out.push((key.clone(), scalar(key, item)?));
                }
            }
            other => out.push((key.clone(), scalar(key, other)?)),
        }
    }
    Ok(())
}

fn scalar(key: &str, v: &serde_json::Value) -> Result<String> {
    use serde_json::Value;
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        _ => Err(Error::validation(
            format!("query.{key}"),
            "must be a string, number, boolean or an array of those",
        )),
    }
}
