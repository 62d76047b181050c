//! Identifier, time and random-number helpers.
//!
//! Ids are UUIDv7-shaped strings whose lexical order equals creation order
//! (48-bit millisecond timestamp followed by a per-millisecond sequence), so
//! "ids ascending" is "oldest first", as the real API documents for leads.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

static UUID_CLOCK: Mutex<(u64, u64)> = Mutex::new((0, 0));
static OBJECT_ID_COUNTER: AtomicU64 = AtomicU64::new(0);
static NOISE: AtomicU64 = AtomicU64::new(0x9e37_79b9_7f4a_7c15);

fn noise() -> u64 {
    let seed = NOISE.fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed)
        ^ Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64;
    splitmix(seed)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A new UUIDv7-like id, strictly greater than every id generated before it
/// in this process.
pub fn new_uuid() -> String {
    new_uuid_at(Utc::now())
}

/// Like [`new_uuid`], but with the timestamp part taken from `at` when `at`
/// is later than the last id handed out (used when seeding history).
pub fn new_uuid_at(at: DateTime<Utc>) -> String {
    let now_ms = at.timestamp_millis().max(0) as u64;
    let (ms, seq) = {
        let mut clock = UUID_CLOCK.lock().unwrap();
        if now_ms > clock.0 {
            *clock = (now_ms, 0);
        } else {
            clock.1 += 1;
        }
        *clock
    };
    let rand_a = (seq >> 30) & 0x0fff;
    let rand_b = (0b10u64 << 62) | ((seq & 0x3fff_ffff) << 32) | (noise() & 0xffff_ffff);
    let hi = (ms << 16) | (0x7 << 12) | rand_a;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        (hi >> 32) as u32,
        ((hi >> 16) & 0xffff) as u16,
        (hi & 0xffff) as u16,
        (rand_b >> 48) as u16,
        rand_b & 0xffff_ffff_ffff
    )
}

/// A 24-hex-digit MongoDB ObjectId-like id (used for background jobs).
pub fn new_object_id() -> String {
    let secs = Utc::now().timestamp() as u32;
    let counter = OBJECT_ID_COUNTER.fetch_add(1, Ordering::Relaxed) & 0xff_ffff;
    let rand = noise() & 0xff_ffff_ffff;
    format!("{secs:08x}{rand:010x}{counter:06x}")
}

/// ISO-8601 with milliseconds and `Z`, as the real API writes timestamps.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn now_iso() -> String {
    iso(Utc::now())
}

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// True for strings shaped like a UUID (any version), as AJV's `uuid` format.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 36 {
        return false;
    }
    b.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
}

/// A pragmatic email syntax check (local@domain.tld, no spaces).
pub fn is_valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
}

/// Deterministic, seedable PRNG (SplitMix64) for the sending simulation.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        splitmix(self.0)
    }
    /// Uniform float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_ordered_and_well_formed() {
        let ids: Vec<String> = (0..2000).map(|_| new_uuid()).collect();
        for w in ids.windows(2) {
            assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
        }
        assert!(ids.iter().all(|i| is_uuid(i)));
        assert_eq!(&ids[0][14..15], "7");
    }

    #[test]
    fn object_ids_are_24_hex() {
        let id = new_object_id();
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn email_check() {
        assert!(is_valid_email("a@b.co"));
        assert!(!is_valid_email("nope"));
        assert!(!is_valid_email("a@b"));
        assert!(!is_valid_email("a b@c.de"));
    }
}
