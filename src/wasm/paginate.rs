//! `listAll`: the async iterator behind `for await (const x of client.campaigns.listAll())`.
//!
//! One class, [`ListIterator`], serves every list: it holds a walk that one call at a time
//! uses (overlapping `next()` calls wait their turn, in call order, instead of panicking on a
//! shared borrow) and converts each item to a plain object. Its TS declaration is generic
//! (`ListIterator<T>`, written by hand) and each `listAll` declares its item type
//! (`ListIterator<Campaign>`, …).
//!
//! `[Symbol.asyncIterator]` is installed on the class prototype from Rust the first time an
//! iterator is created, as `Object.prototype.valueOf` (a built-in that returns `this`). That
//! needs no `eval`/`new Function` (forbidden in Workers and extension CSPs) and no code in the
//! `js/` entry files, so it works the same through `node`, `workerd`, `browser` and the raw
//! `./web` entry.

use futures::future::LocalBoxFuture;
use js_sys::{Object, Promise, Reflect, Symbol};
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};
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
  /** Ends the iteration now, as `return()` does (later `next()` calls answer `done`); the
   * iterator's memory is released on garbage collection. */
  free(): void;
  /** The same as `free()`, for `using`. */
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
    turns: Rc<Turns>,
}

/// The walk, and the calls waiting for it: a call's turn is taking the walk out, and ends by
/// putting it back and waking the calls that wait (they were woken, and so poll, in the order
/// they came).
struct Turns {
    /// `None` while a call holds the walk.
    walk: Cell<Option<Box<dyn Walk>>>,
    waiting: RefCell<Vec<Waker>>,
}

/// A taken turn, holding the walk; dropping it (also mid-call) puts the walk back.
struct Turn<'a> {
    turns: &'a Turns,
    walk: Option<Box<dyn Walk>>,
}

impl Turns {
    async fn take(&self) -> Turn<'_> {
        let walk = poll_fn(|cx| match self.walk.take() {
            Some(walk) => Poll::Ready(walk),
            None => {
                let mut waiting = self.waiting.borrow_mut();
                if !waiting.iter().any(|w| w.will_wake(cx.waker())) {
                    waiting.push(cx.waker().clone());
                }
                Poll::Pending
            }
        })
        .await;
        Turn {
            turns: self,
            walk: Some(walk),
        }
    }
}

impl Turn<'_> {
    /// The walk, which the turn holds from its start to its drop (were it missing, the call
    /// would reject instead of panicking).
    fn walk(&mut self) -> Result<&mut Box<dyn Walk>, JsValue> {
        self.walk
            .as_mut()
            .ok_or_else(|| js_sys::Error::new("the list is in use").into())
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.turns.walk.set(self.walk.take());
        let waiting = std::mem::take(&mut *self.turns.waiting.borrow_mut());
        waiting.into_iter().for_each(Waker::wake);
    }
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
        let turns = self.turns.clone();
        super::promise(async move {
            let mut turn = turns.take().await;
            match turn.walk()?.next_value().await {
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
        let turns = self.turns.clone();
        super::promise(async move {
            turns.take().await.walk()?.stop();
            Ok(iter_result(true, &JsValue::UNDEFINED))
        })
    }
}

/// Wraps a walk in a [`ListIterator`] (returned to JS as a plain value so `listAll` can
/// declare its precise type).
pub(crate) fn list_iterator(walk: impl Walk + 'static) -> JsValue {
    let it: JsValue = ListIterator {
        turns: Rc::new(Turns {
            walk: Cell::new(Some(Box::new(walk))),
            waiting: RefCell::new(Vec::new()),
        }),
    }
    .into();
    install_async_iterator(&it);
    it
}

/// Defines `[Symbol.asyncIterator]` on the iterator's prototype once, and makes `free()` and
/// `[Symbol.dispose]()` end the walk as `return()` does: wasm-bindgen's own `free` destroys the
/// object, after which `next()` threw a bare "null pointer passed to rust" synchronously. The
/// iterator's memory is released on garbage collection.
fn install_async_iterator(it: &JsValue) {
    let proto = Object::get_prototype_of(it);
    let key = Symbol::async_iterator();
    if Reflect::has(&proto, &key).unwrap_or(false) {
        return;
    }
    let define = |key: &JsValue, value: &JsValue| {
        let descriptor = Object::new();
        let _ = Reflect::set(&descriptor, &"value".into(), value);
        let _ = Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE);
        let _ = Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE);
        Object::define_property(&proto, key, &descriptor);
    };
    let object_proto = Object::get_prototype_of(&Object::new());
    if let Ok(value_of) = Reflect::get(&object_proto, &"valueOf".into()) {
        define(&key.into(), &value_of);
    }
    if let Ok(end) = Reflect::get(&proto, &"return".into()) {
        define(&"free".into(), &end);
        // `Symbol.dispose` where the runtime has it (the glue set it to the old `free`).
        let dispose = Reflect::get(&js_sys::global(), &"Symbol".into())
            .and_then(|symbol| Reflect::get(&symbol, &"dispose".into()));
        if let Some(dispose) = dispose.ok().filter(JsValue::is_symbol) {
            define(&dispose, &end);
        }
    }
}
