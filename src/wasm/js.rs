//! JavaScript built-ins that can throw, declared `catch` so a throw becomes an `Err` here.
//!
//! A caller's value can be a `Proxy` whose traps throw, a revoked `Proxy` (every operation on it
//! throws), or an object whose getters throw. js-sys declares `Array.isArray`, `Object.entries`,
//! `Object.keys`, `Object.assign`, `Array.from` and the typed-array accessors without `catch`, so
//! such a throw would unwind through Rust frames (leaving borrows held and the call's promise
//! unsettled). Everything the facade does to a caller's value goes through these, or through
//! js-sys functions that already are `catch` (`Reflect.get`/`set`/`deleteProperty`,
//! `Function.prototype.call`), or through checks that cannot throw (`typeof`, and wasm-bindgen's
//! `instanceof` shims, which answer `false` when the check throws).

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ArrayBuffer, js_name = isView)]
    fn array_buffer_is_view(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_name = Uint8Array)]
    type CopiedBytes;
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(source_or_length: &JsValue) -> Result<CopiedBytes, JsValue>;
    #[wasm_bindgen(catch, method, js_class = "Uint8Array", js_name = set)]
    fn set(this: &CopiedBytes, source: &JsValue) -> Result<(), JsValue>;
}

/// `Array.isArray(value)` (throws for a revoked `Proxy`).
pub(crate) fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    array_is_array(value)
}

/// `ArrayBuffer.isView(value)`: a typed array or a `DataView`.
pub(crate) fn is_binary_view(value: &JsValue) -> Result<bool, JsValue> {
    array_buffer_is_view(value)
}

/// `Object.entries(value)` as `(key, value)` pairs (runs getters and `ownKeys` traps). The
/// pairs come from a genuine array of genuine arrays, so reading them cannot throw.
pub(crate) fn entries(value: &JsValue) -> Result<Vec<(String, JsValue)>, JsValue> {
    let pairs = object_entries(value)?;
    Ok(pairs
        .iter()
        .map(|pair| {
            let pair: Array = pair.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

/// `Object.keys(value)` (runs `ownKeys` and `getOwnPropertyDescriptor` traps).
pub(crate) fn keys(value: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    Ok(object_keys(value)?.iter().collect())
}

/// `Array.from(value)`: the items of an iterable or array-like (runs iterators and traps).
pub(crate) fn items(value: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    Ok(array_from(value)?.iter().collect())
}

/// The first `len` bytes of a `Uint8Array` (or anything array-like posing as one), copied into
/// a new genuine `Uint8Array` with `set` (element by element for an array-like, so a `Proxy`
/// whose traps throw is an `Err`; a source longer than `len` too).
pub(crate) fn view_bytes(source: &JsValue, len: u32) -> Result<Vec<u8>, JsValue> {
    let copy = CopiedBytes::new(&JsValue::from(len))?;
    copy.set(source)?;
    let copy: Uint8Array = copy.unchecked_into();
    Ok(copy.to_vec())
}

/// `new Uint8Array(source)` for a genuine typed array (`ArrayBuffer.isView` said so), a copy, or
/// an `ArrayBuffer`, a view of it: either way of the real length, never what a `byteLength`
/// getter says (a subclass may lie), and no caller code runs (a detached buffer, or a `Proxy`
/// posing as a buffer, is an `Err` or empty rather than a throw). Check its length before
/// copying it into wasm memory.
pub(crate) fn own_bytes(source: &JsValue) -> Result<Uint8Array, JsValue> {
    Ok(CopiedBytes::new(source)?.unchecked_into())
}

/// A readable description of a thrown value (see [`crate::http::fetch::js_message`]).
pub(crate) fn message(thrown: &JsValue) -> String {
    crate::http::fetch::js_message(thrown)
}
