//! The string formats the table names ([`Format`]), each checked without regexes and without
//! indexing into strings (every input, including non-ASCII text, is safe to check).

use super::table::Format;

/// `Ok` when `s` has `format`; otherwise what was expected, for the error message.
pub fn check(format: Format, s: &str) -> Result<(), &'static str> {
    let ok = match format {
        Format::None => true,
        Format::Uuid => is_uuid(s),
        Format::Email => is_email(s),
        Format::Date => is_date(s),
        Format::DateOrDateTime => is_date(s) || is_date_time(s),
        Format::DateTime => is_date_time(s),
        Format::Uri => is_uri(s),
        Format::HttpUrl => is_http_url(s),
        Format::HhMm => is_hh_mm(s),
        Format::NonBlank => s.chars().any(|c| !c.is_whitespace()),
        Format::Hex24 => is_hex24(s),
        Format::PromptId => s.strip_prefix("ptid_").is_some_and(prompt_id_tail),
        Format::PromptIdOrBlank => {
            s.trim().is_empty() || prompt_id_tail(s.strip_prefix("ptid_").unwrap_or(s))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(expected(format))
    }
}

/// What a value of `format` looks like, for messages.
pub fn expected(format: Format) -> &'static str {
    match format {
        Format::None => "a string",
        Format::Uuid => "a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
        Format::Email => "an email address",
        Format::Date => "a date YYYY-MM-DD",
        Format::DateOrDateTime => "a date YYYY-MM-DD or an ISO 8601 date-time",
        Format::DateTime => "an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)",
        Format::Uri => "an absolute URI",
        Format::HttpUrl => "an http:// or https:// URL",
        Format::HhMm => "HH:MM in 24-hour time",
        Format::NonBlank => "a non-blank string",
        Format::Hex24 => "a job id of 24 hexadecimal characters",
        Format::PromptId => "a prompt template id (ptid_…)",
        Format::PromptIdOrBlank => "a prompt template id (ptid_…) or empty",
    }
}

fn prompt_id_tail(t: &str) -> bool {
    (1..=45).contains(&t.len())
        && !t.starts_with("ptid_")
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    b.iter().try_fold(0u32, |n, d| {
        n.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

/// RFC 4122 text form, any version.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A background job id: 24 hexadecimal digits (a MongoDB ObjectId, `675266e304a8e55b17f0228b`).
pub fn is_hex24(s: &str) -> bool {
    s.len() == 24 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A string for messages: JSON-quoted, at most 60 characters (then `…`).
pub fn quote(s: &str) -> String {
    let short: String = s.chars().take(60).collect();
    let short = if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    };
    serde_json::to_string(&short).unwrap_or_default()
}

/// A plausible address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && !domain.as_bytes().contains(&b'@')
        && domain.as_bytes().contains(&b'.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && crate::text::find(domain, "..").is_none()
        && !s.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '"')
        })
}

/// Days in `month` of `year` (0 for a month outside 1–12).
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// A calendar date `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    match (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10])) {
        (Some(y), Some(m), Some(d)) => d >= 1 && d <= days_in_month(y, m),
        _ => false,
    }
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]` (a space is accepted for `T`).
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 16 || !is_date_bytes(&b[..10]) || !matches!(b[10], b'T' | b't' | b' ') {
        return false;
    }
    let rest = &b[11..];
    let (hm, mut rest) = rest.split_at(5.min(rest.len()));
    if !is_hh_mm_bytes(hm) {
        return false;
    }
    if let [b':', s1, s2, tail @ ..] = rest {
        match digits(&[*s1, *s2]) {
            Some(sec) if sec <= 60 => rest = tail,
            _ => return false,
        }
        if let [b'.', tail @ ..] = rest {
            let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            rest = &tail[n..];
        }
    }
    match rest {
        [] | [b'Z'] | [b'z'] => true,
        [b'+' | b'-', zone @ ..] => is_hh_mm_bytes(zone),
        _ => false,
    }
}

fn is_date_bytes(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok_and(is_date)
}

/// `HH:MM`, 24-hour.
pub fn is_hh_mm(s: &str) -> bool {
    is_hh_mm_bytes(s.as_bytes())
}

fn is_hh_mm_bytes(b: &[u8]) -> bool {
    b.len() == 5
        && b[2] == b':'
        && digits(&b[0..2]).is_some_and(|h| h < 24)
        && digits(&b[3..5]).is_some_and(|m| m < 60)
}

/// `scheme:rest` with an RFC 3986 scheme and no whitespace.
pub fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `http://` or `https://`, a host, no whitespace.
pub fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let authority = match rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')) {
        Some(end) => &rest[..end],
        None => rest,
    };
    // After the last `@` (user info); ASCII, so the byte after it starts a character.
    let host = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    !host.is_empty()
        && !host.starts_with(':')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_accept_and_refuse() {
        let cases: &[(Format, &str, bool)] = &[
            (Format::Uuid, "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b", true),
            (Format::Uuid, "analytics", false),
            (Format::Uuid, "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5", false),
            (Format::Uuid, "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5é", false),
            (Format::Email, "jon@doe.com", true),
            (Format::Email, "jon@doe", false),
            (Format::Email, "jon doe@x.com", false),
            (Format::Date, "2024-02-29", true),
            (Format::Date, "2023-02-29", false),
            (Format::Date, "1900-02-29", false),
            (Format::Date, "2000-02-29", true),
            (Format::Date, "2024-04-31", false),
            (Format::Date, "2024-04-30", true),
            (Format::Date, "2024-13-01", false),
            (Format::Date, "2024-00-10", false),
            (Format::Date, "2024-01-00", false),
            (Format::Date, "2024-01-1é", false),
            (Format::DateTime, "2024-01-01T12:00:00Z", true),
            (Format::DateTime, "2024-01-01T12:00:00.123+02:00", true),
            (Format::DateTime, "2024-01-01T12:00", true),
            (Format::DateTime, "2024-01-01T12:0é", false),
            (Format::DateTime, "2024-01-01T24:00:00Z", false),
            (Format::DateTime, "2024-01-01T12:00:00.Z", false),
            (Format::DateOrDateTime, "2024-01-01", true),
            (Format::DateOrDateTime, "2024-01-01T00:00:00.000Z", true),
            (Format::DateOrDateTime, "yesterday", false),
            (Format::HhMm, "23:59", true),
            (Format::HhMm, "24:00", false),
            (Format::HhMm, "9:00", false),
            (Format::HhMm, "é9:00", false),
            (Format::Uri, "https://x.io/a", true),
            (Format::Uri, "mailto:a@b.c", true),
            (Format::Uri, "/relative", false),
            (Format::HttpUrl, "https://hooks.example.com/x", true),
            (Format::HttpUrl, "ftp://x", false),
            (Format::HttpUrl, "https://", false),
            (Format::HttpUrl, "https://a b", false),
            (Format::HttpUrl, "https://user@hooks.example.com/x", true),
            (Format::HttpUrl, "https://a@b@c", true),
            (Format::HttpUrl, "https://user@/x", false),
            (Format::HttpUrl, "https://:80/x", false),
            (Format::HttpUrl, "https://u@:80", false),
            (Format::HttpUrl, "http://h?next=@", true),
            (Format::HttpUrl, "https://?q", false),
            (Format::NonBlank, " x ", true),
            (Format::NonBlank, " \t", false),
            (Format::Hex24, "675266e304a8e55b17f0228b", true),
            (Format::Hex24, "675266e304a8e55b17f0228", false),
            (Format::PromptId, "ptid_abc-1", true),
            (Format::PromptId, "ptid_ptid_abc", false),
            (Format::PromptId, "abc", false),
            (Format::PromptIdOrBlank, "", true),
            (Format::PromptIdOrBlank, "abc", true),
            (Format::PromptIdOrBlank, "ptid_x", true),
            (Format::PromptIdOrBlank, "a b", false),
            (Format::Email, "a\u{1}b@x.io", false),
            (Format::Email, "a<b@x.io", false),
            (Format::Email, "a\tb@x.io", false),
            (Format::Date, "2024/01/01", false),
            (Format::Date, "2024-01/01", false),
            (Format::Date, "2024-01-011", false),
            (Format::Date, "20a4-01-01", false),
            (Format::DateTime, "2024-01-01X12:00", false),
            (Format::DateTime, "2024-13-01T12:00", false),
            (Format::DateTime, "2024-01-01T12:00:61Z", false),
            (Format::DateTime, "2024-01-01T12:00:60Z", true),
            (Format::HhMm, "12:60", false),
            (Format::HhMm, "12:0a", false),
            (Format::HhMm, "23:00", true),
            (Format::Uri, "1ab:x", false),
            (Format::Uri, "a_b:x", false),
            (Format::Uri, "a+b.c-d:x", true),
            (Format::Uri, "mailto:", false),
            (Format::Uri, "a:b c", false),
            (Format::Uri, "a:b\u{1}", false),
        ];
        for (format, value, ok) in cases {
            assert_eq!(check(*format, value).is_ok(), *ok, "{format:?} {value:?}");
            if !ok {
                assert_eq!(check(*format, value), Err(expected(*format)));
            }
        }
        assert_eq!(expected(Format::Email), "an email address");
        assert_eq!(
            expected(Format::Uuid),
            "a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
        );
    }

    #[test]
    fn quotes_are_json_and_cut_at_60_characters() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        let sixty = "é".repeat(60);
        assert_eq!(quote(&sixty), format!("\"{sixty}\""));
        assert_eq!(quote(&"é".repeat(61)), format!("\"{sixty}…\""));
    }

    #[test]
    fn month_lengths() {
        let lengths: Vec<u32> = (1..=12).map(|m| days_in_month(2023, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2400, 2), 29);
        assert_eq!(days_in_month(2024, 0), 0);
        assert_eq!(days_in_month(2024, 13), 0);
    }
}
