// client.analytics end to end: fake-instantly simulates sending, the client reads the analytics
// routes and adds open/reply/click/bounce rates computed from the counts.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;
let client;
let sentCampaign;
let idleCampaign;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
  const sequences = [{ steps: [{ type: "email", delay: 1, variants: [{ subject: "Hi", body: "Hello" }] }] }];
  sentCampaign = await client.campaigns.create({ ...campaignParams("sent"), sequences });
  idleCampaign = await client.campaigns.create(campaignParams("idle"));
  await client.leads.bulkAdd({
    campaign_id: sentCampaign.id,
    leads: Array.from({ length: 40 }, (_, i) => ({ email: `lead${i}@example.com` })),
  });
  await client.campaigns.activate(sentCampaign.id);
  const sim = await fake.simulate({ ticks: 80, campaign_id: sentCampaign.id });
  assert.ok(sim.sent > 0 && sim.opened > 0, `the simulation sent and opened emails: ${JSON.stringify(sim)}`);
});
after(() => fake?.stop());

/** The documented rate: unique count when present, else total, over contacted, in percent. */
function rate(raw, unique, total) {
  const n = raw[unique] ?? raw[total] ?? 0;
  return raw.contacted_count > 0 ? (n / raw.contacted_count) * 100 : 0;
}

function assertRates(got, raw) {
  assert.ok(Math.abs(got.open_rate - rate(raw, "open_count_unique", "open_count")) < 1e-9, "open_rate");
  assert.ok(Math.abs(got.reply_rate - rate(raw, "reply_count_unique", "reply_count")) < 1e-9, "reply_rate");
  assert.ok(Math.abs(got.click_rate - rate(raw, "link_click_count_unique", "link_click_count")) < 1e-9, "click_rate");
  assert.ok(Math.abs(got.bounce_rate - rate(raw, "bounced_count", "bounced_count")) < 1e-9, "bounce_rate");
  for (const k of ["open_rate", "reply_rate", "click_rate", "bounce_rate"]) assert.ok(got[k] >= 0 && got[k] <= 100, `${k} in 0..100`);
}

test("analytics.campaigns: GET /campaigns/analytics with the wire's counts plus computed rates", async () => {
  const [a] = await client.analytics.campaigns({ id: sentCampaign.id });
  const [raw] = await client.callEndpoint("/campaigns/analytics", { query: { id: sentCampaign.id } });
  for (const [k, v] of Object.entries(raw)) assert.deepEqual(a[k], v, `${k} passes through`);
  assert.equal(a.campaign_id, sentCampaign.id);
  assert.ok(a.contacted_count > 0);
  assert.ok(a.open_rate > 0);
  assertRates(a, raw);

  // Like the real API, a campaign that never sent is left out of the per-campaign list.
  const both = await client.analytics.campaigns({ ids: [sentCampaign.id, idleCampaign.id] });
  assert.deepEqual(both.map((x) => x.campaign_id), [sentCampaign.id]);
  const logged = (await fake.requests("/api/v2/campaigns/analytics")).map((r) => r.query);
  assert.deepEqual(logged.at(-1), { ids: [sentCampaign.id, idleCampaign.id] }, "ids are repeated query keys");
  assert.equal((await client.analytics.campaigns()).length, 1);
});

test("analytics.overview: one object with rates", async () => {
  const o = await client.analytics.overview({ ids: [sentCampaign.id] });
  const raw = await client.callEndpoint("/campaigns/analytics/overview", { query: { ids: [sentCampaign.id] } });
  assert.equal(o.emails_sent_count, raw.emails_sent_count);
  assert.ok(o.emails_sent_count > 0);
  assertRates(o, raw);
  await client.analytics.overview();

  const idle = await client.analytics.overview({ id: idleCampaign.id });
  assert.equal(idle.contacted_count ?? 0, 0);
  assert.deepEqual([idle.open_rate, idle.reply_rate, idle.click_rate, idle.bounce_rate], [0, 0, 0, 0], "0 when nothing was contacted");
});

test("analytics.daily: one entry per day, dates checked locally", async () => {
  const days = await client.analytics.daily({ campaign_id: sentCampaign.id });
  assert.ok(days.length >= 1);
  assert.match(days[0].date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(days.reduce((n, d) => n + (d.sent ?? 0), 0), (await client.analytics.campaigns({ id: sentCampaign.id }))[0].emails_sent_count);
  const [req] = (await fake.requests("/api/v2/campaigns/analytics/daily")).slice(-1);
  assert.deepEqual(req.query, { campaign_id: sentCampaign.id });

  await fake.clearRequests();
  for (const params of [
    { start_date: "2026-3-1" },
    { start_date: "2026-03-02", end_date: "2026-03-01" },
    { campaign: sentCampaign.id },
  ]) {
    const e = await rejection(client.analytics.daily(params));
    assert.equal(e.name, "ValidationError", JSON.stringify(params));
  }
  assert.equal((await rejection(client.analytics.campaigns({ start_date: "yesterday" }))).name, "ValidationError");
  assert.deepEqual(await fake.requests(), []);
});

test("analytics errors keep the API's {message} body", async () => {
  await fake.fault({ path: "/api/v2/campaigns/analytics/overview", fault: { type: "status", status: 400, body: { message: "Invalid campaign status" } } });
  const e = await rejection(client.analytics.overview({ campaign_status: 1 }));
  assert.equal(e.name, "BadRequestError");
  assert.deepEqual(e.body, { message: "Invalid campaign status" });
  assert.match(e.message, /Invalid campaign status/);
});
