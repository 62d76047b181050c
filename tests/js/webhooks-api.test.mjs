// client.webhooks and client.webhookEvents end to end: the built package against
// fake-instantly, which really delivers to a local receiver that checks each delivery with
// parseWebhook (shared secret from the subscription's headers).

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, beforeEach, test } from "node:test";
import { dedupeKey, parseWebhook, WebhookStatus } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { clientFor, rejection } from "./helpers/fixtures.mjs";

const SECRET = "whsec_e2e_4f9a1c";

let fake;
let client;
let receiver;

/** A receiver that answers 2xx only to deliveries parseWebhook accepts, and records all. */
async function startReceiver() {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      try {
        const event = parseWebhook(body, { headers: req.headers, secret: SECRET });
        seen.push({ status: 200, event });
        res.writeHead(200).end("ok");
      } catch (e) {
        seen.push({ status: e.status ?? 500, error: e });
        res.writeHead(e.status ?? 500).end(e.code);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/instantly`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function until(what, check, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  fake = await startFake({ webhookRetryDelayMs: 10, webhookMaxAttempts: 1 });
  client = clientFor(fake);
  receiver = await startReceiver();
});
after(async () => {
  await receiver?.close();
  await fake?.stop();
});
beforeEach(async () => {
  await fake.reset();
  receiver.seen.length = 0;
});

test("create, list, get, update, delete with the secret in headers", async () => {
  const created = await client.webhooks.create({
    target_hook_url: receiver.url,
    event_type: "all_events",
    name: "e2e",
    headers: { "x-shared-secret": SECRET },
  });
  assert.equal(created.target_hook_url, receiver.url);
  assert.deepEqual(created.headers, { "x-shared-secret": SECRET });
  assert.equal(created.status, WebhookStatus.Active);

  const [logged] = await fake.requests("/api/v2/webhooks");
  assert.equal(logged.method, "POST");
  assert.deepEqual(logged.body, {
    target_hook_url: receiver.url,
    event_type: "all_events",
    name: "e2e",
    headers: { "x-shared-secret": SECRET },
  });

  const page = await client.webhooks.list({ limit: 10, event_type: "all_events" });
  assert.deepEqual(page.items.map((w) => w.id), [created.id]);
  assert.equal((await client.webhooks.get(created.id)).name, "e2e");

  const updated = await client.webhooks.update(created.id, { name: null, event_type: "reply_received" });
  assert.equal(updated.event_type, "reply_received");
  assert.equal(updated.name ?? null, null);

  const deleted = await client.webhooks.delete(created.id);
  assert.equal(deleted.id, created.id);
  const e = await rejection(client.webhooks.get(created.id));
  assert.equal(e.code, "not_found");
});

test("listAll walks every subscription across pages", async () => {
  const ids = [];
  for (let i = 0; i < 5; i++) {
    const w = await client.webhooks.create({ target_hook_url: `${receiver.url}/${i}`, event_type: "email_sent" });
    ids.push(w.id);
  }
  const seen = [];
  for await (const w of client.webhooks.listAll({ limit: 2 })) seen.push(w.id);
  assert.deepEqual(seen.sort(), ids.sort());
  assert.equal((await fake.requests("/api/v2/webhooks")).filter((r) => r.method === "GET").length, 3);
  const two = [];
  for await (const w of client.webhooks.listAll({ limit: 2 }, { maxItems: 2 })) two.push(w.id);
  assert.equal(two.length, 2);
});

test("eventTypes lists the subscription names", async () => {
  const { event_types } = await client.webhooks.eventTypes();
  const ids = event_types.map((t) => t.id);
  assert.ok(ids.includes("email_link_clicked") && ids.includes("reply_received"), ids.join());
});

test("test() delivers to the receiver, which accepts the secret", async () => {
  const w = await client.webhooks.create({
    target_hook_url: receiver.url,
    headers: { "x-shared-secret": SECRET },
    event_type: "all_events",
  });
  const result = await client.webhooks.test(w.id);
  assert.equal(result.success, true, JSON.stringify(result));
  assert.equal(result.status_code, 200);
  assert.equal(receiver.seen.length, 1);
  assert.equal(receiver.seen[0].status, 200);
});

test("real events are delivered, parsed and logged; a wrong secret is refused with 401", async () => {
  const w = await client.webhooks.create({
    target_hook_url: receiver.url,
    event_type: "all_events",
    headers: { "x-shared-secret": SECRET },
  });
  await fake.event({ event_type: "reply_received", lead_email: "jane@acme.test" });
  const ok = await until("a delivery", () => receiver.seen.find((s) => s.event));
  assert.equal(ok.event.event_type, "reply_received");
  assert.equal(ok.event.lead_email, "jane@acme.test");
  assert.match(dedupeKey(ok.event), /^[0-9a-f]{64}$/);

  await client.webhooks.update(w.id, { headers: { "x-shared-secret": "not-the-secret" } });
  await fake.event({ event_type: "email_link_clicked", lead_email: "jane@acme.test" });
  const refused = await until("a refused delivery", () => receiver.seen.find((s) => s.error));
  assert.equal(refused.status, 401);
  assert.equal(refused.error.code, "webhook_unauthorized");

  const log = await until("two log entries", async () => {
    const page = await client.webhookEvents.list({ limit: 10 });
    return page.items.length >= 2 && page;
  });
  const failed = await client.webhookEvents.list({ success: false });
  assert.equal(failed.items.length, 1);
  assert.equal(failed.items[0].status_code, 401);
  assert.equal(failed.items[0].payload.event_type, "link_clicked");
  const one = await client.webhookEvents.get(failed.items[0].id);
  assert.equal(one.id, failed.items[0].id);
  assert.ok(log.items.some((d) => d.success));

  const summary = await client.webhookEvents.summary();
  assert.equal(summary.total_events, 2);
  assert.equal(summary.failed_events, 1);
  const byDate = await client.webhookEvents.summaryByDate();
  assert.equal(byDate.items.reduce((n, d) => n + d.total_events, 0), 2);

  // One failed attempt (max attempts 1) disables the subscription; resume re-enables it.
  const disabled = await until("auto-disable", async () => {
    const cur = await client.webhooks.get(w.id);
    return cur.status === WebhookStatus.Disabled && cur;
  });
  assert.ok(disabled.timestamp_error);
  const resumed = await client.webhooks.resume(w.id);
  assert.equal(resumed.status, WebhookStatus.Active);
});

test("bad input is rejected before anything is sent", async () => {
  await fake.clearRequests();
  for (const [call, field] of [
    [() => client.webhooks.create({ target_hook_url: "hooks.example.test" }), "target_hook_url"],
    [() => client.webhooks.create({ target_hook_url: "https://x.test", event_type: "link_clicked" }), "event_type"],
    [() => client.webhooks.create({ target_hook_url: "https://x.test", url: "https://x.test" }), "url"],
    [() => client.webhooks.update("019ffad2-9cbd-765b-a65b-d6d9e55bbb22", {}), "webhooks.update params"],
    [() => client.webhooks.list({ limit: 0 }), "limit"],
    [() => client.webhookEvents.list({ from: "2026-09-01", to: "2026-08-01" }), "to"],
    [() => client.webhookEvents.get("summary"), "id"],
  ]) {
    const e = await rejection(call());
    assert.equal(e.code, "validation", e.message);
    assert.equal(e.field, field, e.message);
  }
  assert.deepEqual(await fake.requests(), []);
});
