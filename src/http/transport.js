// The JavaScript half of the wasm transport (src/http/fetch.rs): one HTTP attempt through the
// global `fetch`, read to the end in JavaScript, so a call crosses into JavaScript a handful of
// times instead of once per property of the request and the answer.
//
// Nothing here throws or rejects, whatever `fetch` does: a stub that throws synchronously,
// rejects with a string, answers a plain object, or a `then` or getter that throws all end in a
// `Reply` that names the failure, like a network error would.

/** Bodies of at most this many UTF-16 units are handed to Rust as bytes (the error-envelope
 * check reads up to 4,096 bytes); longer 2xx texts stay in JavaScript (see `Exchange`). */
const SHORT_TEXT = 4096;

/** `keep` of an `Exchange` asking for a long 2xx text parsed (`Keep::Json` in fetch.rs; 1 is
 * `Keep::Text`, 0 `Keep::Bytes`). */
const KEEP_JSON = 2;

/** Wakes the Rust future waiting on a slot number; set once by Rust (`setWake`). */
let wake = () => {};

/** Installs the function `wake(slot)` that timers and exchanges call when they are done. */
export function setWake(f) {
  wake = f;
}

/** `setTimeout` that calls `wake(slot)`; undefined when `setTimeout` throws. */
export function startTimer(ms, slot) {
  try {
    return setTimeout(wake, ms, slot);
  } catch {
    return undefined;
  }
}

/** `clearTimeout(id)`; never throws. */
export function stopTimer(id) {
  try {
    clearTimeout(id);
  } catch {
    // A timer that cannot be cleared wakes a slot that is gone: harmless.
  }
}

/** The answer of one attempt; `status` is 0 when there is none (see `error`). */
class Reply {
  constructor() {
    this.status = 0;
    this.error = undefined;
    this.bodyFailed = false;
    this.retryAfterMs = undefined;
    this.retryAfter = undefined;
    this.text = undefined;
    this.kept = undefined;
    this.parsed = undefined;
    this.bytes = undefined;
  }

  fail(message, inBody) {
    this.error = message;
    this.bodyFailed = inBody;
    return this;
  }
}

/** One attempt in flight: once the body is read, `reply` holds its `Reply` and `wake(slot)` is
 * called; `abort()` aborts the fetch (the Rust side calls it when the attempt is dropped before). */
export class Exchange {
  /** `headers` is `name\nvalue\n…` (names and values never hold a line break); `body` is a
   * string or undefined; `keep` (0, 1 or 2) reads a 2xx body with `text()` instead of
   * `arrayBuffer()` when it is not 0: a text longer than `SHORT_TEXT` is then kept as it is
   * (1), or parsed with `JSON.parse` (2; kept as it is if it does not parse). */
  constructor(url, method, headers, body, keep, slot) {
    this.controller = undefined;
    this.reply = undefined;
    let done;
    try {
      this.controller = new AbortController();
      done = exchange(url, method, headers, body, keep, this.controller.signal);
    } catch (e) {
      done = Promise.resolve(new Reply().fail(describe(e), false));
    }
    done.then((reply) => {
      this.reply = reply;
      wake(slot);
    });
  }

  abort() {
    try {
      this.controller?.abort();
    } catch {
      // An abort that throws leaves nothing to clean up here.
    }
  }
}

async function exchange(url, method, headers, body, keep, signal) {
  const reply = new Reply();
  let response;
  try {
    const fetch = globalThis.fetch;
    if (typeof fetch !== "function") return reply.fail("this runtime has no global fetch function", false);
    const init = { method, headers: headerObject(headers), signal };
    if (body !== undefined) init.body = body;
    response = await fetch.call(globalThis, url, init);
  } catch (e) {
    return reply.fail(describe(e), false);
  }
  let status;
  try {
    status = response.status;
  } catch {
    // Read as a missing status below.
  }
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 999) {
    return reply.fail("fetch did not answer a Response with a status", false);
  }
  reply.status = status;
  // The retry headers matter only to an answer that may be retried (Node's `Headers` costs
  // milliseconds on its first use, paid by no successful call).
  if (status < 200 || status >= 300) {
    reply.retryAfterMs = header(response, "retry-after-ms");
    reply.retryAfter = header(response, "retry-after");
  }
  try {
    if (keep && status >= 200 && status < 300) {
      const text = await call(response, "text", "the response has no text() method");
      if (typeof text !== "string") return reply.fail("text() did not give a string", true);
      if (text.length <= SHORT_TEXT) reply.text = text;
      else if (keep === KEEP_JSON) parseOrKeep(reply, text);
      else reply.kept = text;
    } else {
      const buffer = await call(response, "arrayBuffer", "the response has no arrayBuffer() method");
      if (!(buffer instanceof ArrayBuffer)) return reply.fail("arrayBuffer() did not give an ArrayBuffer", true);
      reply.bytes = new Uint8Array(buffer);
    }
  } catch (e) {
    return reply.fail(describe(e), true);
  }
  return reply;
}

/** `reply.parsed` is `JSON.parse(text)`, or `reply.kept` the text when it does not parse (the
 * Rust side then reports it). Parsed here, the text is dropped as soon as it is read. */
function parseOrKeep(reply, text) {
  try {
    reply.parsed = JSON.parse(text);
  } catch {
    reply.kept = text;
  }
}

/** `target[name]()`, or a throw of `missing` when it is not a function. */
function call(target, name, missing) {
  const f = target[name];
  if (typeof f !== "function") throw missing;
  return f.call(target);
}

/** The last header text and its object: a client sends the same headers on every call of a
 * kind, so the object is built once per distinct text and each request gets a copy of it (a
 * `fetch` wrapper that changes its headers changes only its own request's). */
let lastHeaderText;
let lastHeaders;

function headerObject(text) {
  if (text === lastHeaderText) return { ...lastHeaders };
  const headers = {};
  const parts = text.split("\n");
  for (let i = 0; i + 1 < parts.length; i += 2) headers[parts[i]] = parts[i + 1];
  lastHeaderText = text;
  lastHeaders = headers;
  return { ...headers };
}

/** `response.headers.get(name)` when that is a string; anything unreadable is left out. */
function header(response, name) {
  try {
    const headers = response.headers;
    if (headers === null || (typeof headers !== "object" && typeof headers !== "function")) return undefined;
    const value = headers.get(name);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A readable description of a thrown or rejected value: `name: message` for an `Error`, the
 * text of a string, else a generic phrase. Never calls `toString`, so it cannot throw. */
export function describe(e) {
  if (typeof e === "string") return e;
  const read = (key) => {
    try {
      const v = Reflect.get(e, key);
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const name = read("name");
  const message = read("message");
  if (message === undefined) return "a value that is not an Error";
  return name === undefined ? message : `${name}: ${message}`;
}
