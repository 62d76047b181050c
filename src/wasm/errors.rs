//! Core [`crate::Error`] → a real JS `Error` with `name`, `code`, `status`, `retryAfter`, `body`,
//! `method`, `path` and `field`; plus the `isInstantlyError` guard.

use crate::error::{Error, ErrorKind};
use js_sys::{Reflect, Symbol};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERRORS: &'static str = r#"
/** `name` of every error the client throws. */
export type InstantlyErrorName =
  | "BadRequestError" | "AuthenticationError" | "PaymentRequiredError" | "PermissionDeniedError"
  | "NotFoundError" | "ConflictError" | "RateLimitError" | "ServerError" | "APIError"
  | "TimeoutError" | "ConnectionError" | "AbortError" | "ValidationError" | "DecodeError"
  | "WebhookAuthError" | "PayloadTooLargeError" | "JobFailedError";

/** Stable `code` of every error the client throws; branch on it. */
export type InstantlyErrorCode =
  | "bad_request" | "authentication" | "payment_required" | "permission_denied" | "not_found"
  | "conflict" | "rate_limit" | "server_error" | "api_error" | "timeout" | "connection"
  | "aborted" | "validation" | "decode" | "webhook_unauthorized" | "payload_too_large"
  | "job_failed";

/** Every rejection of this package is an `InstantlyError` (a real `Error`). */
export interface InstantlyError extends Error {
  name: InstantlyErrorName;
  code: InstantlyErrorCode;
  /** HTTP status, when a response arrived. For `parseWebhook` errors: the status a webhook
   * handler should answer with (401 `webhook_unauthorized`, 413 `payload_too_large`, 400
   * `decode`); absent for configuration mistakes (`validation`), which deserve a 500. */
  status?: number;
  /** Seconds the server asked to wait (`Retry-After`), on 429. */
  retryAfter?: number;
  /** The parsed error body (`{statusCode, error, message}`, `{error}`, `{message}` or text);
   * for `job_failed` and a timed-out job wait: the last `BackgroundJob` seen. */
  body?: unknown;
  /** HTTP method of the failed request. */
  method?: string;
  /** Path of the failed request, e.g. `/api/v2/leads/add`. */
  path?: string;
  /** For `ValidationError`: the offending input field, e.g. `leads[3].email`. */
  field?: string;
}

/** True when `e` was thrown by this package. */
export function isInstantlyError(e: unknown): e is InstantlyError;
"#;

fn marker() -> Symbol {
    Symbol::for_("instantly-wasm.error")
}

/// Builds the JS error for `e`.
pub(crate) fn to_js_error(e: Error) -> JsValue {
    let message = match (&e.method, &e.path) {
        (Some(m), Some(p)) => format!("{} ({m} {p})", e.message),
        _ => e.message.clone(),
    };
    let err = js_sys::Error::new(&message);
    err.set_name(e.kind.name());
    let obj: &JsValue = err.as_ref();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(obj, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(e.kind.code()));
    if let Some(s) = e.status {
        set("status", JsValue::from(s));
    }
    if let Some(r) = e.retry_after {
        set("retryAfter", JsValue::from_f64(r));
    }
    if let Some(b) = &e.body {
        if let Ok(v) = super::convert::output(b) {
            set("body", v);
        }
    }
    if let Some(m) = &e.method {
        set("method", JsValue::from_str(m));
    }
    if let Some(p) = &e.path {
        set("path", JsValue::from_str(p));
    }
    if let Some(f) = &e.field {
        set("field", JsValue::from_str(f));
    }
    let _ = Reflect::set(obj, &marker(), &JsValue::TRUE);
    err.into()
}

/// True when `e` was thrown by this package.
#[wasm_bindgen(js_name = isInstantlyError, skip_typescript)]
pub fn is_instantly_error(e: &JsValue) -> bool {
    e.is_instance_of::<js_sys::Error>()
        && Reflect::get(e, &marker()).is_ok_and(|v| v.is_truthy())
        && Reflect::get(e, &JsValue::from_str("code"))
            .ok()
            .and_then(|c| c.as_string())
            .is_some_and(|c| ErrorKind::ALL.iter().any(|k| k.code() == c))
}
