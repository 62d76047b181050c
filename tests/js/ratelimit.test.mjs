// The client-side rate limiter against fake-instantly's real sliding-window limits: bursts of
// concurrent calls produce no 429 with the limiter on, many without it.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { clientFor } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake({ ratePerSecond: 100, ratePerMinute: 6000 });
});
after(() => fake?.stop());
beforeEach(async () => {
  await fake.reset();
  await fake.config({ rate_per_second: 100, rate_per_minute: 6000 });
});

const rateLimited = async () => (await fake.state()).counters.rate_limited;

/**
 * The most requests the fake's log holds within any `windowMs` (by the arrival times it records,
 * in whole milliseconds: two arrivals `windowMs` or more apart are never in one window).
 */
function busiestWindow(log, windowMs) {
  const times = log.map((r) => Date.parse(r.timestamp)).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

test("500 concurrent calls at the default limits: none refused, and no second of the fake's request log holds more than 100", async () => {
  const client = clientFor(fake, { maxRetries: 0 });
  const results = await Promise.allSettled(Array.from({ length: 500 }, () => client.campaigns.list({ limit: 1 })));
  const rejected = results.filter((r) => r.status === "rejected");
  assert.equal(rejected.length, 0, rejected[0]?.reason?.message);
  assert.equal(await rateLimited(), 0);
  const log = await fake.requests("/api/v2/campaigns");
  assert.equal(log.length, 500, "one request per call");
  assert.ok(log.every((r) => r.status === 200));
  // The fake's own window (the counter above) and the arrival times agree: at most 100 a second,
  // so the 500 calls were spread over at least five seconds of the fake's clock.
  const busiest = busiestWindow(log, 1000);
  assert.ok(busiest <= 100, `${busiest} requests arrived within one second`);
});

test("lowered limits: perSecond 20 against a server allowing 20/s, none refused and no second of the log holds more than 20", async () => {
  await fake.config({ rate_per_second: 20 });
  const client = clientFor(fake, { maxRetries: 0, rateLimit: { perSecond: 20 } });
  const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.leadLists.list()));
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(await rateLimited(), 0);
  const log = await fake.requests("/api/v2/lead-lists");
  assert.equal(log.length, 60);
  const busiest = busiestWindow(log, 1000);
  assert.ok(busiest <= 20, `${busiest} requests arrived within one second`);
});

test("without the limiter the same burst collects 429s", async () => {
  const client = clientFor(fake, { maxRetries: 0, rateLimit: false });
  const results = await Promise.allSettled(Array.from({ length: 300 }, () => client.campaigns.list({ limit: 1 })));
  const limited = results.filter((r) => r.status === "rejected" && r.reason.code === "rate_limit").length;
  assert.ok(limited >= 100, `${limited} calls were refused`);
  assert.equal(await rateLimited(), limited);
});

// ---- One budget per workspace (issue 10) ----

import { RateBudgets, memoryCoordinator } from "../../js/rate-budget.js";
import { InstantlyClient } from "instantly-wasm";

test("500 concurrent calls through 50 short-lived clients with one key share one budget: 0 × 429", async () => {
  // Each client is made for its 10 calls and dropped, as a handler making a client per request
  // would; they all queue in the realm's one limiter for the key.
  const calls = Array.from({ length: 50 }, () => {
    const client = clientFor(fake);
    return Array.from({ length: 10 }, () => client.campaigns.list({ limit: 1 }));
  }).flat();
  const results = await Promise.allSettled(calls);
  const rejected = results.filter((r) => r.status === "rejected");
  assert.equal(rejected.length, 0, rejected[0]?.reason?.message);
  assert.equal(await rateLimited(), 0);
  const log = await fake.requests("/api/v2/campaigns");
  assert.equal(log.length, 500);
  const busiest = busiestWindow(log, 1000);
  assert.ok(busiest <= 100, `${busiest} requests arrived within one second`);
});

test("the same 50 clients with a budget each (shared: false) collect 429s", async () => {
  const calls = Array.from({ length: 50 }, () => {
    const client = clientFor(fake, { rateLimit: { shared: false } });
    return Array.from({ length: 10 }, () => client.campaigns.list({ limit: 1 }));
  }).flat();
  const results = await Promise.allSettled(calls);
  const limited = results.filter((r) => r.status === "rejected" && r.reason.code === "rate_limit").length;
  assert.ok(limited >= 100, `${limited} calls were refused`);
});

test("two clients sharing only a coordinator (as two processes would) keep to 100/s together", async () => {
  const budgets = new RateBudgets();
  const leases = [];
  const coordinator = () => {
    const inner = memoryCoordinator(budgets);
    return { lease: (req) => (leases.push(req), inner.lease(req)), feedback: inner.feedback };
  };
  const a = clientFor(fake, { rateLimit: { shared: coordinator() } });
  const b = clientFor(fake, { rateLimit: { shared: coordinator() } });
  const results = await Promise.allSettled([a, b].flatMap((c) => Array.from({ length: 200 }, () => c.leadLists.list())));
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(await rateLimited(), 0);
  assert.ok(leases.length < 400 / 5, `${leases.length} leases for 400 calls`);
  assert.ok(leases.every((r) => r.lane === "workspace" && /^[0-9a-f]{32}$/.test(r.workspace)));
  assert.ok(leases.every((r) => !JSON.stringify(r).includes(fake.key)), "the key never reaches the coordinator");
  assert.deepEqual(leases[0].windows, [
    { limit: 100, periodMs: 1000, paced: true },
    { limit: 6000, periodMs: 60000, paced: false },
  ]);
});

test("a coordinator that throws, rejects or answers nonsense: calls go on under local limits, nothing escapes", async () => {
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on("unhandledRejection", onUnhandled);
  try {
    const broken = [
      { lease() { throw new Error("down"); }, feedback() { throw new Error("down"); } },
      { lease: async () => { throw new Error("down"); }, feedback: async () => { throw new Error("down"); } },
      { lease: () => ({ slotsMs: "soon" }) },
      // Objects without slotsMs are failed leases too, not "no slot free" (which waited forever).
      { lease: () => ({}) },
      { lease: async () => ({ error: "redis unavailable" }) },
      { lease: () => null },
      { get lease() { return () => 42; } },
      // A promise whose `constructor` getter throws (what `Promise.resolve` reads of a promise),
      // and a thenable whose `then` getter throws.
      {
        lease: () => {
          const p = Promise.resolve(null);
          Object.defineProperty(p, "constructor", { get() { throw new Error("constructor"); } });
          return p;
        },
      },
      { lease: () => ({ get then() { throw new Error("then"); } }) },
    ];
    for (const shared of broken) {
      // Each coordinator object gets a local limiter of its own: a fresh server window each, so
      // the cases' bursts do not add up past the fake's 100/s.
      await fake.reset();
      await fake.config({ rate_per_second: 100, rate_per_minute: 6000 });
      const client = clientFor(fake, { rateLimit: { shared } });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.leadLists.list()));
      assert.equal(results.filter((r) => r.status === "rejected").length, 0);
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

test("rateLimit.shared must be a coordinator, a Durable Object namespace or a boolean", async () => {
  for (const shared of [42, "redis", {}, { lease: 1 }]) {
    assert.throws(
      () => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, rateLimit: { shared } }),
      (e) => e.name === "ValidationError" && e.field === "rateLimit.shared",
      `shared: ${JSON.stringify(shared)}`,
    );
  }
  const throwing = { get shared() { throw new Error("boom"); } };
  assert.throws(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, rateLimit: throwing }), (e) => e.name === "ValidationError");
  for (const shared of [true, false, undefined]) new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, rateLimit: { shared } });
});

test("the Durable Object class is instantly-wasm/rate-limiter's; the Node entry leaves it out", async () => {
  const node = await import("instantly-wasm");
  assert.equal("InstantlyRateLimiter" in node, false);
  const { InstantlyRateLimiter } = await import("instantly-wasm/rate-limiter");
  assert.equal(InstantlyRateLimiter.name, "InstantlyRateLimiter");
  const limiter = new InstantlyRateLimiter({}, {});
  const lease = await limiter.fetch(new Request("https://limiter/lease", { method: "POST", body: JSON.stringify({ want: 1, windows: [] }) }));
  assert.equal(lease.status, 200);
  const refused = await limiter.fetch(new Request("https://limiter/lease"));
  assert.equal(refused.status, 405);
});
