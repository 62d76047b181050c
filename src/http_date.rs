//! HTTP dates (RFC 9110 §5.6.7), as a server writes them in `Retry-After`: the preferred
//! IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete forms recipients must
//! still read, RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`; a two-digit year 70–99 is 19xx, else
//! 20xx) and asctime (`Sun Nov  6 08:49:37 1994`).
//!
//! A date must exist (no 30 February), its weekday must be the date's, and its year must be
//! 1970 to 9999; anything else reads as no date. The reader works on fixed byte positions and
//! plain integer arithmetic, without `SystemTime` (whose error formatting alone was 1.9 KB of
//! the wasm).

const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];
const WEEKDAYS: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];

/// The date's components as written.
struct Parts {
    /// 0 = Monday.
    weekday: usize,
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// Seconds from the Unix epoch to the HTTP date `s`, or `None` when `s` is not one.
pub fn seconds_since_epoch(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let p = imf_fixdate(b)
        .or_else(|| rfc850(b))
        .or_else(|| asctime(b))?;
    let valid = p.second < 60
        && p.minute < 60
        && p.hour < 24
        && (1970..=9999).contains(&p.year)
        && p.day >= 1
        && p.day <= crate::engine::formats::days_in_month(p.year, p.month);
    if !valid {
        return None;
    }
    let days = days_since_epoch(p.year, p.month, p.day);
    // 1 January 1970 was a Thursday (3 counting from Monday).
    if (days + 3) % 7 != p.weekday as u64 {
        return None;
    }
    Some(days * 86_400 + u64::from(p.hour * 3_600 + p.minute * 60 + p.second))
}

/// Days from 1970-01-01 to a valid date of 1970 or later.
fn days_since_epoch(year: u32, month: u32, day: u32) -> u64 {
    // Counted in years that start in March, so the leap day ends a year.
    let y = u64::from(if month <= 2 { year - 1 } else { year });
    let shifted = u64::from((month + 9) % 12);
    let day_of_year = (153 * shifted + 2) / 5 + u64::from(day) - 1;
    let days_from_year_zero = y * 365 + y / 4 - y / 100 + y / 400 + day_of_year;
    // 1970-01-01 is day 719,468 of that count.
    days_from_year_zero - 719_468
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(b: &[u8]) -> Option<Parts> {
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    Some(Parts {
        weekday: short_weekday(&b[..3])?,
        day: number(b, 5, 2)?,
        month: month(b, 7, b' ')?,
        year: number(b, 12, 4)?,
        ..clock(b, 16, b' ')?
    })
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn rfc850(b: &[u8]) -> Option<Parts> {
    let comma = b.iter().position(|c| *c == b',')?;
    let weekday = WEEKDAYS.iter().position(|w| *w == &b[..comma])?;
    let rest = b.get(comma + 1..)?;
    if rest.len() != 23 || rest[0] != b' ' || &rest[19..] != b" GMT" {
        return None;
    }
    let yy = number(rest, 8, 2)?;
    Some(Parts {
        weekday,
        day: number(rest, 1, 2)?,
        month: month(rest, 3, b'-')?,
        year: if yy < 70 { 2000 + yy } else { 1900 + yy },
        ..clock(rest, 10, b' ')?
    })
}

/// `Sun Nov  6 08:49:37 1994` (the day may also be written `06`)
fn asctime(b: &[u8]) -> Option<Parts> {
    if b.len() != 24 || b[3] != b' ' || b[19] != b' ' {
        return None;
    }
    let day = if b[8] == b' ' {
        number(b, 9, 1)?
    } else {
        number(b, 8, 2)?
    };
    Some(Parts {
        weekday: short_weekday(&b[..3])?,
        day,
        month: month(b, 3, b' ')?,
        year: number(b, 20, 4)?,
        ..clock(b, 10, b' ')?
    })
}

/// The weekday of a three-letter name.
fn short_weekday(name: &[u8]) -> Option<usize> {
    WEEKDAYS.iter().position(|w| &w[..3] == name)
}

/// The month named at `b[at + 1..at + 4]`, between two `sep` bytes.
fn month(b: &[u8], at: usize, sep: u8) -> Option<u32> {
    if b.get(at) != Some(&sep) || b.get(at + 4) != Some(&sep) {
        return None;
    }
    let name = b.get(at + 1..at + 4)?;
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

/// ` HH:MM:SS` at `b[at..]`, after a `sep` byte; the date fields are left to the caller.
fn clock(b: &[u8], at: usize, sep: u8) -> Option<Parts> {
    if b.get(at) != Some(&sep) || b.get(at + 3) != Some(&b':') || b.get(at + 6) != Some(&b':') {
        return None;
    }
    Some(Parts {
        weekday: 0,
        year: 0,
        month: 0,
        day: 0,
        hour: number(b, at + 1, 2)?,
        minute: number(b, at + 4, 2)?,
        second: number(b, at + 7, 2)?,
    })
}

/// The `len` ASCII digits at `b[at..]` as a number.
fn number(b: &[u8], at: usize, len: usize) -> Option<u32> {
    b.get(at..at + len)?.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_of_one_instant() {
        let want = Some(784_111_777);
        assert_eq!(seconds_since_epoch("Sun, 06 Nov 1994 08:49:37 GMT"), want);
        assert_eq!(seconds_since_epoch("Sunday, 06-Nov-94 08:49:37 GMT"), want);
        assert_eq!(seconds_since_epoch("Sun Nov  6 08:49:37 1994"), want);
        assert_eq!(seconds_since_epoch("Sun Nov 06 08:49:37 1994"), want);
    }

    #[test]
    fn the_epoch_leap_days_and_the_last_second() {
        assert_eq!(
            seconds_since_epoch("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(0)
        );
        assert_eq!(
            seconds_since_epoch("Tue, 29 Feb 2000 12:00:00 GMT"),
            Some(951_825_600)
        );
        assert_eq!(
            seconds_since_epoch("Wednesday, 01-Mar-00 00:00:00 GMT"),
            Some(951_868_800)
        );
        assert_eq!(
            seconds_since_epoch("Thursday, 01-Jan-70 00:00:00 GMT"),
            Some(0)
        );
        assert_eq!(
            seconds_since_epoch("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(253_402_300_799)
        );
    }

    #[test]
    fn impossible_dates_and_wrong_weekdays_are_not_dates() {
        for text in [
            "Mon, 06 Nov 1994 08:49:37 GMT", // a Sunday
            "Thu, 29 Feb 2001 00:00:00 GMT", // not a leap year
            "Sat, 30 Feb 2000 00:00:00 GMT", // no such day
            "Wed, 31 Dec 1969 23:59:59 GMT", // before 1970
            "Sun, 06 Nov 1994 24:00:00 GMT", // hour
            "Sun, 06 Nov 1994 08:60:00 GMT", // minute
            "Sun, 06 Nov 1994 08:49:60 GMT", // leap second
            "Sun, 00 Nov 1994 08:49:37 GMT", // day 0
            "Sun, 06 Nov 1994 08:49:37 UTC", // zone
            "Sun, 06 nov 1994 08:49:37 GMT", // case
            "Sun,  6 Nov 1994 08:49:37 GMT", // padding
            "Sun 06 Nov 1994 08:49:37 GMT",  // no comma
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94",
            "Sun Nov  6 8:49:37 1994 ",
            "Sun, 06 Nov 1994 08:49:37 GMT ",
            // Each separator of each form.
            "Sun,x06 Nov 1994 08:49:37 GMT",
            "Sun, 06xNov 1994 08:49:37 GMT",
            "Sun, 06 Novx1994 08:49:37 GMT",
            "Sun, 06 Nov 1994x08:49:37 GMT",
            "Sun, 06 Nov 1994 08x49:37 GMT",
            "Sun, 06 Nov 1994 08:49x37 GMT",
            "Sun, 06 Nov 1994 08:49:37xGMT",
            "Sunday,x06-Nov-94 08:49:37 GMT",
            "Sunday, 06xNov-94 08:49:37 GMT",
            "Sunday, 06-Novx94 08:49:37 GMT",
            "Sunday, 06-Nov-94x08:49:37 GMT",
            "Sunday, 06-Nov-94 08x49:37 GMT",
            "Sunday, 06-Nov-94 08:49x37 GMT",
            "Sunday, 06-Nov-94 08:49:37xGMT",
            "Sunx Nov  6 08:49:37 1994",
            "Sun Novx 6 08:49:37 1994",
            "Sun Nov  6x08:49:37 1994",
            "Sun Nov  6 08x49:37 1994",
            "Sun Nov  6 08:49x37 1994",
            "Sun Nov  6 08:49:37x1994",
            "Sun Nov x6 08:49:37 1994",
            "Sun, 06 Nov +994 08:49:37 GMT",
            "",
            ",",
            "Sunday,",
            "é, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(seconds_since_epoch(text), None, "{text}");
        }
    }
}
