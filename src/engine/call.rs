//! The engine's entry points on the client: one call per operation, typed for Rust callers,
//! raw (the answer's bytes) for the JS facade.

use super::paging::Walk;
use super::table::Operation;
use crate::client::{decode_json, decode_value, Client, RequestOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::http::{Clock, HttpResponse, Transport};
use futures::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::VecDeque;

fn to_params<P: Serialize + ?Sized>(params: Option<&P>) -> Result<Value> {
    match params {
        None => Ok(Value::Null),
        Some(p) => serde_json::to_value(p)
            .map_err(|e| Error::new(ErrorKind::Validation, format!("params are not JSON: {e}"))),
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Checks `params`, sends `op` through the request loop and answers the raw response.
    pub async fn call_raw(
        &self,
        op: &'static Operation,
        path_values: &[&str],
        params: Value,
        opts: &RequestOptions,
    ) -> Result<HttpResponse> {
        let req = super::prepare(op, path_values, params)?;
        self.send(req, opts).await
    }

    /// Sends `op` and decodes its JSON answer into `R` (a generated model: lenient).
    pub async fn call<P: Serialize + ?Sized, R: DeserializeOwned>(
        &self,
        op: &'static Operation,
        path_values: &[&str],
        params: Option<&P>,
        opts: &RequestOptions,
    ) -> Result<R> {
        let req = super::prepare(op, path_values, to_params(params)?)?;
        self.request_with(req, opts, decode_answer::<R>).await
    }

    /// Sends `op` with params that are already JSON (`null` for none) and answers the JSON as it
    /// came, for the client's own logic (imports, job waits), which reads the fields it needs.
    pub async fn call_json(
        &self,
        op: &'static Operation,
        path_values: &[&str],
        params: Value,
        opts: &RequestOptions,
    ) -> Result<Value> {
        let req = super::prepare(op, path_values, params)?;
        self.request_with(req, opts, decode_value).await
    }

    /// Sends `op` and answers its body as text (a CSV download).
    pub async fn call_text<P: Serialize + ?Sized>(
        &self,
        op: &'static Operation,
        path_values: &[&str],
        params: Option<&P>,
        opts: &RequestOptions,
    ) -> Result<String> {
        let resp = self
            .call_raw(op, path_values, to_params(params)?, opts)
            .await?;
        Ok(String::from_utf8_lossy(&resp.body).into_owned())
    }

    /// Sends `op`, whose success has no content (204).
    pub async fn call_empty<P: Serialize + ?Sized>(
        &self,
        op: &'static Operation,
        path_values: &[&str],
        params: Option<&P>,
        opts: &RequestOptions,
    ) -> Result<()> {
        self.call_raw(op, path_values, to_params(params)?, opts)
            .await
            .map(|_| ())
    }

    /// Every item of the list `op` answers, as a stream that fetches pages as it is read (see
    /// [`Walk`] for when it stops). An error is yielded once and ends the stream. The stream is
    /// fused: polled again after its end it answers `None` (never a panic), and `Unpin` (boxed),
    /// so `StreamExt::next` takes it as it is.
    pub fn paginate<'a, P: Serialize + ?Sized, I: DeserializeOwned + 'a>(
        &'a self,
        op: &'static Operation,
        path_values: &[&str],
        params: Option<&P>,
        max_items: Option<u64>,
        opts: RequestOptions,
    ) -> impl Stream<Item = Result<I>> + Unpin + 'a {
        let walk = to_params(params).and_then(|p| Walk::new(op, path_values, p, max_items));
        let state = ListState {
            walk,
            buffer: VecDeque::new(),
            opts,
        };
        futures::stream::unfold(Some(state), move |state| async move {
            let mut state = state?;
            loop {
                if let Some(item) = state.buffer.pop_front() {
                    return Some((Ok(item), Some(state)));
                }
                let walk = match &mut state.walk {
                    Ok(w) => w,
                    Err(e) => return Some((Err(e.clone()), None)),
                };
                let req = match walk.next_request() {
                    Ok(Some(r)) => r,
                    Ok(None) => return None,
                    Err(e) => return Some((Err(e), None)),
                };
                let page: Result<Page<I>> = self
                    .request_with(req, &state.opts, decode_answer::<Page<I>>)
                    .await;
                let page = match page {
                    Ok(p) => p,
                    Err(e) => return Some((Err(e), None)),
                };
                let items = page.items.unwrap_or_default();
                match walk.on_page(items.len(), page.next_starting_after.as_deref()) {
                    Ok(take) => state.buffer.extend(items.into_iter().take(take)),
                    Err(e) => return Some((Err(e), None)),
                }
            }
        })
        .fuse()
        .boxed_local()
    }
}

struct ListState<I> {
    walk: Result<Walk>,
    buffer: VecDeque<I>,
    opts: RequestOptions,
}

#[derive(Deserialize)]
#[serde(bound = "I: DeserializeOwned")]
struct Page<I> {
    #[serde(default)]
    items: Option<Vec<I>>,
    #[serde(default, deserialize_with = "super::lenient::option")]
    next_starting_after: Option<String>,
}

/// Decodes a JSON answer; an empty body reads as `null`, or as `{}` for an object type.
fn decode_answer<R: DeserializeOwned>(resp: &HttpResponse) -> Result<R> {
    match decode_json(resp) {
        Ok(r) => Ok(r),
        Err(e) if resp.body.iter().all(u8::is_ascii_whitespace) => {
            serde_json::from_value(Value::Object(serde_json::Map::new())).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}
