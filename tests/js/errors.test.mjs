// Error shapes through the built package: one real `Error` per failure with name, code, status,
// retryAfter, body, method, path and field; the isInstantlyError guard; and no API key anywhere.

import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, beforeEach, describe, test } from "node:test";
import { InstantlyClient, isInstantlyError } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection, thrown } from "./helpers/fixtures.mjs";

const SECRET = "sk_live_7fQz2Secret9xK4";
let fake;

before(async () => {
  fake = await startFake({ apiKeys: [SECRET] });
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

describe("error shapes", () => {
  const table = [
    [400, "BadRequestError", "bad_request"],
    [401, "AuthenticationError", "authentication"],
    [402, "PaymentRequiredError", "payment_required"],
    [403, "PermissionDeniedError", "permission_denied"],
    [404, "NotFoundError", "not_found"],
    [409, "ConflictError", "conflict"],
    [422, "APIError", "api_error"],
    [429, "RateLimitError", "rate_limit"],
    [500, "ServerError", "server_error"],
    [502, "ServerError", "server_error"],
  ];
  for (const [status, name, code] of table) {
    test(`${status} → ${name}`, async () => {
      const client = clientFor(fake, { maxRetries: 0 });
      await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status } });
      const e = await rejection(client.campaigns.list({ limit: 5 }));
      assert.ok(e instanceof Error);
      assert.equal(e.name, name);
      assert.equal(e.code, code);
      assert.equal(e.status, status);
      assert.equal(e.method, "GET");
      assert.equal(e.path, "/api/v2/campaigns");
      assert.equal(e.field, undefined);
      assert.equal(e.body.statusCode, status);
      assert.equal(typeof e.body.message, "string");
      assert.ok(e.message.includes(String(status)), e.message);
      assert.ok(e.message.includes("GET /api/v2/campaigns"), e.message);
      assert.ok(typeof e.stack === "string" && e.stack.includes(name), "a real stack trace");
      assert.equal(Object.prototype.toString.call(e), "[object Error]");
    });
  }

  test("real API answers: unknown key (401), missing resource (404), rejected body (400)", async () => {
    const wrong = new InstantlyClient({ apiKey: "not-a-registered-key", baseUrl: fake.url, maxRetries: 0 });
    const auth = await rejection(wrong.campaigns.list());
    assert.equal(auth.name, "AuthenticationError");
    assert.equal(auth.status, 401);
    assert.deepEqual(auth.body, { statusCode: 401, error: "Unauthorized", message: "Invalid API key" });

    const client = clientFor(fake);
    const missing = await rejection(client.campaigns.get("0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b"));
    assert.equal(missing.name, "NotFoundError");
    assert.equal(missing.path, "/api/v2/campaigns/0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b");

    const bad = await rejection(client.callEndpoint("/campaigns", { method: "POST", json: {} }));
    assert.equal(bad.name, "BadRequestError");
    assert.equal(bad.method, "POST");
    assert.match(bad.body.message, /name|campaign_schedule/);
  });

  test("error bodies are parsed leniently: {error}, {message}, plain text", async () => {
    const client = clientFor(fake);
    const bodies = [
      [{ error: "Campaign is locked" }, "Campaign is locked"],
      [{ message: "Try later" }, "Try later"],
      ["<html>Bad gateway</html>", "Bad gateway"],
    ];
    for (const [body, text] of bodies) {
      await fake.fault({ method: "GET", path: "/api/v2/campaigns", fault: { type: "status", status: 409, body } });
      const e = await rejection(client.campaigns.list());
      assert.equal(e.name, "ConflictError");
      assert.deepEqual(e.body, body);
      assert.ok(e.message.includes(text), e.message);
    }
  });

  test("ValidationError names the field and has no status, method or path", async () => {
    const client = clientFor(fake);
    const e = await rejection(client.campaigns.list({ limit: 500 }));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.code, "validation");
    assert.equal(e.field, "limit");
    assert.equal(e.status, undefined);
    assert.equal(e.method, undefined);
    assert.equal(e.path, undefined);
    assert.match(e.message, /limit/);
  });
});

describe("isInstantlyError", () => {
  test("true for every error this package throws", async () => {
    const client = clientFor(fake);
    assert.ok(isInstantlyError(await rejection(client.campaigns.get("a/b"))));
    assert.ok(isInstantlyError(thrown(() => new InstantlyClient({ apiKey: "" }))));
    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "status", status: 500 } });
    assert.ok(isInstantlyError(await rejection(client.campaigns.list())));
  });

  test("false for anything else, including look-alikes", () => {
    const lookAlike = new Error("not found");
    lookAlike.name = "NotFoundError";
    lookAlike.code = "not_found";
    lookAlike.status = 404;
    for (const v of [
      lookAlike,
      new Error("x"),
      new TypeError("x"),
      { name: "NotFoundError", code: "not_found", message: "x" },
      Object.assign(Object.create(Error.prototype), { code: "not_found" }),
      null,
      undefined,
      0,
      "NotFoundError",
      {},
    ]) {
      assert.equal(isInstantlyError(v), false, inspect(v));
    }
  });
});

describe("the API key never leaks", () => {
  /** Every textual view of `e` a logger or a crash reporter might take. */
  function views(e) {
    return [
      e.message,
      e.stack,
      String(e),
      JSON.stringify(e),
      JSON.stringify(e, Object.getOwnPropertyNames(e)),
      JSON.stringify(e.body ?? null),
      inspect(e, { depth: 10, showHidden: true }),
    ];
  }

  function assertNoKey(e, what) {
    for (const v of views(e)) assert.ok(!String(v).includes(SECRET), `${what}: key leaked in ${v}`);
  }

  test("not in errors, even when the server echoes it back", async () => {
    const client = clientFor(fake, { maxRetries: 0, timeoutMs: 200 });
    const echo = { statusCode: 400, error: "Bad Request", message: `key ${SECRET} is not allowed`, details: [{ key: SECRET }] };

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "status", status: 400, body: echo } });
    const e400 = await rejection(client.campaigns.list());
    assert.match(e400.message, /\[redacted\]/);
    assert.equal(e400.body.details[0].key, "[redacted]");
    assertNoKey(e400, "400 echo");

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "status", status: 503, body: `upstream rejected Bearer ${SECRET}` } });
    assertNoKey(await rejection(client.campaigns.list()), "503 text echo");

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "status", status: 200, body: `not json ${SECRET}` } });
    assertNoKey(await rejection(client.campaigns.list()), "decode error");

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "error_body_200" } });
    assertNoKey(await rejection(client.campaigns.list()), "error body 200");

    // A job poll answered with a page that is not JSON: backgroundJobs.wait reads the answer in
    // Rust, and its decode error is redacted too.
    const job = "675266e304a8e55b17f0228b";
    await fake.fault({ path: `/api/v2/background-jobs/${job}`, fault: { type: "status", status: 200, body: `proxy saw Bearer ${SECRET}` } });
    const waitError = await rejection(client.backgroundJobs.wait(job));
    assert.equal(waitError.name, "DecodeError");
    assert.equal(waitError.body, "proxy saw Bearer [redacted]");
    assertNoKey(waitError, "job poll decode error");

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "delay", ms: 1000 } });
    assertNoKey(await rejection(client.campaigns.list()), "timeout");

    await fake.fault({ path: "/api/v2/campaigns", fault: { type: "drop" } });
    assertNoKey(await rejection(client.campaigns.list()), "dropped connection");

    assertNoKey(await rejection(client.campaigns.create({ ...campaignParams(), name: SECRET, nmae: 1 })), "validation");
    assertNoKey(thrown(() => new InstantlyClient({ apiKey: SECRET, baseUrl: "ftp://x" })), "bad baseUrl");
    assertNoKey(thrown(() => new InstantlyClient({ apiKey: SECRET, timeoutMs: -1 })), "bad timeout");
  });

  test("not in the client's JSON, string or inspect output", () => {
    const client = new InstantlyClient({ apiKey: SECRET, baseUrl: fake.url, timeoutMs: 1234, maxRetries: 2 });
    assert.deepEqual(JSON.parse(JSON.stringify(client)), {
      baseUrl: fake.url,
      hasApiKey: true,
      timeoutMs: 1234,
      maxRetries: 2,
    });
    assert.equal(String(client), `InstantlyClient(${fake.url})`);
    assert.equal(`${client}`, `InstantlyClient(${fake.url})`);
    for (const v of [JSON.stringify(client), String(client), inspect(client, { depth: 10, showHidden: true }), inspect(client.campaigns)]) {
      assert.ok(!v.includes(SECRET), v);
    }
  });

  test("the request carries it only as the bearer token", async () => {
    const client = clientFor(fake);
    await client.campaigns.create(campaignParams());
    const [req] = await fake.requests("/api/v2/campaigns");
    assert.equal(req.headers.authorization, "Bearer [REDACTED]", "the fake redacts what it logs");
    assert.ok(!JSON.stringify(req).includes(SECRET));
  });
});
