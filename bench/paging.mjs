// Paging benchmark: seeds one lead list with N leads in fake-instantly, then walks them with
// the built package (`for await` over `client.leads.listAll({ list_id, limit: 100 })`, the
// client's limiter on at its default 100 requests/s, the fake enforcing 100/s and 6,000/min)
// and prints the total time against the rate-limit floor, the requests and 429s, and the fake's
// own time to answer one 100-lead page (p50/p95, from `duration_ms` in its request log).
//
//   node bench/paging.mjs [--leads 100000]
//
// Runs against target/release/fake-instantly (`cargo build --release -p fake-instantly`), or
// $FAKE_INSTANTLY_BIN, and the package in pkg/ linked as node_modules/instantly-wasm
// (`scripts/build-pkg.sh`; bench/run.mjs links it). bench/run.mjs calls `benchPaging` with its
// own fake.

import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PAGE = 100;
const SEED_CHUNK = 1000;
const SEED_IN_FLIGHT = 4;

async function api(fake, method, route, body) {
  const res = await fetch(`${fake.url}/api/v2${route}`, {
    method,
    headers: { authorization: `Bearer ${fake.key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** `q`-quantile of `values` (nearest rank). */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Adds `n` leads to a new list through `POST /leads/add` (1,000 per request, 4 in flight,
 * rate limits off while seeding); returns the list id. */
async function seedList(fake, n) {
  await fake.config({ rate_per_second: 0, rate_per_minute: 0 });
  const list = (await api(fake, "POST", "/lead-lists", { name: `paging bench ${n}` })).id;
  const chunks = [];
  for (let start = 0; start < n; start += SEED_CHUNK) chunks.push(start);
  const worker = async () => {
    for (let start = chunks.shift(); start !== undefined; start = chunks.shift()) {
      const leads = [];
      for (let i = start; i < Math.min(n, start + SEED_CHUNK); i++) {
        leads.push({ email: `paging${i}@bench.example.com`, first_name: `Lead${i}`, company_name: "Paging Co" });
      }
      const r = await api(fake, "POST", "/leads/add", { list_id: list, leads });
      if (r.leads_uploaded !== leads.length) throw new Error(`seeding uploaded ${r.leads_uploaded} of ${leads.length}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_IN_FLIGHT }, worker));
  return list;
}

/**
 * Seeds a list of `leads` leads in `fake` (a running fake-instantly: `{ url, key, config(),
 * control() }` as tests/js/helpers/fake.mjs starts it) and pages it with the package.
 * Returns `{ leads, seen, totalMs, floorMs, requests, rateLimited, pageP50Ms, pageP95Ms,
 * seedMs }`: `floorMs` is what the requests cost at 100/s; the page times are the fake's own
 * (`duration_ms` of the `/leads/list` requests in its log).
 */
export async function benchPaging(fake, { leads = 100_000, log = () => {} } = {}) {
  const { InstantlyClient } = await import("instantly-wasm");
  log(`seeding ${leads.toLocaleString("en")} leads`);
  const s0 = performance.now();
  const listId = await seedList(fake, leads);
  const seedMs = performance.now() - s0;
  await fake.config({ rate_per_second: 100, rate_per_minute: 6000 });
  await fake.control("DELETE", "/requests");

  const counts = { requests: 0, rateLimited: 0 };
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (...a) => {
    counts.requests++;
    const res = await realFetch(...a);
    if (res.status === 429) counts.rateLimited++;
    return res;
  };
  log("paging");
  let seen = 0;
  const t0 = performance.now();
  try {
    const client = new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url });
    for await (const lead of client.leads.listAll({ list_id: listId, limit: PAGE })) {
      if (!lead.email) throw new Error("a lead without email");
      seen++;
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  const totalMs = performance.now() - t0;
  if (seen !== leads) throw new Error(`paged ${seen} leads of ${leads}`);

  const logged = await fake.control("GET", `/requests?path=${encodeURIComponent("/api/v2/leads/list")}`);
  const pageTimes = logged.filter((r) => r.status === 200 && typeof r.duration_ms === "number").map((r) => r.duration_ms);
  if (pageTimes.length === 0) throw new Error("the fake logged no /leads/list durations");
  return {
    leads,
    seen,
    totalMs,
    floorMs: (counts.requests / 100) * 1000,
    requests: counts.requests,
    rateLimited: counts.rateLimited,
    pageP50Ms: quantile(pageTimes, 0.5),
    pageP95Ms: quantile(pageTimes, 0.95),
    pagesTimed: pageTimes.length,
    seedMs,
  };
}

/** The result as lines of text. */
export function formatPaging(r) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `paging ${r.leads.toLocaleString("en")} leads (leads.listAll, limit ${PAGE}, client limiter on, fake at 100/s):`,
    `  total time        ${s(r.totalMs)}`,
    `  rate-limit floor  ${s(r.floorMs)} (${r.requests} requests at 100/s)`,
    `  requests          ${r.requests}`,
    `  429 answers       ${r.rateLimited}`,
    `  fake, 100-lead page: p50 ${r.pageP50Ms.toFixed(2)} ms, p95 ${r.pageP95Ms.toFixed(2)} ms (${r.pagesTimed} pages)`,
    `  (seeding took ${s(r.seedMs)})`,
  ].join("\n");
}

async function main() {
  const at = process.argv.indexOf("--leads");
  const leads = at > 0 ? Number(process.argv[at + 1]) : 100_000;
  if (!Number.isInteger(leads) || leads <= 0) throw new Error("--leads takes a positive integer");
  if (!process.env.FAKE_INSTANTLY_BIN) {
    const release = path.join(ROOT, "target/release/fake-instantly");
    if (!existsSync(release)) throw new Error(`${release} is missing: cargo build --release -p fake-instantly (or set FAKE_INSTANTLY_BIN)`);
    process.env.FAKE_INSTANTLY_BIN = release;
  }
  if (!existsSync(path.join(ROOT, "node_modules/instantly-wasm"))) {
    throw new Error("node_modules/instantly-wasm is missing: run scripts/build-pkg.sh and link pkg/ (bench/run.mjs does)");
  }
  const { startFake } = await import("../tests/js/helpers/fake.mjs");
  const fake = await startFake({ ratePerSecond: 0, ratePerMinute: 0 });
  try {
    const r = await benchPaging(fake, { leads, log: (m) => console.error("[paging]", m) });
    console.log(formatPaging(r));
  } finally {
    await fake.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await main();
}
