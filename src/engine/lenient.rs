//! Lenient decoding for the generated models: a field the service leaves out, sends as `null`
//! or shapes differently from the spec reads as `None` instead of failing the whole answer
//! (api-notes §7: the live service is looser than its spec).

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// `Option<T>`: `None` for `null` or a value that is not a `T`.
pub fn option<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    if v.is_null() {
        return Ok(None);
    }
    Ok(serde_json::from_value(v).ok())
}

/// `Option<Option<T>>` for fields a caller may set to `null` on purpose: absent stays `None`
/// (by `#[serde(default)]`), `null` is `Some(None)`.
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    if v.is_null() {
        return Ok(Some(None));
    }
    Ok(serde_json::from_value(v).ok().map(Some))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq, Default)]
    struct Inner {
        #[serde(default, deserialize_with = "super::option")]
        n: Option<i64>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Outer {
        #[serde(default, deserialize_with = "super::option")]
        name: Option<String>,
        #[serde(default, deserialize_with = "super::option")]
        inner: Option<Inner>,
        #[serde(default, deserialize_with = "super::nullable")]
        clear: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_misshapen_fields_read_as_none() {
        let o: Outer = serde_json::from_str(r#"{"name": 5, "inner": {"n": "x"}, "extra": 1}"#)
            .expect("lenient");
        assert_eq!(o.name, None);
        assert_eq!(o.inner, Some(Inner { n: None }));
        assert_eq!(o.clear, None);
        let o: Outer = serde_json::from_str(r#"{"name": "a", "inner": "text", "clear": null}"#)
            .expect("lenient");
        assert_eq!(o.name.as_deref(), Some("a"));
        assert_eq!(o.inner, None);
        assert_eq!(o.clear, Some(None));
    }
}
