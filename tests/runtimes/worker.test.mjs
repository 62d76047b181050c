// The Worker example (www/worker/) bundled by wrangler and run in workerd by Miniflare, against
// fake-instantly: the allowlist proxy, the webhook checks, and webhooks delivered end to end by
// the fake to the Worker, whose effect is read back from the fake's state.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { InstantlyClient } from "instantly-wasm";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT, eventually } from "./helpers.mjs";

const run = promisify(execFile);
const SECRET = "s3cret-for-tests";
const HEADER = "x-shared-secret"; // parseWebhook's default header name
const OTHER_HEADER = "x-hook-token"; // set through WEBHOOK_SECRET_HEADER on the second Worker
let fake, client, out, mf, workerUrl, mfNoKv, noKvUrl;

/** The bundle as one Worker's options: the KV namespace for dedupe unless `kv` is false, the
 * rate-limiter Durable Object (its own, or `limiter: { scriptName }` for another Worker's, or
 * none with `limiter: false`). */
function workerOptions({ kv = true, vars = {}, limiter = true } = {}) {
  const durableObjects =
    limiter === false ? {} : { INSTANTLY_RATE_LIMITER: limiter === true ? "InstantlyRateLimiter" : { className: "InstantlyRateLimiter", ...limiter } };
  return {
    scriptPath: path.join(out, "index.js"),
    modules: true,
    modulesRoot: out,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-09-01",
    bindings: { INSTANTLY_API_KEY: fake.key, INSTANTLY_BASE_URL: fake.url, WEBHOOK_SECRET: SECRET, ...vars },
    kvNamespaces: kv ? ["DEDUPE"] : [],
    durableObjects,
  };
}

/** A Miniflare running the bundle (see `workerOptions`). */
async function startWorker(options = {}) {
  const worker = new Miniflare({ ...workerOptions(options), host: "127.0.0.1", port: 0 });
  return [worker, String(await worker.ready).replace(/\/$/, "")];
}

before(async () => {
  fake = await startFake({ seed: "demo", webhookRetryDelayMs: 50, webhookMaxAttempts: 1 });
  client = new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url });
  out = mkdtempSync(path.join(tmpdir(), "instantly-worker-"));
  await run(path.join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: path.join(ROOT, "www/worker"),
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG_PATH: path.join(out, "logs") },
  });
  [mf, workerUrl] = await startWorker();
  [mfNoKv, noKvUrl] = await startWorker({ kv: false, vars: { ALLOWED_ORIGIN: "https://app.example", WEBHOOK_SECRET_HEADER: OTHER_HEADER } });
});

after(async () => {
  await mf?.dispose();
  await mfNoKv?.dispose();
  await fake?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

const post = (url, body, headers = {}) => fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
const requestsTo = async (p) => (await fake.requests(p)).length;
const leadByEmail = async (email) => (await fake.state()).leads.find((l) => l.email === email);

test("wrangler bundles the wasm as a module next to the script, not inlined", () => {
  const files = readdirSync(out).filter((f) => !f.endsWith(".map") && f !== "README.md" && f !== "logs");
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one wasm module: ${files}`);
  const js = readFileSync(path.join(out, "index.js"), "utf8");
  assert.match(js, new RegExp(`import \\w+ from "\\./${wasm[0].replace(/\./g, "\\.")}"`), "the script imports the module");
  assert.ok(!js.includes("AGFzbQ"), "no base64 wasm in the script");
  console.log(`worker bundle: index.js ${statSync(path.join(out, "index.js")).size} B, ${wasm[0]} ${statSync(path.join(out, wasm[0])).size} B`);
});

test("workerd refuses to compile wasm from bytes, and the Worker still loads the client", async () => {
  const probe = new Miniflare({
    modules: true,
    compatibilityDate: "2025-09-01",
    script: `export default { async fetch() {
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
      try { await WebAssembly.compile(bytes); return new Response("compiled"); }
      catch (e) { return new Response("refused: " + e.message); } } };`,
  });
  try {
    const text = await (await probe.dispatchFetch("http://probe/")).text();
    assert.match(text, /^refused: .*disallowed/i);
  } finally {
    await probe.dispose();
  }
  const res = await fetch(`${workerUrl}/api/v2/campaigns?limit=1`);
  assert.equal(res.status, 200);
});

test("proxy: an allowlisted list call reaches fake-instantly with the Worker's key", async () => {
  await fake.clearRequests();
  const res = await fetch(`${workerUrl}/api/v2/campaigns?limit=2&status=1`);
  assert.equal(res.status, 200);
  const page = await res.json();
  const active = (await fake.state()).campaigns.filter((c) => c.status === 1);
  assert.equal(page.items.length, Math.min(2, active.length));
  assert.ok(page.items.every((c) => c.status === 1));
  const [logged] = await fake.requests("/api/v2/campaigns");
  assert.deepEqual(logged.query, { limit: "2", status: "1" });

  const leads = await post(`${workerUrl}/api/v2/leads/list`, JSON.stringify({ campaign: active[0].id, limit: 3 }));
  assert.equal(leads.status, 200);
  assert.equal((await leads.json()).items.length, 3);
});

test("proxy: bad input is a 400 ValidationError and is never forwarded", async () => {
  await fake.clearRequests();
  const res = await post(`${workerUrl}/api/v2/leads/list`, JSON.stringify({ campaign_id: "x" }));
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.error, "ValidationError");
  assert.equal(body.field, "campaign_id");
  assert.match(body.message, /did you mean `campaign`/);
  assert.equal((await post(`${workerUrl}/api/v2/leads/list`, "{not json")).status, 400);
  assert.equal(await requestsTo("/api/v2/leads/list"), 0);
});

test("proxy: routes off the allowlist are refused with JSON and never forwarded", async () => {
  await fake.clearRequests();
  const [c] = (await fake.state()).campaigns;
  for (const [method, p, status] of [["DELETE", `/api/v2/campaigns/${c.id}`, 403], ["POST", "/api/v2/campaigns", 403], ["GET", "/api/v2/webhooks", 403], ["GET", "/api/v2/leads/list", 403], ["GET", "/nope", 404]]) {
    const res = await fetch(`${workerUrl}${p}`, { method });
    assert.equal(res.status, status, `${method} ${p}`);
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal((await res.json()).statusCode, status);
  }
  assert.equal((await fake.requests()).length, 0);
});

test("proxy: CORS headers only when ALLOWED_ORIGIN is set, preflight answered", async () => {
  const plain = await fetch(`${workerUrl}/api/v2/campaigns?limit=1`, { headers: { origin: "https://app.example" } });
  assert.equal(plain.headers.get("access-control-allow-origin"), null);
  const preflight = await fetch(`${noKvUrl}/api/v2/leads/list`, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), "https://app.example");
  assert.match(preflight.headers.get("access-control-allow-methods"), /POST/);
  const get = await fetch(`${noKvUrl}/api/v2/campaigns?limit=1`, { headers: { origin: "https://app.example" } });
  assert.equal(get.status, 200);
  assert.equal(get.headers.get("access-control-allow-origin"), "https://app.example");
});

test("webhook checks: missing or wrong secret → 401, oversize → 413, bad JSON → 400, GET → 405", async () => {
  const url = `${workerUrl}/webhooks/instantly`;
  const event = JSON.stringify({ timestamp: "2026-01-01T00:00:00.000Z", event_type: "email_opened", workspace: "w", campaign_id: "c", campaign_name: "n" });
  assert.equal((await post(url, event)).status, 401);
  assert.equal((await post(url, event, { [HEADER]: "wrong" })).status, 401);
  assert.equal((await post(url, event, { [HEADER]: SECRET + "x" })).status, 401);
  assert.equal((await post(url, "x".repeat(70 * 1024), { [HEADER]: SECRET })).status, 413);
  assert.equal((await post(url, "{not json", { [HEADER]: SECRET })).status, 400);
  assert.equal((await post(url, "[1,2]", { [HEADER]: SECRET })).status, 400);
  assert.equal((await fetch(url)).status, 405);
  const ok = await post(url, event, { [HEADER]: SECRET });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { ok: true, event_type: "email_opened" });
});

/** A seeded lead without an interest status, in an existing campaign. */
async function untriagedLead(skip = []) {
  const lead = (await fake.state()).leads.find((l) => l.campaign && l.lt_interest_status == null && !skip.includes(l.email));
  assert.ok(lead, "a seeded lead without interest status");
  return lead;
}

/** A `reply_received` payload for `lead`, as a Worker receives it. */
const replyBody = (lead) =>
  JSON.stringify({ timestamp: new Date().toISOString(), event_type: "reply_received", workspace: "w", campaign_id: lead.campaign, campaign_name: "x", lead_email: lead.email });

/** The `lead_email` of every interest update and the `contacts` of every lookup in the fake's log. */
async function followUps() {
  return {
    updates: (await fake.requests("/api/v2/leads/update-interest-status")).map((r) => r.body.lead_email),
    lookups: (await fake.requests("/api/v2/leads/list")).map((r) => r.body.contacts),
  };
}

/**
 * Has fake-instantly deliver a `reply_received` for `lead` to the Worker through a subscription
 * carrying `headers`; resolves with the fake's record of that delivery (the subscription is
 * removed again).
 */
async function deliverThroughFake(lead, headers) {
  const hook = await client.webhooks.create({ target_hook_url: `${workerUrl}/webhooks/instantly`, event_type: "reply_received", name: "worker e2e", headers });
  try {
    await fake.event({ event_type: "reply_received", campaign_id: lead.campaign, lead_email: lead.email });
    return await eventually(
      async () => (await fake.state()).webhook_events.find((e) => e.webhook_url === hook.target_hook_url && e.payload?.lead_email === lead.email),
      { what: `the fake's delivery of the reply from ${lead.email}` },
    );
  } finally {
    await client.webhooks.delete(hook.id);
  }
}

/**
 * The positive signal that a Worker is done with the deliveries it answered before: posts a
 * human reply from another untriaged lead and waits until the Worker's update for it is logged
 * and applied by the fake. A follow-up of an earlier delivery would have started earlier on the
 * same isolate with the same two calls (lookup, update), so by then it shows in the fake's log.
 * Resolves with the sentinel's lead.
 */
async function sentinel(url, skip) {
  const lead = await untriagedLead(skip);
  const res = await post(`${url}/webhooks/instantly`, replyBody(lead), { [HEADER]: SECRET });
  assert.deepEqual(await res.json(), { ok: true, event_type: "reply_received" });
  await eventually(async () => (await followUps()).updates.includes(lead.email) && (await leadByEmail(lead.email)).lt_interest_status === 1, {
    what: "the sentinel reply's update",
  });
  return lead;
}

test("end to end: a subscription with a secret header delivers reply_received, and the Worker marks the lead Interested", async () => {
  const lead = await untriagedLead();
  await fake.clearRequests();
  const delivery = await deliverThroughFake(lead, { [HEADER]: SECRET });
  assert.equal(delivery.success, true);
  assert.equal(delivery.status_code, 200);
  assert.equal(delivery.payload.event_type, "reply_received");
  await eventually(async () => (await leadByEmail(lead.email)).lt_interest_status === 1, { what: "the Worker's interest update" });
  const [update] = await fake.requests("/api/v2/leads/update-interest-status");
  assert.deepEqual(update.body, { lead_email: lead.email, interest_value: 1, campaign_id: lead.campaign });
  const deliveries = (await fake.state()).webhook_events.filter((e) => e.payload?.lead_email === lead.email);
  assert.equal(deliveries.length, 1, "one delivery, answered 200 at the first attempt");
});

test("end to end: a redelivered event is answered as a duplicate and never processed again", async () => {
  const lead = await untriagedLead();
  const delivery = await deliverThroughFake(lead, { [HEADER]: SECRET });
  await eventually(async () => (await leadByEmail(lead.email)).lt_interest_status === 1, { what: "the first delivery's update" });
  await fake.clearRequests();
  const res = await post(`${workerUrl}/webhooks/instantly`, JSON.stringify(delivery.payload), { [HEADER]: SECRET });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true, duplicate: true });
  const marker = await sentinel(workerUrl, [lead.email]);
  const { updates, lookups } = await followUps();
  assert.deepEqual(updates, [marker.email], "no second update for the redelivered event");
  assert.deepEqual(lookups, [[marker.email]], "no follow-up at all for it");
});

test("end to end: a delivery with the wrong secret is refused and changes nothing", async () => {
  const lead = await untriagedLead();
  await fake.clearRequests();
  const refused = await deliverThroughFake(lead, { [HEADER]: "not-the-secret" });
  assert.equal(refused.success, false);
  assert.equal(refused.status_code, 401);
  const marker = await sentinel(workerUrl, [lead.email]);
  const { updates, lookups } = await followUps();
  assert.deepEqual(updates, [marker.email], "only the sentinel's update");
  assert.deepEqual(lookups, [[marker.email]], "no lookup for the refused delivery");
  assert.equal((await leadByEmail(lead.email)).lt_interest_status ?? null, null);
});

test("the rule: auto-replies and already-triaged leads are left alone", async () => {
  const url = `${workerUrl}/webhooks/instantly`;
  const state = await fake.state();
  const triaged = state.leads.find((l) => l.campaign && l.lt_interest_status != null && l.lt_interest_status !== 1);
  const fresh = await untriagedLead();
  const base = { workspace: state.workspace_id, campaign_name: "x" };
  await fake.clearRequests();
  const auto = await post(url, JSON.stringify({ ...base, timestamp: new Date().toISOString(), event_type: "auto_reply_received", campaign_id: fresh.campaign, lead_email: fresh.email }), { [HEADER]: SECRET });
  assert.deepEqual(await auto.json(), { ok: true, event_type: "auto_reply_received" });
  const reply = await post(url, JSON.stringify({ ...base, timestamp: new Date().toISOString(), event_type: "reply_received", campaign_id: triaged.campaign, lead_email: triaged.email }), { [HEADER]: SECRET });
  assert.deepEqual(await reply.json(), { ok: true, event_type: "reply_received" });
  await eventually(async () => (await followUps()).lookups.length === 1, { what: "the Worker's lookup of the triaged lead" });
  const marker = await sentinel(workerUrl, [fresh.email]);
  const { updates, lookups } = await followUps();
  assert.deepEqual(lookups, [[triaged.email], [marker.email]], "the triaged lead is looked up, the auto-reply is not");
  assert.deepEqual(updates, [marker.email], "neither is updated");
  assert.equal((await leadByEmail(triaged.email)).lt_interest_status, triaged.lt_interest_status);
  assert.equal((await leadByEmail(fresh.email)).lt_interest_status ?? null, null);
});

test("without a KV namespace the Cache API dedupes (and WEBHOOK_SECRET_HEADER renames the header)", async () => {
  const lead = await untriagedLead();
  const body = replyBody(lead);
  assert.equal((await post(`${noKvUrl}/webhooks/instantly`, body, { [HEADER]: SECRET })).status, 401, "the default header is not read");
  const first = await post(`${noKvUrl}/webhooks/instantly`, body, { [OTHER_HEADER]: SECRET });
  assert.deepEqual(await first.json(), { ok: true, event_type: "reply_received" });
  const second = await post(`${noKvUrl}/webhooks/instantly`, body, { [OTHER_HEADER]: SECRET });
  assert.deepEqual(await second.json(), { ok: true, duplicate: true });
  await eventually(async () => (await leadByEmail(lead.email)).lt_interest_status === 1, { what: "the update through the Cache-API Worker" });
});

test("a Worker without WEBHOOK_SECRET refuses every delivery instead of skipping the check", async () => {
  const [open, url] = await startWorker({ vars: { WEBHOOK_SECRET: "" } });
  try {
    const lead = await untriagedLead();
    await fake.clearRequests();
    for (const headers of [{}, { [HEADER]: SECRET }]) {
      const res = await post(`${url}/webhooks/instantly`, replyBody(lead), headers);
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { error: "WEBHOOK_SECRET is not configured" });
    }
    // Positive signal: a proxied call through the same Worker, sent after both refusals, reaches
    // the fake. A follow-up of either delivery would have sent its lookup before it.
    assert.equal((await fetch(`${url}/api/v2/campaigns?limit=1`)).status, 200);
    assert.deepEqual((await fake.requests()).map((r) => `${r.method} ${r.path}`), ["GET /api/v2/campaigns"]);
    assert.equal((await leadByEmail(lead.email)).lt_interest_status ?? null, null);
  } finally {
    await open.dispose();
  }
});

// ---- One rate budget across isolates (issue 10) ----

/**
 * Two Workers, each its own isolate, running the bundle: "a" holds the InstantlyRateLimiter
 * Durable Object, "b" is bound to a's (scriptName), unless `shared` is false (no binding: each
 * isolate keeps its own budget). `n` concurrent proxied list calls go to each, every one made
 * with a client of its own. Returns the statuses and the fake's 429 count and request log.
 */
async function twoWorkers(n, shared) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      { name: "a", ...workerOptions({ limiter: shared ? true : false }) },
      { name: "b", ...workerOptions({ limiter: shared ? { scriptName: "a" } : false }) },
    ],
  });
  try {
    await mf.ready;
    const workers = [await mf.getWorker("a"), await mf.getWorker("b")];
    await fake.reset();
    const responses = await Promise.all(
      workers.flatMap((w) => Array.from({ length: n }, () => w.fetch("http://worker/api/v2/campaigns?limit=1").then(async (r) => (await r.arrayBuffer(), r.status)))),
    );
    const state = await fake.state();
    return { statuses: responses, limited: state.counters.rate_limited, log: await fake.requests("/api/v2/campaigns") };
  } finally {
    await mf.dispose();
  }
}

test("two Workers bound to one InstantlyRateLimiter share the budget: 0 × 429 at 90/s or more together; unbound, they collect 429s", async () => {
  const shared = await twoWorkers(300, true);
  assert.ok(shared.statuses.every((s) => s === 200), `statuses: ${[...new Set(shared.statuses)]}`);
  assert.equal(shared.limited, 0, "no 429 with the shared budget");
  const times = shared.log.map((r) => Date.parse(r.timestamp)).sort((a, b) => a - b);
  assert.equal(times.length, 600);
  const rate = 599 / ((times[599] - times[0]) / 1000);
  console.log(`two Workers, one Durable Object: 600 calls at ${rate.toFixed(1)}/s, 0 × 429`);
  assert.ok(rate >= 90, `${rate.toFixed(1)} calls/s`);

  const alone = await twoWorkers(300, false);
  console.log(`two Workers without it: ${alone.limited} × 429`);
  assert.ok(alone.limited > 0, "each isolate believes it has the whole budget");
});

test("POST /import: an uploaded CSV streams into the list through leads.import, every row accounted for", async () => {
  const list = await client.leadLists.create({ name: "Worker CSV import" });
  const csv = [
    "email,first_name,company_name,plan",
    "ada@example.com,Ada,Analytical,pro",
    "grace@example.com,Grace,Navy,free",
    "not-an-email,Bad,Row,x",
    "ada@example.com,Ada,Again,pro",
  ].join("\n");
  const refused = await fetch(`${workerUrl}/import?list_id=${list.id}`, { method: "POST", body: csv });
  assert.equal(refused.status, 401);
  const res = await fetch(`${workerUrl}/import?list_id=${list.id}`, { method: "POST", body: csv, headers: { [HEADER]: SECRET, "content-type": "text/csv" } });
  const report = await res.json();
  assert.equal(res.status, 200, JSON.stringify(report));
  assert.equal(report.created, 2);
  assert.equal(report.rows, 4);
  const accounted = report.created + report.already_there + report.rejected.length + report.failed.length;
  assert.equal(accounted, 4, JSON.stringify(report));
  assert.deepEqual(report.rejected.map((r) => r.row), [3, 4], "the bad email and the repeated one");
  const inList = (await fake.state()).leads.filter((l) => l.list_id === list.id).map((l) => l.email).sort();
  assert.deepEqual(inList, ["ada@example.com", "grace@example.com"]);
  const ada = (await fake.state()).leads.find((l) => l.list_id === list.id && l.email === "ada@example.com");
  assert.equal(ada.payload?.plan ?? ada.custom_variables?.plan, "pro");
});
