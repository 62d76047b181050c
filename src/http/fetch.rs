//! The wasm [`Transport`] and [`Clock`]: the global `fetch`, and `setTimeout`.
//!
//! This is the only module of the core that touches JavaScript. It calls the *global* `fetch`,
//! so the same build runs in browsers, Node ≥ 18, Deno and Cloudflare Workers, and a test can stub
//! `globalThis.fetch`. Every attempt carries an `AbortController` signal; dropping the future
//! (timeout, cancellation, or the caller giving up) aborts the fetch.
//!
//! Nothing here can throw through Rust frames or panic, whatever `fetch` does: every call into
//! JavaScript that can throw is declared `catch` (or goes through `Reflect`/`Function.call`,
//! which are), and the answer is read structurally (`status`, `headers`, `arrayBuffer()`), so a
//! stub that returns a plain object, rejects with a string or throws synchronously gives a
//! [`TransportError`] like a network failure would.

use super::{Clock, HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{ArrayBuffer, Function, JsString, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

#[wasm_bindgen]
extern "C" {
    /// A genuine `Uint8Array` over an `ArrayBuffer` (throws for a detached buffer).
    #[wasm_bindgen(js_name = Uint8Array)]
    type SafeUint8Array;
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(buffer: &JsValue) -> Result<SafeUint8Array, JsValue>;

    /// `response.text()`'s result when it is a string.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;

    /// `setTimeout(handler, ms)`.
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;

    /// `clearTimeout(id)`.
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

/// `fetch`-backed transport.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

/// Aborts the fetch when dropped, unless the response has been fully read.
struct AbortGuard {
    controller: Option<AbortController>,
}

impl AbortGuard {
    fn disarm(&mut self) {
        self.controller = None;
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(c) = self.controller.take() {
            c.abort();
        }
    }
}

fn connection(e: JsValue) -> TransportError {
    TransportError::Connection(js_message(&e))
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), TransportError> {
    Reflect::set(target, &JsValue::from_str(key), value)
        .map(drop)
        .map_err(connection)
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let controller = AbortController::new().map_err(connection)?;
        let mut guard = AbortGuard {
            controller: Some(controller.clone()),
        };
        let init = Object::new();
        set(&init, "method", &JsValue::from_str(request.method.as_str()))?;
        let headers = Object::new();
        for (name, value) in &request.headers {
            set(&headers, name, &JsValue::from_str(value))?;
        }
        set(&init, "headers", &headers)?;
        if let Some(bytes) = &request.body {
            let text = String::from_utf8_lossy(bytes);
            set(&init, "body", &JsValue::from_str(&text))?;
        }
        set(&init, "signal", &controller.signal())?;

        let global = js_sys::global();
        let fetch = Reflect::get(&global, &JsValue::from_str("fetch"))
            .map_err(connection)?
            .dyn_into::<Function>()
            .map_err(|_| {
                TransportError::Connection("this runtime has no global fetch function".into())
            })?;
        let returned = fetch
            .call2(&global, &JsValue::from_str(&request.url), &init)
            .map_err(connection)?;
        let response = settle(returned).await.map_err(connection)?;

        let status = Reflect::get(&response, &JsValue::from_str("status"))
            .ok()
            .and_then(|s| s.as_f64())
            .filter(|s| s.fract() == 0.0 && (100.0..=999.0).contains(s))
            .ok_or_else(|| {
                TransportError::Connection("fetch did not answer a Response with a status".into())
            })? as u16;
        let headers = read_headers(&response);
        let body = if (200..300).contains(&status) && KEEP_TEXT.with(Cell::get) {
            read_text(&response).await
        } else {
            read_body(&response).await
        }
        .map_err(|e| TransportError::Body(js_message(&e)))?;
        guard.disarm();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// Awaits whatever `fetch` (or `arrayBuffer()`) returned: a promise, a thenable or a plain
/// value. It is first adopted by a new genuine promise, so a `then` that throws or a value that
/// is not a promise rejects or resolves that promise instead of throwing here.
pub(crate) async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    let mut adopt = |resolve: Function, _reject: Function| {
        // Resolving with a thenable reads its `then` inside the resolve function, which turns a
        // throw into a rejection; `call1` itself is `catch`.
        let _ = resolve.call1(&JsValue::UNDEFINED, &value);
    };
    JsFuture::from(Promise::new(&mut adopt)).await
}

/// The response headers the request loop reads (`retry-after-ms`, `retry-after`; see
/// `crate::client`), each through `headers.get(name)`: far cheaper than iterating every entry.
/// Anything unreadable (no `headers`, no `get`, a `get` that throws or answers a non-string) is
/// left out.
fn read_headers(response: &JsValue) -> Vec<(String, String)> {
    let Ok(headers) = Reflect::get(response, &JsValue::from_str("headers")) else {
        return Vec::new();
    };
    if !headers.is_object() {
        return Vec::new();
    }
    let Some(get) = Reflect::get(&headers, &JsValue::from_str("get"))
        .ok()
        .and_then(|g| g.dyn_into::<Function>().ok())
    else {
        return Vec::new();
    };
    READ_HEADERS
        .iter()
        .filter_map(|name| {
            let value = get
                .call1(&headers, &JsValue::from_str(name))
                .ok()?
                .as_string()?;
            Some(((*name).to_string(), value))
        })
        .collect()
}

/// The response headers the core uses: the retry delay, in milliseconds or in the standard form.
const READ_HEADERS: [&str; 2] = ["retry-after-ms", "retry-after"];

/// The whole body, through `response.arrayBuffer()`.
async fn read_body(response: &JsValue) -> Result<Vec<u8>, JsValue> {
    let read = Reflect::get(response, &JsValue::from_str("arrayBuffer"))?
        .dyn_into::<Function>()
        .map_err(|_| JsValue::from_str("the response has no arrayBuffer() method"))?;
    let buffer = settle(read.call0(response)?).await?;
    if !buffer.is_instance_of::<ArrayBuffer>() {
        return Err(JsValue::from_str(
            "arrayBuffer() did not give an ArrayBuffer",
        ));
    }
    let bytes: Uint8Array = SafeUint8Array::new(&buffer)?.unchecked_into();
    Ok(bytes.to_vec())
}

thread_local! {
    /// Set while a [`KeepText`] future is being polled: a 2xx body is then read with `text()`.
    static KEEP_TEXT: Cell<bool> = const { Cell::new(false) };
    /// The text of the 2xx body read during the current poll of a [`KeepText`] future, when it
    /// is too long to be an error envelope (the response then carries no bytes).
    static KEPT_TEXT: RefCell<Option<JsString>> = const { RefCell::new(None) };
}

/// Polls `inner` so that a 2xx body read by [`FetchTransport`] during the poll stays a JS
/// string instead of being copied into wasm memory: a body of more than 4,096 UTF-16 units (so
/// more than 4,096 bytes, too long for the error-envelope check) is left out of the
/// [`HttpResponse`] and `inner` takes it with [`take_text`] in the same poll. Shorter bodies are
/// copied as usual. Only the future that consumes the answer itself (the JS engine's `call`)
/// wraps itself: Rust consumers (paging, imports, job waits) keep reading bytes.
///
/// The text cannot leak into another call: futures on this thread are polled one at a time, a
/// body is kept only while the flag of this poll is set, and whatever `inner` did not take is
/// dropped when the poll ends.
pub fn keep_text<F: Future>(inner: F) -> KeepText<F> {
    KeepText {
        inner: Box::pin(inner),
    }
}

/// See [`keep_text`].
pub struct KeepText<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for KeepText<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let before = KEEP_TEXT.with(|k| k.replace(true));
        let polled = self.inner.as_mut().poll(cx);
        KEEP_TEXT.with(|k| k.set(before));
        KEPT_TEXT.with(|t| t.borrow_mut().take());
        polled
    }
}

/// The 2xx body text kept during this poll (see [`keep_text`]), if any.
pub fn take_text() -> Option<JsString> {
    KEPT_TEXT.with(|t| t.borrow_mut().take())
}

/// `JSON.parse(text)`; `Err` when the text is not JSON.
pub fn parse_text(text: &JsString) -> Result<JsValue, JsValue> {
    json_parse(text)
}

/// The longest text still copied into the response bytes in text mode (the envelope check
/// reads bodies of at most 4,096 bytes; a text of more UTF-16 units has more bytes).
const SHORT_TEXT: u32 = 4096;

/// The body through `response.text()`: copied into the bytes when short, else kept (see
/// [`keep_text`]) and the bytes left empty.
async fn read_text(response: &JsValue) -> Result<Vec<u8>, JsValue> {
    let read = Reflect::get(response, &JsValue::from_str("text"))?
        .dyn_into::<Function>()
        .map_err(|_| JsValue::from_str("the response has no text() method"))?;
    let text = settle(read.call0(response)?)
        .await?
        .dyn_into::<JsString>()
        .map_err(|_| JsValue::from_str("text() did not give a string"))?;
    if text.length() <= SHORT_TEXT {
        return Ok(String::from(text).into_bytes());
    }
    KEPT_TEXT.with(|t| *t.borrow_mut() = Some(text));
    Ok(Vec::new())
}

/// `setTimeout`-backed clock; `now` is `Date.now()`.
///
/// `setTimeout` fires at once for a delay over 2³¹−1 ms (about 24.8 days), so a longer sleep is
/// a chain of timers of at most that length: a `Duration` of any size sleeps as long as it says.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsClock;

impl Clock for JsClock {
    async fn sleep(&self, duration: Duration) {
        for ms in super::timer_steps(duration) {
            Timer::start(f64::from(ms)).await;
        }
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}

#[derive(Default)]
struct TimerState {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// One `setTimeout`; cleared when dropped before it fires. If `setTimeout` itself throws (a
/// runtime that replaced it), the timer counts as fired: a sleep ends rather than hangs.
struct Timer {
    state: Rc<TimerState>,
    id: Option<JsValue>,
    _callback: Option<Closure<dyn FnMut()>>,
}

impl Timer {
    fn start(ms: f64) -> Timer {
        let state = Rc::new(TimerState::default());
        let s = state.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            s.fired.set(true);
            let waker = s.waker.borrow_mut().take();
            if let Some(w) = waker {
                w.wake();
            }
        });
        let id = set_timeout(callback.as_ref().unchecked_ref(), ms).ok();
        if id.is_none() {
            state.fired.set(true);
        }
        Timer {
            state,
            id,
            _callback: Some(callback),
        }
    }
}

impl Future for Timer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.fired.get() {
            return Poll::Ready(());
        }
        *self.state.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if self.state.fired.get() {
            return;
        }
        let cleared = self.id.as_ref().is_some_and(|id| clear_timeout(id).is_ok());
        if !cleared {
            // The timer may still fire: its callback must outlive this future (calling a dropped
            // closure would throw from the timer task).
            if let Some(callback) = self._callback.take() {
                callback.forget();
            }
        }
    }
}

/// A readable description of a thrown or rejected value: `name: message` for an `Error`, the
/// text of a string, else a generic phrase. Reads through `Reflect` only (never `toString`), so
/// a hostile value cannot throw from here.
pub fn js_message(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    let get = |k: &str| {
        Reflect::get(v, &JsValue::from_str(k))
            .ok()
            .and_then(|m| m.as_string())
    };
    match (get("name"), get("message")) {
        (Some(name), Some(message)) => format!("{name}: {message}"),
        (None, Some(message)) => message,
        _ => "a value that is not an Error".into(),
    }
}
