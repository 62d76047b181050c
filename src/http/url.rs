//! Percent-encoding for path segments and query strings, and the checks on path values (their
//! declared format, and the characters that could reach another route).

use crate::error::{Error, Result};

/// Checks an id that will be placed in a path segment.
///
/// Rejects empty ids and ids containing `/`, `?`, `#`, `%`, `..` or control characters, so an id
/// can never address another route (`../webhooks`) or smuggle a query.
pub fn validate_id(field: &str, id: &str) -> Result<()> {
    let trimmed = id.trim();
    if trimmed.is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    if trimmed.len() != id.len() {
        return Err(Error::validation(
            field,
            "must not start or end with whitespace",
        ));
    }
    if let Some(c) = id
        .chars()
        .find(|c| matches!(c, '/' | '?' | '#' | '%' | '\\') || c.is_control())
    {
        return Err(Error::validation(
            field,
            format!(
                "must not contain {} (got {})",
                crate::engine::formats::quote(c.encode_utf8(&mut [0; 4])),
                crate::engine::formats::quote(id)
            ),
        ));
    }
    if crate::text::find(id, "..").is_some() {
        return Err(Error::validation(
            field,
            format!(
                "must not contain \"..\" (got {})",
                crate::engine::formats::quote(id)
            ),
        ));
    }
    Ok(())
}

/// The declared format of a path parameter (the spec's `format`, or the API's documented shape
/// where the spec has none). Checking it keeps a value from naming another operation: with a
/// UUID format, `campaigns.get("analytics")` is refused instead of becoming
/// `GET /campaigns/analytics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathFormat {
    /// A UUID (`019ffad2-9c49-7d93-989e-749770a7c9b8`): campaign, lead, list, webhook ids.
    Uuid,
    /// A background job id: 24 hexadecimal digits.
    Hex24,
    /// An email address (routes keyed by the account's address).
    Email,
    /// No declared format: the checks of [`validate_id`] only.
    Any,
}

/// Checks one path value against `format` and percent-encodes it for the path.
///
/// Every value first passes [`validate_id`] (not empty, no surrounding whitespace, no `/`, `?`,
/// `#`, `%`, `\`, `..` or control characters); then the format. The result is safe to put between
/// two `/` of a route. Errors are [`crate::ErrorKind::Validation`] naming `field`.
pub fn path_value(field: &str, value: &str, format: PathFormat) -> Result<String> {
    validate_id(field, value)?;
    match format {
        PathFormat::Uuid => crate::validate::uuid(field, value)?,
        PathFormat::Hex24 => crate::validate::hex24(field, value)?,
        PathFormat::Email => crate::validate::email(field, value)?,
        PathFormat::Any => {}
    }
    Ok(encode_path_segment(value))
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters and `@` stay as they are).
pub fn encode_path_segment(segment: &str) -> String {
    encode(segment, |b| {
        b.is_ascii_alphanumeric() || b"-._~@".contains(&b)
    })
}

/// Builds `k=v&k2=v2` with form-style percent-encoding of keys and values.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| encode(s, |b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&enc(k));
        out.push('=');
        out.push_str(&enc(v));
    }
    out
}

fn encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push('%');
            crate::text::push_hex(&mut out, b, b"0123456789ABCDEF");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_reach_another_route_are_rejected() {
        for bad in [
            "", " ", "a/b", "a?x=1", "a#f", "..", "a..b", "%2F", "a\nb", " a",
        ] {
            let err = validate_id("id", bad).unwrap_err();
            assert_eq!(err.field.as_deref(), Some("id"), "{bad:?}");
        }
        validate_id("id", "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b").unwrap();
        validate_id("email", "jon@doe.com").unwrap();
    }

    #[test]
    fn path_values_follow_their_format() {
        let id = "019ffad2-9c49-7d93-989e-749770a7c9b8";
        assert_eq!(path_value("id", id, PathFormat::Uuid).unwrap(), id);
        for (bad, format) in [
            ("analytics", PathFormat::Uuid),
            ("analytics/overview", PathFormat::Uuid),
            ("event-types", PathFormat::Uuid),
            (id, PathFormat::Hex24),
            ("675266e304a8e55b17f0228b", PathFormat::Uuid),
            ("not-an-email", PathFormat::Email),
            ("../x", PathFormat::Any),
        ] {
            let e = path_value("id", bad, format).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("id"), "{bad:?} {format:?}");
        }
        assert_eq!(
            path_value("email", "jon+x@doe.com", PathFormat::Email).unwrap(),
            "jon%2Bx@doe.com"
        );
        assert_eq!(path_value("name", "a b", PathFormat::Any).unwrap(), "a%20b");
    }

    #[test]
    fn encodes_query_and_segments() {
        let q = encode_query(&[
            ("search".into(), "a b&c=d".into()),
            ("ids".into(), "1".into()),
            ("ids".into(), "2".into()),
        ]);
        assert_eq!(q, "search=a%20b%26c%3Dd&ids=1&ids=2");
        assert_eq!(encode_path_segment("jon+x@doe.com"), "jon%2Bx@doe.com");
    }
}
