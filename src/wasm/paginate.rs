//! `listAll`: the async iterator behind `for await (const x of client.campaigns.listAll())`.
//!
//! One class, [`ListIterator`], serves every list: it holds a walk behind an async
//! mutex (so overlapping `next()` calls queue instead of panicking on a shared borrow) and
//! converts each item to a plain object. Its TS declaration is generic (`ListIterator<T>`,
//! written by hand) and each `listAll` declares its item type (`ListIterator<Campaign>`, …).
//!
//! `[Symbol.asyncIterator]` is installed on the class prototype from Rust the first time an
//! iterator is created, as `Object.prototype.valueOf` (a built-in that returns `this`). That
//! needs no `eval`/`new Function` (forbidden in Workers and extension CSPs) and no code in the
//! `js/` entry files, so it works the same through `node`, `workerd`, `browser` and the raw
//! `./web` entry.

use futures::future::LocalBoxFuture;
use futures::lock::Mutex;
use js_sys::{Object, Promise, Reflect, Symbol};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_LIST_ITERATOR: &'static str = r#"
/**
 * An async iterator over every item of a list (what `listAll` returns): use it with
 * `for await`. Pages are fetched lazily, one at a time; an error rejects one `next()` and ends
 * the iteration.
 */
export class ListIterator<T = unknown> implements AsyncIterableIterator<T> {
  private constructor();
  /** The next item as `{ done: false, value }`, or `{ done: true, value: undefined }` once the
   * list is exhausted. */
  next(): Promise<IteratorResult<T, undefined>>;
  /** Ends the iteration early (what `for await` calls on `break`, `return` or `throw`): no
   * further page is fetched. */
  return(value?: unknown): Promise<IteratorResult<T, undefined>>;
  /** Returns the iterator itself. */
  [Symbol.asyncIterator](): ListIterator<T>;
  /** Frees the iterator's memory in the wasm module now (otherwise done on garbage collection). */
  free(): void;
  [Symbol.dispose](): void;
}
"#;

/// A type-erased walk yielding JS values.
pub(crate) trait Walk {
    /// The next item as a JS value; `None` at the end.
    fn next_value(&mut self) -> LocalBoxFuture<'_, Option<Result<JsValue, JsValue>>>;
    /// Ends the walk.
    fn stop(&mut self);
}

/// An async iterator over every item of a list (what `listAll` returns). Pages are fetched
/// lazily; an error rejects one `next()` and ends the iteration. Its TS declaration (generic in
/// the item type) is written by hand above.
#[wasm_bindgen(skip_typescript)]
pub struct ListIterator {
    walk: Rc<Mutex<Box<dyn Walk>>>,
}

fn iter_result(done: bool, value: &JsValue) -> JsValue {
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"done".into(), &JsValue::from_bool(done));
    let _ = Reflect::set(&obj, &"value".into(), value);
    obj.into()
}

#[wasm_bindgen]
impl ListIterator {
    /// The next item as `{ done: false, value }`, or `{ done: true, value: undefined }` once
    /// the list is exhausted.
    #[wasm_bindgen(skip_typescript)]
    pub fn next(&self) -> Promise {
        let walk = self.walk.clone();
        super::promise(async move {
            let mut w = walk.lock().await;
            match w.next_value().await {
                None => Ok(iter_result(true, &JsValue::UNDEFINED)),
                Some(Ok(v)) => Ok(iter_result(false, &v)),
                Some(Err(e)) => Err(e),
            }
        })
    }

    /// Ends the iteration early (what `for await` calls on `break`, `return` or `throw`): no
    /// further page is fetched.
    #[wasm_bindgen(js_name = "return", skip_typescript)]
    pub fn return_(&self) -> Promise {
        let walk = self.walk.clone();
        super::promise(async move {
            walk.lock().await.stop();
            Ok(iter_result(true, &JsValue::UNDEFINED))
        })
    }
}

/// Wraps a walk in a [`ListIterator`] (returned to JS as a plain value so `listAll` can
/// declare its precise type).
pub(crate) fn list_iterator(walk: impl Walk + 'static) -> JsValue {
    let it: JsValue = ListIterator {
        walk: Rc::new(Mutex::new(Box::new(walk))),
    }
    .into();
    install_async_iterator(&it);
    it
}

/// Defines `[Symbol.asyncIterator]` on the iterator's prototype once.
fn install_async_iterator(it: &JsValue) {
    let proto = Object::get_prototype_of(it);
    let key = Symbol::async_iterator();
    if Reflect::has(&proto, &key).unwrap_or(false) {
        return;
    }
    let object_proto = Object::get_prototype_of(&Object::new());
    let Ok(value_of) = Reflect::get(&object_proto, &"valueOf".into()) else {
        return;
    };
    let descriptor = Object::new();
    let _ = Reflect::set(&descriptor, &"value".into(), &value_of);
    let _ = Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE);
    let _ = Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE);
    Object::define_property(&proto, &key.into(), &descriptor);
}
