//! A JS iterable, async iterable or `ReadableStream` as an import source
//! ([`crate::import::LeadSource`]), read as the import needs it, a batch at a time, so the wasm
//! memory holds only the chunks in flight. Its items are lead objects, decoded strictly one by
//! one (an item that is not a lead is a `rejected` row naming the field), or pieces of CSV text
//! (strings or bytes, e.g. a request body), read by a [`CsvReader`] as they arrive.

use super::convert::read_json;
use crate::csv::{CsvOptions, CsvReader};
use crate::error::Error;
use crate::import::{LeadSource, Row};
use js_sys::{Function, Reflect, Symbol};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An open iterator (or stream reader) and its `next` (or `read`) method.
pub(crate) struct JsSource {
    target: JsValue,
    next: Function,
    /// A stream's reader (`read`, `cancel`) rather than an iterator (`next`, `return`).
    reader: bool,
    /// True until the source itself ends or fails: only then does it need closing.
    open: bool,
    done: bool,
    /// An error met after some rows of a batch: those rows are answered first.
    failed: Option<Error>,
    /// The CSV options, and the reader once a piece of text has arrived.
    csv_options: CsvOptions,
    csv: Option<CsvReader>,
    /// Rows read from CSV text and not yet handed out.
    buffered: VecDeque<Row>,
}

fn method(value: &JsValue, key: &JsValue) -> Option<Function> {
    Reflect::get(value, key)
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

fn source_error(what: &str, thrown: &JsValue) -> Error {
    Error::validation(
        "leads",
        format!("the source {what}: {}", super::js::message(thrown)),
    )
}

impl JsSource {
    /// The source `value` iterates, or `None` when it is neither iterable nor a stream.
    /// Strings are not sources (they would iterate characters).
    pub(crate) fn open(value: &JsValue, csv: CsvOptions) -> Result<Option<JsSource>, Error> {
        if !value.is_object() || value.is_string() {
            return Ok(None);
        }
        let open_with = |f: Function, next_name: &str| -> Result<Option<JsSource>, Error> {
            let target = f
                .call0(value)
                .map_err(|e| source_error("could not be opened", &e))?;
            let next = method(&target, &JsValue::from_str(next_name)).ok_or_else(|| {
                Error::validation(
                    "leads",
                    format!("the source's iterator has no {next_name}()"),
                )
            })?;
            Ok(Some(JsSource {
                target,
                next,
                reader: next_name == "read",
                open: true,
                done: false,
                failed: None,
                csv_options: csv.clone(),
                csv: None,
                buffered: VecDeque::new(),
            }))
        };
        if let Some(f) = method(value, &Symbol::async_iterator().into()) {
            return open_with(f, "next");
        }
        if let Some(f) = method(value, &Symbol::iterator().into()) {
            return open_with(f, "next");
        }
        if let Some(f) = method(value, &JsValue::from_str("getReader")) {
            return open_with(f, "read");
        }
        Ok(None)
    }
}

impl JsSource {
    /// The next item, `None` at the end. After the end or a failure of the source itself, it
    /// is no longer open (an iterator that threw or finished is not closed again).
    async fn step(&mut self) -> crate::Result<Option<JsValue>> {
        let step = self.read().await;
        if !matches!(step, Ok(Some(_))) {
            self.open = false;
        }
        step
    }

    async fn read(&self) -> crate::Result<Option<JsValue>> {
        let step = self
            .next
            .call0(&self.target)
            .map_err(|e| source_error("threw", &e))?;
        let step = crate::http::fetch::settle(step)
            .await
            .map_err(|e| source_error("failed", &e))?;
        let done = Reflect::get(&step, &JsValue::from_str("done"))
            .map_err(|e| source_error("gave an unreadable step", &e))?;
        if done.is_truthy() {
            return Ok(None);
        }
        Reflect::get(&step, &JsValue::from_str("value"))
            .map(Some)
            .map_err(|e| source_error("gave an unreadable step", &e))
    }

    /// Closes a source the import stopped reading before its end, as `break` in a `for await`
    /// would: an iterator's `return()`, a stream reader's `cancel()` then `releaseLock()`.
    /// What they throw or reject with is ignored (the import's report already says why it
    /// stopped).
    pub(crate) fn close(&mut self) {
        if !std::mem::take(&mut self.open) {
            return;
        }
        let call = |name: &str| {
            method(&self.target, &JsValue::from_str(name)).and_then(|f| f.call0(&self.target).ok())
        };
        let closing = call(if self.reader { "cancel" } else { "return" });
        if self.reader {
            let _ = call("releaseLock");
        }
        if let Some(closing) = closing {
            // Awaited so that a rejection is handled, not reported as unhandled.
            wasm_bindgen_futures::spawn_local(async move {
                let _ = crate::http::fetch::settle(closing).await;
            });
        }
    }
}

/// One item as a row: a lead, or why it is not one.
fn row(item: &JsValue) -> Row {
    match read_json(item, "", "lead") {
        Ok(serde_json::Value::Object(lead)) => Row::Lead(Box::new(lead)),
        Ok(_) => Row::Bad {
            reason: "a lead must be an object".into(),
            field: None,
        },
        Err(e) => Row::Bad {
            reason: e.message.clone(),
            field: e.field.clone(),
        },
    }
}

impl LeadSource for JsSource {
    async fn next_rows(&mut self, max: usize) -> crate::Result<Vec<Row>> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let mut rows = Vec::new();
        while rows.len() < max {
            if let Some(r) = self.buffered.pop_front() {
                rows.push(r);
                continue;
            }
            if self.done {
                break;
            }
            let item = match self.step().await {
                Ok(Some(value)) => value,
                Ok(None) => {
                    self.done = true;
                    match self.csv.as_mut().map(|r| r.rows(true)) {
                        Some(Ok(more)) => self.buffered.extend(more),
                        Some(Err(e)) => self.failed = Some(e),
                        None => {}
                    }
                    continue;
                }
                Err(e) => {
                    self.done = true;
                    self.failed = Some(e);
                    break;
                }
            };
            if let Err(e) = self.take(&item) {
                self.done = true;
                self.failed = Some(e);
                break;
            }
        }
        if rows.is_empty() {
            if let Some(e) = self.failed.take() {
                return Err(e);
            }
        }
        Ok(rows)
    }
}

impl JsSource {
    /// Takes one item: a lead object, or a piece of CSV text.
    fn take(&mut self, item: &JsValue) -> crate::Result<()> {
        let text = item.as_string();
        let bytes = if text.is_none() && super::js::is_binary_view(item).unwrap_or(false) {
            // A genuine view: its real bytes, whatever its `byteLength` getter says.
            if !item.is_instance_of::<js_sys::Uint8Array>() {
                return Err(Error::validation(
                    "leads",
                    "a piece of CSV bytes must be a Uint8Array (e.g. a Buffer), not another typed array or a DataView",
                ));
            }
            let copy = super::js::own_bytes(item)
                .map_err(|e| source_error("gave unreadable bytes", &e))?;
            Some(copy.to_vec())
        } else {
            None
        };
        if text.is_none() && bytes.is_none() {
            if self.csv.is_some() {
                return Err(Error::validation(
                    "leads",
                    "a stream of CSV text gave an item that is neither a string nor bytes",
                ));
            }
            self.buffered.push_back(row(item));
            return Ok(());
        }
        let opts = &self.csv_options;
        let reader = self.csv.get_or_insert_with(|| CsvReader::new(opts.clone()));
        match (text, bytes) {
            (Some(t), _) => reader.push_str(&t),
            (None, Some(b)) => reader.push_bytes(&b),
            (None, None) => {}
        }
        let rows = reader.rows(false)?;
        self.buffered.extend(rows);
        Ok(())
    }
}
