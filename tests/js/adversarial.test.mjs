// No input crashes the host (issue 11): adversarial values, thrown at every method of every group
// of the client and at every exported function, through the built package against fake-instantly.
//
// The surface is discovered, not listed: every getter of InstantlyClient.prototype that returns a
// group object, every method on each group's prototype and on the client, every exported function
// that is not a class or the loader. Each call must settle (a generous liveness guard, never a
// speed assertion), and reject or throw only with an Error that isInstantlyError recognises or
// with the caller's own thrown error; nothing may escape as an uncaught exception or an unhandled
// rejection, and the same client must then complete a normal call. The table is checked
// case by case at the end.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import fc from "fast-check";
import * as pkg from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";

const { InstantlyClient, isInstantlyError } = pkg;

const UUID = "019ffad2-9c49-7d93-989e-749770a7c9b8";
const JOB = "675266e304a8e55b17f0228b";
/** Liveness guard per call: far above any answer of the fake within the client's 1 s timeout. */
const SETTLE_MS = 20_000;

let fake;
/** Uncaught exceptions and unhandled rejections seen while a test ran (none are allowed). */
const escaped = [];
const onEscape = (e) => escaped.push(e);

before(async () => {
  // Thousands of calls: the fake's own rate limit (100/s) would only add 429s to the mix.
  fake = await startFake({ ratePerSecond: 1_000_000, ratePerMinute: 100_000_000 });
  process.on("uncaughtException", onEscape);
  process.on("unhandledRejection", onEscape);
});
after(async () => {
  process.off("uncaughtException", onEscape);
  process.off("unhandledRejection", onEscape);
  await fake?.stop();
});
beforeEach(async () => {
  escaped.length = 0;
  await fake.reset();
});
afterEach(() => {
  assert.deepEqual(escaped.map(String), [], "nothing escaped as an uncaught exception or unhandled rejection");
});

function clientFor(options = {}) {
  return new InstantlyClient({
    apiKey: fake.key,
    baseUrl: fake.url,
    maxRetries: 0,
    timeoutMs: 1000,
    // A budget of its own, above the documented limits (the realm's shared one would hold the
    // many GET /emails calls of this suite to 20 a minute).
    rateLimit: { perSecond: 5000, perMinute: 1_000_000, shared: false },
    ...options,
  });
}

// ---- The surface, discovered -------------------------------------------------------------------

/** Memory management of wasm-bindgen objects, not API: calling it would free the object. */
const NOT_API = new Set(["constructor", "free", "__destroy_into_raw"]);

function methodNames(proto) {
  return Object.getOwnPropertyNames(proto).filter((name) => {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    return !NOT_API.has(name) && typeof d.value === "function";
  });
}

/** `[label, target, methodName]` for every method of the client and of each of its groups. */
function surface(client) {
  const calls = methodNames(InstantlyClient.prototype).map((m) => [`client.${m}`, client, m]);
  for (const name of Object.getOwnPropertyNames(InstantlyClient.prototype)) {
    const d = Object.getOwnPropertyDescriptor(InstantlyClient.prototype, name);
    if (typeof d.get !== "function") continue;
    const group = client[name];
    if (group === null || typeof group !== "object") continue;
    for (const m of methodNames(Object.getPrototypeOf(group))) calls.push([`${name}.${m}`, group, m]);
  }
  return calls;
}

const isClass = (f) => /^class\b/.test(Function.prototype.toString.call(f));
/** The loader (`initSync`, the default `init`) takes a module, not input. */
const LOADERS = new Set(["initSync", "default"]);
const exportedFunctions = Object.entries(pkg)
  .filter(([name, f]) => typeof f === "function" && !isClass(f) && !LOADERS.has(name))
  .map(([name]) => name);

test("the discovered surface covers every group and exported function", () => {
  const labels = surface(clientFor()).map(([label]) => label);
  for (const expected of ["campaigns.get", "leads.import", "backgroundJobs.wait", "analytics.campaigns", "webhooks.test", "webhookEvents.list", "client.callEndpoint"]) {
    assert.ok(labels.includes(expected), `${expected} in ${labels}`);
  }
  for (const expected of ["parseWebhook", "parseLeadsCsv", "dedupeKey", "isInstantlyError", "normalizeEventType"]) {
    assert.ok(exportedFunctions.includes(expected), `${expected} in ${exportedFunctions}`);
  }
});

// ---- Adversarial values -------------------------------------------------------------------------

test("exported functions and classes, group classes and their methods carry their names", async () => {
  const web = await import("instantly-wasm/web");
  for (const [entry, mod] of [["instantly-wasm", pkg], ["instantly-wasm/web", web]]) {
    const named = Object.entries(mod).filter(([name, f]) => typeof f === "function" && name !== "default");
    for (const expected of ["InstantlyClient", "LeadsApi", "ListIterator", "parseWebhook", "initSync"]) {
      assert.ok(named.some(([name]) => name === expected), `${entry} exports ${expected}`);
    }
    for (const [name, f] of named) assert.equal(f.name, name, `${entry}: ${name}.name`);
  }
  for (const [label, target, method] of surface(clientFor())) {
    const group = label.startsWith("client.") ? "InstantlyClient" : label.split(".")[0];
    if (group !== "InstantlyClient") {
      const Class = Object.getPrototypeOf(target).constructor;
      assert.equal(Class.name, group[0].toUpperCase() + group.slice(1) + "Api", label);
      assert.equal(pkg[Class.name], Class, `${Class.name} is exported`);
    }
    assert.equal(target[method].name, method, `${label}.name`);
  }
});

/** Errors this suite throws from getters, traps and callbacks: the only foreign errors allowed. */
const own = new WeakSet();
function ownError(where) {
  const e = new Error(`thrown by the caller's ${where}`);
  own.add(e);
  return e;
}

function hostileValues() {
  const cyclic = { name: "cyclic" };
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push({ leads: cyclicArray });
  let deep = {};
  for (let i = 0, d = deep; i < 100_000; i++) d = d.a = {};
  let deepArray = [];
  for (let i = 0, d = deepArray; i < 100_000; i++) d = d[0] = [];
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const revokedArray = Proxy.revocable([], {});
  revokedArray.revoke();
  const trap = () => { throw ownError("Proxy trap"); };
  const trapping = new Proxy({}, { ownKeys: trap, get: trap, has: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
  const trappingArray = new Proxy([1, 2], { get: trap });
  const hugeArrayLike = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 1 : { email: "a@b.co" }) });
  return [
    { getter: true, get limit() { throw ownError("getter"); } },
    { get name() { throw ownError("getter"); }, campaign_schedule: {} },
    Object.defineProperty({}, "leads", { enumerable: true, get: () => { throw ownError("getter"); } }),
    cyclic, cyclicArray, deep, deepArray,
    revoked.proxy, revokedArray.proxy, trapping, trappingArray, hugeArrayLike,
    new Array(2 ** 32 - 1),
    new Map([["a", 1]]), new Set([1]), new Date(NaN), new Uint8Array(4), new ArrayBuffer(2), new DataView(new ArrayBuffer(1)),
    Promise.resolve(1), /re/, new WeakMap(), Object.create(null), Object.freeze({ a: 1 }),
    { [Symbol("k")]: 1 }, { toJSON() { throw ownError("toJSON"); } }, { toString() { throw ownError("toString"); } },
    { valueOf() { throw ownError("valueOf"); } },
    () => 1, async () => 1, class {},
    { timeoutMs: 1e23 }, { timeoutMs: 1e23, intervalMs: 1e23 }, { intervalMs: NaN }, { timeoutMs: -0 },
    { signal: trapping }, { signal: revoked.proxy }, { signal: {} }, { onProgress: 5 },
    { onProgress: () => { throw ownError("onProgress"); } },
    { maxItems: -1 }, { maxItems: 2 ** 64 }, { method: "TRACE" }, { query: { a: { b: 1 } } }, { json: cyclic },
    { campaign_id: UUID, chunkSize: 1e23, concurrency: NaN },
    { headers: trapping }, { headers: { "x-shared-secret": [1, 2] } }, { secret: "" },
    { start_date: "2024-01-01T12:0é" }, { limit: 2 ** 53 + 1 }, { limit: -0 }, { limit: 1e308 }, { limit: "10" },
  ];
}

/** UTF-16 text with anything in it: lone surrogates, NUL, controls, non-ASCII. */
const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));

/**
 * One argument, as a recipe fast-check can generate, print and shrink: `{ hostile: i }` stands
 * for `hostileValues()[i]`, built fresh by `materialize` at call time (fast-check itself cannot
 * handle a revoked Proxy or a throwing getter as a generated value).
 */
function argument() {
  const plausible = fc.constantFrom(
    UUID, JOB, "jane@acme.test", "analytics", "event-types", "summary", "../campaigns", "a/b", "",
    "2024-01-01T12:0é", "/campaigns", "/api/v2/../x", "email,first_name\njane@acme.test,Jane",
    '{"event_type":"email_sent","timestamp":"t","workspace":"w"}',
    { limit: 1 }, { name: "A" }, { email: "jane@acme.test" }, [{ email: "jane@acme.test" }], { campaign_id: UUID },
  );
  const numbers = fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 1, 1e23, Number.MIN_VALUE, 2 ** 31, 2 ** 32);
  const odd = fc.constantFrom(undefined, null, true, false, 10n, Symbol("s"));
  return fc.oneof(
    { weight: 3, arbitrary: fc.nat(HOSTILE_COUNT - 1).map((i) => ({ hostile: i })) },
    { weight: 2, arbitrary: plausible },
    { weight: 1, arbitrary: numbers },
    { weight: 1, arbitrary: odd },
    { weight: 2, arbitrary: utf16 },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, key: utf16 }) },
  );
}
/** Built once: the client never changes a caller's value, so they can be reused. */
const HOSTILE = hostileValues();
const HOSTILE_COUNT = HOSTILE.length;

/** The values a list of recipes from `argument()` stands for. */
function materialize(args) {
  return args.map((a) => (a !== null && typeof a === "object" && Object.keys(a).length === 1 && Number.isInteger(a.hostile) ? HOSTILE[a.hostile] : a));
}

const STALLED = Symbol("stalled");

/** `p`'s value, or `STALLED` if it has not settled after `ms` (the timer is cleared either way). */
async function within(p, ms) {
  let timer;
  const stalled = new Promise((resolve) => {
    timer = setTimeout(resolve, ms, STALLED);
  });
  try {
    return await Promise.race([p, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `fn` and classifies the outcome: "ok", "instantly" (an InstantlyError), "own" (the
 * caller's own error), or a failure description. Settling is awaited under the liveness guard;
 * a returned async iterator is advanced once and closed.
 */
async function outcome(fn) {
  const classify = (e) => (isInstantlyError(e) ? "instantly" : own.has(e) ? "own" : `foreign: ${describe(e)}`);
  let value;
  try {
    value = fn();
  } catch (e) {
    return classify(e);
  }
  const settle = async (p) => {
    try {
      const v = await within(p, SETTLE_MS);
      return v === STALLED ? "stalled" : "ok";
    } catch (e) {
      return classify(e);
    }
  };
  if (value instanceof Promise) return settle(value);
  if (value && typeof value.next === "function") {
    const first = await settle(value.next());
    if (typeof value.return === "function") await settle(value.return());
    return first;
  }
  return "ok";
}

function describe(e) {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : `${typeof e} ${String(e)}`;
  } catch {
    return typeof e;
  }
}

async function assertHealthy(client) {
  const page = await client.campaigns.list({ limit: 1 });
  assert.ok(Array.isArray(page.items), "the same client completes a normal call");
}

// ---- Properties -------------------------------------------------------------------------------

/** Asserts an outcome is allowed. */
function assertAllowed(result, call) {
  assert.ok(["ok", "instantly", "own"].includes(result), `${call} → ${result}`);
}

test("every method of every group settles with an InstantlyError (or the caller's own) for any arguments", async () => {
  const client = clientFor();
  const calls = surface(client);
  await fc.assert(
    fc.asyncProperty(fc.nat(calls.length - 1), fc.array(argument(), { maxLength: 3 }), async (which, args) => {
      const [label, target, method] = calls[which];
      const values = materialize(args);
      assertAllowed(await outcome(() => target[method](...values)), `${label}(${args.map(describeArg).join(", ")})`);
    }),
    { numRuns: 600 },
  );
  await assertHealthy(client);
});

test("every method gets each hostile value in each argument position", async () => {
  const client = clientFor();
  for (const [label, target, method] of surface(client)) {
    for (let i = 0; i < HOSTILE_COUNT; i++) {
      for (const args of [[{ hostile: i }], [UUID, { hostile: i }], [{ hostile: i }, {}]]) {
        const values = materialize(args);
        assertAllowed(await outcome(() => target[method](...values)), `${label}(${args.map(describeArg).join(", ")})`);
      }
    }
  }
  await assertHealthy(client);
});

test("every exported function settles with an InstantlyError (or the caller's own) for any arguments", async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...exportedFunctions), fc.array(argument(), { maxLength: 3 }), async (name, args) => {
      const values = materialize(args);
      assertAllowed(await outcome(() => pkg[name](...values)), `${name}(${args.map(describeArg).join(", ")})`);
    }),
    { numRuns: 400 },
  );
  for (const name of exportedFunctions) {
    for (let i = 0; i < HOSTILE_COUNT; i++) {
      for (const args of [[{ hostile: i }], [{ hostile: i }, { hostile: i }], ["{}", { hostile: i }]]) {
        const values = materialize(args);
        assertAllowed(await outcome(() => pkg[name](...values)), `${name}(${args.map(describeArg).join(", ")})`);
      }
    }
  }
  await assertHealthy(clientFor());
});

test("client options of any shape construct a client or throw a ValidationError", () => {
  const failures = [];
  fc.assert(
    fc.property(argument(), argument(), (x, y) => {
      const [a, b] = materialize([x, y]);
      for (const options of [a, { apiKey: fake.key, baseUrl: fake.url, timeoutMs: a, maxRetries: b }, { apiKey: a, baseUrl: b }, { rateLimit: a, workspaceId: b, apiKey: "k" }]) {
        try {
          new InstantlyClient(options);
        } catch (e) {
          if (!isInstantlyError(e) && !own.has(e)) failures.push(`new InstantlyClient(${describeArg([x, y])}) → ${describe(e)}`);
        }
      }
      return true;
    }),
    { numRuns: 300 },
  );
  assert.deepEqual(failures, []);
});

test("a hostile server: every fault on every kind of call settles with an InstantlyError, and the client recovers", async () => {
  const faults = [
    { type: "status", status: 429, retry_after: "1e20" },
    { type: "status", status: 503, retry_after: "Wed, 99 Foo 99999 99:99:99 GMT" },
    { type: "status", status: 429, retry_after: "-1" },
    { type: "status", status: 500, body: "<html>é\u0000</html>" },
    { type: "status", status: 418, body: { statusCode: "x", error: [1], message: { deep: true } } },
    { type: "delay", ms: 900 },
    { type: "drop" },
    { type: "truncated" },
    { type: "malformed" },
    { type: "error_body_200" },
  ];
  const requests = [
    (c) => c.campaigns.list(),
    (c) => c.leads.list({ limit: 1 }),
    (c) => c.campaigns.create({ name: "X", campaign_schedule: { schedules: [{ name: "W", timing: { from: "09:00", to: "17:00" }, days: { 1: true }, timezone: "America/Chicago" }] } }),
    (c) => c.backgroundJobs.wait(JOB, { timeoutMs: 1e23 }),
    (c) => c.callEndpoint("/webhooks/event-types"),
  ];
  // One retry, except where the answer asks for a wait of 1e20 s: that retry would come after
  // the 60 s cap, and the rate limiter would hold the next call as long (both checked natively by
  // tests/prop_retry.rs and tests/ratelimit.rs); too long for this suite.
  const retrying = clientFor({ maxRetries: 1, timeoutMs: 300 });
  const single = clientFor({ rateLimit: false, timeoutMs: 300 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...faults), fc.nat(requests.length - 1), fc.integer({ min: 1, max: 2 }), async (fault, which, count) => {
      const client = fault.retry_after === "1e20" ? single : retrying;
      await fake.clearFaults();
      await fake.fault({ fault, count });
      assertAllowed(await outcome(() => requests[which](client)), `${JSON.stringify(fault)} ×${count} on request ${which}`);
      await fake.clearFaults();
      await assertHealthy(client);
    }),
    { numRuns: 30 },
  );
});

/** A short, never-throwing description of an argument (or a recipe) for failure messages. */
function describeArg(v) {
  try {
    if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "symbol" || typeof v === "function") return typeof v;
    if (v === undefined) return "undefined";
    if (v !== null && typeof v === "object" && Number.isInteger(v.hostile)) return `hostileValues()[${v.hostile}]`;
    const text = JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
    return text === undefined ? typeof v : text.slice(0, 60);
  } catch {
    return typeof v;
  }
}

// ---- The table, case by case --------------------------------------------------------

async function rejectsWith(promise, name, field) {
  const e = await promise.then(
    () => assert.fail(`expected a ${name}`),
    (err) => err,
  );
  assert.ok(isInstantlyError(e), `an InstantlyError, got ${describe(e)}`);
  assert.equal(e.name, name, e.message);
  if (field !== undefined) assert.equal(e.field, field, e.message);
  return e;
}

test("issue 11: a timestamp with a multi-byte character is a ValidationError, nothing sent", async () => {
  const client = clientFor();
  await rejectsWith(client.analytics.campaigns({ start_date: "2024-01-01T12:0é" }), "ValidationError", "start_date");
  assert.equal((await fake.requests("/api/v2/campaigns/analytics")).length, 0);
  await assertHealthy(client);
});

test("issue 11: backgroundJobs.wait with timeoutMs: 1e23 settles (the job's own outcome decides)", async () => {
  const client = clientFor();
  const e = await rejectsWith(client.backgroundJobs.wait(JOB, { timeoutMs: 1e23 }), "NotFoundError");
  assert.equal(e.path, `/api/v2/background-jobs/${JOB}`);
  await rejectsWith(client.backgroundJobs.wait(JOB, { timeoutMs: 1e23, intervalMs: 1e23 }), "NotFoundError");
  await assertHealthy(client);
});

test("issue 11: a 429 with Retry-After: 1e20 is a RateLimitError carrying it", async () => {
  // Without the rate limiter, which would (rightly) hold the next call for the capped 60 s.
  const client = clientFor({ rateLimit: false });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 429, retry_after: "1e20" } });
  const e = await rejectsWith(client.campaigns.list(), "RateLimitError");
  assert.equal(e.retryAfter, 1e20);
  await assertHealthy(client);
});

test("issue 11: a 503 with an impossible Retry-After date is retried after the computed backoff", async () => {
  const client = clientFor({ maxRetries: 1 });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 503, retry_after: "Wed, 99 Foo 99999 99:99:99 GMT" } });
  const page = await client.campaigns.list();
  assert.ok(Array.isArray(page.items));
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 2, "the 503, then the retry");
  const once = clientFor();
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 503, retry_after: "Wed, 99 Foo 99999 99:99:99 GMT" } });
  const e = await rejectsWith(once.campaigns.list(), "ServerError");
  assert.equal(e.retryAfter, undefined, "an impossible date is not a wait");
});

test("issue 11: cyclic and 100,000-deep params are ValidationErrors naming the path", async () => {
  const client = clientFor();
  const cyclic = { name: "A", campaign_schedule: { schedules: [] } };
  cyclic.campaign_schedule.self = cyclic;
  await rejectsWith(client.campaigns.create(cyclic), "ValidationError", "campaign_schedule.self");
  let deep = {};
  for (let i = 0, d = deep; i < 100_000; i++) d = d.a = {};
  const e = await rejectsWith(client.campaigns.list(deep), "ValidationError");
  assert.match(e.field, /^a(\.a)+$/);
  assert.match(e.message, /nested deeper than/);
  await rejectsWith(client.callEndpoint("/campaigns", { json: deep, method: "POST" }), "ValidationError");
  assert.equal((await fake.requests()).length, 0, "nothing was sent");
  await assertHealthy(client);
});

test("issue 11: a throwing getter or Proxy trap rejects that call's promise", async () => {
  const client = clientFor();
  const getter = { get limit() { throw new Error("getter boom"); } };
  const e1 = await rejectsWith(client.campaigns.list(getter), "ValidationError", "limit");
  assert.match(e1.message, /getter boom/);
  const trap = () => { throw new Error("trap boom"); };
  await rejectsWith(client.campaigns.list(new Proxy({}, { ownKeys: trap })), "ValidationError", "campaigns.list params");
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  await rejectsWith(client.leads.list(revoked.proxy), "ValidationError");
  await rejectsWith(client.leads.import(new Proxy([{ email: "a@b.co" }], { get: trap }), { campaign_id: UUID }), "ValidationError");
  await rejectsWith(client.backgroundJobs.wait(JOB, new Proxy({}, { ownKeys: trap })), "ValidationError");
  assert.equal((await fake.requests()).length, 0, "nothing was sent");
  await assertHealthy(client);
});

test("issue 11: campaigns.get(\"analytics\") is a ValidationError and sends nothing", async () => {
  const client = clientFor();
  await rejectsWith(client.campaigns.get("analytics"), "ValidationError", "id");
  await rejectsWith(client.leads.get("list"), "ValidationError", "id");
  await rejectsWith(client.backgroundJobs.get(UUID), "ValidationError", "id");
  await rejectsWith(client.webhooks.get("event-types"), "ValidationError", "id");
  assert.equal((await fake.requests()).length, 0);
  await assertHealthy(client);
});

test("bytes whose byteLength getter lies are read by their real length (an import piece, a webhook body)", async () => {
  const client = clientFor();
  const list = await client.leadLists.create({ name: "lying bytes" });
  class Claims extends Uint8Array {
    static size = 2 ** 32 - 1;
    get byteLength() {
      return Claims.size;
    }
  }
  const csv = Claims.from(new TextEncoder().encode("email\njane@example.com\n"));
  // Used to allocate the claimed 4 GiB in wasm memory: an abort that killed the process.
  const report = await client.leads.import([csv], { list_id: list.id });
  assert.deepEqual(report.counts, { created: 1, not_created: 0, rejected: 0, failed: 0, skipped: 0 });
  assert.equal(report.interrupted, undefined);
  // Other views are refused by name, not read as zeros.
  const odd = await client.leads.import([new Int16Array(4)], { list_id: list.id });
  assert.equal(odd.interrupted.code, "validation");
  assert.match(odd.interrupted.message, /must be a Uint8Array/);

  const payload = { event_type: "email_sent", timestamp: "2026-01-01T00:00:00Z", workspace: UUID, campaign_id: null, campaign_name: null };
  const body = Claims.from(new TextEncoder().encode(JSON.stringify(payload)));
  // A claimed size over the limit is refused on the claim, before anything is copied...
  assert.equal(thrownBy(() => pkg.parseWebhook(body)).code, "payload_too_large");
  // ...a claim under it is not trusted: the real bytes are read (and checked against the limit).
  Claims.size = 3;
  assert.equal(pkg.parseWebhook(body).event_type, "email_sent");
  assert.equal(thrownBy(() => pkg.parseWebhook(body, { maxBytes: 10 })).code, "payload_too_large");
  // The same for an ArrayBuffer whose getter understates its size.
  const buffer = new (class extends ArrayBuffer {
    get byteLength() {
      return 3;
    }
  })(body.length);
  new Uint8Array(buffer).set(body);
  assert.equal(pkg.parseWebhook(buffer).event_type, "email_sent");
  assert.equal(thrownBy(() => pkg.parseWebhook(buffer, { maxBytes: 10 })).code, "payload_too_large");
  // maxBytes is bounded, so no claim can make the copy huge.
  const e = thrownBy(() => pkg.parseWebhook(body, { maxBytes: 2 ** 32 }));
  assert.equal(e.field, "maxBytes");
  await assertHealthy(client);
});

function thrownBy(f) {
  try {
    f();
  } catch (e) {
    assert.ok(isInstantlyError(e), `an InstantlyError, got ${describe(e)}`);
    return e;
  }
  return assert.fail("expected a throw");
}
