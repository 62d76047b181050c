// Client options and what goes on the wire: strict option and param decoding, headers
// (Content-Type only with a body, x-as-workspace, User-Agent in Node), proxies without a key.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, beforeEach, describe, test } from "node:test";
import { InstantlyClient } from "instantly-wasm";
import { DEFAULT_KEY, startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection, thrown } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

describe("constructor options", () => {
  test("a snake_case option is a ValidationError pointing at the camelCase name", () => {
    const e = thrown(() => new InstantlyClient({ apiKey: DEFAULT_KEY, base_url: fake.url }));
    assert.equal(e.name, "ValidationError");
    assert.match(e.message, /base_url/);
    assert.match(e.message, /baseUrl/);
    const t = thrown(() => new InstantlyClient({ apiKey: DEFAULT_KEY, timeout: 5 }));
    assert.match(t.message, /timeoutMs/);
  });

  test("bad values are ValidationErrors naming the option", () => {
    const cases = [
      [{}, "apiKey"],
      [{ apiKey: "" }, "apiKey"],
      [{ apiKey: "has space" }, "apiKey"],
      [{ apiKey: "k-123456", baseUrl: "ftp://example.com" }, "baseUrl"],
      [{ apiKey: "k-123456", baseUrl: "https://example.com/?x=1" }, "baseUrl"],
      [{ apiKey: "k-123456", baseUrl: "https://api.instantly.ai/api/v2" }, "baseUrl"],
      [{ apiKey: "k-123456", timeoutMs: 0 }, "timeoutMs"],
      [{ apiKey: "k-123456", maxRetries: 11 }, "maxRetries"],
      [{ apiKey: "k-123456", workspaceId: "a/b" }, "workspaceId"],
    ];
    for (const [opts, field] of cases) {
      const e = thrown(() => new InstantlyClient(opts));
      assert.equal(e.name, "ValidationError", JSON.stringify(opts));
      assert.ok(e.message.includes(field) || e.field === field, `${JSON.stringify(opts)}: ${e.field} ${e.message}`);
    }
  });

  test("non-finite numbers and wrong types are rejected naming the option", () => {
    for (const [opts, field, message] of [
      [{ apiKey: "k-123456", timeoutMs: Number.NaN }, "timeoutMs", "NaN is not a finite number"],
      [{ apiKey: "k-123456", timeoutMs: Infinity }, "timeoutMs", "Infinity is not a finite number"],
      [{ apiKey: "k-123456", timeoutMs: -Infinity }, "timeoutMs", "-Infinity is not a finite number"],
      [{ apiKey: "k-123456", timeoutMs: "5" }, "timeoutMs", "timeoutMs: must be a number (got a string)"],
      [{ apiKey: "k-123456", maxRetries: -1 }, "maxRetries", "maxRetries: must be a whole number from 0 to 4294967295 (got -1)"],
      [{ apiKey: "k-123456", maxRetries: 2.5 }, "maxRetries", "(got 2.5)"],
      [{ apiKey: "k-123456", dangerouslyAllowBrowser: "yes" }, "dangerouslyAllowBrowser", "must be a boolean (got a string)"],
      [{ apiKey: 42 }, "apiKey", "apiKey: must be a string (got a number)"],
      [{ apiKey: "k-123456", rateLimit: { perSecond: "9" } }, "rateLimit.perSecond", "must be a whole number (got a string)"],
    ]) {
      const e = thrown(() => new InstantlyClient(opts));
      assert.equal(e.name, "ValidationError");
      assert.equal(e.field, field, e.message);
      assert.ok(e.message.includes(message), e.message);
    }
  });

  test("an unknown key in the rateLimit options names the one meant, with its path", () => {
    const e = thrown(() => new InstantlyClient({ apiKey: "k-123456", rateLimit: { perSecnd: 5 } }));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.field, "rateLimit.perSecnd");
    assert.match(e.message, /unknown field `perSecnd`; did you mean `perSecond`\?/);
  });

  test("an array longer than leads.import takes is refused by its count, before anything is sent", async () => {
    const client = clientFor(fake);
    const huge = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 - 1 : Reflect.get(t, k)) });
    const e = await rejection(client.leads.import(huge, { list_id: "0190b5a0-0000-7000-8000-000000000001" }));
    assert.equal(e.name, "ValidationError");
    assert.match(e.message, /has 4294967295 items; at most 1000000 are accepted in one call/);
    assert.deepEqual(await fake.requests(), []);
  });

  test("undefined optional fields are allowed", async () => {
    const client = new InstantlyClient({
      apiKey: fake.key,
      baseUrl: fake.url,
      timeoutMs: undefined,
      maxRetries: undefined,
      workspaceId: undefined,
    });
    assert.equal(JSON.parse(JSON.stringify(client)).timeoutMs, 30000);
    assert.equal(JSON.parse(JSON.stringify(client)).maxRetries, 3);
    assert.deepEqual((await client.campaigns.list()).items, []);
    // In params and per-call options too: left out, as JSON.stringify does (the types say so).
    const list = await client.leadLists.create(
      { name: "maybe", owned_by: undefined, has_enrichment_task: undefined },
      { signal: undefined, timeoutMs: undefined, maxRetries: undefined },
    );
    assert.equal(list.name, "maybe");
    const walked = [];
    for await (const l of client.leadLists.listAll({ limit: undefined }, { maxItems: undefined })) walked.push(l.id);
    assert.deepEqual(walked, [list.id]);
  });

  test("a trailing slash on baseUrl is tolerated", async () => {
    const client = clientFor(fake, { baseUrl: `${fake.url}/` });
    await client.campaigns.list();
    const [req] = await fake.requests("/api/v2/campaigns");
    assert.equal(req.path, "/api/v2/campaigns");
  });
});

describe("strict params", () => {
  test("an unknown field in params is a ValidationError naming it (with a hint for known traps), nothing sent", async () => {
    const client = clientFor(fake);
    const e = await rejection(client.campaigns.create({ ...campaignParams(), dailyLimit: 10 }));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.field, "dailyLimit");
    assert.match(e.message, /did you mean `daily_limit`/);
    const s = await rejection(client.campaigns.create({ ...campaignParams(), schedule: {} }));
    assert.match(s.message, /did you mean `campaign_schedule`/);
    const u = await rejection(client.campaigns.update("0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b", { stauts: 1 }));
    assert.equal(u.field, "stauts");
    const l = await rejection(client.campaigns.list({ starting_afer: "x" }));
    assert.equal(l.field, "starting_afer");
    const nested = campaignParams();
    nested.campaign_schedule.schedules[0].time_zone = "America/Chicago";
    const n = await rejection(client.campaigns.create(nested));
    assert.equal(n.field, "campaign_schedule.schedules[0].time_zone");
    assert.match(n.message, /time_zone/);
    assert.deepEqual(await fake.requests(), []);
  });

  test("plain typos get a did-you-mean hint too, even when the typo leaves a required field missing", async () => {
    const client = clientFor(fake);
    const l = await rejection(client.campaigns.list({ starting_afer: "x" }));
    assert.match(l.message, /did you mean `starting_after`/);
    const s = await rejection(client.campaigns.create({ name: "x", schedule: campaignParams().campaign_schedule }));
    assert.match(s.message, /schedule/);
    assert.match(s.message, /did you mean `campaign_schedule`/);
  });

  test("wrong types are ValidationErrors, not silent coercions", async () => {
    const client = clientFor(fake);
    for (const params of [{ limit: "10" }, { limit: 1.5 }, { status: "active" }, "limit=10", 5, true]) {
      const e = await rejection(client.campaigns.list(params));
      assert.equal(e.name, "ValidationError", JSON.stringify(params));
    }
    assert.deepEqual(await fake.requests(), []);
  });

  // serde alone would read a struct from an array positionally (`[1]` as `{ limit: 1 }`).
  test("an array is not accepted where an object is expected", async () => {
    const client = clientFor(fake);
    const e = await rejection(client.campaigns.list([1]));
    assert.equal(e.name, "ValidationError");
    assert.deepEqual(await fake.requests(), []);
  });
});

describe("per-call options", () => {
  const operations = JSON.parse(readFileSync(new URL("../../pkg/operations.json", import.meta.url), "utf8"));

  // Each method reads its last argument as its options, whatever its shape (path values first,
  // params or none, a cursor-paginated list's `<name>All`): a misplaced key there is named as an
  // option of that call, before anything is sent.
  test("every method and every listAll takes its options last: a typo there is named as an option of that call", async () => {
    const client = clientFor(fake);
    const checked = { listAll: new Set() };
    const calls = new Set(operations.map((o) => o.call));
    const isOptionTypo = (e, call) =>
      e.name === "ValidationError" && e.field === "timeout" && e.message.includes(`${call} options`);
    for (const { call, path } of operations) {
      const [group, method] = call.split(".");
      const api = client[group];
      const values = Array.from(path.matchAll(/\{/g), () => "x");
      const takesParams = api[method].length === values.length + 2;
      const args = [...values, ...(takesParams ? [{}] : []), { timeout: 5 }];
      const e = await rejection(api[method](...args));
      assert.ok(isOptionTypo(e, call), `${call}: ${e.name} ${e.field} ${e.message}`);
      // `<name>All` walks a cursor-paginated list, unless it is an operation of its own
      // (`blockListEntries.deleteAll`).
      const all = calls.has(`${call}All`) ? undefined : api[`${method}All`];
      if (all) {
        const a = thrown(() => all.call(api, ...values, {}, { timeout: 5 }));
        assert.ok(isOptionTypo(a, `${call}All`), `${call}All: ${a.name} ${a.field} ${a.message}`);
        checked.listAll.add(`${call}All`);
      }
    }
    // A walk with a path value first, and one without.
    assert.ok(checked.listAll.has("accountCampaignMappings.listAll") && checked.listAll.has("leads.listAll"));
    for (const [method, args] of [
      ["backgroundJobs.wait", ["675266e304a8e55b17f0228b"]],
      ["leads.import", [[]]],
    ]) {
      const [group, name] = method.split(".");
      const e = await rejection(client[group][name](...args, { timeout: 5 }));
      assert.ok(isOptionTypo(e, method), `${method}: ${e.name} ${e.field} ${e.message}`);
    }
    assert.deepEqual(await fake.requests(), []);
  });
});

describe("the client's lifetime", () => {
  test("a client has one object per group; once freed (free() or a using block's end) every call fails with a ValidationError, and calls in flight finish", async () => {
    const client = clientFor(fake);
    const leads = client.leads;
    assert.equal(client.leads, leads);
    assert.notEqual(clientFor(fake).leads, leads);
    const inFlight = client.campaigns.list({ limit: 1 });
    const described = client.toJSON();
    assert.deepEqual(described, { baseUrl: fake.url, hasApiKey: true, timeoutMs: 30000, maxRetries: 0 });
    client[Symbol.dispose]();
    assert.ok(Array.isArray((await inFlight).items));
    const freed = (e) => {
      assert.equal(e.name, "ValidationError");
      assert.match(e.message, /freed/);
    };
    freed(await rejection(client.campaigns.list()));
    freed(await rejection(leads.get("0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b")));
    freed(await rejection(client.callEndpoint("/campaigns")));
    freed(await rejection(client.backgroundJobs.wait("675266e304a8e55b17f0228b")));
    freed(await rejection(client.leads.import([{ email: "a@acme.test" }], { list_id: "0199a3f2-1c2d-7e3f-8a9b-0c1d2e3f4a5b" })));
    freed(thrown(() => client.campaigns.listAll()));
    // A logger may serialize a freed client: its description stays, marked freed.
    assert.deepEqual(JSON.parse(JSON.stringify({ client })), { client: { ...described, freed: true } });
    assert.equal(String(client), "InstantlyClient(freed)");
    client.free();
    assert.equal((await fake.requests()).length, 1);
  });
});

describe("headers on the wire", () => {
  test("GET and other bodiless requests carry no Content-Type; bodies do", async () => {
    const client = clientFor(fake);
    const c = await client.campaigns.create(campaignParams());
    await client.campaigns.get(c.id);
    await client.campaigns.list();
    await client.campaigns.activate(c.id);
    await client.campaigns.pause(c.id);
    await client.campaigns.duplicate(c.id, { name: "copy" });
    await client.campaigns.update(c.id, { name: "n" });
    await client.campaigns.delete(c.id);
    const log = await fake.requests();
    const byRoute = Object.fromEntries(
      log.map((r) => [`${r.method} ${r.path.replace("/api/v2", "").replace(c.id, "{id}")}`, r.headers["content-type"] ?? null]),
    );
    assert.deepEqual(byRoute, {
      "POST /campaigns": "application/json",
      "GET /campaigns/{id}": null,
      "GET /campaigns": null,
      "POST /campaigns/{id}/activate": null,
      "POST /campaigns/{id}/pause": null,
      "POST /campaigns/{id}/duplicate": "application/json",
      "PATCH /campaigns/{id}": "application/json",
      "DELETE /campaigns/{id}": null,
    });
    for (const r of log) {
      if (r.headers["content-type"] === undefined) assert.equal(r.body, null, `${r.method} ${r.path} has no body`);
      assert.equal(r.headers.accept, "application/json");
      assert.equal(r.headers.authorization, "Bearer [REDACTED]");
    }
  });

  test("User-Agent identifies the package in Node", async () => {
    const client = clientFor(fake);
    await client.campaigns.list();
    const [req] = await fake.requests("/api/v2/campaigns");
    assert.match(req.headers["user-agent"], /^instantly-wasm\/\d+\.\d+\.\d+/);
  });

  test("workspaceId is sent as x-as-workspace and selects that workspace", async () => {
    const { workspace_id: other } = await fake.addKey("second-workspace-key");
    const plain = clientFor(fake);
    const asOther = clientFor(fake, { workspaceId: other });
    const mine = await plain.campaigns.create(campaignParams("mine"));
    const theirs = await asOther.campaigns.create(campaignParams("theirs"));

    const log = await fake.requests("/api/v2/campaigns");
    assert.equal(log[0].headers["x-as-workspace"], undefined);
    assert.equal(log[1].headers["x-as-workspace"], other);
    assert.deepEqual((await fake.state()).campaigns.map((c) => c.id), [mine.id]);
    assert.deepEqual((await fake.state("second-workspace-key")).campaigns.map((c) => c.id), [theirs.id]);
  });

  test("without an apiKey (a proxy adds it) no Authorization header is sent", async () => {
    const client = new InstantlyClient({ baseUrl: fake.url, maxRetries: 0 });
    assert.equal(JSON.parse(JSON.stringify(client)).hasApiKey, false);
    const e = await rejection(client.campaigns.list());
    assert.equal(e.name, "AuthenticationError");
    const [req] = await fake.requests("/api/v2/campaigns");
    assert.equal(req.headers.authorization, undefined);
  });

  test("ids and query values are percent-encoded", async () => {
    const client = clientFor(fake);
    await client.campaigns.list({ search: "Q1 & Q2 = 100%" });
    const [req] = await fake.requests("/api/v2/campaigns");
    assert.equal(req.query.search, "Q1 & Q2 = 100%");
    await rejection(client.campaigns.get("id with space"));
    const logged = await fake.requests("/api/v2/campaigns/*");
    assert.ok(logged.every((r) => !r.path.includes(" ")), JSON.stringify(logged.map((r) => r.path)));
  });
});
