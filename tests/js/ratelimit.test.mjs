// The client-side rate limiter (`rateLimit` option) against fake-instantly's real per-workspace
// limits: concurrent calls queue instead of collecting 429s.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { InstantlyClient } from "instantly-wasm";
import { DEFAULT_KEY, startFake } from "./helpers/fake.mjs";
import { clientFor, thrown } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

const burst = (client, n) => Promise.allSettled(Array.from({ length: n }, () => client.campaigns.list({ limit: 1 })));

// The client limit is set a little under the server's: at exactly the same limit, arrival jitter
// on a loaded machine (more than the limiter's 2% window margin) can still cost one 429.
test("a limiter under the server's limit sends a burst without a single 429", async () => {
  await fake.config({ rate_per_second: 10 });
  const client = clientFor(fake, { maxRetries: 0, rateLimit: { perSecond: 7 } });
  const results = await burst(client, 14);
  assert.deepEqual(results.filter((r) => r.status === "rejected").map((r) => r.reason.name), []);
  const state = await fake.state();
  assert.equal(state.counters.rate_limited, 0);
  assert.equal(state.counters.requests, 14);
  const log = await fake.requests();
  const arrivals = log.map((r) => Date.parse(r.timestamp));
  const span = arrivals[arrivals.length - 1] - arrivals[0];
  assert.ok(span >= 1000, `14 requests at 7/s span at least a second (${span} ms)`);
});

test("without the limiter the same burst is refused by the server", async () => {
  await fake.config({ rate_per_second: 10 });
  const client = clientFor(fake, { maxRetries: 0, rateLimit: false });
  const results = await burst(client, 14);
  const rejected = results.filter((r) => r.status === "rejected");
  assert.ok(rejected.length >= 4, `${rejected.length} of 14 refused`);
  assert.ok(rejected.every((r) => r.reason.name === "RateLimitError"));
  assert.equal((await fake.state()).counters.rate_limited, rejected.length);
});

test("rateLimit options are checked strictly", () => {
  for (const rateLimit of [{ perSecond: 0 }, { perSecnd: 5 }, { perMinute: -1 }, "fast", true]) {
    const e = thrown(() => new InstantlyClient({ apiKey: DEFAULT_KEY, baseUrl: fake.url, rateLimit }));
    assert.equal(e.name, "ValidationError", JSON.stringify(rateLimit));
    assert.match(e.message, /rateLimit|perSecond|perMinute|perSecnd/, e.message);
  }
  assert.doesNotThrow(() => new InstantlyClient({ apiKey: DEFAULT_KEY, rateLimit: { perSecond: 2, perMinute: 60, routeLimits: false } }));
});
