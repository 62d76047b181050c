// client.leads, client.leadLists and client.backgroundJobs end to end against fake-instantly.

import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, beforeEach, describe, test } from "node:test";
import { LeadInterestStatus } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;
let client;

before(async () => {
  fake = await startFake();
  client = clientFor(fake);
});
after(() => fake?.stop());
beforeEach(async () => {
  await fake.reset();
  await fake.config({ job_step_ms: 20, interest_delay_ms: 10 });
});

/** Polls `fn` until it returns a truthy value (the fake applies some changes asynchronously). */
async function eventually(fn, what) {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(20);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const ZERO_UUID = "00000000-0000-4000-8000-000000000000";

describe("leads", () => {
  test("create in a campaign sends `campaign`, and in a list sends `list_id`", async () => {
    const camp = await client.campaigns.create(campaignParams());
    const list = await client.leadLists.create({ name: "Imports" });
    const a = await client.leads.create({ campaign: camp.id, email: "ada@example.com", first_name: "Ada", custom_variables: { plan: "pro", seats: 3 } });
    assert.equal(a.email, "ada@example.com");
    assert.equal(a.campaign, camp.id);
    assert.equal(a.first_name, "Ada");
    const b = await client.leads.create({ list_id: list.id, email: "bob@example.com" });
    assert.equal(b.list_id, list.id);

    const bodies = (await fake.requests("/api/v2/leads")).map((r) => r.body);
    assert.deepEqual(bodies, [
      { campaign: camp.id, email: "ada@example.com", first_name: "Ada", custom_variables: { plan: "pro", seats: 3 } },
      { list_id: list.id, email: "bob@example.com" },
    ]);
    assert.equal((await fake.state()).leads.length, 2);
  });

  test("the `campaign_id` typo on leads.create is a ValidationError naming `campaign`", async () => {
    const camp = await client.campaigns.create(campaignParams());
    await fake.clearRequests();
    const e = await rejection(client.leads.create({ campaign_id: camp.id, email: "ada@example.com" }));
    assert.equal(e.name, "ValidationError");
    assert.equal(e.field, "campaign_id");
    assert.match(e.message, /did you mean `campaign`\?/);
    assert.deepEqual(await fake.requests(), [], "nothing was sent (the API would ignore the key and create an orphan lead)");
  });

  test("local validation: email syntax, custom variable values, ids", async () => {
    const cases = [
      [() => client.leads.create({ email: "not-an-email" }), "email"],
      [() => client.leads.create({ email: "a@b.co", custom_variables: { nested: { no: 1 } } }), "custom_variables"],
      [() => client.leads.create({ email: "a@b.co", custom_variables: { list: [1, 2] } }), "custom_variables"],
      [() => client.leads.get("../campaigns"), "id"],
      [() => client.leads.list({ limit: 0 }), "limit"],
      [() => client.leads.update("x/y", { first_name: "A" }), "id"],
    ];
    for (const [call, field] of cases) {
      const e = await rejection(call());
      assert.equal(e.name, "ValidationError", e.message);
      assert.ok(e.field?.includes(field), `${e.field} names ${field}: ${e.message}`);
    }
    assert.deepEqual(await fake.requests(), []);
  });

  test("list is POST /leads/list with the cursor in the body", async () => {
    const camp = await client.campaigns.create(campaignParams());
    const emails = ["a@example.com", "b@example.com", "c@example.com"];
    await client.leads.bulkAdd({ campaign_id: camp.id, leads: emails.map((email) => ({ email })) });
    await fake.clearRequests();
    const seen = [];
    const cursors = [];
    let cursor;
    for (let pages = 0; pages < 10; pages++) {
      const page = await client.leads.list({ campaign: camp.id, limit: 2, ...(cursor ? { starting_after: cursor } : {}) });
      seen.push(...page.items.map((l) => l.email));
      if (!page.next_starting_after || page.items.length === 0) break;
      cursor = page.next_starting_after;
      cursors.push(cursor);
    }
    assert.deepEqual(seen.sort(), emails);
    assert.ok(cursors.length >= 1);
    const log = await fake.requests("/api/v2/leads/list");
    assert.ok(log.every((r) => r.method === "POST" && Object.keys(r.query).length === 0), "nothing in the query string");
    assert.deepEqual(
      log.map((r) => r.body),
      [{ campaign: camp.id, limit: 2 }, ...cursors.map((c) => ({ campaign: camp.id, limit: 2, starting_after: c }))],
    );
    const all = await client.leads.list();
    assert.equal(all.items.length, 3);
  });

  test("get, update (null clears a field) and delete", async () => {
    const lead = await client.leads.create({ email: "ada@example.com", first_name: "Ada", job_title: "CTO" });
    assert.equal((await client.leads.get(lead.id)).job_title, "CTO");
    const updated = await client.leads.update(lead.id, { job_title: null, last_name: "Lovelace", lt_interest_status: LeadInterestStatus.Interested });
    assert.equal(updated.last_name, "Lovelace");
    assert.equal(updated.job_title ?? null, null);
    assert.equal(updated.lt_interest_status, 1);
    const patch = (await fake.requests(`/api/v2/leads/${lead.id}`)).find((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { job_title: null, last_name: "Lovelace", lt_interest_status: 1 });
    const deleted = await client.leads.delete(lead.id);
    assert.equal(deleted.id, lead.id);
    assert.equal((await rejection(client.leads.get(lead.id))).name, "NotFoundError");
  });

  test("bulkAdd: summary of the import, campaign_id XOR list_id, 1..1000 leads", async () => {
    const camp = await client.campaigns.create(campaignParams());
    const result = await client.leads.bulkAdd({
      campaign_id: camp.id,
      leads: [{ email: "a@example.com" }, { email: "b@example.com", first_name: "B" }, { email: "a@example.com" }],
    });
    assert.equal(result.total_sent, 3);
    assert.equal(result.leads_uploaded, 2);
    assert.equal(result.created_leads.length, 2);
    assert.deepEqual(result.created_leads.map((l) => l.index).sort(), [0, 1]);
    assert.equal((await fake.state()).leads.length, 2);

    const list = await client.leadLists.create({ name: "L" });
    await fake.clearRequests();
    for (const params of [
      { leads: [{ email: "x@example.com" }] },
      { campaign_id: camp.id, list_id: list.id, leads: [{ email: "x@example.com" }] },
      { campaign_id: camp.id, leads: [] },
      { campaign_id: camp.id, leads: Array.from({ length: 1001 }, (_, i) => ({ email: `m${i}@example.com` })) },
      { campaign_id: camp.id, leads: [{ email: "ok@example.com" }, { email: "bad" }] },
      { campaign: camp.id, leads: [{ email: "x@example.com" }] },
    ]) {
      const e = await rejection(client.leads.bulkAdd(params));
      assert.equal(e.name, "ValidationError", e.message);
    }
    const e = await rejection(client.leads.bulkAdd({ campaign_id: camp.id, leads: [{ email: "ok@example.com" }, { email: "bad" }] }));
    assert.equal(e.field, "leads[1].email");
    assert.deepEqual(await fake.requests(), []);
  });

  test("updateInterestStatus is accepted (202) and applied; null resets the lead", async () => {
    const lead = await client.leads.create({ email: "ada@example.com" });
    const res = await client.leads.updateInterestStatus({ lead_email: "ada@example.com", interest_value: LeadInterestStatus.MeetingBooked });
    assert.match(res.message, /submitted/);
    assert.equal((await fake.requests("/api/v2/leads/update-interest-status"))[0].status, 202);
    await eventually(async () => (await client.leads.get(lead.id)).lt_interest_status === 2, "interest status 2");

    await client.leads.updateInterestStatus({ lead_email: "ada@example.com", interest_value: null });
    const [, reset] = await fake.requests("/api/v2/leads/update-interest-status");
    assert.deepEqual(reset.body, { lead_email: "ada@example.com", interest_value: null });
    await eventually(async () => (await client.leads.get(lead.id)).lt_interest_status === undefined, "interest reset");

    const bad = await rejection(client.leads.updateInterestStatus({ lead_email: "nope", interest_value: 1 }));
    assert.equal(bad.name, "ValidationError");
  });

  test("move returns a BackgroundJob that backgroundJobs.get follows to success", async () => {
    const from = await client.campaigns.create(campaignParams("from"));
    const to = await client.campaigns.create(campaignParams("to"));
    await client.leads.bulkAdd({ campaign_id: from.id, leads: [{ email: "a@example.com" }, { email: "b@example.com" }] });
    const job = await client.leads.move({ campaign: from.id, to_campaign_id: to.id });
    assert.match(job.id, /^[0-9a-f]{24}$/);
    assert.equal(job.type, "move-leads");
    assert.ok(["pending", "in-progress", "success"].includes(job.status));
    const done = await eventually(async () => {
      const j = await client.backgroundJobs.get(job.id);
      return j.status === "success" && j;
    }, "job success");
    assert.equal(done.progress, 100);
    const withData = await client.backgroundJobs.get(job.id, { data_fields: "moved_lead_emails" });
    assert.deepEqual([...withData.data.moved_lead_emails].sort(), ["a@example.com", "b@example.com"]);
    const [req] = await fake.requests(`/api/v2/background-jobs/${job.id}*`).then((l) => l.filter((r) => r.query.data_fields));
    assert.equal(req.query.data_fields, "moved_lead_emails");
    const moved = await client.leads.list({ campaign: to.id });
    assert.equal(moved.items.length, 2);

    for (const params of [{ campaign: from.id }, { campaign: from.id, to_campaign_id: to.id, to_list_id: ZERO_UUID }, { campaign_id: from.id, to_campaign_id: to.id }]) {
      assert.equal((await rejection(client.leads.move(params))).name, "ValidationError", JSON.stringify(params));
    }
    assert.equal((await rejection(client.backgroundJobs.get("not-an-object-id/x"))).name, "ValidationError");
  });

  test("retry safety per route: list and updateInterestStatus retried, create/bulkAdd/move not", async () => {
    const retrying = clientFor(fake, { maxRetries: 2 });
    const camp = await retrying.campaigns.create(campaignParams());
    const to = await retrying.campaigns.create(campaignParams("to"));
    const fault = (path) => fake.fault({ method: "POST", path, fault: { type: "status", status: 503, retry_after: "0" } });

    await fault("/api/v2/leads/list");
    assert.deepEqual((await retrying.leads.list()).items, []);
    await fault("/api/v2/leads/update-interest-status");
    await retrying.leads.updateInterestStatus({ lead_email: "a@example.com", interest_value: 1 });

    for (const [path, call] of [
      ["/api/v2/leads", () => retrying.leads.create({ email: "a@example.com" })],
      ["/api/v2/leads/add", () => retrying.leads.bulkAdd({ campaign_id: camp.id, leads: [{ email: "a@example.com" }] })],
      ["/api/v2/leads/move", () => retrying.leads.move({ campaign: camp.id, to_campaign_id: to.id })],
    ]) {
      await fault(path);
      const e = await rejection(call());
      assert.equal(e.status, 503, path);
    }
    const counts = {};
    for (const r of await fake.requests("/api/v2/leads*")) counts[r.path] = (counts[r.path] ?? 0) + 1;
    assert.deepEqual(counts, {
      "/api/v2/leads/list": 2,
      "/api/v2/leads/update-interest-status": 2,
      "/api/v2/leads": 1,
      "/api/v2/leads/add": 1,
      "/api/v2/leads/move": 1,
    });
  });
});

describe("leadLists", () => {
  test("create, list, get, update (null clears), delete", async () => {
    const a = await client.leadLists.create({ name: "Alpha", has_enrichment_task: true });
    const b = await client.leadLists.create({ name: "Beta" });
    assert.equal(a.name, "Alpha");
    assert.match(a.organization_id, /^[0-9a-f-]{36}$/);
    const page = await client.leadLists.list({ limit: 1 });
    assert.equal(page.items.length, 1);
    const rest = await client.leadLists.list({ limit: 10, starting_after: page.next_starting_after });
    assert.deepEqual([...page.items, ...rest.items].map((l) => l.id).sort(), [a.id, b.id].sort());
    assert.deepEqual((await client.leadLists.list({ search: "alp" })).items.map((l) => l.id), [a.id]);
    assert.equal((await client.leadLists.get(b.id)).name, "Beta");
    const renamed = await client.leadLists.update(a.id, { name: "Alpha 2", has_enrichment_task: null });
    assert.equal(renamed.name, "Alpha 2");
    const patch = (await fake.requests(`/api/v2/lead-lists/${a.id}`)).find((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { name: "Alpha 2", has_enrichment_task: null });
    assert.equal((await client.leadLists.delete(a.id)).id, a.id);
    assert.deepEqual((await fake.state()).lead_lists.map((l) => l.id), [b.id]);
    assert.equal((await rejection(client.leadLists.create({ nme: "typo" }))).name, "ValidationError");
  });
});
