//! Options that carry JS objects rather than data: `signal` (an `AbortSignal`, linked to a core
//! [`CancelToken`]) and callbacks such as `onProgress`.
//!
//! Such keys are taken out of the options object first; the rest is decoded strictly like any
//! input, so a typo still names the field.

use super::convert::raw_input;
use super::errors::to_js_error;
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorKind};
use crate::input::Input;
use js_sys::{Function, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// Options split into their data part (decoded) and the named object-valued keys.
pub(crate) struct SplitOptions<T> {
    /// The decoded data keys.
    pub data: T,
    /// `signal`, linked to a token, when given.
    pub abort: Option<AbortLink>,
    /// `onProgress`, when given.
    pub on_progress: Option<Function>,
}

/// Splits `options` (an object, `undefined` or `null`) into data, `signal` and `onProgress`.
pub(crate) fn split_options<T: Input + Default>(
    what: &str,
    options: &JsValue,
) -> Result<SplitOptions<T>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(SplitOptions {
            data: T::default(),
            abort: None,
            on_progress: None,
        });
    }
    // The data is decoded before `signal` and `onProgress` are checked, so a typo in a data key
    // is the error reported first. The two steps around it do not depend on `T`: the wasm
    // holds them once.
    let (rest, signal, on_progress) = split_object(what, options)?;
    let data = raw_input(what, rest)?;
    let (abort, on_progress) = link(what, signal, on_progress)?;
    Ok(SplitOptions {
        data,
        abort,
        on_progress,
    })
}

/// The data keys of `options` as a new object, and its `signal` and `onProgress` as given.
fn split_object(what: &str, options: &JsValue) -> Result<(JsValue, JsValue, JsValue), JsValue> {
    if !options.is_object() || options.is_function() {
        return Err(invalid(what, "must be an object"));
    }
    let rest = Object::new();
    let mut signal = JsValue::UNDEFINED;
    let mut on_progress = JsValue::UNDEFINED;
    let unreadable = |e: JsValue| {
        to_js_error(Error::validation(
            what,
            format!("could not be read: {}", super::js::message(&e)),
        ))
    };
    for key in super::js::keys(options).map_err(unreadable)? {
        let value = Reflect::get(options, &key).map_err(unreadable)?;
        match key.as_string().as_deref() {
            Some("signal") => signal = value,
            Some("onProgress") => on_progress = value,
            _ => {
                Reflect::set(&rest, &key, &value).map_err(unreadable)?;
            }
        }
    }
    Ok((rest.into(), signal, on_progress))
}

/// `signal` linked to a token and `onProgress` as a function, each checked (`undefined` and
/// `null` are none).
fn link(
    what: &str,
    signal: JsValue,
    on_progress: JsValue,
) -> Result<(Option<AbortLink>, Option<Function>), JsValue> {
    let abort = if signal.is_undefined() || signal.is_null() {
        None
    } else {
        let looks_like_signal = Reflect::get(&signal, &"aborted".into())
            .is_ok_and(|a| a.as_bool().is_some())
            && Reflect::get(&signal, &"addEventListener".into()).is_ok_and(|f| f.is_function());
        if !looks_like_signal {
            return Err(invalid(&format!("{what}.signal"), "must be an AbortSignal"));
        }
        let aborted = Reflect::get(&signal, &"aborted".into()).is_ok_and(|a| a.is_truthy());
        Some(AbortLink::new(signal.unchecked_into(), aborted))
    };
    let on_progress = if on_progress.is_undefined() || on_progress.is_null() {
        None
    } else {
        Some(
            on_progress
                .dyn_into::<Function>()
                .map_err(|_| invalid(&format!("{what}.onProgress"), "must be a function"))?,
        )
    };
    Ok((abort, on_progress))
}

fn invalid(field: &str, message: &str) -> JsValue {
    to_js_error(Error::validation(field, message))
}

/// A JS `AbortSignal` linked to a [`CancelToken`] for as long as this value lives (the
/// listener is removed on drop).
pub(crate) struct AbortLink {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
    token: CancelToken,
}

impl AbortLink {
    /// Links `signal` (already aborted when `aborted`; read by the caller through `Reflect`, as
    /// the signal may be any object with the right shape and a throwing getter).
    fn new(signal: AbortSignal, aborted: bool) -> Self {
        let token = CancelToken::new();
        if aborted {
            token.cancel();
        }
        let t = token.clone();
        let listener = Closure::<dyn FnMut()>::new(move || t.cancel());
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        AbortLink {
            signal,
            listener,
            token,
        }
    }

    /// The token cancelled when the signal aborts.
    pub fn token(&self) -> CancelToken {
        self.token.clone()
    }
}

impl Drop for AbortLink {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

/// Calls a JS callback with one argument. A throw is kept in `thrown` (so the facade can reject
/// with the caller's own exception) and reported to the core as an error that stops the
/// operation.
pub(crate) struct Callback {
    function: Function,
    thrown: Rc<RefCell<Option<JsValue>>>,
}

impl Callback {
    /// Wraps `function`.
    pub fn new(function: Function) -> Self {
        Callback {
            function,
            thrown: Rc::default(),
        }
    }

    /// Calls the function with `arg`.
    pub fn call(&self, arg: &JsValue) -> crate::Result<()> {
        match self.function.call1(&JsValue::UNDEFINED, arg) {
            Ok(_) => Ok(()),
            Err(e) => {
                let message = Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "a non-Error value".into());
                *self.thrown.borrow_mut() = Some(e);
                Err(Error::new(
                    ErrorKind::Aborted,
                    format!("stopped because onProgress threw: {message}"),
                ))
            }
        }
    }

    /// What the callback threw, if it did.
    pub fn take_thrown(&self) -> Option<JsValue> {
        self.thrown.borrow_mut().take()
    }
}
