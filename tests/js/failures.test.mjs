// Transport and decoding failures through the built package: timeouts, dropped and refused
// connections, truncated or malformed JSON, and a 200 that carries an error envelope.

import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, beforeEach, test } from "node:test";
import { InstantlyClient } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

/** A loopback port nothing listens on. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("a slow response rejects with TimeoutError after timeoutMs, without waiting for it", async () => {
  const client = clientFor(fake, { timeoutMs: 150, maxRetries: 0 });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "delay", ms: 3000 } });
  const t0 = Date.now();
  const e = await rejection(client.campaigns.list());
  const elapsed = Date.now() - t0;
  assert.equal(e.name, "TimeoutError");
  assert.equal(e.code, "timeout");
  assert.equal(e.status, undefined);
  assert.equal(e.method, "GET");
  assert.equal(e.path, "/api/v2/campaigns");
  assert.match(e.message, /150 ms/);
  assert.ok(elapsed < 2000, `rejected after ${elapsed} ms, not after the 3 s delay`);
});

test("a timed-out GET is retried and the next attempt succeeds", async () => {
  const client = clientFor(fake, { timeoutMs: 200, maxRetries: 1 });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "delay", ms: 1500 } });
  const page = await client.campaigns.list();
  assert.deepEqual(page.items, []);
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 2);
});

test("a timed-out create is not retried", async () => {
  const client = clientFor(fake, { timeoutMs: 150, maxRetries: 3 });
  await fake.fault({ method: "POST", path: "/api/v2/campaigns", fault: { type: "delay", ms: 1000 } });
  const e = await rejection(client.campaigns.create(campaignParams()));
  assert.equal(e.name, "TimeoutError");
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1);
});

test("a dropped connection rejects with ConnectionError; a GET retries past it", async () => {
  const once = clientFor(fake, { maxRetries: 0 });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "drop" } });
  const e = await rejection(once.campaigns.list());
  assert.equal(e.name, "ConnectionError");
  assert.equal(e.code, "connection");
  assert.equal(e.status, undefined);
  assert.equal(e.path, "/api/v2/campaigns");

  const retrying = clientFor(fake, { maxRetries: 1 });
  await fake.clearRequests();
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "drop" } });
  assert.deepEqual((await retrying.campaigns.list()).items, []);
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 2);
});

test("a create whose connection drops after the server acted is not repeated", async () => {
  const client = clientFor(fake, { maxRetries: 3 });
  await fake.fault({ method: "POST", path: "/api/v2/campaigns", when: "after", fault: { type: "drop" } });
  const e = await rejection(client.campaigns.create(campaignParams("maybe created")));
  assert.equal(e.name, "ConnectionError");
  const state = await fake.state();
  assert.equal(state.campaigns.length, 1, "exactly one campaign: the request was not re-sent");
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1);
});

test("nothing listening rejects with ConnectionError", async () => {
  const port = await closedPort();
  const client = new InstantlyClient({ apiKey: "k-123456", baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  const e = await rejection(client.campaigns.list());
  assert.equal(e.name, "ConnectionError");
  assert.equal(e.status, undefined);
  assert.equal(e.method, "GET");
});

test("a truncated JSON body rejects with DecodeError (status 200, body kept as text)", async () => {
  const client = clientFor(fake, { maxRetries: 2 });
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "truncated" } });
  const e = await rejection(client.campaigns.list());
  assert.equal(e.name, "DecodeError");
  assert.equal(e.code, "decode");
  assert.equal(e.status, 200);
  assert.equal(typeof e.body, "string");
  assert.ok(e.body.startsWith('{"items"'), e.body);
  assert.match(e.message, /campaigns\.list/);
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 1, "decode errors are not retried");
});

test("a malformed JSON body rejects with DecodeError", async () => {
  const client = clientFor(fake);
  const c = await client.campaigns.create(campaignParams());
  await fake.fault({ method: "GET", path: `/api/v2/campaigns/${c.id}`, fault: { type: "malformed" } });
  const e = await rejection(client.campaigns.get(c.id));
  assert.equal(e.name, "DecodeError");
  assert.equal(e.status, 200);
  assert.equal(e.path, `/api/v2/campaigns/${c.id}`);
});

test("valid JSON of another shape is handed over as sent; listAll, which walks items, rejects with DecodeError", async () => {
  const client = clientFor(fake);
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 200, body: { items: "nope" } } });
  assert.deepEqual(await client.campaigns.list(), { items: "nope" }, "answers are not reshaped (api-notes §7)");
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 200, body: { items: "nope" } } });
  const e = await rejection(client.campaigns.listAll().next());
  assert.equal(e.name, "DecodeError");
  assert.equal(e.status, 200);
  assert.deepEqual(e.body, { items: "nope" });
  assert.match(e.message, /items/);
});

test("a 200 carrying an error envelope is an error, retried like a 500 for a GET", async () => {
  const noRetry = clientFor(fake, { maxRetries: 0 });
  await fake.fault({ method: "POST", path: "/api/v2/campaigns", fault: { type: "error_body_200" } });
  const e = await rejection(noRetry.campaigns.create(campaignParams()));
  assert.equal(e.name, "ServerError");
  assert.equal(e.status, 500);
  assert.equal(e.body.statusCode, 500);
  assert.match(e.message, /Something went wrong/);

  const retrying = clientFor(fake, { maxRetries: 1 });
  await fake.clearRequests();
  await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "error_body_200" } });
  assert.equal((await retrying.campaigns.list()).items.length, 0);
  assert.equal((await fake.requests("/api/v2/campaigns")).length, 2);
});
