//! `Ts<T>` ⇄ Rust conversion for the facade.

use super::errors::to_js_error;
use crate::input::Input;
use serde::Serialize;
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Reads an optional JS options object strictly; `undefined`/`null` give `T::default()`.
pub(crate) fn input_or_default<T: Tsify + Input + Default>(
    what: &str,
    value: Option<Ts<T>>,
) -> Result<T, JsValue> {
    match value {
        Some(v) if !v.js_value().is_undefined() && !v.js_value().is_null() => {
            raw_input(what, v.js_value())
        }
        _ => Ok(T::default()),
    }
}

/// A string argument (a path value such as an id, a route path, CSV text). Anything else — a
/// number, a symbol, an object whose `toString` throws — is a `ValidationError` naming `field`,
/// where a `String` parameter would make the generated glue throw a plain `Error` before the call.
pub(crate) fn string_arg(field: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let kind = if value.is_null() {
            "null".to_string()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        to_js_error(crate::Error::validation(
            field,
            format!("must be a string (got {kind})"),
        ))
    })
}

/// Reads a JS options object strictly (see [`crate::input`]).
///
/// The value is first read as generic JSON by [`read_json`], every key included, so that
/// [`crate::input::read_input`] can name the unknown ones.
pub(crate) fn raw_input<T: Input>(what: &str, value: JsValue) -> Result<T, JsValue> {
    let json = read_json(&value, "", what).map_err(to_js_error)?;
    crate::input::read_input(what, &json).map_err(to_js_error)
}

/// The most leads `leads.import` takes in one call (a bound on the memory one call can take:
/// 100,000 leads decode to about 84 MiB).
pub(crate) const MAX_ARRAY_INPUT: u32 = 1_000_000;

/// Reads a JS array of objects, element by element: no JSON copy of the whole array is made,
/// so peak memory stays near the read size (100,000 leads for `leads.import`). Each object is
/// handed to `check` with its path (`[3]`) before the next is read: the first error rejects the
/// call, its field naming the element (`[3].emial`). The array is read like any value (a
/// `Proxy` or a throwing getter is a `ValidationError`), with at most [`MAX_ARRAY_INPUT`] items.
pub(crate) fn input_objects(
    what: &str,
    array: &JsValue,
    check: impl Fn(&Map<String, Value>, &str) -> crate::Result<()>,
) -> Result<Vec<Map<String, Value>>, JsValue> {
    let len = array_length(array, "", what, MAX_ARRAY_INPUT).map_err(to_js_error)?;
    let mut out = Vec::new();
    for i in 0..len {
        let at = format!("[{i}]");
        let value = js_sys::Reflect::get(array, &JsValue::from(i))
            .map_err(|e| to_js_error(threw(&at, what, &e)))?;
        let object = match read_json(&value, &at, what).map_err(to_js_error)? {
            Value::Object(m) => m,
            _ => {
                return Err(to_js_error(crate::Error::validation(
                    at,
                    format!("{what}: each item must be an object"),
                )))
            }
        };
        check(&object, &at).map_err(to_js_error)?;
        out.push(object);
    }
    Ok(out)
}

/// Bounds on what [`read_json_with`] reads from one value.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// Deepest nesting of arrays and objects (the value itself is depth 0); at most 128, the
    /// packed form's own limit.
    pub max_depth: usize,
    /// Most values in total (objects, arrays and scalars).
    pub max_values: usize,
    /// Longest array (a sparse `new Array(2 ** 32 - 1)` takes no memory in JS but would in
    /// Rust).
    pub max_array_len: u32,
}

/// The limits [`read_json`] applies: far above any request of the API (a 1000-lead bulk add is
/// about 20,000 values, 4 levels deep), far below what would exhaust the wasm stack or memory.
pub const DEFAULT_READ_LIMITS: ReadLimits = ReadLimits {
    max_depth: 64,
    max_values: 1_000_000,
    max_array_len: 1_000_000,
};

/// Reads a JS value as JSON with [`DEFAULT_READ_LIMITS`]; see [`read_json_with`].
pub fn read_json(value: &JsValue, path: &str, what: &str) -> crate::Result<serde_json::Value> {
    read_json_with(value, path, what, &DEFAULT_READ_LIMITS)
}

#[wasm_bindgen(module = "/src/http/packed.js")]
extern "C" {
    /// Why `packInput` did not write a value.
    type Refusal;
    #[wasm_bindgen(method, getter)]
    fn path(this: &Refusal) -> String;
    #[wasm_bindgen(method, getter)]
    fn message(this: &Refusal) -> String;

    /// The value in the packed form (a `Uint8Array`), or a `Refusal`; never throws.
    #[wasm_bindgen(js_name = packInput)]
    fn pack_input(
        value: &JsValue,
        prefix: &str,
        max_depth: f64,
        max_values: f64,
        max_array_len: f64,
    ) -> JsValue;
}

/// Reads a JS value as JSON, with `JSON.stringify`'s rules for `undefined`: an object property
/// whose value is `undefined` is absent (so `{ first_name: undefined }` leaves a field alone,
/// while `null` clears it), and `undefined` in an array is `null`. Safe integers become
/// integers (`-0` is `0`).
///
/// The value is walked in JavaScript (`packInput` in `src/http/packed.js`), which writes it in
/// the packed form ([`crate::http::unpack_json`]) as it checks it: one call and one copy,
/// instead of a dozen calls into JavaScript per value.
///
/// Never throws and never panics, whatever the value: every problem is a
/// [`crate::ErrorKind::Validation`] error whose `field` is the path of the offending value
/// (`path` is the prefix, e.g. `""` or `"[3]"`; `what` names the input in the message and is the
/// field when the value itself is at fault):
///
/// * `NaN`, infinities, BigInts, symbols, functions, `Map`, `Set`, `Date` and binary data;
/// * nesting deeper than `limits.max_depth`, a cycle (an object that contains itself), more than
///   `limits.max_values` values or an array longer than `limits.max_array_len`;
/// * a getter, a `Proxy` trap or a revoked `Proxy` that throws while being read (the message
///   quotes what was thrown).
pub fn read_json_with(
    value: &JsValue,
    path: &str,
    what: &str,
    limits: &ReadLimits,
) -> crate::Result<serde_json::Value> {
    let packed = pack_input(
        value,
        path,
        limits.max_depth as f64,
        limits.max_values as f64,
        f64::from(limits.max_array_len),
    );
    match packed.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) => crate::http::unpack_json(&bytes.to_vec())
            .map_err(|e| invalid(path, what, format!("could not be read: {e}"))),
        Err(refusal) => {
            let refusal: Refusal = refusal.unchecked_into();
            Err(invalid(&refusal.path(), what, refusal.message()))
        }
    }
}

fn field_of(path: &str, what: &str) -> String {
    if path.is_empty() {
        what.to_string()
    } else {
        path.to_string()
    }
}

fn invalid(path: &str, what: &str, message: String) -> crate::Error {
    crate::Error::validation(field_of(path, what), format!("{message} (in {what})"))
}

fn threw(path: &str, what: &str, thrown: &JsValue) -> crate::Error {
    invalid(
        path,
        what,
        format!("could not be read: {}", super::js::message(thrown)),
    )
}

/// The length of an array (or array-like `Proxy`), checked against `max`.
fn array_length(array: &JsValue, path: &str, what: &str, max: u32) -> crate::Result<u32> {
    match super::js::is_array(array) {
        Ok(true) => {}
        Ok(false) => return Err(invalid(path, what, "must be an array".into())),
        Err(e) => return Err(threw(path, what, &e)),
    }
    let len = js_sys::Reflect::get(array, &JsValue::from_str("length"))
        .map_err(|e| threw(path, what, &e))?
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .ok_or_else(|| invalid(path, what, "has a length that is not a count".into()))?;
    if len > f64::from(max) {
        return Err(invalid(
            path,
            what,
            format!(
                "has {} items; at most {max} are accepted in one call",
                whole_text(len)
            ),
        ));
    }
    Ok(len as u32)
}

/// A whole, non-negative number as text, without Rust's float formatting (13 KB of the wasm).
fn whole_text(n: f64) -> String {
    if n < 9_007_199_254_740_992.0 {
        (n as u64).to_string()
    } else {
        serde_json::Number::from_f64(n).map_or_else(|| "a huge number".into(), |n| n.to_string())
    }
}

/// Encodes a Rust value as a plain JSON-compatible JS value (objects, not `Map`s).
///
/// The value is written as JSON text and parsed by the runtime's `JSON.parse`: every `Serialize`
/// impl is then instantiated for serde_json's writer only (which request bodies use anyway),
/// rather than once more for a serializer that builds JS objects field by field.
pub(crate) fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    parse_output(serde_json::to_string(value).ok())
}

/// The JSON text of [`output`] as a JS value (apart, so each `T` adds only the serializing).
fn parse_output(text: Option<String>) -> Result<JsValue, JsValue> {
    let decode_error = |msg: &str| to_js_error(crate::Error::new(crate::ErrorKind::Decode, msg));
    let text = text.ok_or_else(|| decode_error("the value could not be written as JSON"))?;
    js_sys::JSON::parse(&text).map_err(|_| decode_error("the value is not JSON"))
}

/// Encodes a Rust value as its declared TS type.
pub(crate) fn typed<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    output(value).map(Ts::new_unchecked)
}
