//! The wasm [`Transport`] and [`Clock`]: the global `fetch` through gloo-net, and `setTimeout`.
//!
//! This is the only module that touches gloo-net / web-sys. It calls the *global* `fetch`, so the
//! same build runs in browsers, Node ≥ 18, Deno and Cloudflare Workers, and a test can stub
//! `globalThis.fetch`. Every attempt carries an `AbortController` signal; dropping the future
//! (timeout, cancellation, or the caller giving up) aborts the fetch.

use super::{Clock, HttpRequest, HttpResponse, Method, Transport, TransportError};
use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use std::future::Future;
use std::time::Duration;
use wasm_bindgen::JsValue;
use web_sys::AbortController;

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

impl Transport for FetchTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        {
            let controller =
                AbortController::new().map_err(|e| TransportError::Connection(js_message(&e)))?;
            let mut guard = AbortGuard {
                controller: Some(controller.clone()),
            };
            let signal = controller.signal();
            let mut builder = RequestBuilder::new(&request.url)
                .method(match request.method {
                    Method::Get => GlooMethod::GET,
                    Method::Post => GlooMethod::POST,
                    Method::Put => GlooMethod::PUT,
                    Method::Patch => GlooMethod::PATCH,
                    Method::Delete => GlooMethod::DELETE,
                })
                .abort_signal(Some(&signal));
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let built = match &request.body {
                Some(bytes) => builder.body(JsValue::from_str(&String::from_utf8_lossy(bytes))),
                None => builder.build(),
            }
            .map_err(|e| TransportError::Connection(e.to_string()))?;
            let response = built
                .send()
                .await
                .map_err(|e| TransportError::Connection(e.to_string()))?;
            let status = response.status();
            let headers = response.headers().entries().collect();
            let body = response
                .binary()
                .await
                .map_err(|e| TransportError::Body(e.to_string()))?;
            guard.disarm();
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
    }
}

/// `setTimeout`-backed clock; `now` is `Date.now()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsClock;

impl Clock for JsClock {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        let ms = duration.as_millis().min(u32::MAX as u128) as u32;
        gloo_timers::future::TimeoutFuture::new(ms)
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }
}

fn js_message(v: &JsValue) -> String {
    js_sys::Reflect::get(v, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{v:?}"))
}
