//! Strict reading of caller options.
//!
//! Options objects from JavaScript (client options, per-call options, import, CSV, webhook and
//! job-wait options) are read as JSON first, then field by field by the options type's
//! [`Input`](crate::input::Input) impl through a [`Fields`](crate::input::Fields) reader:
//!
//! * an unknown key is an error naming it and, where it can, the field that was meant — the
//!   closest field of that object (see [`crate::engine::suggest`]), or a known trap of this API
//!   (`timeout` → "did you mean `timeoutMs`?");
//! * unknown keys are reported before anything else, so a typo is named as such rather than as
//!   a missing field;
//! * a wrong type is an error naming the field path (`resumeFrom.done[0]`) and what it must be;
//! * an array or a scalar where an object is expected is refused;
//! * an absent key and `null` both leave an optional field unset.
//!
//! The reader is shared, not generated per type: each options type costs a few calls into it,
//! which keeps the wasm small (a serde `Deserialize` per type, through a strict deserializer,
//! cost about 37 KB of it).

use crate::engine::json_type;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

/// An object of strings or `null`s read as (key, value) pairs, sorted by key.
pub type StringPairs = Vec<(String, Option<String>)>;

/// An options type read strictly from caller input.
pub trait Input: Sized {
    /// The keys it takes, as the caller writes them.
    const KEYS: &'static [&'static str];

    /// Reads the fields (unknown keys were refused before).
    fn read(fields: &Fields<'_>) -> std::result::Result<Self, InputError>;
}

/// Reads `T` from JSON input, refusing unknown keys anywhere in it.
///
/// `what` names the input in messages, e.g. `leads.import options`.
pub fn read_input<T: Input>(what: &str, value: &Value) -> Result<T> {
    read_at(value, "").map_err(|e| e.into_error(what))
}

fn read_at<T: Input>(value: &Value, path: &str) -> std::result::Result<T, InputError> {
    T::read(&Fields::new(value, path, T::KEYS)?)
}

/// An input error: a message and the path of the field it is about (empty for the input
/// itself).
#[derive(Debug)]
pub struct InputError {
    message: String,
    path: String,
    unknown_field: bool,
}

impl InputError {
    fn at(path: String, message: String) -> Self {
        InputError {
            message,
            path,
            unknown_field: false,
        }
    }

    fn into_error(self, what: &str) -> Error {
        let message = match (self.path.is_empty(), self.unknown_field) {
            (_, true) => format!("{} in {what}", self.message),
            (false, false) => format!("{}: {}", self.path, self.message),
            (true, false) => format!("invalid {what}: {}", self.message),
        };
        let mut e = Error::new(ErrorKind::Validation, message);
        e.field = (!self.path.is_empty()).then_some(self.path);
        e
    }
}

/// Known mix-ups in option names: the key written and the one meant.
const TRAPS: &[(&str, &str)] = &[
    ("timeout", "timeoutMs"),
    ("api_key", "apiKey"),
    ("base_url", "baseUrl"),
    ("campaign", "campaign_id"),
    ("campaignId", "campaign_id"),
    ("list", "list_id"),
    ("listId", "list_id"),
];

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The fields of one input object, read by name.
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// The object `value` at `path`, whose keys must all be in `keys`.
    fn new(
        value: &'a Value,
        path: &'a str,
        keys: &[&'static str],
    ) -> std::result::Result<Self, InputError> {
        let Value::Object(map) = value else {
            return Err(InputError::at(
                path.to_string(),
                format!("expected an object, got {}", json_type(value)),
            ));
        };
        if let Some(key) = map.keys().find(|k| !keys.contains(&k.as_str())) {
            let mut message = format!("unknown field `{key}`");
            let traps: Vec<(&str, &str)> = TRAPS
                .iter()
                .copied()
                .filter(|(_, meant)| keys.contains(meant))
                .collect();
            if let Some(hint) = crate::engine::suggest(key, keys, &traps) {
                message.push_str(&format!("; did you mean `{hint}`?"));
            }
            return Err(InputError {
                message,
                path: child(path, key),
                unknown_field: true,
            });
        }
        Ok(Fields { map, path })
    }

    /// The value of `key`; an absent key and `null` are none.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&self, key: &str, expected: &str, got: &Value) -> InputError {
        InputError::at(
            child(self.path, key),
            format!("must be {expected} (got {})", json_type(got)),
        )
    }

    /// A string field.
    pub fn string(&self, key: &str) -> std::result::Result<Option<String>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.wrong(key, "a string", v)),
        }
    }

    /// A boolean field.
    pub fn boolean(&self, key: &str) -> std::result::Result<Option<bool>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.wrong(key, "a boolean", v)),
        }
    }

    /// A number field (its range is the options type's to check).
    pub fn number(&self, key: &str) -> std::result::Result<Option<f64>, InputError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(v) => Err(self.wrong(key, "a number", v)),
        }
    }

    /// A whole-number field of at most `u32::MAX`.
    pub fn u32(&self, key: &str) -> std::result::Result<Option<u32>, InputError> {
        self.whole(key, u64::from(u32::MAX))
            .map(|n| n.map(|n| n as u32))
    }

    /// A whole-number field (at most 2⁵³ − 1, the largest JavaScript holds exactly).
    pub fn u64(&self, key: &str) -> std::result::Result<Option<u64>, InputError> {
        self.whole(key, MAX_SAFE)
    }

    /// A whole-number field from 0 to `max`.
    fn whole(&self, key: &str, max: u64) -> std::result::Result<Option<u64>, InputError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v {
            Value::Number(n) => whole(v, max).map(Some).ok_or_else(|| {
                InputError::at(
                    child(self.path, key),
                    format!("must be a whole number from 0 to {max} (got {n})"),
                )
            }),
            _ => Err(self.wrong(key, "a whole number", v)),
        }
    }

    /// Any JSON value, as given (`null` is none).
    pub fn json(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }

    /// An array of strings.
    pub fn strings(&self, key: &str) -> std::result::Result<Option<Vec<String>>, InputError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Value::Array(items) = v else {
            return Err(self.wrong(key, "an array of strings", v));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s.clone()),
                _ => Err(self.wrong(&format!("{key}[{i}]"), "a string", item)),
            })
            .collect::<std::result::Result<_, _>>()
            .map(Some)
    }

    /// An object of strings or `null`s (`{ "Work Email": "email", "Notes": null }`), as pairs
    /// sorted by key.
    pub fn string_map(&self, key: &str) -> std::result::Result<Option<StringPairs>, InputError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Value::Object(map) = v else {
            return Err(self.wrong(key, "an object", v));
        };
        let mut out = Vec::new();
        for (k, item) in map {
            let value = match item {
                Value::String(s) => Some(s.clone()),
                Value::Null => None,
                _ => return Err(self.wrong(&format!("{key}.{k}"), "a string or null", item)),
            };
            out.push((k.clone(), value));
        }
        Ok(Some(out))
    }

    /// An array of `[start, end]` pairs of whole numbers.
    pub fn ranges(&self, key: &str) -> std::result::Result<Vec<[u64; 2]>, InputError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Value::Array(items) = v else {
            return Err(self.wrong(key, "an array of [start, end] pairs", v));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Array(pair) if pair.len() == 2 => {
                    match (whole(&pair[0], MAX_SAFE), whole(&pair[1], MAX_SAFE)) {
                        (Some(a), Some(b)) => Ok([a, b]),
                        _ => Err(self.not_pair(key, i)),
                    }
                }
                _ => Err(self.not_pair(key, i)),
            })
            .collect()
    }

    fn not_pair(&self, key: &str, i: usize) -> InputError {
        InputError::at(
            child(self.path, &format!("{key}[{i}]")),
            "must be a pair [start, end] of whole numbers".into(),
        )
    }

    /// A nested options object.
    pub fn object<T: Input>(&self, key: &str) -> std::result::Result<Option<T>, InputError> {
        self.get(key)
            .map(|v| read_at(v, &child(self.path, key)))
            .transpose()
    }

    /// The error for a required field that is absent or `null`.
    pub fn required(&self, key: &str) -> InputError {
        InputError::at(child(self.path, key), "is required".into())
    }
}

/// 2⁵³ − 1.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// `v` as a whole number from 0 to `max`.
fn whole(v: &Value, max: u64) -> Option<u64> {
    v.as_u64().filter(|n| *n <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Default)]
    struct Inner {
        from: String,
        days: Option<Vec<(String, Option<String>)>>,
    }

    impl Input for Inner {
        const KEYS: &'static [&'static str] = &["from", "days"];
        fn read(f: &Fields<'_>) -> std::result::Result<Self, InputError> {
            Ok(Inner {
                from: f.string("from")?.ok_or_else(|| f.required("from"))?,
                days: f.string_map("days")?,
            })
        }
    }

    #[derive(Debug, PartialEq, Default)]
    struct Options {
        timeout_ms: Option<f64>,
        limit: Option<u32>,
        max_bytes: Option<u64>,
        strict: Option<bool>,
        tags: Option<Vec<String>>,
        done: Vec<[u64; 2]>,
        timing: Option<Inner>,
        shared: Option<Value>,
    }

    impl Input for Options {
        const KEYS: &'static [&'static str] = &[
            "timeoutMs",
            "limit",
            "maxBytes",
            "strict",
            "tags",
            "done",
            "timing",
            "shared",
        ];
        fn read(f: &Fields<'_>) -> std::result::Result<Self, InputError> {
            Ok(Options {
                timeout_ms: f.number("timeoutMs")?,
                limit: f.u32("limit")?,
                max_bytes: f.u64("maxBytes")?,
                strict: f.boolean("strict")?,
                tags: f.strings("tags")?,
                done: f.ranges("done")?,
                timing: f.object("timing")?,
                shared: f.json("shared"),
            })
        }
    }

    fn read(v: Value) -> Result<Options> {
        read_input("test options", &v)
    }

    fn field_and_message(v: Value) -> (Option<String>, String) {
        let e = read(v).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        (e.field.clone(), e.message.clone())
    }

    #[test]
    fn every_kind_of_field_reads() {
        let o = read(json!({
            "timeoutMs": 1500.5, "limit": 7, "maxBytes": 9_007_199_254_740_991u64, "strict": true,
            "tags": ["a", "b"], "done": [[0, 3], [5, 9]], "timing": {"from": "09:00", "days": {"1": "x", "2": null}},
            "shared": {"any": [1, "thing"]},
        }))
        .unwrap();
        assert_eq!(o.timeout_ms, Some(1500.5));
        assert_eq!(o.limit, Some(7));
        assert_eq!(o.max_bytes, Some(9_007_199_254_740_991));
        assert_eq!(o.strict, Some(true));
        assert_eq!(o.tags, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(o.done, vec![[0, 3], [5, 9]]);
        let timing = o.timing.unwrap();
        assert_eq!(timing.from, "09:00");
        let days = timing.days.unwrap();
        assert_eq!(
            days,
            vec![
                ("1".to_string(), Some("x".to_string())),
                ("2".to_string(), None)
            ]
        );
        assert_eq!(o.shared, Some(json!({"any": [1, "thing"]})));
    }

    #[test]
    fn absent_and_null_leave_fields_unset() {
        assert_eq!(read(json!({})).unwrap(), Options::default());
        let nulls: Map<String, Value> = Options::KEYS
            .iter()
            .map(|k| (k.to_string(), Value::Null))
            .collect();
        assert_eq!(read(Value::Object(nulls)).unwrap(), Options::default());
    }

    #[test]
    fn unknown_keys_name_the_field_meant() {
        let e = read(json!({"timeout": 5})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("timeout"));
        assert_eq!(
            e.message,
            "unknown field `timeout`; did you mean `timeoutMs`? in test options"
        );
        let (field, message) = field_and_message(json!({"max_bytes": 5}));
        assert_eq!(field.as_deref(), Some("max_bytes"));
        assert!(message.contains("did you mean `maxBytes`"), "{message}");
        let (_, message) = field_and_message(json!({"limt": 5}));
        assert!(message.contains("did you mean `limit`"), "{message}");
        let (_, message) = field_and_message(json!({"zzz": 1}));
        assert_eq!(message, "unknown field `zzz` in test options");
    }

    #[test]
    fn a_trap_only_applies_where_its_field_exists() {
        // `campaign` → `campaign_id` is a trap of import options, not of these.
        let (_, message) = field_and_message(json!({"campaign": "x"}));
        assert_eq!(message, "unknown field `campaign` in test options");
    }

    #[test]
    fn nested_errors_carry_their_path() {
        let (field, message) = field_and_message(json!({"timing": {"from": "9", "fromm": 1}}));
        assert_eq!(field.as_deref(), Some("timing.fromm"));
        assert!(message.contains("did you mean `from`"), "{message}");
        let (field, message) = field_and_message(json!({"timing": {}}));
        assert_eq!(field.as_deref(), Some("timing.from"));
        assert_eq!(message, "timing.from: is required");
        let (field, message) = field_and_message(json!({"timing": {"from": null}}));
        assert_eq!(field.as_deref(), Some("timing.from"));
        assert_eq!(message, "timing.from: is required");
        let (field, message) =
            field_and_message(json!({"timing": {"from": "9", "days": {"1": 2}}}));
        assert_eq!(field.as_deref(), Some("timing.days.1"));
        assert_eq!(
            message,
            "timing.days.1: must be a string or null (got a number)"
        );
        let (field, message) = field_and_message(json!({"timing": [1]}));
        assert_eq!(field.as_deref(), Some("timing"));
        assert_eq!(message, "timing: expected an object, got an array");
    }

    #[test]
    fn an_unknown_key_is_reported_before_a_bad_value() {
        let (field, _) = field_and_message(json!({"limit": "x", "limitt": 1}));
        assert_eq!(field.as_deref(), Some("limitt"));
    }

    #[test]
    fn wrong_types_say_what_the_field_must_be() {
        let cases = [
            (json!({"timeoutMs": "5"}), "timeoutMs", "timeoutMs: must be a number (got a string)"),
            (json!({"strict": 1}), "strict", "strict: must be a boolean (got a number)"),
            (json!({"tags": "a"}), "tags", "tags: must be an array of strings (got a string)"),
            (json!({"tags": ["a", 2]}), "tags[1]", "tags[1]: must be a string (got a number)"),
            (json!({"limit": true}), "limit", "limit: must be a whole number (got a boolean)"),
            (
                json!({"limit": -1}),
                "limit",
                "limit: must be a whole number from 0 to 4294967295 (got -1)",
            ),
            (
                json!({"limit": 2.5}),
                "limit",
                "limit: must be a whole number from 0 to 4294967295 (got 2.5)",
            ),
            (
                json!({"limit": 4_294_967_296u64}),
                "limit",
                "limit: must be a whole number from 0 to 4294967295 (got 4294967296)",
            ),
            (
                json!({"maxBytes": 9_007_199_254_740_992u64}),
                "maxBytes",
                "maxBytes: must be a whole number from 0 to 9007199254740991 (got 9007199254740992)",
            ),
            (json!({"done": {}}), "done", "done: must be an array of [start, end] pairs (got an object)"),
            (json!({"done": [[1]]}), "done[0]", "done[0]: must be a pair [start, end] of whole numbers"),
            (json!({"done": [[0, 1], [1, -2]]}), "done[1]", "done[1]: must be a pair [start, end] of whole numbers"),
            (json!({"done": [3]}), "done[0]", "done[0]: must be a pair [start, end] of whole numbers"),
        ];
        for (input, field, message) in cases {
            let (f, m) = field_and_message(input.clone());
            assert_eq!(f.as_deref(), Some(field), "{input}");
            assert_eq!(m, message, "{input}");
        }
    }

    #[test]
    fn arrays_and_scalars_are_not_options_objects() {
        for v in [json!([1]), json!("limit=10"), json!(5), json!(true)] {
            let e = read(v.clone()).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Validation, "{v}");
            assert_eq!(e.field, None, "{v}");
            assert!(
                e.message
                    .starts_with("invalid test options: expected an object, got "),
                "{}",
                e.message
            );
        }
    }
}
