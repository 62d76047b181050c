// dangerouslyAllowBrowser: this file simulates a web page by defining `window` (each test file
// runs in its own process, so the other suites still see plain Node).

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { InstantlyClient } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { rejection, thrown } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => {
  delete globalThis.window;
  delete globalThis.document;
  return fake?.stop();
});
beforeEach(() => {
  delete globalThis.window;
  delete globalThis.document;
  return fake.reset();
});

test("outside a page an apiKey needs no opt-in", () => {
  assert.doesNotThrow(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url }));
});

test("with a window global, an apiKey without dangerouslyAllowBrowser is a ValidationError", () => {
  globalThis.window = globalThis;
  const e = thrown(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url }));
  assert.equal(e.name, "ValidationError");
  assert.equal(e.field, "apiKey");
  assert.match(e.message, /dangerouslyAllowBrowser/);
  assert.ok(!e.message.includes(fake.key));
  const f = thrown(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, dangerouslyAllowBrowser: false }));
  assert.equal(f.field, "apiKey");
});

test("a document global alone also counts as a page", () => {
  globalThis.document = {};
  const e = thrown(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url }));
  assert.equal(e.field, "apiKey");
});

test("dangerouslyAllowBrowser: true works, and no User-Agent is forced in a page", async () => {
  globalThis.window = globalThis;
  const client = new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url, dangerouslyAllowBrowser: true });
  assert.deepEqual((await client.campaigns.list()).items, []);
  const [req] = await fake.requests("/api/v2/campaigns");
  assert.equal(req.headers.authorization, "Bearer [REDACTED]");
  assert.doesNotMatch(req.headers["user-agent"] ?? "", /instantly-wasm/);
});

test("in a page, a proxy baseUrl needs no key and no opt-in", async () => {
  globalThis.window = globalThis;
  const client = new InstantlyClient({ baseUrl: fake.url, maxRetries: 0 });
  const e = await rejection(client.campaigns.list());
  assert.equal(e.name, "AuthenticationError", "the request went out without a key");
  const [req] = await fake.requests("/api/v2/campaigns");
  assert.equal(req.headers.authorization, undefined);
});
