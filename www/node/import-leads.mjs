// Working at volume: a CSV file into a lead list with leads.import, then every lead moved to a
// new campaign (a background job, awaited), then the campaign's leads walked with for await.
//
//   node www/node/import-leads.mjs www/node/leads.sample.csv http://127.0.0.1:8787   # fake-instantly
//   INSTANTLY_API_KEY=... node www/node/import-leads.mjs leads.csv                   # the real API
//
// Ctrl-C during the import stops it: chunks not yet sent are reported as failed (aborted).
import { readFileSync } from "node:fs";
import { InstantlyClient, parseLeadsCsv } from "instantly-wasm";

const [csvPath, baseArg] = process.argv.slice(2);
const baseUrl = baseArg || process.env.INSTANTLY_BASE_URL || "https://api.instantly.ai";
const apiKey = process.env.INSTANTLY_API_KEY || "fake-instantly-test-key";
const client = new InstantlyClient({ apiKey, baseUrl });

// 1. Read the CSV: header names map to lead fields, other columns become custom variables.
const csv = parseLeadsCsv(readFileSync(csvPath, "utf8"));
for (const p of csv.problems) console.log(`line ${p.line} skipped: ${p.message}`);

// 2. Import into a new list: checked locally, de-duplicated, sent in chunks of up to 1,000
//    under the rate limiter; the report accounts for every row.
const list = await client.leadLists.create({ name: `Import of ${csvPath}` });
const stop = new AbortController();
process.once("SIGINT", () => stop.abort());
const report = await client.leads.import(csv.leads, {
  list_id: list.id,
  signal: stop.signal,
  onProgress: (p) => console.log(`imported ${p.processed}/${p.total} (${p.created} created, ${p.failed} failed)`),
});
const line = (index) => csv.lines[index];
console.log(`created ${report.created.length}, already there ${report.not_created.length}, rejected ${report.rejected.length}, failed ${report.failed.length}`);
for (const r of report.rejected) console.log(`line ${line(r.index)} rejected: ${r.reason}`);
for (const f of report.failed) console.log(`line ${line(f.index)} failed: ${f.error.code}${f.maybe_created ? " (may have been created)" : ""}`);

// 3. Move the list's leads to a new campaign: the API answers with a background job.
const campaign = await client.campaigns.create({
  name: "Imported leads",
  campaign_schedule: {
    schedules: [{
      name: "Weekdays",
      timing: { from: "09:00", to: "17:00" },
      days: { "1": true, "2": true, "3": true, "4": true, "5": true },
      timezone: "America/Chicago",
    }],
  },
});
const job = await client.leads.move({ list_id: list.id, to_campaign_id: campaign.id });
const done = await client.backgroundJobs.wait(job, {
  intervalMs: 500,
  timeoutMs: 120_000,
  onProgress: (j) => console.log(`move: ${j.status} ${j.progress}%`),
});
console.log(`move ${done.status}`);

// 4. Walk every lead of the campaign, one page in memory at a time.
for await (const lead of client.leads.listAll({ campaign: campaign.id, limit: 100 })) {
  console.log(`- ${lead.email} (${lead.company_name ?? "no company"})`);
}
