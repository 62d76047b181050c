//! `Ts<T>` ⇄ Rust conversion for the facade.

use super::errors::to_js_error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

/// Decodes JS input strictly (unknown fields are errors naming the right field).
pub(crate) fn input<T: Tsify + DeserializeOwned>(what: &str, value: &Ts<T>) -> Result<T, JsValue> {
    raw_input(what, value.js_value())
}

/// Decodes an optional JS input; `undefined`/`null` give `T::default()`.
pub(crate) fn input_or_default<T: Tsify + DeserializeOwned + Default>(
    what: &str,
    value: Option<Ts<T>>,
) -> Result<T, JsValue> {
    match value {
        Some(v) if !v.js_value().is_undefined() && !v.js_value().is_null() => input(what, &v),
        _ => Ok(T::default()),
    }
}

/// Decodes any JS value strictly.
///
/// The value is first read as generic JSON: serde-wasm-bindgen reads a struct by looking up only
/// the fields it knows, so unknown keys would never be seen. Reading every key first lets
/// [`crate::input::decode_input`] name them.
pub(crate) fn raw_input<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    let json = js_to_json(&value, "").map_err(|(path, e)| {
        let field = if path.is_empty() {
            what.to_string()
        } else {
            path
        };
        to_js_error(crate::Error::validation(
            field,
            format!("is not plain JSON data in {what}: {e}"),
        ))
    })?;
    crate::input::decode_input(what, json).map_err(to_js_error)
}

/// Decodes a JS array strictly, element by element: no JSON copy of the whole array is made, so
/// peak memory stays near the decoded size (100,000 leads for `leads.import`). Error fields are
/// prefixed with the element's index, e.g. `[3].emial`.
pub(crate) fn input_array<T: DeserializeOwned>(
    what: &str,
    array: &js_sys::Array,
) -> Result<Vec<T>, JsValue> {
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, value) in array.iter().enumerate() {
        let at = format!("[{i}]");
        let json = js_to_json(&value, &at).map_err(|(path, e)| {
            to_js_error(crate::Error::validation(
                path,
                format!("is not plain JSON data in {what}: {e}"),
            ))
        })?;
        let item = crate::input::decode_input(what, json).map_err(|mut e| {
            e.field = Some(match &e.field {
                Some(f) if !f.is_empty() => format!("{at}.{f}"),
                _ => at.clone(),
            });
            to_js_error(e)
        })?;
        out.push(item);
    }
    Ok(out)
}

/// Reads a JS value as JSON with `JSON.stringify`'s rules for `undefined`: an object property
/// whose value is `undefined` is absent (so `{ first_name: undefined }` leaves a field alone,
/// while `null` clears it), and `undefined` in an array is `null`. Safe integers become
/// integers; `NaN`, infinities, BigInts and symbols are errors.
pub(crate) fn js_to_json(
    value: &JsValue,
    path: &str,
) -> Result<serde_json::Value, (String, String)> {
    use js_sys::{Array, Object};
    use serde_json::Value;
    use wasm_bindgen::JsCast;
    let fail = |msg: String| Err((path.to_string(), msg));
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        if js_sys::Number::is_safe_integer(value) {
            return Ok(Value::from(n as i64));
        }
        return match serde_json::Number::from_f64(n) {
            Some(num) => Ok(Value::Number(num)),
            None => fail(format!("{n} is not a finite number")),
        };
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if Array::is_array(value) {
        let items: Array = value.clone().unchecked_into();
        return items
            .iter()
            .enumerate()
            .map(|(i, v)| js_to_json(&v, &format!("{path}[{i}]")))
            .collect();
    }
    if value.is_instance_of::<js_sys::Map>()
        || value.is_instance_of::<js_sys::Set>()
        || value.is_instance_of::<js_sys::Date>()
    {
        return fail("Map, Set and Date values are not plain JSON data".into());
    }
    if value.is_object() && !value.is_function() {
        let mut map = serde_json::Map::new();
        for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
            let pair: Array = entry.unchecked_into();
            let v = pair.get(1);
            if v.is_undefined() {
                continue;
            }
            let key = pair.get(0).as_string().unwrap_or_default();
            let child = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            map.insert(key, js_to_json(&v, &child)?);
        }
        return Ok(Value::Object(map));
    }
    fail(format!(
        "unsupported value of type {}",
        value.js_typeof().as_string().unwrap_or_default()
    ))
}

/// Encodes a Rust value as a plain JSON-compatible JS value (objects, not `Map`s).
///
/// The value is written as JSON text and parsed by the runtime's `JSON.parse`: every `Serialize`
/// impl is then instantiated for serde_json's writer only (which request bodies use anyway),
/// rather than once more for a serializer that builds JS objects field by field.
pub(crate) fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let decode_error = |msg: String| to_js_error(crate::Error::new(crate::ErrorKind::Decode, msg));
    let text = serde_json::to_string(value).map_err(|e| decode_error(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| decode_error("the value is not JSON".into()))
}

/// Encodes a Rust value as its declared TS type.
pub(crate) fn typed<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    output(value).map(Ts::new_unchecked)
}
