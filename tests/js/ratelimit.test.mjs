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

test("500 concurrent calls at the default limits: no 429, paced at about 100/s", async () => {
  const client = clientFor(fake, { maxRetries: 0 });
  const t0 = Date.now();
  const results = await Promise.allSettled(Array.from({ length: 500 }, () => client.campaigns.list({ limit: 1 })));
  const elapsed = Date.now() - t0;
  const rejected = results.filter((r) => r.status === "rejected");
  assert.equal(rejected.length, 0, rejected[0]?.reason?.message);
  assert.equal(await rateLimited(), 0);
  assert.ok(elapsed >= 3900, `500 calls at 100/s take about 5 s (took ${elapsed} ms)`);
});

test("lowered limits: the client keeps to perSecond 20 against a server allowing 20/s", async () => {
  await fake.config({ rate_per_second: 20 });
  const client = clientFor(fake, { maxRetries: 0, rateLimit: { perSecond: 20 } });
  const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.leadLists.list()));
  assert.equal(results.filter((r) => r.status === "rejected").length, 0);
  assert.equal(await rateLimited(), 0);
});

test("without the limiter the same burst collects 429s", async () => {
  const client = clientFor(fake, { maxRetries: 0, rateLimit: false });
  const results = await Promise.allSettled(Array.from({ length: 300 }, () => client.campaigns.list({ limit: 1 })));
  const limited = results.filter((r) => r.status === "rejected" && r.reason.code === "rate_limit").length;
  assert.ok(limited >= 100, `${limited} calls were refused`);
  assert.equal(await rateLimited(), limited);
});
