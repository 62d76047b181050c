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
use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
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
    /// `Array.from(value)`: the entries of an iterable (a `Headers`).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;

    /// A genuine `Uint8Array` over an `ArrayBuffer` (throws for a detached buffer).
    #[wasm_bindgen(js_name = Uint8Array)]
    type SafeUint8Array;
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(buffer: &JsValue) -> Result<SafeUint8Array, JsValue>;

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
        let body = read_body(&response)
            .await
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
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    let mut adopt = |resolve: Function, _reject: Function| {
        // Resolving with a thenable reads its `then` inside the resolve function, which turns a
        // throw into a rejection; `call1` itself is `catch`.
        let _ = resolve.call1(&JsValue::UNDEFINED, &value);
    };
    JsFuture::from(Promise::new(&mut adopt)).await
}

/// The response headers as `(name, value)` pairs; anything unreadable is left out.
fn read_headers(response: &JsValue) -> Vec<(String, String)> {
    let Ok(headers) = Reflect::get(response, &JsValue::from_str("headers")) else {
        return Vec::new();
    };
    if !headers.is_object() {
        return Vec::new();
    }
    let Ok(entries) = array_from(&headers) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let name = Reflect::get(&entry, &JsValue::from_f64(0.0))
                .ok()?
                .as_string()?;
            let value = Reflect::get(&entry, &JsValue::from_f64(1.0))
                .ok()?
                .as_string()?;
            Some((name, value))
        })
        .collect()
}

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
