//! The packed form of a JSON value: how the wasm build gets a JavaScript value into Rust in one
//! piece.
//!
//! `packed.js` writes a value into one byte array, which crosses into wasm memory as a single
//! copy; [`unpack_json`] reads it back into a [`serde_json::Value`]. Its `packJson` writes what
//! the runtime's `JSON.parse` made of an answer's text, its `packInput` a caller's value (params,
//! options, a lead), checked as it goes (see `read_json_with` in `src/wasm/convert.rs`). Reading
//! a value through JS calls instead takes a dozen of them per value, several microseconds per
//! object. The format has no numbers or escapes to parse, so its reader is a few dozen lines.
//!
//! A value is one tag byte, then:
//!
//! | tag | value | followed by |
//! |---|---|---|
//! | 0 | `null` | |
//! | 1, 2 | `false`, `true` | |
//! | 3 | a number | its `f64`, 8 bytes little-endian |
//! | 4 | a string | its UTF-8 length (`u32`, little-endian) and bytes |
//! | 5 | an array | its length (`u32`) and items |
//! | 6 | an object | its key count (`u32`), then each key (as a string, without the tag) and value |
//!
//! Nesting is at most [`MAX_DEPTH`] levels, as serde_json allows. Numbers read by
//! [`js_number`], as the facade reads JS numbers.

use serde_json::{Map, Number, Value};

/// The deepest nesting of arrays and objects read (serde_json's limit).
pub const MAX_DEPTH: usize = 128;

/// Reads a packed value (see the module docs). Bytes that are not exactly one packed value
/// (cut short, an unknown tag, invalid UTF-8, too deep, left over) are an `Err` naming why;
/// nothing panics, and a length is never trusted for an allocation beyond the bytes at hand.
pub fn unpack_json(bytes: &[u8]) -> Result<Value, String> {
    let mut r = Unpack { bytes, at: 0 };
    let value = r.value(0)?;
    if r.at != bytes.len() {
        return Err("the packed value has bytes after its end".into());
    }
    Ok(value)
}

struct Unpack<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Unpack<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let bytes: &'a [u8] = self.bytes;
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= bytes.len())
            .ok_or("the packed value is cut short")?;
        let taken = &bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn u32(&mut self) -> Result<usize, String> {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b) as usize)
    }

    fn string(&mut self) -> Result<String, String> {
        let len = self.u32()?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| "a packed string is not UTF-8".to_string())
    }

    /// A count of items that each take at least one more byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize, String> {
        let n = self.u32()?;
        if n > self.bytes.len() - self.at {
            return Err("a packed count is larger than the bytes left".into());
        }
        Ok(n)
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        let tag = self.take(1)?[0];
        if matches!(tag, 5 | 6) && depth >= MAX_DEPTH {
            return Err(format!("nested deeper than {MAX_DEPTH} levels"));
        }
        Ok(match tag {
            0 => Value::Null,
            1 => Value::Bool(false),
            2 => Value::Bool(true),
            3 => {
                let mut b = [0; 8];
                b.copy_from_slice(self.take(8)?);
                js_number(f64::from_le_bytes(b)).ok_or("a packed number is not finite")?
            }
            4 => Value::String(self.string()?),
            5 => {
                let n = self.count()?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Value::Array(items)
            }
            6 => {
                let n = self.count()?;
                let mut map = Map::new();
                for _ in 0..n {
                    let key = self.string()?;
                    let value = self.value(depth + 1)?;
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            other => return Err(format!("a packed value has the unknown tag {other}")),
        })
    }
}

/// A JS number as JSON: safe integers (`Number.isSafeInteger`) as integers (`-0` is `0`), other
/// finite numbers as floats; `None` for `NaN` and the infinities. The one rule for every JS
/// number the crate reads (packed answers here, the facade's inputs).
pub fn js_number(x: f64) -> Option<Value> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if x.fract() == 0.0 && x.abs() <= MAX_SAFE {
        return Some(Value::from(x as i64));
    }
    Number::from_f64(x).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn string(s: &str) -> Vec<u8> {
        let mut b = (s.len() as u32).to_le_bytes().to_vec();
        b.extend_from_slice(s.as_bytes());
        b
    }

    #[test]
    fn reads_every_kind_of_value() {
        let mut b = vec![6];
        b.extend(4u32.to_le_bytes());
        b.extend(string("a"));
        b.extend([5, 4, 0, 0, 0, 0, 1, 2, 3]);
        b.extend(1.5f64.to_le_bytes());
        b.extend(string("é"));
        b.push(4);
        b.extend(string("ü✓"));
        b.extend(string("n"));
        b.push(3);
        b.extend((-0.0f64).to_le_bytes());
        b.extend(string("big"));
        b.push(3);
        b.extend(9_007_199_254_740_992f64.to_le_bytes());
        assert_eq!(
            unpack_json(&b).unwrap(),
            json!({"a": [null, false, true, 1.5], "é": "ü✓", "n": 0, "big": 9_007_199_254_740_992.0})
        );
    }

    #[test]
    fn every_cut_of_a_value_is_an_error() {
        let mut b = vec![5, 2, 0, 0, 0, 4];
        b.extend(string("text"));
        b.push(3);
        b.extend(2.0f64.to_le_bytes());
        assert_eq!(unpack_json(&b).unwrap(), json!(["text", 2]));
        for cut in 0..b.len() {
            assert!(unpack_json(&b[..cut]).is_err(), "{cut}");
        }
        b.push(0);
        assert_eq!(
            unpack_json(&b).unwrap_err(),
            "the packed value has bytes after its end"
        );
    }

    #[test]
    fn bad_bytes_are_errors_never_panics_or_huge_allocations() {
        assert!(unpack_json(&[7]).unwrap_err().contains("unknown tag 7"));
        assert!(unpack_json(&[4, 2, 0, 0, 0, 0xff, 0xfe])
            .unwrap_err()
            .contains("UTF-8"));
        // A count beyond the bytes at hand is refused before anything is read or allocated,
        // whether far beyond or just beyond.
        let more = "a packed count is larger than the bytes left";
        assert_eq!(unpack_json(&[5, 0xff, 0xff, 0xff, 0xff]).unwrap_err(), more);
        assert_eq!(
            unpack_json(&[6, 0xff, 0xff, 0xff, 0x7f, 0]).unwrap_err(),
            more
        );
        assert_eq!(unpack_json(&[5, 3, 0, 0, 0, 0, 0]).unwrap_err(), more);
        assert_eq!(
            unpack_json(&[5, 2, 0, 0, 0, 0, 0]).unwrap(),
            json!([null, null])
        );
        let mut nan = vec![3];
        nan.extend(f64::NAN.to_le_bytes());
        assert!(unpack_json(&nan).unwrap_err().contains("not finite"));
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        // Arrays in arrays, or objects (each holding one key "k") in objects.
        let nested = |levels: usize, object: bool| {
            let mut b = Vec::new();
            for _ in 0..levels {
                b.extend(if object {
                    [6, 1, 0, 0, 0]
                } else {
                    [5, 1, 0, 0, 0]
                });
                if object {
                    b.extend(string("k"));
                }
            }
            b.push(0);
            b
        };
        for object in [false, true] {
            assert!(unpack_json(&nested(MAX_DEPTH, object)).is_ok(), "{object}");
            assert_eq!(
                unpack_json(&nested(MAX_DEPTH + 1, object)).unwrap_err(),
                "nested deeper than 128 levels"
            );
        }
    }
}
