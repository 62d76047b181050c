// JSON the wasm reads itself (webhook payloads, error bodies, bulk-add answers, job status) is
// parsed by the runtime's JSON.parse and crosses into wasm memory packed in one byte array
// (`packJson` in src/http/packed.js, src/http/packed.rs). Through `parseWebhook`, whose event
// keeps a payload's extra fields as they came: any JSON value comes back unchanged, and what is
// not JSON, or nests too deep, is a DecodeError saying so.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseWebhook } from "instantly-wasm";

const base = { event_type: "email_sent", timestamp: "2026-01-01T00:00:00.000Z", workspace: "w" };

/** `v` as the wasm hands it back: strings (and keys) with lone surrogates made well-formed,
 * since UTF-8 cannot hold them. */
function wellFormed(v) {
  if (typeof v === "string") return v.toWellFormed();
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v !== null && typeof v === "object") {
    const out = {};
    // Defined, not assigned: a "__proto__" key is data, as JSON.parse makes it.
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k.toWellFormed(), { value: wellFormed(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

test("any JSON value in a payload comes back as JSON.parse read it", () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 5, stringUnit: "binary" }), (value) => {
      const text = JSON.stringify({ ...base, extra_value: value });
      const event = parseWebhook(text);
      assert.deepEqual(event.extra_value, wellFormed(JSON.parse(text).extra_value));
    }),
    { numRuns: 300 },
  );
});

test("numbers, escapes, non-ASCII text and a __proto__ key arrive as data", () => {
  const text =
    '{"event_type":"email_sent","timestamp":"t","workspace":"w",' +
    '"n":[0,-0,1e308,-1e-308,9007199254740993,0.1,123456789012345678901234567890],' +
    '"s":"\\u00e9\\ud83d\\ude00 \\u2028 \\"q\\" \\\\ \\n","__proto__":{"polluted":true},"lone":"\\ud800x"}';
  const event = parseWebhook(text);
  const expected = JSON.parse(text);
  // -0 reads as 0, as it does in every value the client reads.
  assert.deepEqual(event.n, expected.n.map((x) => (Object.is(x, -0) ? 0 : x)));
  assert.equal(event.s, "é😀 \u2028 \"q\" \\ \n");
  assert.deepEqual(Object.getOwnPropertyDescriptor(event, "__proto__")?.value, { polluted: true });
  assert.equal({}.polluted, undefined);
  assert.equal(event.lone, "\ufffdx");
});

test("nesting up to 128 levels is read; deeper, or text that is not JSON, is a DecodeError", () => {
  const nested = (levels) => `${"[".repeat(levels)}0${"]".repeat(levels)}`;
  const payload = (value) => `{"event_type":"email_sent","timestamp":"t","workspace":"w","x":${value}}`;
  // The payload object is the first level.
  assert.equal(JSON.stringify(parseWebhook(payload(nested(127))).x), nested(127));
  for (const [body, reason] of [
    [payload(nested(128)), /nested deeper than 128 levels/],
    ['{"event_type": "email_sent",', /SyntaxError/],
    ["", /SyntaxError/],
    ['{"event_type":"email_sent","timestamp":"t","workspace":"w","n":1e400}', /a number is out of range/],
  ]) {
    assert.throws(
      () => parseWebhook(body),
      (e) => e.name === "DecodeError" && /webhook body is not valid JSON/.test(e.message) && reason.test(e.message),
      body.slice(0, 60),
    );
  }
});

// A caller's value crosses the other way (`packInput`, src/http/packed.js): walked in JavaScript,
// packed, read back by Rust and written as the request body. Any value JSON can carry, with
// `undefined` where JSON.stringify drops it (an object's property) or writes `null` (an array's
// item), and a `__proto__` key as data, arrives as JSON.stringify would have written it.
test("any JSON value sent as a body arrives as JSON.stringify writes it", async () => {
  const { InstantlyClient } = await import("instantly-wasm");
  let sent;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (_url, init) => {
    sent = init.body;
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  try {
    const client = new InstantlyClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1", rateLimit: false, maxRetries: 0 });
    const leaf = fc.oneof(fc.jsonValue({ maxDepth: 0, stringUnit: "binary" }), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ unit: "binary" }), tie("node"), { maxKeys: 4 })),
    })).node;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ unit: "binary" }), value, { maxKeys: 5 }), async (json) => {
        sent = undefined;
        await client.callEndpoint("/anything", { method: "POST", json });
        assert.deepEqual(JSON.parse(sent), wellFormed(JSON.parse(JSON.stringify(json))));
      }),
      { numRuns: 300 },
    );
  } finally {
    globalThis.fetch = realFetch;
  }
});
