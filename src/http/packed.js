// The writing half of the packed form src/http/packed.rs reads: how a JavaScript value crosses
// into wasm memory as one byte array, instead of a dozen calls into JavaScript per value.
//
// A value is one tag byte, then: nothing (0 null, 1 false, 2 true), an f64 (3, a number), a
// UTF-8 string (4), or a count and that many items (5, an array) or key and value pairs (6, an
// object); counts, string lengths and numbers are little-endian. Two writers share it:
// `packJson` for the text of an answer (after `JSON.parse`), and `packInput` for a caller's
// value (params, options, a lead), which it checks under the rules of
// `read_json_with` (src/wasm/convert.rs) as it writes. Neither ever throws.

import { describe } from "./transport.js";

/** Answers nest at most this deep (serde_json's limit; src/http/packed.rs checks it again). */
const MAX_DEPTH = 128;

/** The UTF-8 encoder of packed strings (a lone surrogate becomes U+FFFD). */
const utf8 = new TextEncoder();

/** Why a value was not written: `path` is the offending value's path (empty for the value
 * itself), `message` what is wrong with it. */
class Refusal {
  constructor(path, message) {
    this.path = path;
    this.message = message;
  }
}

/** A buffer packers reuse: a packed value is copied into wasm memory as soon as its packer is
 * done, before anything else is packed, so most values need no allocation but the view handed
 * over. A packer takes it while it writes (a getter that calls the client while its value is
 * packed gets a buffer of its own) and gives it back when done; one grown past `KEPT` bytes is
 * not kept. */
let spare = new Uint8Array(4096);
const KEPT = 1 << 20;

class Packer {
  constructor() {
    this.bytes = spare ?? new Uint8Array(256);
    spare = undefined;
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
  }

  room(n) {
    if (this.length + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }

  tag(t) {
    this.room(1);
    this.bytes[this.length++] = t;
  }

  count(n) {
    this.room(4);
    this.view.setUint32(this.length, n, true);
    this.length += 4;
  }

  number(n) {
    this.tag(3);
    this.room(8);
    this.view.setFloat64(this.length, n, true);
    this.length += 8;
  }

  string(s) {
    const n = s.length;
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a 4-byte character is 2 units).
    this.room(4 + 3 * n);
    const start = this.length + 4;
    // Short ASCII text (most keys and values) is copied unit by unit: the encoder would need a
    // view of the buffer made for each string.
    if (n <= 64) {
      const bytes = this.bytes;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) break;
        bytes[start + i] = c;
      }
      if (i === n) {
        this.view.setUint32(this.length, n, true);
        this.length = start + n;
        return;
      }
    }
    const { written } = utf8.encodeInto(s, this.bytes.subarray(start));
    this.view.setUint32(this.length, written, true);
    this.length = start + written;
  }

  /** The bytes written, valid until another packer writes (the buffer is given back). */
  done() {
    if (this.bytes.length <= KEPT) spare = this.bytes;
    return this.bytes.subarray(0, this.length);
  }
}

/** `JSON.parse(text)` packed. Answers a string, why, when the text is not JSON, holds a number
 * JSON.parse cannot represent, or nests too deep. */
export function packJson(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return describe(e);
  }
  const out = new JsonPacker();
  try {
    out.value(value, 0);
  } catch (e) {
    out.done();
    return e instanceof Refusal ? e.message : describe(e);
  }
  return out.done();
}

/** Writes what `JSON.parse` gave: plain data, nothing to check but numbers and depth. */
class JsonPacker extends Packer {
  value(v, depth) {
    if (v === null) return this.tag(0);
    switch (typeof v) {
      case "boolean":
        return this.tag(v ? 2 : 1);
      case "number":
        if (!Number.isFinite(v)) throw new Refusal("", "a number is out of range");
        return this.number(v);
      case "string":
        this.tag(4);
        return this.string(v);
    }
    if (depth >= MAX_DEPTH) throw new Refusal("", `nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(v)) {
      this.tag(5);
      this.count(v.length);
      for (const item of v) this.value(item, depth + 1);
      return;
    }
    const keys = Object.keys(v);
    this.tag(6);
    this.count(keys.length);
    for (const key of keys) {
      this.string(key);
      this.value(v[key], depth + 1);
    }
  }
}

/** A caller's value packed, read as JSON with `JSON.stringify`'s rules for `undefined` (an
 * object property that is `undefined` is left out, an array item that is `undefined` is
 * `null`), or a `Refusal` naming the first value that is not JSON data: `NaN` and the
 * infinities, BigInts, symbols, functions, `Map`, `Set`, `Date` and binary data; nesting deeper
 * than `maxDepth`, a cycle, more than `maxValues` values in all or an array longer than
 * `maxArrayLen`; a getter or `Proxy` trap that throws. Paths start at `prefix` (`""` or
 * `"[3]"`): `a.b[2].c`. Reads each property once, in `Object.keys` order, through
 * `Reflect.get`, as the messages' paths name them. */
export function packInput(value, prefix, maxDepth, maxValues, maxArrayLen) {
  const out = new InputPacker(prefix, maxDepth, maxValues, maxArrayLen);
  try {
    out.value(value);
  } catch (e) {
    out.done();
    return e instanceof Refusal ? e : new Refusal(out.path(), `could not be read: ${describe(e)}`);
  }
  return out.done();
}

/** `v instanceof C`, false when the check throws (a `Proxy` whose `getPrototypeOf` throws). */
function isA(v, C) {
  try {
    return v instanceof C;
  } catch {
    return false;
  }
}

class InputPacker extends Packer {
  constructor(prefix, maxDepth, maxValues, maxArrayLen) {
    super();
    this.prefix = prefix;
    this.maxDepth = maxDepth;
    this.maxValues = maxValues;
    this.maxArrayLen = maxArrayLen;
    this.values = 0;
    /** The objects and arrays being read, outermost first (for cycles and depth). */
    this.open = [];
    /** The keys (strings) and indices (numbers) below `prefix` of the value being read: its
     * path is only written out when it is refused. */
    this.at = [];
  }

  path() {
    let path = this.prefix;
    for (const step of this.at) path = typeof step === "number" ? `${path}[${step}]` : path === "" ? step : `${path}.${step}`;
    return path;
  }

  refuse(message) {
    throw new Refusal(this.path(), message);
  }

  /** `read()` of a property or item: a throw is refused at the step's own path. */
  read(target, key) {
    this.at.push(key);
    let v;
    try {
      v = Reflect.get(target, key);
    } catch (e) {
      this.refuse(`could not be read: ${describe(e)}`);
    }
    this.at.pop();
    return v;
  }

  tooMany() {
    this.refuse(`makes the input larger than ${this.maxValues} values`);
  }

  value(v) {
    if (++this.values > this.maxValues) this.tooMany();
    if (v === undefined || v === null) return this.tag(0);
    switch (typeof v) {
      case "boolean":
        return this.tag(v ? 2 : 1);
      case "number":
        if (Number.isFinite(v)) return this.number(v);
        return this.refuse(`${Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"} is not a finite number`);
      case "string":
        this.tag(4);
        return this.string(v);
      case "object":
        break;
      default:
        return this.refuse(`a ${typeof v} is not JSON data`);
    }
    if (this.open.length >= this.maxDepth) this.refuse(`is nested deeper than ${this.maxDepth} levels`);
    if (this.open.includes(v)) this.refuse("contains itself (a cycle)");
    this.open.push(v);
    if (Array.isArray(v)) this.array(v);
    else this.object(v);
    this.open.pop();
  }

  array(v) {
    let length;
    try {
      length = Reflect.get(v, "length");
    } catch (e) {
      this.refuse(`could not be read: ${describe(e)}`);
    }
    if (typeof length !== "number" || !(length >= 0) || length % 1 !== 0) this.refuse("has a length that is not a count");
    if (length > this.maxArrayLen) this.refuse(`has ${length} items; at most ${this.maxArrayLen} are accepted in one call`);
    this.tag(5);
    this.count(length);
    for (let i = 0; i < length; i++) {
      const item = this.read(v, i);
      this.at.push(i);
      this.value(item);
      this.at.pop();
    }
  }

  object(v) {
    if (isA(v, Map) || isA(v, Set) || isA(v, Date)) this.refuse("a Map, Set or Date is not JSON data");
    if (isA(v, ArrayBuffer) || ArrayBuffer.isView(v)) this.refuse("binary data is not JSON data");
    const keys = Object.keys(v);
    if (keys.length > Math.max(0, this.maxValues - this.values)) this.tooMany();
    this.tag(6);
    // The count is written once the properties that are `undefined` are known.
    const countAt = this.length;
    this.count(0);
    let written = 0;
    for (const key of keys) {
      const item = this.read(v, key);
      if (item === undefined) continue;
      this.string(key);
      this.at.push(key);
      this.value(item);
      this.at.pop();
      written++;
    }
    this.view.setUint32(countAt, written, true);
  }
}
