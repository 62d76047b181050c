//! `parseWebhook`, `normalizeEventType`, `dedupeKey`, `interestStatusOf`: conversion of the JS
//! arguments (string/bytes bodies, `Headers` or plain-object headers) around
//! [`crate::webhooks`]. The TypeScript declarations are [`crate::webhooks::WEBHOOK_TS`].

use super::convert::{output, raw_input};
use super::errors::to_js_error;
use crate::webhooks::{self, InterestChange, WebhookEvent, WebhookOptions};
use crate::Error;
use js_sys::{ArrayBuffer, Function, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_WEBHOOKS: &'static str = crate::webhooks::WEBHOOK_TS;

/// Checks and decodes one webhook delivery (see `WEBHOOK_TS` for the contract).
#[wasm_bindgen(js_name = parseWebhook, skip_typescript)]
pub fn parse_webhook(body: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = options_from_js(&options)?;
    // The secret is checked before the body is even copied into wasm memory.
    webhooks::verify_secret(&opts).map_err(to_js_error)?;
    let bytes = body_bytes(&body, &opts)?;
    let event = webhooks::parse_webhook(&bytes, &opts).map_err(to_js_error)?;
    output(&event)
}

/// Both names of an event type.
#[wasm_bindgen(js_name = normalizeEventType, skip_typescript)]
pub fn normalize_event_type(name: JsValue) -> Result<JsValue, JsValue> {
    let name = super::convert::string_arg("name", &name)?;
    output(&webhooks::normalize_event_type(&name))
}

/// Stable key of one event.
#[wasm_bindgen(js_name = dedupeKey, skip_typescript)]
pub fn dedupe_key(event: JsValue) -> Result<String, JsValue> {
    Ok(webhooks::dedupe_key(&event_from_js(event)?))
}

/// The interest status a lead-status event means: number, `null` (reset) or `undefined`.
#[wasm_bindgen(js_name = interestStatusOf, skip_typescript)]
pub fn interest_status_of(event: JsValue) -> Result<JsValue, JsValue> {
    let event = event_from_js(event)?;
    Ok(match webhooks::interest_status_of(&event.event_type) {
        Some(InterestChange::Set(v)) => JsValue::from_f64(v as f64),
        Some(InterestChange::Reset) => JsValue::NULL,
        None => JsValue::UNDEFINED,
    })
}

fn event_from_js(event: JsValue) -> Result<WebhookEvent, JsValue> {
    let json = super::convert::read_json(&event, "", "event").map_err(to_js_error)?;
    WebhookEvent::from_value(json).map_err(to_js_error)
}

/// The body's bytes; the size limit is checked on a lower bound of the size before copying, and
/// on the copy. A `Proxy` posing as a `Uint8Array` or a detached buffer is a `ValidationError`.
fn body_bytes(body: &JsValue, opts: &WebhookOptions) -> Result<Vec<u8>, JsValue> {
    let check = |len: u64| webhooks::check_size(len, opts).map_err(to_js_error);
    if let Some(s) = body.dyn_ref::<JsString>() {
        // UTF-8 needs at least one byte per UTF-16 unit.
        check(u64::from(s.length()))?;
        return Ok(String::from(s).into_bytes());
    }
    let view = body.is_instance_of::<Uint8Array>();
    if view || body.is_instance_of::<ArrayBuffer>() {
        let unreadable = |e: JsValue| {
            to_js_error(Error::validation(
                "body",
                format!("could not be read: {}", super::js::message(&e)),
            ))
        };
        let declared = Reflect::get(body, &"byteLength".into())
            .map_err(unreadable)?
            .as_f64()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0)
            .ok_or_else(|| to_js_error(Error::validation("body", "has no byte length")))?;
        // Checked before a byte is copied: an oversize body is refused on its length alone.
        check(declared as u64)?;
        if view && !super::js::is_binary_view(body).unwrap_or(false) {
            // Something posing as a Uint8Array (a `Proxy`): at most `declared` bytes, read
            // through it.
            let bytes = super::js::view_bytes(body, declared as u32).map_err(unreadable)?;
            check(bytes.len() as u64)?;
            return Ok(bytes);
        }
        // A genuine Uint8Array or ArrayBuffer: its real length (whatever a `byteLength` getter
        // says), checked before it enters wasm memory.
        let copy = super::js::own_bytes(body).map_err(unreadable)?;
        check(u64::from(copy.length()))?;
        return Ok(copy.to_vec());
    }
    Err(to_js_error(Error::validation(
        "body",
        "must be a string, a Uint8Array or an ArrayBuffer",
    )))
}

/// `ParseWebhookOptions` → [`WebhookOptions`]: every key but `headers` is decoded strictly;
/// `headers` is read from a `Headers`-like object (`get`) or a plain object.
fn options_from_js(options: &JsValue) -> Result<WebhookOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(WebhookOptions::default());
    }
    let what = "parseWebhook options";
    if !options.is_object() {
        return Err(to_js_error(Error::validation(what, "must be an object")));
    }
    let unreadable = |field: &str, e: JsValue| {
        to_js_error(Error::validation(
            field,
            format!("could not be read: {}", super::js::message(&e)),
        ))
    };
    let mut headers = JsValue::UNDEFINED;
    let rest = Object::new();
    for (key, value) in super::js::entries(options).map_err(|e| unreadable(what, e))? {
        if key == "headers" {
            headers = value;
        } else {
            Reflect::set(&rest, &JsValue::from_str(&key), &value)
                .map_err(|e| unreadable(what, e))?;
        }
    }
    let mut opts: WebhookOptions = raw_input(what, rest.into())?;
    opts.headers = headers_from_js(&headers, opts.secret_header_name())?;
    Ok(opts)
}

fn headers_from_js(headers: &JsValue, wanted: &str) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_undefined() || headers.is_null() {
        return Ok(Vec::new());
    }
    let bad = |field: String, msg: &str| to_js_error(Error::validation(field, msg));
    let unreadable = |field: String, e: JsValue| {
        to_js_error(Error::validation(
            field,
            format!("could not be read: {}", super::js::message(&e)),
        ))
    };
    if !headers.is_object() {
        return Err(bad(
            "headers".into(),
            "must be a Headers object or a plain object",
        ));
    }
    let get = Reflect::get(headers, &"get".into()).map_err(|e| unreadable("headers".into(), e))?;
    if let Some(get) = get.dyn_ref::<Function>() {
        // Headers.get is case-insensitive and joins repeated headers itself.
        let v = get
            .call1(headers, &JsValue::from_str(wanted))
            .map_err(|_| bad("headers".into(), "headers.get() threw"))?;
        return Ok(v
            .as_string()
            .map(|v| vec![(wanted.to_string(), v)])
            .unwrap_or_default());
    }
    let mut out = Vec::new();
    let entries = super::js::entries(headers).map_err(|e| unreadable("headers".into(), e))?;
    for (name, value) in entries {
        if value.is_undefined() || value.is_null() {
            continue;
        }
        let field = format!("headers.{name}");
        if let Some(v) = value.as_string() {
            out.push((name, v));
        } else if super::js::is_array(&value).map_err(|e| unreadable(field.clone(), e))? {
            let items = super::js::items(&value).map_err(|e| unreadable(field.clone(), e))?;
            for item in items {
                let v = item
                    .as_string()
                    .ok_or_else(|| bad(field.clone(), "values must be strings"))?;
                out.push((name.clone(), v));
            }
        } else {
            return Err(bad(field, "must be a string or an array of strings"));
        }
    }
    Ok(out)
}
