//! The wasm [`Transport`] and [`Clock`]: the global `fetch`, and `setTimeout`.
//!
//! This is the only module of the core that touches JavaScript. An attempt is one call into
//! `transport.js`, which calls the *global* `fetch` (so the same build runs in browsers, Node ≥
//! 18, Deno and Cloudflare Workers, and a test can stub `globalThis.fetch`), reads the status, the
//! two retry headers (of an answer that is not a success) and the whole body in JavaScript, and
//! resolves with one `Reply`. Every
//! attempt carries an `AbortController` signal; dropping the future (timeout, cancellation, or
//! the caller giving up) aborts the fetch.
//!
//! Nothing here can throw through Rust frames or panic, whatever `fetch` does: `transport.js`
//! catches everything (a stub that returns a plain object, rejects with a string or throws
//! synchronously gives a [`TransportError`] like a network failure would), and the calls into
//! JavaScript that could still throw are declared `catch`.

use super::slots::Slots;
use super::{Clock, HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Function, JsString, Promise};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/http/transport.js")]
extern "C" {
    /// One attempt in flight (see `transport.js`).
    type Exchange;
    #[wasm_bindgen(catch, constructor)]
    fn new(
        url: &str,
        method: &str,
        headers: &str,
        body: Option<String>,
        keep: u8,
        slot: f64,
    ) -> Result<Exchange, JsValue>;
    /// The attempt's answer, once its slot was woken.
    #[wasm_bindgen(method, getter)]
    fn reply(this: &Exchange) -> JsValue;
    /// Aborts the fetch; never throws.
    #[wasm_bindgen(method)]
    fn abort(this: &Exchange);

    /// The answer of one attempt: a status of 0 means none, and `error` says why.
    type Reply;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Reply) -> f64;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Reply) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = bodyFailed)]
    fn body_failed(this: &Reply) -> bool;
    #[wasm_bindgen(method, getter, js_name = retryAfterMs)]
    fn retry_after_ms(this: &Reply) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Reply) -> Option<String>;
    /// A body of at most 4,096 UTF-16 units read with `text()`.
    #[wasm_bindgen(method, getter)]
    fn text(this: &Reply) -> Option<String>;
    /// A longer 2xx body read with `text()`, left a JS string.
    #[wasm_bindgen(method, getter)]
    fn kept(this: &Reply) -> Option<JsString>;
    /// A longer 2xx body read with `text()` and parsed by `JSON.parse` (see [`Keep::Json`]);
    /// `undefined` when there is none.
    #[wasm_bindgen(method, getter)]
    fn parsed(this: &Reply) -> JsValue;
    /// A body read with `arrayBuffer()`.
    #[wasm_bindgen(method, getter)]
    fn bytes(this: &Reply) -> Option<Vec<u8>>;

    // `catch` on the two functions that take only JS values: wasm-bindgen would otherwise
    // import them straight into the wasm, under duplicate keys of the glue's import object.
    /// Installs the function timers and exchanges call with their slot when done.
    #[wasm_bindgen(catch, js_name = setWake)]
    fn set_wake(wake: &Function) -> Result<(), JsValue>;
    /// `setTimeout` that wakes `slot` after `ms`; undefined when `setTimeout` throws.
    #[wasm_bindgen(js_name = startTimer)]
    fn start_timer(ms: f64, slot: f64) -> JsValue;
    /// `clearTimeout(id)`; never throws.
    #[wasm_bindgen(catch, js_name = stopTimer)]
    fn stop_timer(id: &JsValue) -> Result<(), JsValue>;

    /// `name: message` of a thrown value, its text, or a generic phrase; never throws.
    #[wasm_bindgen(js_name = describe)]
    fn describe(value: &JsValue) -> String;
}

#[wasm_bindgen(module = "/src/http/packed.js")]
extern "C" {
    /// `JSON.parse(text)` packed for [`super::unpack_json`] (a `Uint8Array`), or why the text
    /// could not be (a string); never throws.
    #[wasm_bindgen(js_name = packJson)]
    fn pack_json(text: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    /// `response.text()`'s result when it is a string.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &JsString) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The slots JavaScript wakes (timers and exchanges).
    static SLOTS: RefCell<Slots> = const { RefCell::new(Slots::new()) };
    /// Whether `transport.js` has the wake function.
    static WAKE_SET: Cell<bool> = const { Cell::new(false) };
}

/// Called by JavaScript with a slot number: marks it woken and wakes its future. A slot that is
/// gone (its future dropped, e.g. an aborted attempt settling late) is ignored.
fn on_wake(slot: f64) {
    // JavaScript calls this from a timer or a promise callback, never while Rust holds the
    // slab; a busy slab would mean a wake during a poll, which is then simply dropped.
    let waker = SLOTS.with(|s| s.try_borrow_mut().ok()?.wake(slot));
    if let Some(w) = waker {
        w.wake();
    }
}

/// A future that ends when JavaScript wakes its slot. One permanent JS function (installed on
/// first use) serves every slot, so a timer or an attempt creates no closure of its own.
struct Wakeup {
    slot: f64,
}

impl Wakeup {
    fn new() -> Wakeup {
        if !WAKE_SET.with(|w| w.replace(true)) {
            let wake = Closure::<dyn FnMut(f64)>::new(on_wake);
            // `setWake` only assigns a variable: it cannot throw.
            let _ = set_wake(wake.as_ref().unchecked_ref());
            // Lives as long as the module: every timer and exchange calls it.
            wake.forget();
        }
        // No slot (a full slab) is a number no slot answers to: the wait ends at once.
        let slot = SLOTS.with(|s| s.borrow_mut().open()).unwrap_or(-1.0);
        Wakeup { slot }
    }

    /// Marks the slot woken without JavaScript (a timer that could not start).
    fn wake_now(&self) {
        on_wake(self.slot);
    }

    fn woken(&self) -> bool {
        SLOTS.with(|s| s.borrow_mut().woken(self.slot))
    }
}

impl Future for Wakeup {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if SLOTS.with(|s| s.borrow_mut().ready(self.slot, cx.waker())) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

impl Drop for Wakeup {
    fn drop(&mut self) {
        SLOTS.with(|s| s.borrow_mut().close(self.slot));
    }
}

/// `fetch`-backed transport.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

/// Aborts the attempt when dropped before its reply arrived.
struct AbortGuard(Option<Exchange>);

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(exchange) = self.0.take() {
            exchange.abort();
        }
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut headers = String::new();
        for (name, value) in &request.headers {
            headers.push_str(name);
            headers.push('\n');
            headers.push_str(value);
            headers.push('\n');
        }
        let body = request.body.map(|b| {
            String::from_utf8(b)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        });
        let keep = KEEP.with(Cell::get) as u8;
        let mut wakeup = Wakeup::new();
        let exchange = Exchange::new(
            &request.url,
            request.method.as_str(),
            &headers,
            body,
            keep,
            wakeup.slot,
        )
        .map_err(|e| TransportError::Connection(js_message(&e)))?;
        let mut guard = AbortGuard(Some(exchange));
        (&mut wakeup).await;
        let reply = guard.0.take().map(|x| x.reply()).unwrap_or_default();
        if !reply.is_object() {
            // `transport.js` sets the reply before it wakes the slot.
            return Err(TransportError::Connection(
                "the attempt ended without a reply".into(),
            ));
        }
        let reply: Reply = reply.unchecked_into();
        if let Some(message) = reply.error() {
            return Err(if reply.body_failed() {
                TransportError::Body(message)
            } else {
                TransportError::Connection(message)
            });
        }
        let mut headers = Vec::new();
        if let Some(v) = reply.retry_after_ms() {
            headers.push(("retry-after-ms".to_string(), v));
        }
        if let Some(v) = reply.retry_after() {
            headers.push(("retry-after".to_string(), v));
        }
        let kept = |k: Kept| {
            KEPT.with(|t| *t.borrow_mut() = Some(k));
            Vec::new()
        };
        let body = if let Some(text) = reply.text() {
            text.into_bytes()
        } else if let Some(text) = reply.kept() {
            kept(Kept::Text(text))
        } else {
            let parsed = reply.parsed();
            match parsed.is_undefined() {
                true => reply.bytes().unwrap_or_default(),
                false => kept(Kept::Json(parsed)),
            }
        };
        Ok(HttpResponse {
            // `transport.js` answers a status only when it is a whole number in 100..=999.
            status: reply.status() as u16,
            headers,
            body,
        })
    }
}

/// Awaits whatever a JS function returned: a promise, a thenable or a plain value. It is first
/// adopted by a new genuine promise, so a `then` that throws or a value that is not a promise
/// rejects or resolves that promise instead of throwing here. (The facade's, for the promises of
/// JS callbacks and coordinators.)
#[cfg_attr(not(feature = "js"), allow(dead_code))]
pub(crate) async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    let mut adopt = |resolve: Function, _reject: Function| {
        // Resolving with a thenable reads its `then` inside the resolve function, which turns a
        // throw into a rejection; `call1` itself is `catch`.
        let _ = resolve.call1(&JsValue::UNDEFINED, &value);
    };
    JsFuture::from(Promise::new(&mut adopt)).await
}

/// How a [`KeepBody`] future wants a 2xx body that is too long for the error-envelope check
/// (more than 4,096 UTF-16 units, so more than 4,096 bytes). The numbers are what
/// `transport.js` receives as `keep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Copied into wasm memory, as every other body (the default outside [`keep_body`]).
    Bytes = 0,
    /// Left a JS string ([`Kept::Text`]).
    Text = 1,
    /// Parsed by `JSON.parse` in the transport, right after `text()` ([`Kept::Json`]); a text
    /// that does not parse is kept as [`Kept::Text`], for the caller's decode error.
    Json = 2,
}

/// A long 2xx body that stayed in JavaScript (see [`keep_body`]).
pub enum Kept {
    /// The body's text.
    Text(JsString),
    /// `JSON.parse` of the body's text.
    Json(JsValue),
}

thread_local! {
    /// What the [`KeepBody`] future being polled wants of a long 2xx body.
    static KEEP: Cell<Keep> = const { Cell::new(Keep::Bytes) };
    /// The long 2xx body read during the current poll of a [`KeepBody`] future (the response
    /// then carries no bytes).
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// Polls `inner` so that a long 2xx body read by [`FetchTransport`] during the poll stays in
/// JavaScript instead of being copied into wasm memory: a body of more than 4,096 UTF-16 units
/// (so more than 4,096 bytes, too long for the error-envelope check) is left out of the
/// [`HttpResponse`], kept as `keep` says, and `inner` takes it with [`take_kept`] in the same
/// poll. Shorter bodies are copied as usual. Only the future that consumes the answer itself
/// (the JS engine's `call`) wraps itself: Rust consumers (paging, imports, job waits) keep
/// reading bytes.
///
/// The body cannot leak into another call: futures on this thread are polled one at a time, a
/// body is kept only while the flag of this poll is set, and whatever `inner` did not take is
/// dropped when the poll ends.
pub fn keep_body<F: Future>(keep: Keep, inner: F) -> KeepBody<F> {
    KeepBody {
        keep,
        inner: Box::pin(inner),
    }
}

/// See [`keep_body`].
pub struct KeepBody<F> {
    keep: Keep,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for KeepBody<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let before = KEEP.with(|k| k.replace(self.keep));
        let polled = self.inner.as_mut().poll(cx);
        KEEP.with(|k| k.set(before));
        KEPT.with(|t| t.borrow_mut().take());
        polled
    }
}

/// The long 2xx body kept during this poll (see [`keep_body`]), if any.
pub fn take_kept() -> Option<Kept> {
    KEPT.with(|t| t.borrow_mut().take())
}

/// `JSON.parse(text)`; `Err` when the text is not JSON.
pub fn parse_text(text: &JsString) -> Result<JsValue, JsValue> {
    json_parse(text)
}

/// [`super::parse_json`] in wasm: `JSON.parse` in `packed.js`, the value packed into one
/// byte array there and unpacked here ([`super::unpack_json`]).
pub(super) fn parse_json(text: &[u8]) -> Result<serde_json::Value, String> {
    let text = std::str::from_utf8(text).map_err(|_| "the text is not UTF-8".to_string())?;
    let packed = pack_json(text);
    if let Some(why) = packed.as_string() {
        return Err(why);
    }
    match packed.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) => super::unpack_json(&bytes.to_vec()),
        Err(_) => Err("packJson gave neither bytes nor a reason".into()),
    }
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

/// One `setTimeout`; cleared when dropped before it fires. If `setTimeout` itself throws (a
/// runtime that replaced it), the timer counts as fired: a sleep ends rather than hangs.
struct Timer {
    wakeup: Wakeup,
    id: JsValue,
}

impl Timer {
    fn start(ms: f64) -> Timer {
        let wakeup = Wakeup::new();
        let id = start_timer(ms, wakeup.slot);
        if id.is_undefined() {
            wakeup.wake_now();
        }
        Timer { wakeup, id }
    }
}

impl Future for Timer {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.wakeup).poll(cx)
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if !self.wakeup.woken() {
            // `stopTimer` catches whatever `clearTimeout` throws.
            let _ = stop_timer(&self.id);
        }
    }
}

/// A readable description of a thrown or rejected value: `name: message` for an `Error`, the
/// text of a string, else a generic phrase. Reads through `Reflect` only (never `toString`), so
/// a hostile value cannot throw from here.
pub fn js_message(v: &JsValue) -> String {
    describe(v)
}

/// True when a `window` or `document` global exists (see [`super::in_browser`]).
pub(crate) fn in_browser() -> bool {
    let global = js_sys::global();
    ["window", "document"].iter().any(|k| {
        js_sys::Reflect::get(&global, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined())
    })
}
