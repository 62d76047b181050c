// leads.import through the built package against fake-instantly: a few thousand leads with
// injected faults (500s, a dropped connection after the server acted, a response slower than
// the timeout after the server acted, 429s) accounting for every row exactly once and creating
// no duplicate; abort; and CSV text to a report mapped back to lines.

import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { parseLeadsCsv } from "instantly-wasm";
import { startFake } from "./helpers/fake.mjs";
import { campaignParams, clientFor, rejection } from "./helpers/fixtures.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());
beforeEach(() => fake.reset());

/** Asserts that every input index appears exactly once in the report. */
function assertEveryRowOnce(report) {
  const all = [
    ...report.created.map((x) => x.index),
    ...report.rejected.map((x) => x.index),
    ...report.not_created.map((x) => x.index),
    ...report.failed.map((x) => x.index),
  ];
  assert.equal(all.length, report.total, "every row reported");
  assert.equal(new Set(all).size, report.total, "no row reported twice");
  assert.ok(all.every((i) => Number.isInteger(i) && i >= 0 && i < report.total));
}

const leadsAdd = "/api/v2/leads/add";

test("a few thousand leads through 500s, drops, slow answers and 429s: every row once, no duplicate", async () => {
  const client = clientFor(fake, { timeoutMs: 1500, maxRetries: 3 });
  const campaign = await client.campaigns.create(campaignParams("import target"));
  // Leads already in the campaign come back as duplicated (not created).
  await client.leads.bulkAdd({ campaign_id: campaign.id, leads: [{ email: "lead7@example.com" }, { email: "lead1500@example.com" }] });

  const input = [];
  for (let i = 0; i < 3000; i++) input.push({ email: `lead${i}@example.com`, first_name: `L${i}`, custom_variables: { row: i } });
  input[10] = { email: "not an email" };
  input[11] = { first_name: "no email" };
  input[12] = { email: "LEAD0@EXAMPLE.COM" };

  await fake.fault({ method: "POST", path: leadsAdd, count: 1, when: "before", fault: { type: "status", status: 500 } });
  await fake.fault({ method: "POST", path: leadsAdd, count: 1, when: "after", fault: { type: "drop" } });
  await fake.fault({ method: "POST", path: leadsAdd, count: 1, when: "after", fault: { type: "delay", ms: 2500 } });
  await fake.fault({ method: "POST", path: leadsAdd, count: 2, when: "before", fault: { type: "status", status: 429, retry_after: "0.2" } });
  await fake.fault({ method: "POST", path: leadsAdd, count: 1, when: "after", fault: { type: "status", status: 502 } });

  const progress = [];
  const report = await client.leads.import(input, {
    campaign_id: campaign.id,
    chunkSize: 250,
    concurrency: 4,
    onProgress: (p) => progress.push(p),
  });
  assertEveryRowOnce(report);
  assert.deepEqual(report.rejected.map((r) => r.index), [10, 11, 12]);
  assert.match(report.rejected[2].reason, /same email as leads\[0\]/);
  assert.equal(report.failed.length, 0, JSON.stringify(report.failed.slice(0, 2)));
  assert.ok(report.resent_chunks >= 3, `resent ${report.resent_chunks}`);

  const state = await fake.state();
  const inCampaign = state.leads.filter((l) => l.campaign === campaign.id);
  const emails = inCampaign.map((l) => l.email.toLowerCase());
  assert.equal(new Set(emails).size, emails.length, "no lead was created twice");
  assert.equal(emails.length, 2997, "every valid, distinct row is in the campaign");
  const byId = new Map(inCampaign.map((l) => [l.id, l.email]));
  for (const c of report.created) assert.equal(byId.get(c.id), input[c.index].email, `row ${c.index}`);
  // Rows not created by this import: the two pre-existing leads, plus rows of chunks whose
  // first attempt was processed but unanswered (maybe_created).
  for (const n of report.not_created) {
    assert.ok(n.maybe_created || n.index === 7 || n.index === 1500, `row ${n.index}`);
  }
  assert.ok(report.server_counts.duplicated >= 2);
  assert.equal(progress.at(-1).processed, 3000);
  assert.equal(progress.at(-1).total, 3000);

  const log = await fake.requests(leadsAdd);
  assert.ok(log.every((r) => r.body.leads.length <= 250));
  assert.ok(log.every((r) => r.body.skip_if_in_campaign === undefined), "re-sends use the same options");
});

test("abort stops unsent chunks; the report still accounts for every row", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "abort" });
  const input = Array.from({ length: 2000 }, (_, i) => ({ email: `a${i}@example.com` }));
  const controller = new AbortController();
  const report = await client.leads.import(input, {
    list_id: list.id,
    chunkSize: 500,
    concurrency: 1,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  assertEveryRowOnce(report);
  assert.equal(report.created.length, 500);
  assert.equal(report.failed.length, 1500);
  assert.ok(report.failed.every((f) => f.error.code === "aborted" && f.error.name === "AbortError"));
  assert.equal((await fake.requests(leadsAdd)).length, 1);
});

test("CSV text to an import report mapped back to lines", async () => {
  const client = clientFor(fake);
  const list = await client.leadLists.create({ name: "from csv" });
  const csv = "\ufeffEmail,First Name,Company,Plan\r\nann@example.com,Ann,\"Acme, Inc.\",gold\r\nbad,Bob,,\r\n\"cat@example.com\",Cat,,\"multi\nline\"\r\nann@example.com,Ann again,,\r\nx@example.com,too,many,fields,here\r\n";
  const parsed = parseLeadsCsv(csv);
  assert.deepEqual(parsed.lines, [2, 3, 4, 6]);
  assert.deepEqual(parsed.problems.map((p) => p.line), [7]);
  assert.deepEqual(parsed.leads[0].custom_variables, { Plan: "gold" });
  assert.equal(parsed.leads[0].company_name, "Acme, Inc.");
  const report = await client.leads.import(parsed.leads, { list_id: list.id });
  assertEveryRowOnce(report);
  const lineOf = (i) => parsed.lines[i];
  assert.deepEqual(report.created.map((c) => lineOf(c.index)), [2, 4]);
  assert.deepEqual(report.rejected.map((r) => lineOf(r.index)), [3, 6]);
  const state = await fake.state();
  const cat = state.leads.find((l) => l.email === "cat@example.com");
  assert.equal(cat.payload?.Plan ?? cat.custom_variables?.Plan, "multi\nline");
});

test("bad options and non-lead input reject before anything is sent", async () => {
  const client = clientFor(fake);
  const e1 = await rejection(client.leads.import([{ email: "a@example.com" }], {}));
  assert.equal(e1.name, "ValidationError");
  const e2 = await rejection(client.leads.import([{ emial: "a@example.com" }], { list_id: "019ffad2-53a3-7590-935f-b491178cb297" }));
  assert.match(e2.field, /emial/);
  const e3 = await rejection(client.leads.import("a@example.com", { list_id: "019ffad2-53a3-7590-935f-b491178cb297" }));
  assert.equal(e3.field, "leads");
  const e4 = await rejection(client.leads.import([], { list_id: "019ffad2-53a3-7590-935f-b491178cb297", chunkSize: 5000 }));
  assert.equal(e4.field, "chunkSize");
  const e5 = await rejection(client.leads.import([], { list_id: "019ffad2-53a3-7590-935f-b491178cb297", concurency: 2 }));
  assert.equal(e5.field, "concurency");
  assert.equal((await fake.requests(leadsAdd)).length, 0);
  assert.throws(() => parseLeadsCsv(""), (e) => e.name === "ValidationError" && e.field === "csv");
});
