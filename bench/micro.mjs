// Micro-benchmark of the per-call path with a stubbed global fetch (no network): µs per call of
// this package, openapi-fetch and plain fetch + JSON.parse, for a tiny body and a ~100 KB page of
// 100 leads, plus a call whose fetch rejects and a validation error. Needs pkg/ (scripts/build-pkg.sh).
//
//   node bench/micro.mjs [iterations]

import { performance } from "node:perf_hooks";
import createOpenapiClient from "openapi-fetch";
import { InstantlyClient } from "instantly-wasm";

const n = Number(process.argv[2] ?? 5000);
const baseUrl = "http://127.0.0.1:1";
const apiKey = "micro-bench-key";
const listId = "0190f1b6-5f3a-7c1e-9a2b-3c4d5e6f7a8b";

const tiny = new TextEncoder().encode(JSON.stringify({ items: [], next_starting_after: null }));
const lead = (i) => ({
  id: `0190f1b6-5f3a-7c1e-9a2b-${String(i).padStart(12, "0")}`,
  timestamp_created: "2026-01-01T00:00:00.000Z",
  timestamp_updated: "2026-01-02T00:00:00.000Z",
  organization: "0190f1b6-5f3a-7c1e-9a2b-3c4d5e6f7a8b",
  status: 1,
  email: `lead${i}@example.com`,
  first_name: `First${i}`,
  last_name: `Last${i}`,
  company_name: `Company ${i} Inc.`,
  website: `https://company${i}.example.com`,
  phone: "+1 555 0100",
  personalization: "Loved your talk about scaling outbound ".repeat(4),
  payload: { role: "CTO", city: "Lisbon", notes: "x".repeat(300) },
  email_open_count: i % 7,
  email_reply_count: i % 3,
  email_click_count: 0,
  lt_interest_status: 1,
  list_id: listId,
});
const page = new TextEncoder().encode(
  JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => lead(i)), next_starting_after: "x" }),
);

let body = tiny;
let reject = false;
globalThis.fetch = async () => {
  if (reject) throw new TypeError("fetch failed");
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
};

const client = new InstantlyClient({ apiKey, baseUrl, rateLimit: false, maxRetries: 0 });
const peer = createOpenapiClient({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });

async function time(f) {
  for (let i = 0; i < Math.min(500, n); i++) await f();
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n / 5; i++) await f();
    runs.push(((performance.now() - t0) / (n / 5)) * 1000);
  }
  runs.sort((a, b) => a - b);
  return runs[2];
}

const ours = () => client.leads.list({ list_id: listId, limit: 100 });
const openapi = () => peer.POST("/api/v2/leads/list", { body: { list_id: listId, limit: 100 } });
const plain = () =>
  fetch(`${baseUrl}/api/v2/leads/list`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ list_id: listId, limit: 100 }),
  })
    .then((r) => r.text())
    .then((t) => JSON.parse(t));

const rows = [];
for (const [name, b] of [["tiny body", tiny], [`${(page.length / 1024).toFixed(0)} KB page`, page]]) {
  body = b;
  rows.push([name, await time(ours), await time(openapi), await time(plain)]);
}
body = tiny;
reject = true;
const rejected = await time(() => ours().catch(() => {}));
reject = false;
const invalid = await time(() => client.leads.list({ limit: "x" }).catch(() => {}));

const f = (x) => x.toFixed(1).padStart(8);
console.log(`µs per call (median of 5 runs of ${n / 5}; stubbed fetch)`);
console.log("                 ours  openapi    plain   ours/plain");
for (const [name, o, a, p] of rows) console.log(`${name.padEnd(12)} ${f(o)} ${f(a)} ${f(p)}   ${(o / p).toFixed(2)}×`);
console.log(`fetch rejects ${f(rejected)}`);
console.log(`validation    ${f(invalid)}`);
