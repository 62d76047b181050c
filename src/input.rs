//! Strict decoding of caller input.
//!
//! Models are shared by requests and responses, so they cannot use `deny_unknown_fields`
//! (responses must stay lenient when the API adds fields). Input from JavaScript goes through
//! [`decode_input`](crate::input::decode_input) instead, which deserializes from JSON with a path-tracking deserializer:
//!
//! * an unknown key is an error naming it and, where it can, the field that was meant — the
//!   closest field of that object by edit distance, or a known trap of this API
//!   (`campaign_id` on `leads.create` → "did you mean `campaign`?");
//! * a wrong type is an error naming the field path (`campaign_schedule.schedules[0].days`);
//! * an array where an object is expected is refused (serde would otherwise read it positionally);
//! * unknown keys are reported before a missing required field, so a typo is named as such.

use crate::error::{Error, ErrorKind, Result};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Map, Value};
use std::fmt;

/// Deserializes `T` from JSON input, rejecting unknown fields anywhere in it.
///
/// `what` names the input in messages, e.g. `leads.create params`.
pub fn decode_input<T, V>(what: &str, value: V) -> Result<T>
where
    T: DeserializeOwned,
    V: Into<Value>,
{
    let value = value.into();
    T::deserialize(Strict {
        value: &value,
        path: String::new(),
    })
    .map_err(|e| e.into_error(what))
}

/// The error of the strict deserializer: a message and the path it is about.
#[derive(Debug)]
pub struct InputError(Box<InputErrorDetails>);

/// The fields of an [`InputError`] (boxed, so results stay a pointer wide).
#[derive(Debug)]
pub struct InputErrorDetails {
    message: String,
    path: Option<String>,
    unknown_field: bool,
    missing: Option<&'static str>,
}

impl std::ops::Deref for InputError {
    type Target = InputErrorDetails;
    fn deref(&self) -> &InputErrorDetails {
        &self.0
    }
}

impl std::ops::DerefMut for InputError {
    fn deref_mut(&mut self) -> &mut InputErrorDetails {
        &mut self.0
    }
}

impl InputError {
    fn new(details: InputErrorDetails) -> Self {
        InputError(Box::new(details))
    }

    fn at(path: &str, message: String) -> Self {
        InputError::new(InputErrorDetails {
            message,
            path: Some(path.to_string()),
            unknown_field: false,
            missing: None,
        })
    }

    fn into_error(self, what: &str) -> Error {
        let details = *self.0;
        let field = details.path.filter(|p| !p.is_empty());
        let message = match (&field, details.unknown_field) {
            (_, true) => format!("{} in {what}", details.message),
            (Some(f), false) => format!("{f}: {}", details.message),
            (None, false) => format!("invalid {what}: {}", details.message),
        };
        let mut e = Error::new(ErrorKind::Validation, message);
        e.field = field;
        e
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        InputError::new(InputErrorDetails {
            message: msg.to_string(),
            path: None,
            unknown_field: false,
            missing: None,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        let mut e = Self::custom("is required");
        e.missing = Some(field);
        e
    }
}

/// Adds `path` to an error raised below it that has none yet (a missing field is located at
/// the field itself).
fn locate(path: &str, mut e: InputError) -> InputError {
    let missing = e.missing;
    e.path.get_or_insert_with(|| match missing {
        Some(field) => child(path, field),
        None => path.to_string(),
    });
    e
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A deserializer over one JSON value that knows where it is.
struct Strict<'a> {
    value: &'a Value,
    path: String,
}

impl<'de> Deserializer<'de> for Strict<'_> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        let path = self.path;
        let out = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
                path: &path,
            }),
            Value::Object(map) => visitor.visit_map(Entries::new(map, &path)),
        };
        out.map_err(|e| locate(&path, e))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        let Value::Object(map) = self.value else {
            return Err(InputError::at(
                &self.path,
                format!("expected an object, got {}", kind_of(self.value)),
            ));
        };
        if let Some(key) = map.keys().find(|k| !fields.contains(&k.as_str())) {
            let mut message = format!("unknown field `{key}`");
            if let Some(hint) = suggest(key, fields) {
                message.push_str(&format!("; did you mean `{hint}`?"));
            }
            return Err(InputError::new(InputErrorDetails {
                message,
                path: Some(child(&self.path, key)),
                unknown_field: true,
                missing: None,
            }));
        }
        let path = self.path;
        visitor
            .visit_map(Entries::new(map, &path))
            .map_err(|e| locate(&path, e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.value
            .clone()
            .deserialize_enum(name, variants, visitor)
            .map_err(|e| InputError::at(&self.path, e.to_string()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Items<'a, I> {
    items: I,
    path: &'a str,
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Value)>> SeqAccess<'de> for Items<'_, I> {
    type Error = InputError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, InputError> {
        match self.items.next() {
            None => Ok(None),
            Some((i, value)) => {
                let path = format!("{}[{i}]", self.path);
                seed.deserialize(Strict { value, path }).map(Some)
            }
        }
    }
}

struct Entries<'a> {
    iter: serde_json::map::Iter<'a>,
    pending: Option<(&'a String, &'a Value)>,
    path: &'a str,
}

impl<'a> Entries<'a> {
    fn new(map: &'a Map<String, Value>, path: &'a str) -> Self {
        Entries {
            iter: map.iter(),
            pending: None,
            path,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        match self.iter.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.pending = Some((k, v));
                seed.deserialize(k.as_str().into_deserializer()).map(Some)
            }
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, InputError> {
        let (key, value) = self
            .pending
            .take()
            .ok_or_else(|| <InputError as de::Error>::custom("value requested before key"))?;
        seed.deserialize(Strict {
            value,
            path: child(self.path, key),
        })
    }
}

/// The field a caller most likely meant: a known trap of this API, then the closest of
/// `fields` (edit distance ≤ 2, or the same letters once `_` and case are ignored).
pub fn suggest(field: &str, fields: &[&str]) -> Option<String> {
    const TRAPS: &[(&str, &str)] = &[
        ("campaign_id", "campaign"),
        ("campaignId", "campaign"),
        ("interest_status", "interest_value"),
        ("lt_interest_status", "interest_value"),
        ("email_address", "email"),
        ("lead_ids", "ids"),
        ("destination_campaign_id", "to_campaign_id"),
        ("destination_campaign", "to_campaign_id"),
        ("destination_list_id", "to_list_id"),
        ("schedule", "campaign_schedule"),
        ("timeout", "timeoutMs"),
        ("api_key", "apiKey"),
        ("base_url", "baseUrl"),
    ];
    if let Some((_, to)) = TRAPS
        .iter()
        .find(|(from, to)| *from == field && fields.contains(to))
    {
        return Some((*to).to_string());
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let target = squash(field);
    if let Some(same) = fields.iter().find(|f| squash(f) == target) {
        return Some((*same).to_string());
    }
    fields
        .iter()
        .map(|f| (edit_distance(field, f), *f))
        .filter(|(d, f)| *d <= 2.min(f.len() / 2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        from: String,
        #[serde(default)]
        days: BTreeMap<String, bool>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Params {
        campaign: Option<String>,
        starting_after: Option<String>,
        limit: Option<u32>,
        timing: Option<Inner>,
        #[serde(default)]
        schedules: Vec<Inner>,
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Required {
        name: String,
        campaign_schedule: Inner,
    }

    fn decode(v: Value) -> Result<Params> {
        decode_input("leads.create params", v)
    }

    #[test]
    fn unknown_top_level_field_names_the_right_one() {
        let e = decode(json!({"campaign_id": "x"})).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some("campaign_id"));
        assert!(
            e.message.contains("did you mean `campaign`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn plain_typos_and_camel_case_get_hints_from_the_fields() {
        let e = decode(json!({"starting_afer": "x"})).unwrap_err();
        assert!(
            e.message.contains("did you mean `starting_after`"),
            "{}",
            e.message
        );
        let e = decode(json!({"startingAfter": "x"})).unwrap_err();
        assert!(
            e.message.contains("did you mean `starting_after`"),
            "{}",
            e.message
        );
        let e = decode(json!({"zzz": 1})).unwrap_err();
        assert_eq!(e.message, "unknown field `zzz` in leads.create params");
    }

    #[test]
    fn unknown_nested_field_has_its_path() {
        let e = decode(json!({"schedules": [{"from": "09:00"}, {"from": "x", "fromm": 1}]}))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("schedules[1].fromm"));
        assert!(e.message.contains("did you mean `from`"), "{}", e.message);
    }

    #[test]
    fn type_errors_name_the_field_path() {
        let e = decode(json!({"campaign": 5})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("campaign"));
        assert!(e.message.contains("invalid type"), "{}", e.message);
        let e = decode(json!({"limit": -1})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("limit"));
        let e = decode(json!({"timing": {"from": "09:00", "days": {"1": "yes"}}})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("timing.days.1"), "{}", e.message);
        let e = decode(json!({"timing": {}})).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("timing.from"));
        assert_eq!(e.message, "timing.from: is required");
    }

    #[test]
    fn an_unknown_key_is_reported_before_a_missing_field() {
        let e = decode_input::<Required, _>("p", json!({"name": "x", "schedule": {"from": "a"}}))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("schedule"));
        assert!(
            e.message.contains("did you mean `campaign_schedule`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn arrays_and_scalars_are_not_objects() {
        for v in [json!([1]), json!("limit=10"), json!(5)] {
            let e = decode(v.clone()).unwrap_err();
            assert_eq!(e.kind, ErrorKind::Validation, "{v}");
            assert!(e.message.contains("expected an object"), "{}", e.message);
        }
    }

    #[test]
    fn known_fields_pass() {
        let p = decode(json!({"campaign": "x", "timing": {"from": "09:00"}, "limit": 5})).unwrap();
        assert_eq!(p.campaign.as_deref(), Some("x"));
        assert_eq!(p.limit, Some(5));
        assert_eq!(p.timing.unwrap().from, "09:00");
    }

    #[test]
    fn edit_distance_works() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(suggest("nme", &["name", "email"]).as_deref(), Some("name"));
        assert_eq!(suggest("x", &["name"]), None);
    }
}
