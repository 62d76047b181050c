// The retry policy through the built package: 429 always retried (Retry-After honoured), 5xx only
// for requests that are safe to repeat, real rate limiting absorbed by backoff.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

const statusFault = (method, path, status, extra = {}, count = 1) =>
  fake.fault({ method, path, count, fault: { type: "status", status, ...extra } });

test("429 without Retry-After is retried with backoff and the call succeeds", async () => {
  const client = clientFor(fake, { maxRetries: 2 });
  await statusFault("GET", "/api/v2/campaigns", 429);
  const page = await client.campaigns.list();
  assert.deepEqual(page.items, []);
  const log = await fake.requests("/api/v2/campaigns");
  assert.deepEqual(log.map((r) => r.status), [429, 200]);
  const gap = Date.parse(log[1].timestamp) - Date.parse(log[0].timestamp);
  assert.ok(gap >= 300, `backoff waits about 0.5 s × jitter [0.75, 1] before the first retry (waited ${gap} ms)`);
});

test("429 with Retry-After waits that long, and is retried even for a create", async () => {
  const client = clientFor(fake, { maxRetries: 1 });
  await statusFault("POST", "/api/v2/campaigns", 429, { retry_after: "0.3" });
  const t0 = Date.now();
  const c = await client.campaigns.create(campaignParams("after 429"));
  const elapsed = Date.now() - t0;
  assert.ok(elapsed >= 280, `Retry-After 0.3 s honoured (waited ${elapsed} ms)`);
  const log = await fake.requests("/api/v2/campaigns");
  assert.deepEqual(log.map((r) => [r.method, r.status]), [["POST", 429], ["POST", 200]]);
  const state = await fake.state();
  assert.deepEqual(state.campaigns.map((x) => x.id), [c.id], "the refused attempt created nothing");
});

test("429 after the last retry rejects with RateLimitError carrying retryAfter and the body", async () => {
  const client = clientFor(fake, { maxRetries: 1 });
  await statusFault("GET", "/api/v2/campaigns", 429, { retry_after: "0" }, 2);
  const e = await rejection(client.campaigns.list());
  assert.equal(e.name, "RateLimitError");
  assert.equal(e.code, "rate_limit");
  assert.equal(e.status, 429);
  assert.equal(e.retryAfter, 0);
  assert.equal(e.method, "GET");
  assert.equal(e.path, "/api/v2/campaigns");
  assert.deepEqual(e.body, { statusCode: 429, error: "Too Many Requests", message: "Rate limit exceeded" });
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 2);
});

test("maxRetries 0 gives up on the first 429", async () => {
  const client = clientFor(fake, { maxRetries: 0 });
  await statusFault("GET", "/api/v2/campaigns", 429, { retry_after: "7" });
  const e = await rejection(client.campaigns.list());
  assert.equal(e.name, "RateLimitError");
  assert.equal(e.retryAfter, 7);
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1);
});

test("503 on a GET is retried", async () => {
  const client = clientFor(fake, { maxRetries: 1 });
  const c = await client.campaigns.create(campaignParams());
  await fake.clearRequests();
  await statusFault("GET", `/api/v2/campaigns/${c.id}`, 503, { retry_after: "0" });
  const got = await client.campaigns.get(c.id);
  assert.equal(got.id, c.id);
  assert.deepEqual((await fake.requests(`/api/v2/campaigns/${c.id}`)).map((r) => r.status), [503, 200]);
});

test("500/502/504 on retry-safe writes (PATCH, activate, pause, delete) are retried", async () => {
  const client = clientFor(fake, { maxRetries: 1 });
  const c = await client.campaigns.create(campaignParams());
  await statusFault("PATCH", `/api/v2/campaigns/${c.id}`, 500, { retry_after: "0" });
  assert.equal((await client.campaigns.update(c.id, { name: "patched" })).name, "patched");
  await statusFault("POST", `/api/v2/campaigns/${c.id}/activate`, 502, { retry_after: "0" });
  assert.equal((await client.campaigns.activate(c.id)).status, 1);
  await statusFault("POST", `/api/v2/campaigns/${c.id}/pause`, 504, { retry_after: "0" });
  assert.equal((await client.campaigns.pause(c.id)).status, 2);
  await statusFault("DELETE", `/api/v2/campaigns/${c.id}`, 503, { retry_after: "0" });
  assert.equal((await client.campaigns.delete(c.id)).id, c.id);
  const statuses = (await fake.requests(`/api/v2/campaigns/${c.id}*`)).map((r) => `${r.method} ${r.status}`);
  assert.deepEqual(statuses, ["PATCH 500", "PATCH 200", "POST 502", "POST 200", "POST 504", "POST 200", "DELETE 503", "DELETE 200"]);
});

test("503 on create and duplicate is not retried (the server may have acted)", async () => {
  const client = clientFor(fake, { maxRetries: 3 });
  await statusFault("POST", "/api/v2/campaigns", 503, { retry_after: "0" });
  const e = await rejection(client.campaigns.create(campaignParams()));
  assert.equal(e.name, "ServerError");
  assert.equal(e.code, "server_error");
  assert.equal(e.status, 503);
  assert.equal(e.method, "POST");
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1);

  const c = await client.campaigns.create(campaignParams());
  await statusFault("POST", `/api/v2/campaigns/${c.id}/duplicate`, 500, { retry_after: "0" });
  const d = await rejection(client.campaigns.duplicate(c.id));
  assert.equal(d.status, 500);
  assert.equal((await fake.requests(`/api/v2/campaigns/${c.id}/duplicate`)).length, 1);
});

test("non-retryable statuses (400, 404, 409) are not retried", async () => {
  const client = clientFor(fake, { maxRetries: 3 });
  for (const status of [400, 404, 409]) {
    await fake.clearRequests();
    await statusFault("GET", "/api/v2/campaigns", status);
    const e = await rejection(client.campaigns.list());
    assert.equal(e.status, status);
    assert.equal((await fake.requests("/api/v2/campaigns")).length, 1, `${status} sent once`);
  }
});

test("the fake's real per-second rate limit is absorbed by retries", async () => {
  await fake.config({ rate_per_second: 4 });
  const client = clientFor(fake, { maxRetries: 6 });
  const pages = await Promise.all(Array.from({ length: 5 }, () => client.campaigns.list({ limit: 1 })));
  assert.equal(pages.length, 5);
  const state = await fake.state();
  assert.ok(state.counters.rate_limited > 0, "some requests were rate limited");
  const statuses = (await fake.requests("/api/v2/campaigns")).map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 5);
  assert.equal(statuses.filter((s) => s === 429).length, state.counters.rate_limited);
});
