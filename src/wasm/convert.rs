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
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value).map_err(|e| {
        to_js_error(crate::Error::validation(
            what,
            format!("is not plain JSON data: {e}"),
        ))
    })?;
    crate::input::decode_input(what, json).map_err(to_js_error)
}

/// Encodes a Rust value as a plain JSON-compatible JS value (objects, not `Map`s).
pub(crate) fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(crate::Error::new(crate::ErrorKind::Decode, e.to_string())))
}

/// Encodes a Rust value as its declared TS type.
pub(crate) fn typed<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    output(value).map(Ts::new_unchecked)
}
