//! `Engine`: the one wasm class behind the generated `InstantlyClient` (`js/client.js`).
//!
//! Every typed method of the JS client is a line of generated code that calls
//! `engine.call(operation, pathValues, params, options)` with the operation's index in the
//! generated table. The engine reads the arguments synchronously (so a throwing getter rejects
//! that call's promise), checks and builds the request from the table
//! ([`crate::engine::prepare`]), sends it through the client's request loop (limiter, retries,
//! timeout, signal), and hands the answer's text to the runtime's `JSON.parse`. Rust decodes
//! nothing of the answer, except analytics (rates are added) and pages walked by `listAll`
//! (only `items` and the cursor are read, from the parsed JS value).

use super::convert::{raw_input, read_json, string_arg};
use super::errors::to_js_error;
use super::paginate::{list_iterator, Walk};
use super::signal::{split_options, AbortLink};
use super::Core;
use crate::client::InstantlyClientOptions;
use crate::endpoint::CallEndpointOptions;
use crate::engine::table::{Answer, Hook, Operation};
use crate::error::{Error, ErrorKind};
use crate::http::fetch::{keep_body, FetchTransport, JsClock, Keep, Kept};
use crate::http::HttpResponse;
use crate::input::{Fields, Input, InputError};
use crate::RequestOptions;
use futures::future::LocalBoxFuture;
use js_sys::{Array, Promise, Reflect, JSON};
use serde_json::Value;
use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_REQUEST_OPTIONS: &'static str = r#"
/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call: a request in flight, the wait for rate-limit budget or between retries.
   * The promise rejects with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in milliseconds for this call (1 to 600000; default: the client's). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt for this call (0 to 10; default: the client's). */
  maxRetries?: number | undefined;
}

/** Options of every `listAll`: the per-call options (applied to each page) and `maxItems`. */
export interface ListAllOptions extends RequestOptions {
  /** Stop after this many items (default: walk the whole list). */
  maxItems?: number | undefined;
}
"#;

/// The engine behind the generated `InstantlyClient`; not meant to be used directly.
#[wasm_bindgen(skip_typescript)]
pub struct Engine {
    /// `None` once the client is freed: calls then fail with a clear error, not a crash.
    core: Cell<Option<Rc<Core>>>,
    /// What `toJSON` describes, kept apart from the core so that a freed client still answers
    /// (a logger may serialize it at any time).
    about: About,
}

/// The key-free description of a client's options.
struct About {
    base_url: String,
    has_api_key: bool,
    timeout_ms: f64,
    max_retries: u32,
}

/// The data keys of [`RequestOptions`] as JS passes them.
#[derive(Default)]
struct CallOptions {
    timeout_ms: Option<f64>,
    max_retries: Option<f64>,
}

impl Input for CallOptions {
    const KEYS: &'static [&'static str] = &["timeoutMs", "maxRetries"];

    fn read(f: &Fields<'_>) -> Result<Self, InputError> {
        Ok(CallOptions {
            timeout_ms: f.number("timeoutMs")?,
            max_retries: f.number("maxRetries")?,
        })
    }
}

/// [`CallOptions`] plus `maxItems`, for `listAll`.
#[derive(Default)]
struct WalkOptions {
    call: CallOptions,
    max_items: Option<f64>,
}

impl Input for WalkOptions {
    const KEYS: &'static [&'static str] = &["timeoutMs", "maxRetries", "maxItems"];

    fn read(f: &Fields<'_>) -> Result<Self, InputError> {
        Ok(WalkOptions {
            call: CallOptions::read(f)?,
            max_items: f.number("maxItems")?,
        })
    }
}

/// Checks the per-call numbers and builds core options (the token comes from `signal`).
fn request_options(
    timeout_ms: Option<f64>,
    max_retries: Option<f64>,
    abort: Option<&AbortLink>,
) -> crate::Result<RequestOptions> {
    Ok(RequestOptions {
        timeout: timeout_ms
            .map(crate::options::timeout_from_ms)
            .transpose()?,
        max_retries: max_retries
            .map(crate::options::max_retries_from)
            .transpose()?,
        cancel: abort.map(AbortLink::token),
        ..RequestOptions::default()
    })
}

/// The operation at `index` of the generated table.
fn operation(index: u32) -> crate::Result<&'static Operation> {
    crate::engine::operations()
        .get(index as usize)
        .ok_or_else(|| Error::validation("operation", format!("no operation {index}")))
}

/// Path values as strings (anything else is a `ValidationError` naming the parameter).
fn path_values(op: &Operation, values: &[JsValue]) -> Result<Vec<String>, JsValue> {
    op.path_params
        .iter()
        .enumerate()
        .map(|(i, f)| string_arg(f.name, values.get(i).unwrap_or(&JsValue::UNDEFINED)))
        .collect()
}

/// The params object as JSON (`undefined` and `null` are none).
fn params_json(op: &Operation, params: &JsValue) -> crate::Result<Value> {
    if params.is_undefined() || params.is_null() {
        return Ok(Value::Null);
    }
    read_json(params, "", &format!("{} params", op.call))
}

/// Everything a call needs, read synchronously from the caller's values.
struct Prepared {
    op: &'static Operation,
    req: crate::http::ApiRequest,
    opts: RequestOptions,
    abort: Option<AbortLink>,
}

fn prepare(
    index: u32,
    path: &[JsValue],
    params: &JsValue,
    options: &JsValue,
) -> Result<Prepared, JsValue> {
    let op = operation(index).map_err(to_js_error)?;
    let path = path_values(op, path)?;
    let what = format!("{} options", op.call);
    let split = split_options::<CallOptions>(&what, options)?;
    let opts = request_options(
        split.data.timeout_ms,
        split.data.max_retries,
        split.abort.as_ref(),
    )
    .map_err(to_js_error)?;
    let params = params_json(op, params).map_err(to_js_error)?;
    let refs: Vec<&str> = path.iter().map(String::as_str).collect();
    let req = crate::engine::prepare(op, &refs, params).map_err(to_js_error)?;
    Ok(Prepared {
        op,
        req,
        opts,
        abort: split.abort,
    })
}

/// How the transport keeps a long 2xx body of `op` (`None`: a `callEndpoint` route) for
/// [`Sent::answer`]: parsed by `JSON.parse` when the answer is that parse as it is, else as text.
fn keep(op: Option<&Operation>) -> Keep {
    match op.map_or((Answer::Json, Hook::None), |op| (op.answer, op.hook)) {
        (Answer::Json, Hook::None) => Keep::Json,
        _ => Keep::Text,
    }
}

/// The request an answer belongs to, and how to read the answer.
struct Sent {
    /// The operation called; `None` for a `callEndpoint` route, whose answer is JSON of any
    /// shape.
    op: Option<&'static Operation>,
    method: &'static str,
    path: String,
}

impl Sent {
    fn new(op: Option<&'static Operation>, req: &crate::http::ApiRequest) -> Sent {
        Sent {
            op,
            method: req.method.as_str(),
            path: format!("/api/v2{}", req.path),
        }
    }

    /// The method called (`leads.list`, `callEndpoint`), for messages.
    fn call(&self) -> &'static str {
        self.op.map_or("callEndpoint", |op| op.call)
    }

    fn answer_kind(&self) -> Answer {
        self.op.map_or(Answer::Json, |op| op.answer)
    }

    fn hook(&self) -> Hook {
        self.op.map_or(Hook::None, |op| op.hook)
    }

    /// What an empty JSON answer reads as: `{}` for an operation (its answer is an object),
    /// `null` for a route, of which nothing is known.
    fn empty(&self) -> JsValue {
        match self.op {
            Some(_) => js_sys::Object::new().into(),
            None => JsValue::NULL,
        }
    }

    /// A `DecodeError` for `resp`: its status, its body (JSON when it parses, else the text's
    /// first 1,000 characters) and the request, without the API key.
    fn decode_error(&self, core: &Core, resp: &HttpResponse, what: &str) -> Error {
        let mut e = Error::new(
            ErrorKind::Decode,
            format!("could not decode the answer of {}: {what}", self.call()),
        );
        e.status = Some(resp.status);
        e.body = Some(crate::http::parse_json(&resp.body).unwrap_or_else(|_| {
            Value::String(
                String::from_utf8_lossy(&resp.body)
                    .chars()
                    .take(1000)
                    .collect(),
            )
        }));
        core.redact(e.with_request(self.method, &self.path))
    }

    /// The answer as JS: parsed JSON (rates added where the operation says), text, or
    /// `undefined`.
    fn answer(&self, core: &Core, resp: &HttpResponse) -> crate::Result<JsValue> {
        // A long 2xx body the transport kept (see `keep`; it is then not in `resp`): parsed
        // already, or its text.
        let kept = match crate::http::fetch::take_kept() {
            Some(Kept::Json(value)) => return Ok(value),
            Some(Kept::Text(text)) => Some(text),
            None => None,
        };
        let body = || kept.unwrap_or_else(|| String::from_utf8_lossy(&resp.body).as_ref().into());
        match self.answer_kind() {
            Answer::Empty => Ok(JsValue::UNDEFINED),
            Answer::Text => Ok(body().into()),
            Answer::Json => {
                let text = body();
                if text.trim().length() == 0 {
                    return Ok(self.empty());
                }
                let not_json = || {
                    let resp = HttpResponse {
                        body: String::from(&text).into_bytes(),
                        ..resp.clone()
                    };
                    self.decode_error(core, &resp, "the body is not JSON")
                };
                if self.hook() == Hook::AnalyticsRates {
                    let raw = String::from(&text);
                    let mut v = crate::http::parse_json(raw.as_bytes()).map_err(|_| not_json())?;
                    crate::models::add_rates(&mut v);
                    let text = serde_json::to_string(&v).map_err(|_| not_json())?;
                    return JSON::parse(&text).map_err(|_| not_json());
                }
                crate::http::fetch::parse_text(&text).map_err(|_| not_json())
            }
        }
    }
}

#[wasm_bindgen]
impl Engine {
    /// Creates the engine from the client options. Throws a `ValidationError` for bad
    /// options, including an `apiKey` in a browser without `dangerouslyAllowBrowser: true`.
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(options: JsValue) -> Result<Engine, JsValue> {
        if options.is_undefined() || options.is_null() {
            return Err(to_js_error(Error::validation(
                "options",
                "InstantlyClient needs an options object ({ apiKey, ... })",
            )));
        }
        let (options, coordinator) = super::coordinator::take_coordinator(&options)?;
        let opts: InstantlyClientOptions = raw_input("InstantlyClient options", options)?;
        let mut options = opts
            .into_options(crate::http::in_browser())
            .map_err(to_js_error)?;
        options.rate_limit_sharing =
            super::coordinator::sharing(coordinator, options.rate_limit_sharing);
        let about = About {
            base_url: options.base_url.clone(),
            has_api_key: options.api_key.is_some(),
            timeout_ms: options.timeout.as_millis() as f64,
            max_retries: options.max_retries,
        };
        let core = Core::new_unchecked(options, FetchTransport, JsClock);
        Ok(Engine {
            core: Cell::new(Some(Rc::new(core))),
            about,
        })
    }

    /// Calls the operation at `index` of the generated table.
    #[wasm_bindgen(skip_typescript)]
    pub fn call(
        &self,
        index: u32,
        path: Box<[JsValue]>,
        params: JsValue,
        options: JsValue,
    ) -> Promise {
        let (core, prepared) = match self.core().and_then(|core| {
            prepare(index, &path, &params, &options).map(|prepared| (core, prepared))
        }) {
            Ok(p) => p,
            Err(e) => return Promise::reject(&e),
        };
        super::promise(keep_body(keep(Some(prepared.op)), async move {
            let Prepared {
                op,
                req,
                opts,
                abort,
            } = prepared;
            let sent = Sent::new(Some(op), &req);
            let resp = core.send(req, &opts).await;
            drop(abort);
            sent.answer(&core, &resp.map_err(to_js_error)?)
                .map_err(to_js_error)
        }))
    }

    /// Walks every item of the list operation at `index` (see `ListIterator`).
    #[wasm_bindgen(js_name = listAll, skip_typescript)]
    pub fn list_all(
        &self,
        index: u32,
        path: Box<[JsValue]>,
        params: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let core = self.core()?;
        let op = operation(index).map_err(to_js_error)?;
        let path = path_values(op, &path)?;
        // The JS method: `leads.list` walks as `leads.listAll`.
        let what = format!("{}All options", op.call);
        let split = split_options::<WalkOptions>(&what, &options)?;
        let d = &split.data;
        let opts = request_options(d.call.timeout_ms, d.call.max_retries, split.abort.as_ref())
            .map_err(to_js_error)?;
        let max_items = match d.max_items {
            None => None,
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Some(n as u64),
            Some(_) => {
                return Err(to_js_error(Error::validation(
                    "maxItems",
                    "must be a whole number ≥ 0",
                )))
            }
        };
        let params = params_json(op, &params).map_err(to_js_error)?;
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        let walk = crate::engine::Walk::new(op, &refs, params, max_items).map_err(to_js_error)?;
        Ok(list_iterator(EngineWalk {
            core,
            op,
            walk,
            buffer: VecDeque::new(),
            opts,
            abort: split.abort,
        }))
    }

    /// Calls any route: `path` relative to `/api/v2`, with the client's auth, limiter, retries
    /// and errors. POST is not retried after an ambiguous failure.
    #[wasm_bindgen(js_name = callEndpoint, skip_typescript)]
    pub fn call_endpoint(&self, path: JsValue, options: JsValue, request: JsValue) -> Promise {
        let read = || -> Result<_, JsValue> {
            let core = self.core()?;
            let path = string_arg("path", &path)?;
            let opts: CallEndpointOptions = if options.is_undefined() || options.is_null() {
                CallEndpointOptions::default()
            } else {
                raw_input("callEndpoint options", options.clone())?
            };
            let split = split_options::<CallOptions>("callEndpoint requestOptions", &request)?;
            let ro = request_options(
                split.data.timeout_ms,
                split.data.max_retries,
                split.abort.as_ref(),
            )
            .map_err(to_js_error)?;
            let req = crate::endpoint::endpoint_request(&path, &opts).map_err(to_js_error)?;
            Ok((core, req, ro, split.abort))
        };
        let (core, req, ro, abort) = match read() {
            Ok(r) => r,
            Err(e) => return Promise::reject(&e),
        };
        // Like `call`: the answer's text goes to `JSON.parse` once, untouched.
        super::promise(keep_body(keep(None), async move {
            let sent = Sent::new(None, &req);
            let resp = core.send(req, &ro).await;
            drop(abort);
            sent.answer(&core, &resp.map_err(to_js_error)?)
                .map_err(to_js_error)
        }))
    }

    /// A key-free description of the client (what `JSON.stringify(client)` shows), with
    /// `freed: true` once the client is freed; it never throws.
    #[wasm_bindgen(js_name = toJSON, skip_typescript)]
    pub fn to_json(&self) -> JsValue {
        let a = &self.about;
        let obj = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&obj, &JsValue::from_str(k), &v);
        };
        set("baseUrl", JsValue::from_str(&a.base_url));
        set("hasApiKey", JsValue::from_bool(a.has_api_key));
        set("timeoutMs", JsValue::from_f64(a.timeout_ms));
        set("maxRetries", JsValue::from(a.max_retries));
        if self.live().is_none() {
            set("freed", JsValue::TRUE);
        }
        obj.into()
    }

    /// `InstantlyClient(<baseUrl>)`, or `InstantlyClient(freed)`; never includes the key.
    #[wasm_bindgen(js_name = toString, skip_typescript)]
    pub fn to_string_js(&self) -> String {
        match self.live() {
            Some(_) => format!("InstantlyClient({})", self.about.base_url),
            None => "InstantlyClient(freed)".to_string(),
        }
    }

    /// Drops the client's core now (its options, and its hold on the shared rate limiter);
    /// calls in flight keep what they use and finish. The engine object itself, a few bytes,
    /// goes on garbage collection. Every later call fails with a ValidationError.
    #[wasm_bindgen(skip_typescript)]
    pub fn close(&self) {
        drop(self.core.take());
    }
}

impl Engine {
    /// The core client, or `None` once the client is freed.
    fn live(&self) -> Option<Rc<Core>> {
        let core = self.core.take();
        self.core.set(core.clone());
        core
    }

    /// The core client, or a ValidationError once the client is freed.
    pub(crate) fn core(&self) -> Result<Rc<Core>, JsValue> {
        self.live().ok_or_else(|| {
            to_js_error(Error::new(
                ErrorKind::Validation,
                "this InstantlyClient was freed (by free() or at the end of its `using` block) \
                 and cannot be used",
            ))
        })
    }
}

/// A `listAll` walk: pages fetched through the request loop, parsed by `JSON.parse`; only
/// `items` and `next_starting_after` are read.
struct EngineWalk {
    core: Rc<Core>,
    op: &'static Operation,
    walk: crate::engine::Walk,
    buffer: VecDeque<JsValue>,
    opts: RequestOptions,
    /// The listener on the caller's signal: removed once the walk ends (a long-lived signal
    /// would otherwise collect one per walk).
    abort: Option<AbortLink>,
}

impl EngineWalk {
    async fn fill(&mut self) -> crate::Result<()> {
        let Some(req) = self.walk.next_request()? else {
            return Ok(());
        };
        let sent = Sent::new(Some(self.op), &req);
        let resp = self.core.send(req, &self.opts).await?;
        let page = sent.answer(&self.core, &resp)?;
        // `items` absent or null is an empty page (a lenient end); anything else that is not an
        // array cannot be walked, and ending silently would drop the rest of the list.
        let items = if page.is_object() {
            Reflect::get(&page, &"items".into()).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::from_str("")
        };
        let items: Vec<JsValue> = if Array::is_array(&items) {
            Array::from(&items).iter().collect()
        } else if items.is_undefined() || items.is_null() {
            Vec::new()
        } else {
            return Err(sent.decode_error(&self.core, &resp, "a page needs an `items` array"));
        };
        let next = Reflect::get(&page, &"next_starting_after".into())
            .ok()
            .and_then(|v| v.as_string());
        let take = self.walk.on_page(items.len(), next.as_deref())?;
        self.buffer.extend(items.into_iter().take(take));
        Ok(())
    }
}

impl Walk for EngineWalk {
    fn next_value(&mut self) -> LocalBoxFuture<'_, Option<Result<JsValue, JsValue>>> {
        Box::pin(async move {
            loop {
                if let Some(v) = self.buffer.pop_front() {
                    return Some(Ok(v));
                }
                if self.walk.is_done() {
                    self.abort = None;
                    return None;
                }
                if let Err(e) = self.fill().await {
                    self.stop();
                    return Some(Err(to_js_error(e)));
                }
            }
        })
    }

    fn stop(&mut self) {
        self.walk.stop();
        self.buffer.clear();
        self.abort = None;
    }
}
