// The transport (src/http/transport.js + src/http/fetch.rs) against stubs of the global fetch:
// the request it sends, the answer it reads, and every way a `fetch` can misbehave. Each must
// end in a typed error (never a throw, a hang or a crash) and leave the client usable.

import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { InstantlyClient } from "instantly-wasm";
import { rejection } from "./helpers/fixtures.mjs";

const KEY = "transport-test-key";
const LIST = "0190f1b6-5f3a-7c1e-9a2b-3c4d5e6f7a8b";
const realFetch = globalThis.fetch;
const RealAbortController = globalThis.AbortController;

afterEach(() => {
  globalThis.fetch = realFetch;
  globalThis.AbortController = RealAbortController;
});

const client = (options = {}) =>
  new InstantlyClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", rateLimit: false, maxRetries: 0, ...options });

const json = (value, status = 200, headers = {}) =>
  new Response(typeof value === "string" ? value : JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });

/** Stubs fetch with `answer(url, init)`; returns the calls made. */
function stub(answer) {
  const calls = [];
  globalThis.fetch = function (url, init) {
    calls.push({ url, init });
    return answer(url, init);
  };
  return calls;
}

test("sends the method, URL, headers and JSON body, and resolves with the parsed answer", async () => {
  const calls = stub(() => json({ items: [{ email: "a@example.com" }], next_starting_after: null }));
  const page = await client().leads.list({ list_id: LIST, limit: 5 });
  assert.deepEqual(page, { items: [{ email: "a@example.com" }], next_starting_after: null });
  assert.equal(calls.length, 1);
  const { url, init } = calls[0];
  assert.equal(url, "http://127.0.0.1:9/api/v2/leads/list");
  assert.equal(init.method, "POST");
  assert.equal(init.headers.authorization, `Bearer ${KEY}`);
  assert.equal(init.headers["content-type"], "application/json");
  assert.equal(init.headers.accept, "application/json");
  assert.deepEqual(JSON.parse(init.body), { list_id: LIST, limit: 5 });
  assert.ok(init.signal instanceof AbortSignal);
  assert.equal(init.signal.aborted, false);
});

test("a GET has no body and no content-type", async () => {
  const calls = stub(() => json({ items: [] }));
  await client().campaigns.list({ limit: 1 });
  assert.equal(calls[0].init.method, "GET");
  assert.equal(calls[0].init.body, undefined);
  assert.equal(calls[0].init.headers["content-type"], undefined);
  assert.equal(calls[0].url, "http://127.0.0.1:9/api/v2/campaigns?limit=1");
});

test("long and short answers, and non-ASCII text, decode alike", async () => {
  const items = Array.from({ length: 200 }, (_, i) => ({ email: `lead${i}@example.com`, first_name: "Zoë 🚀" }));
  stub(() => json({ items, next_starting_after: "x" }));
  const long = await client().leads.list({ list_id: LIST });
  assert.equal(long.items.length, 200);
  assert.equal(long.items[199].first_name, "Zoë 🚀");
  stub(() => json({ items: [{ first_name: "Zoë 🚀" }] }));
  assert.equal((await client().leads.list({ list_id: LIST })).items[0].first_name, "Zoë 🚀");
});

test("a long 2xx answer that is not JSON is a DecodeError carrying the text", async () => {
  stub(() => json("<html>" + "x".repeat(10_000)));
  const e = await rejection(client().leads.list({ list_id: LIST }));
  assert.equal(e.name, "DecodeError");
  assert.equal(e.status, 200);
  assert.match(String(e.body), /^<html>x+/);
});

test("a long answer stays in JavaScript in the shape each method answers: JSON parsed, analytics with their rates, CSV as text", async () => {
  const filler = "x".repeat(5_000);
  const calls = stub((url) => {
    if (url.includes("/campaigns/analytics")) return json([{ campaign_id: "c1", contacted_count: 4, open_count_unique: 2, reply_count: 1, link_click_count: 1, bounced_count: 0, note: filler }]);
    if (url.includes("/block-lists-entries/download")) return new Response(`bl_value\n${filler}\n`, { status: 200, headers: { "content-type": "text/csv" } });
    if (url.includes("/not-json")) return json(`{"a":` + filler);
    return json({ id: "w1", note: filler });
  });
  const c = client();
  const [row] = await c.analytics.campaigns();
  assert.equal(row.note, filler);
  assert.equal(row.open_rate, 50);
  assert.equal(row.reply_rate, 25);
  assert.equal(await c.blockListEntries.download(), `bl_value\n${filler}\n`);
  assert.deepEqual(await c.callEndpoint("/workspaces/current"), { id: "w1", note: filler });
  const e = await rejection(c.callEndpoint("/not-json"));
  assert.equal(e.name, "DecodeError");
  assert.match(String(e.body), /^\{"a":x+/);
  assert.equal(calls.length, 4);
});

const connectionCases = [
  ["throws synchronously", () => { throw new TypeError("fetch failed"); }, /TypeError: fetch failed/],
  ["rejects with a string", () => Promise.reject("offline"), /offline/],
  ["rejects with a non-Error", () => Promise.reject(42), /a value that is not an Error/],
  ["answers a plain object", () => ({}), /did not answer a Response with a status/],
  ["answers undefined", () => undefined, /did not answer a Response with a status/],
  ["answers a status out of range", () => ({ status: 42 }), /did not answer a Response with a status/],
  ["answers a thenable whose then throws", () => ({ get then() { throw new Error("then trap"); } }), /Error: then trap/],
  ["answers an object whose status getter throws", () => ({ get status() { throw new Error("trap"); } }), /did not answer a Response with a status/],
];

for (const [what, answer, message] of connectionCases) {
  test(`a fetch that ${what} is a ConnectionError, and the client still works`, async () => {
    stub(answer);
    const c = client();
    const e = await rejection(c.leads.list({ list_id: LIST }));
    assert.equal(e.name, "ConnectionError");
    assert.match(e.message, message);
    stub(() => json({ items: [] }));
    assert.deepEqual(await c.leads.list({ list_id: LIST }), { items: [] });
  });
}

const bodyCases = [
  ["a 2xx whose text() is not a function", () => ({ status: 200, headers: new Headers() }), /no text\(\) method/],
  ["a 2xx whose text() gives a number", () => ({ status: 200, text: async () => 5 }), /text\(\) did not give a string/],
  ["a 2xx whose text() throws", () => ({ status: 200, text() { throw new Error("text trap"); } }), /Error: text trap/],
  ["a 500 whose arrayBuffer() gives a string", () => ({ status: 500, arrayBuffer: async () => "nope" }), /did not give an ArrayBuffer/],
  ["a 500 without arrayBuffer()", () => ({ status: 500 }), /no arrayBuffer\(\) method/],
];

for (const [what, answer, message] of bodyCases) {
  test(`${what} is a ConnectionError about reading the answer`, async () => {
    stub(answer);
    const e = await rejection(client().leads.list({ list_id: LIST }));
    assert.equal(e.name, "ConnectionError");
    assert.match(e.message, /while reading the response/);
    assert.match(e.message, message);
  });
}

test("an error answer is read as bytes: a 404 envelope becomes a NotFoundError", async () => {
  stub(() => json({ statusCode: 404, error: "Not Found", message: "Lead list not found" }, 404));
  const e = await rejection(client().leads.list({ list_id: LIST }));
  assert.equal(e.name, "NotFoundError");
  assert.equal(e.status, 404);
  assert.match(e.message, /Lead list not found/);
});

test("the retry headers are read from the answer, and headers that cannot be read are left out", async () => {
  stub(() => json({ message: "slow down" }, 429, { "retry-after-ms": "2500" }));
  assert.equal((await rejection(client().leads.list({ list_id: LIST }))).retryAfter, 2.5);
  stub(() => json({ message: "slow down" }, 429, { "retry-after": "7" }));
  assert.equal((await rejection(client().leads.list({ list_id: LIST }))).retryAfter, 7);
  const unreadable = [
    { get() { throw new Error("get trap"); } },
    { get: () => 7 },
    { get: "not a function" },
    null,
  ];
  for (const headers of unreadable) {
    stub(() => ({ status: 429, headers, arrayBuffer: async () => new ArrayBuffer(0) }));
    const e = await rejection(client().leads.list({ list_id: LIST }));
    assert.equal(e.name, "RateLimitError");
    assert.equal(e.retryAfter, undefined);
  }
});

test("no global fetch is a ConnectionError that says so", async () => {
  globalThis.fetch = undefined;
  const e = await rejection(client().leads.list({ list_id: LIST }));
  assert.equal(e.name, "ConnectionError");
  assert.match(e.message, /no global fetch function/);
});

test("an AbortController that throws is a ConnectionError, not a crash", async () => {
  stub(() => json({ items: [] }));
  globalThis.AbortController = class {
    constructor() {
      throw new Error("no controllers here");
    }
  };
  const e = await rejection(client().leads.list({ list_id: LIST }));
  assert.equal(e.name, "ConnectionError");
  assert.match(e.message, /no controllers here/);
});

test("a timeout aborts the fetch's signal and rejects with TimeoutError", async () => {
  let aborted;
  const wasAborted = new Promise((resolve) => (aborted = resolve));
  stub((_url, init) => new Promise((_resolve, reject) => {
    init.signal.addEventListener("abort", () => {
      aborted(init.signal.reason);
      reject(init.signal.reason);
    });
  }));
  const e = await rejection(client({ timeoutMs: 30 }).leads.list({ list_id: LIST }));
  assert.equal(e.name, "TimeoutError");
  assert.match(e.message, /30 ms/);
  await wasAborted;
});

test("the caller's signal aborts the fetch in flight", async () => {
  let seen;
  const started = new Promise((resolve) => (seen = resolve));
  stub((_url, init) => new Promise((_resolve, reject) => {
    seen(init.signal);
    init.signal.addEventListener("abort", () => reject(init.signal.reason));
  }));
  const controller = new AbortController();
  const call = client().leads.list({ list_id: LIST }, { signal: controller.signal });
  const signal = await started;
  controller.abort();
  const e = await rejection(call);
  assert.equal(e.name, "AbortError");
  assert.equal(signal.aborted, true);
});

test("the API key never appears in a transport error, even when fetch echoes it", async () => {
  stub((_url, init) => Promise.reject(new Error(`refused ${init.headers.authorization}`)));
  const e = await rejection(client().leads.list({ list_id: LIST }));
  assert.equal(e.name, "ConnectionError");
  assert.ok(!e.message.includes(KEY), e.message);
  assert.ok(!JSON.stringify(e).includes(KEY));
});

test("each request gets its own headers object: a fetch wrapper that edits them affects only that request", async () => {
  const arrivedEdited = [];
  const calls = stub((_url, init) => {
    arrivedEdited.push(`added ${"x-added-by-wrapper" in init.headers}, accept ${"accept" in init.headers}`);
    init.headers["x-added-by-wrapper"] = "yes";
    delete init.headers.accept;
    return json({ items: [] });
  });
  const c = client();
  await c.leads.list({ list_id: LIST });
  await c.leads.list({ list_id: LIST });
  await c.campaigns.list();
  await c.leads.list({ list_id: LIST });
  assert.deepEqual(arrivedEdited, Array(4).fill("added false, accept true"));
  assert.equal(new Set(calls.map((call) => call.init.headers)).size, 4, "four distinct objects");
  assert.equal(calls[2].init.headers["content-type"], undefined, "a GET's headers are its own");
  assert.equal(calls[3].init.headers["content-type"], "application/json");
  assert.equal(calls[3].init.headers.authorization, `Bearer ${KEY}`);
});
