// Micro-benchmark of `leads.import`'s own work per lead, with the global fetch stubbed to answer
// every bulk add at once (no network, no rate limit): µs per lead of `leads.import` against the
// same chunks of 1,000 posted by plain `fetch` + `JSON.stringify`, both paying the same stub
// (which parses each request and answers the created leads). Median of 5 runs after a warm-up.
// Needs pkg/ (scripts/build-pkg.sh).
//
//   node bench/import.mjs [leads per run]

import { InstantlyClient } from "instantly-wasm";
import { importLeads, stubBulkAdd } from "./stub-page.mjs";

const n = Number(process.argv[2] ?? 20_000);
const LIST = "0190b5a0-0000-7000-8000-000000100000";
const leads = importLeads(n);
const stub = stubBulkAdd();

const client = new InstantlyClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1", rateLimit: false, maxRetries: 0 });

const ways = {
  "leads.import": async () => {
    const report = await client.leads.import(leads, { list_id: LIST, report: "summary" });
    if (report.server_counts.uploaded !== n) throw new Error(`imported ${report.server_counts.uploaded} of ${n}`);
  },
  "plain fetch, chunks of 1,000, 4 in flight": async () => {
    let next = 0;
    let uploaded = 0;
    const worker = async () => {
      while (next < n) {
        const chunk = leads.slice(next, (next += 1000));
        const res = await fetch("http://127.0.0.1:1/api/v2/leads/add", {
          method: "POST",
          headers: { authorization: "Bearer k", "content-type": "application/json" },
          body: JSON.stringify({ list_id: LIST, leads: chunk }),
        });
        const answer = await res.json();
        uploaded += answer.leads_uploaded;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (uploaded !== n) throw new Error(`posted ${uploaded} of ${n}`);
  },
};

const perLead = {};
for (const [name, f] of Object.entries(ways)) {
  await f();
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    await f();
    runs.push(((performance.now() - t0) / n) * 1000);
  }
  perLead[name] = runs.sort((a, b) => a - b)[2];
}
const base = perLead["plain fetch, chunks of 1,000, 4 in flight"];
console.log(`µs per lead (${n} leads per run, median of 5; fetch stubbed, ${stub.requests} requests in all)`);
for (const [name, us] of Object.entries(perLead)) console.log(`${name.padEnd(44)} ${us.toFixed(2).padStart(7)}  ${(us / base).toFixed(2)}×`);
