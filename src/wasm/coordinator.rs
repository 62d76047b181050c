//! `rateLimit: { shared }`: a JS coordinator as a core [`Coordinator`].
//!
//! Two shapes are accepted:
//! * an object with `lease(request): Lease | Promise<Lease>` and, optionally,
//!   `feedback(event)` (the Redis coordinator of `instantly-wasm/redis`, or your own);
//! * a Cloudflare Durable Object namespace bound to `InstantlyRateLimiter` (anything with
//!   `idFromName` and `get`): one object per workspace (`idFromName(workspace)`), asked with
//!   `stub.fetch("https://instantly-rate-limiter/lease", { method: "POST", body })` and told of
//!   429s at `/feedback`.
//!
//! No logic lives here beyond conversion. Every call into JS is `catch`-ed: a throw, a
//! rejection, a non-response or an answer of the wrong shape is an `Err` for the limiter (which
//! then limits locally for a while), never a panic or an uncaught exception; `feedback`'s
//! rejections are swallowed.

use super::errors::to_js_error;
use super::js::{entries, message};
use crate::error::Error;
use crate::ratelimit::{Coordinator, Feedback, Lease, LeaseRequest, SharedCoordinator, Sharing};
use futures::future::LocalBoxFuture;
use js_sys::{Function, Object, Reflect, WeakMap, JSON};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_COORDINATOR: &'static str = r#"
/** What the limiter asks a coordinator for (see `RateLimitCoordinator`). */
export interface LeaseRequest {
  /** Hex SHA-256 prefix of the API key (and `workspaceId`); never the key. */
  workspace: string;
  /** `"workspace"` (100/s and 6,000/min) or `"<METHOD> <path>"` of a route with its own limit. */
  lane: string;
  /** How many slots the lane could use now (1 to 25). */
  want: number;
  /** The lane's documented limits: `paced` windows space slots evenly, others are counted. */
  windows: { limit: number; periodMs: number; paced: boolean }[];
}

/** A coordinator's answer. */
export interface Lease {
  /** When each granted slot may be used, in ms from now (at most `want` of them). */
  slotsMs: number[];
  /** How long past its time an unused slot stays valid (default 50). */
  ttlMs?: number | undefined;
  /** With no slots: ask again after this many ms. */
  retryInMs?: number | undefined;
}

/** A 429 seen by one sharer: every sharer should pause and slow down. */
export interface RateLimitFeedback {
  workspace: string;
  lane: string;
  status: number;
  /** The retry delay the client chose (honours `Retry-After`). */
  retryInMs: number;
}

/** Shares one rate budget between processes or isolates (`rateLimit: { shared }`). A lease
 * that throws, rejects or takes over 5 s makes the client limit locally for a second. */
export interface RateLimitCoordinator {
  /** Grants a batch of request slots for one lane of one workspace (keyed by a hash of the API
   * key, never the key). A throw, a rejection or an answer of another shape is a failed lease:
   * the client limits locally for a second, then asks again. */
  lease(request: LeaseRequest): Lease | Promise<Lease>;
  /** Told of every 429 a sharer got, so every sharer pauses and slows down together. */
  feedback?(event: RateLimitFeedback): void | Promise<void>;
}

/** A Cloudflare Durable Object namespace bound to the `InstantlyRateLimiter` class. */
export interface DurableObjectNamespaceLike {
  /** The object's id for a name (one object per workspace hash). */
  idFromName(name: string): unknown;
  /** The stub of the object with that id. */
  get(id: unknown): {
    /** Sends a request to the object (a lease or a feedback). */
    fetch(url: string, init?: { method?: string; body?: string }): Promise<unknown>;
  };
}
"#;

thread_local! {
    /// Coordinator object → id, so clients given the same object share one local limiter.
    static IDS: RefCell<Option<WeakMap>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn id_of(object: &Object) -> u64 {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        let map = ids.get_or_insert_with(WeakMap::new);
        if let Some(id) = map.get(object).as_f64() {
            return id as u64;
        }
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        map.set(object, &JsValue::from_f64(id as f64));
        id
    })
}

/// The two accepted shapes.
enum Target {
    Object(JsValue),
    Namespace(JsValue),
}

/// A JS coordinator.
pub(crate) struct JsCoordinator {
    target: Target,
    id: u64,
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, String> {
    Reflect::get(target, &JsValue::from_str(key))
        .map_err(|e| format!("reading {key} threw: {}", message(&e)))
}

fn is_function(v: &JsValue) -> bool {
    v.is_function()
}

fn call(target: &JsValue, key: &str, args: &[&JsValue]) -> Result<JsValue, String> {
    let f = get(target, key)?;
    let f: &Function = f
        .dyn_ref::<Function>()
        .ok_or_else(|| format!("{key} is not a function"))?;
    let out = match args {
        [] => f.call0(target),
        [a] => f.call1(target, a),
        [a, b] => f.call2(target, a, b),
        _ => return Err("too many arguments".into()),
    };
    out.map_err(|e| format!("{key} threw: {}", message(&e)))
}

/// Awaits `value` if it is a promise (any thenable), else takes it as is; a rejection, or a
/// `then` or `constructor` that throws, is an `Err` naming `what`.
async fn settle(value: JsValue, what: &str) -> Result<JsValue, String> {
    crate::http::fetch::settle(value)
        .await
        .map_err(|e| format!("{what} rejected: {}", message(&e)))
}

/// A plain JS object for `value` (through JSON text, so nothing but data crosses).
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, String> {
    let text = serde_json::to_string(value).map_err(|_| "could not be written as JSON")?;
    JSON::parse(&text).map_err(|e| message(&e))
}

/// Reads a lease: `slotsMs` must be an array of numbers (empty when no slot is free). An object
/// without it (`{}`, `{ error }`) is a failed lease, not "no slots": read as the latter, a
/// coordinator answering errors that way held every call forever.
fn lease_of(value: &JsValue) -> Result<Lease, String> {
    let v = super::read_json(value, "", "lease").map_err(|e| e.message.clone())?;
    let Value::Object(o) = v else {
        return Err("the lease is not an object".into());
    };
    let slots = match o.get("slotsMs") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                x.as_f64()
                    .ok_or("slotsMs holds a value that is not a number")
            })
            .collect::<Result<Vec<f64>, _>>()?,
        None | Some(Value::Null) => return Err("the lease has no slotsMs".into()),
        Some(_) => return Err("slotsMs is not an array".into()),
    };
    let num = |k: &str, d: f64| o.get(k).and_then(Value::as_f64).unwrap_or(d);
    Ok(Lease {
        slots_ms: slots,
        ttl_ms: num("ttlMs", crate::ratelimit::shared::DEFAULT_TTL_MS),
        retry_in_ms: num("retryInMs", 1_000.0),
    })
}

const DO_ORIGIN: &str = "https://instantly-rate-limiter";

/// `ns.get(ns.idFromName(workspace))`.
fn stub(ns: &JsValue, workspace: &str) -> Result<JsValue, String> {
    let id = call(ns, "idFromName", &[&JsValue::from_str(workspace)])?;
    call(ns, "get", &[&id])
}

/// `stub.fetch(DO_ORIGIN + path, { method: "POST", body })`, as a promise.
fn post(stub: &JsValue, path: &str, body: &JsValue) -> Result<JsValue, String> {
    let text = JSON::stringify(body)
        .map_err(|e| message(&e))?
        .as_string()
        .unwrap_or_default();
    let init = Object::new();
    let _ = Reflect::set(&init, &"method".into(), &"POST".into());
    let _ = Reflect::set(&init, &"body".into(), &JsValue::from_str(&text));
    call(
        stub,
        "fetch",
        &[&JsValue::from_str(&format!("{DO_ORIGIN}{path}")), &init],
    )
}

/// Swallows a promise's rejection (fire-and-forget calls must not leave an unhandled one).
fn ignore_rejection(value: &JsValue) {
    if value.is_object() && get(value, "catch").is_ok_and(|f| is_function(&f)) {
        let noop = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {}).into_js_value();
        let _ = call(value, "catch", &[&noop]);
    }
}

async fn lease_from(target: Rc<Target>, req: JsValue, workspace: String) -> Result<Lease, String> {
    match &*target {
        Target::Object(o) => {
            let answer = call(o, "lease", &[&req])?;
            let answer = settle(answer, "lease").await?;
            lease_of(&answer)
        }
        Target::Namespace(ns) => {
            let s = stub(ns, &workspace)?;
            let resp = settle(post(&s, "/lease", &req)?, "the Durable Object's fetch").await?;
            let ok = get(&resp, "ok")?.as_bool().unwrap_or(false);
            if !ok {
                // A whole number, printed without Rust's float formatting (13 KB of the wasm).
                let status = get(&resp, "status")?
                    .as_f64()
                    .filter(|s| s.fract() == 0.0 && (0.0..=999.0).contains(s))
                    .map_or(0, |s| s as u16);
                return Err(format!("the Durable Object answered {status}"));
            }
            let body = settle(call(&resp, "json", &[])?, "reading the lease").await?;
            lease_of(&body)
        }
    }
}

impl Coordinator for JsCoordinator {
    fn id(&self) -> u64 {
        self.id
    }

    fn lease(&self, req: &LeaseRequest) -> LocalBoxFuture<'static, Result<Lease, String>> {
        let target = Rc::new(match &self.target {
            Target::Object(o) => Target::Object(o.clone()),
            Target::Namespace(n) => Target::Namespace(n.clone()),
        });
        let js = to_js(req);
        let workspace = req.workspace.clone();
        Box::pin(async move { lease_from(target, js?, workspace).await })
    }

    fn feedback(&self, ev: &Feedback) {
        let Ok(js) = to_js(ev) else { return };
        let sent = match &self.target {
            Target::Object(o) => match get(o, "feedback") {
                Ok(f) if is_function(&f) => call(o, "feedback", &[&js]),
                _ => return,
            },
            Target::Namespace(ns) => {
                stub(ns, &ev.workspace).and_then(|s| post(&s, "/feedback", &js))
            }
        };
        if let Ok(p) = sent {
            ignore_rejection(&p);
        }
    }
}

fn bad_shared(detail: &str) -> JsValue {
    to_js_error(Error::validation(
        "rateLimit.shared",
        format!(
            "must be a coordinator ({{ lease, feedback }}), a Durable Object namespace bound to \
             InstantlyRateLimiter, true or false ({detail})"
        ),
    ))
}

/// Takes a coordinator out of `options.rateLimit.shared`: the options without it (to be read as
/// JSON like any options) and the coordinator. Options without one come back unchanged.
pub(crate) fn take_coordinator(
    options: &JsValue,
) -> Result<(JsValue, Option<SharedCoordinator>), JsValue> {
    let unchanged = || Ok((options.clone(), None));
    if !options.is_object() {
        return unchanged();
    }
    let read_err = |e: String| to_js_error(Error::validation("rateLimit", e));
    let rate_limit = get(options, "rateLimit").map_err(read_err)?;
    if !rate_limit.is_object() {
        return unchanged();
    }
    let shared = get(&rate_limit, "shared").map_err(|e| bad_shared(&e))?;
    if !(shared.is_object() || shared.is_function()) {
        return unchanged();
    }
    let has = |k: &str| get(&shared, k).map(|v| is_function(&v));
    let target = if has("lease").map_err(|e| bad_shared(&e))? {
        Target::Object(shared.clone())
    } else if has("idFromName").map_err(|e| bad_shared(&e))?
        && has("get").map_err(|e| bad_shared(&e))?
    {
        Target::Namespace(shared.clone())
    } else {
        return Err(bad_shared("it has neither lease() nor idFromName()"));
    };
    let copy = |from: &JsValue, skip: &str| -> Result<Object, JsValue> {
        let out = Object::new();
        let pairs =
            entries(from).map_err(|e| to_js_error(Error::validation("rateLimit", message(&e))))?;
        for (k, v) in pairs {
            if k != skip {
                let _ = Reflect::set(&out, &JsValue::from_str(&k), &v);
            }
        }
        Ok(out)
    };
    let rate_limit = copy(&rate_limit, "shared")?;
    let options = copy(options, "")?;
    let _ = Reflect::set(&options, &"rateLimit".into(), &rate_limit);
    let id = id_of(shared.unchecked_ref());
    Ok((
        options.into(),
        Some(SharedCoordinator(Rc::new(JsCoordinator { target, id }))),
    ))
}

/// True in Cloudflare Workers (`navigator.userAgent` is `"Cloudflare-Workers"`).
fn in_workerd() -> bool {
    get(&js_sys::global(), "navigator")
        .and_then(|n| {
            if n.is_object() {
                get(&n, "userAgent")
            } else {
                Ok(JsValue::UNDEFINED)
            }
        })
        .is_ok_and(|ua| ua.as_string().as_deref() == Some("Cloudflare-Workers"))
}

/// The sharing a client gets: the coordinator if one was given; in Cloudflare Workers never
/// the realm registry (see [`Sharing::Unregistered`]).
pub(crate) fn sharing(coordinator: Option<SharedCoordinator>, parsed: Sharing) -> Sharing {
    let workerd = in_workerd();
    match (coordinator, parsed) {
        (_, Sharing::PerClient) => Sharing::PerClient,
        (Some(c), _) if workerd => Sharing::Unregistered(Some(c)),
        (Some(c), _) => Sharing::Coordinated(c),
        (None, _) if workerd => Sharing::Unregistered(None),
        (None, other) => other,
    }
}
