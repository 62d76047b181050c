//! Checks run on parameters before anything is sent. Each returns a
//! [`crate::ErrorKind::Validation`] error naming the offending field.

use crate::error::{Error, Result};
use crate::models::SCHEDULE_TIMEZONES;

/// Parameters that can be checked locally.
pub trait Validate {
    /// Returns the first problem found, naming the field.
    fn validate(&self) -> Result<()>;
}

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"".contains(c))
}

/// `field` must be an email address.
pub fn email(field: &str, value: &str) -> Result<()> {
    if is_email(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{value:?} is not a valid email address"),
        ))
    }
}

/// `limit` must be within 1..=100 when present.
pub fn limit(field: &str, value: Option<i64>) -> Result<()> {
    limit_range(field, value, 1, 100)
}

/// An integer within `min..=max` when present.
pub fn limit_range(field: &str, value: Option<i64>, min: i64, max: i64) -> Result<()> {
    match value {
        Some(v) if v < min || v > max => Err(Error::validation(
            field,
            format!("must be between {min} and {max} (got {v})"),
        )),
        _ => Ok(()),
    }
}

/// `HH:MM`, 24-hour.
pub fn hh_mm(field: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let ok = b.len() == 5
        && b[2] == b':'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
        && value[0..2].parse::<u8>().is_ok_and(|h| h < 24)
        && value[3..5].parse::<u8>().is_ok_and(|m| m < 60);
    if ok {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("must be HH:MM in 24-hour time (got {value:?})"),
        ))
    }
}

/// A calendar date `YYYY-MM-DD`.
pub fn date(field: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let valid = shape && {
        let y: u32 = value[0..4].parse().unwrap_or(0);
        let m: u32 = value[5..7].parse().unwrap_or(0);
        let d: u32 = value[8..10].parse().unwrap_or(0);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        (1..=days).contains(&d)
    };
    if valid {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("must be a date YYYY-MM-DD (got {value:?})"),
        ))
    }
}

/// One of the spec's schedule time zones.
pub fn timezone(field: &str, value: &str) -> Result<()> {
    if SCHEDULE_TIMEZONES.contains(&value) {
        return Ok(());
    }
    let hint = match value {
        "America/New_York" | "US/Eastern" => " (try \"America/Detroit\")",
        "America/Los_Angeles" | "US/Pacific" => " (try \"America/Dawson\" or \"America/Creston\")",
        "Europe/London" | "UTC" | "Etc/UTC" | "GMT" => {
            " (try \"Europe/Isle_of_Man\" or \"Africa/Abidjan\")"
        }
        "Europe/Berlin" | "Europe/Paris" => " (try \"Europe/Belgrade\")",
        _ => "",
    };
    Err(Error::validation(
        field,
        format!("{value:?} is not in the API's list of schedule time zones{hint}"),
    ))
}

/// An RFC 4122 UUID as the API writes its ids: 8-4-4-4-12 hexadecimal digits, any version,
/// either case (`019ffad2-9c49-7d93-989e-749770a7c9b8`).
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
    s.len() == 24 && s.bytes().all(|c| c.is_ascii_hexdigit())
}

/// `field` must be a UUID (see [`is_uuid`]).
pub fn uuid(field: &str, value: &str) -> Result<()> {
    if is_uuid(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("must be a UUID like \"019ffad2-9c49-7d93-989e-749770a7c9b8\" (got {value:?})"),
        ))
    }
}

/// `field` must be a background job id (see [`is_hex24`]).
pub fn hex24(field: &str, value: &str) -> Result<()> {
    if is_hex24(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!(
                "must be a background job id of 24 hexadecimal digits like \"675266e304a8e55b17f0228b\" (got {value:?})"
            ),
        ))
    }
}

/// A required, non-empty string.
pub fn non_empty(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        Err(Error::validation(field, "must not be empty"))
    } else {
        Ok(())
    }
}

/// Exactly one of two optional targets is set.
pub fn exactly_one(a: (&str, bool), b: (&str, bool)) -> Result<()> {
    match (a.1, b.1) {
        (true, false) | (false, true) => Ok(()),
        (true, true) => Err(Error::validation(
            a.0,
            format!("set either {} or {}, not both", a.0, b.0),
        )),
        (false, false) => Err(Error::validation(
            a.0,
            format!("one of {} or {} is required", a.0, b.0),
        )),
    }
}

/// Custom variable values must be scalars (string, number, boolean or null).
pub fn custom_variables(
    field: &str,
    vars: Option<&serde_json::Map<String, serde_json::Value>>,
) -> Result<()> {
    for (k, v) in vars.into_iter().flatten() {
        if v.is_object() || v.is_array() {
            return Err(Error::validation(
                format!("{field}.{k}"),
                "custom variable values must be a string, number, boolean or null",
            ));
        }
    }
    Ok(())
}

/// `value` is one of `allowed` (a closed set of wire strings from the spec).
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let mut list = allowed
        .iter()
        .take(8)
        .map(|a| format!("{a:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if allowed.len() > 8 {
        list.push_str(", …");
    }
    Err(Error::validation(
        field,
        format!("{value:?} is not one of the accepted values ({list})"),
    ))
}

/// A date `YYYY-MM-DD`, or an ISO 8601 timestamp that starts with one
/// (`2026-04-07T00:00:00.000Z`), as the analytics routes accept.
pub fn date_or_timestamp(field: &str, value: &str) -> Result<()> {
    let err = || {
        Error::validation(
            field,
            format!("must be a date YYYY-MM-DD or an ISO 8601 timestamp (got {value:?})"),
        )
    };
    let Some(day) = value.get(..10) else {
        return Err(err());
    };
    date(field, day).map_err(|_| err())?;
    let rest = &value[10..];
    if rest.is_empty() {
        return Ok(());
    }
    // Sliced with `get`, so a multi-byte character anywhere gives `None` instead of a cut
    // through it: "2024-01-01T12:0é" is an error, not a panic.
    let time_ok = rest.strip_prefix('T').is_some_and(|time| {
        time.get(..5).is_some_and(|hm| hh_mm(field, hm).is_ok())
            && time.get(5..).is_some_and(|tail| {
                tail.chars()
                    .all(|c| c.is_ascii_digit() || ":.+-Z".contains(c))
            })
    });
    if time_ok {
        Ok(())
    } else {
        Err(err())
    }
}

/// `start` (at `start_field`) must not be after `end`; both are dates or timestamps already
/// checked by [`date_or_timestamp`]. Compares the calendar days, the part both forms share.
pub fn date_order(start_field: &str, start: &str, end: &str) -> Result<()> {
    let (s, e) = (
        start.get(..10).unwrap_or(start),
        end.get(..10).unwrap_or(end),
    );
    if s > e {
        Err(Error::validation(
            start_field,
            format!("must not be after end_date ({start} > {end})"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in ["a@b.co", "jon.doe+x@sub.example.com"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@.co", "a@b.", "a b@c.co", "a@b..co", "a@@b.co",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn times_dates_limits() {
        hh_mm("t", "09:00").unwrap();
        hh_mm("t", "23:59").unwrap();
        for bad in ["9:00", "24:00", "12:60", "ab:cd", "09-00"] {
            assert!(hh_mm("t", bad).is_err(), "{bad}");
        }
        date("d", "2024-02-29").unwrap();
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "20240101",
            "2024-04-31",
        ] {
            assert!(date("d", bad).is_err(), "{bad}");
        }
        limit("limit", Some(100)).unwrap();
        limit("limit", None).unwrap();
        assert_eq!(
            limit("limit", Some(0)).unwrap_err().field.as_deref(),
            Some("limit")
        );
        assert!(limit("limit", Some(101)).is_err());
    }

    #[test]
    fn timezones_follow_the_spec_list() {
        timezone("tz", "America/Chicago").unwrap();
        let e = timezone("tz", "America/New_York").unwrap_err();
        assert!(e.message.contains("America/Detroit"));
    }

    #[test]
    fn closed_sets_and_analytics_dates() {
        one_of("f", "b", &["a", "b"]).unwrap();
        assert_eq!(
            one_of("f", "c", &["a", "b"]).unwrap_err().field.as_deref(),
            Some("f")
        );
        for good in [
            "2026-04-07",
            "2026-04-07T00:00:00.000Z",
            "2026-04-07T10:30:00+02:00",
        ] {
            date_or_timestamp("d", good).unwrap();
        }
        for bad in [
            "2026-4-07",
            "2026-04-07 10:00",
            "2026-04-07T25:00Z",
            "yesterday",
            "2026-02-30",
        ] {
            assert!(date_or_timestamp("d", bad).is_err(), "{bad}");
        }
        date_order("start_date", "2026-01-01", "2026-01-01T10:00:00Z").unwrap();
        let e = date_order("start_date", "2026-01-02", "2026-01-01").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("start_date"));
    }

    #[test]
    fn non_ascii_in_a_timestamp_is_an_error_not_a_panic() {
        for bad in [
            "2024-01-01T12:0é",
            "2024-01-01Té2:00",
            "2024-01-01T12:00é",
            "2024-01-01T",
            "2024-01-01T1",
            "2024-01-01é",
            "é024-01-01",
            "2024-01-01T12:00\u{10FFFF}",
        ] {
            let e = date_or_timestamp("start_date", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("start_date"), "{bad:?}");
        }
        assert!(hh_mm("t", "1é:0").is_err());
        assert!(date("d", "2024-0é-1").is_err());
    }

    #[test]
    fn uuids_and_job_ids() {
        uuid("id", "019ffad2-9c49-7d93-989e-749770a7c9b8").unwrap();
        uuid("id", "019FFAD2-9C49-7D93-989E-749770A7C9B8").unwrap();
        for bad in [
            "",
            "analytics",
            "019ffad2-9c49-7d93-989e-749770a7c9b",
            "019ffad2-9c49-7d93-989e-749770a7c9b8a",
            "019ffad29c497d93989e749770a7c9b8",
            "019ffad2-9c49-7d93-989e_749770a7c9b8",
            "g19ffad2-9c49-7d93-989e-749770a7c9b8",
            "019ffad2-9c49-7d93-989é-749770a7c9b",
        ] {
            assert_eq!(
                uuid("id", bad).unwrap_err().field.as_deref(),
                Some("id"),
                "{bad:?}"
            );
        }
        hex24("id", "675266e304a8e55b17f0228b").unwrap();
        for bad in [
            "",
            "675266e304a8e55b17f0228",
            "675266e304a8e55b17f0228bb",
            "z75266e304a8e55b17f0228b",
        ] {
            assert!(hex24("id", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn exactly_one_target() {
        exactly_one(("campaign_id", true), ("list_id", false)).unwrap();
        assert!(exactly_one(("campaign_id", true), ("list_id", true)).is_err());
        assert!(exactly_one(("campaign_id", false), ("list_id", false)).is_err());
    }
}
