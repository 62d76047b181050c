// Two builds of the package in one Node process, timed against each other: `leads.list` with
// fetch stubbed to answer a page of `n` leads (default 100; 0 for the fixed per-call cost),
// interleaved rounds of 50 calls in alternating order after a warm-up, median round; or, with
// `import`, `leads.import` of 2,000 leads with fetch stubbed to answer every chunk (µs per
// lead). Both builds share the process, so the machine's drift hits them alike; use it to tell
// whether a change moved a cost when whole runs of bench/run.mjs vary more than that.
// A second build: `git worktree add /tmp/base <rev>` and `scripts/build-pkg.sh` there.
// Usage: node bench/ab.mjs <pkg dir A> <pkg dir B> [n | import]

import path from "node:path";
import { pathToFileURL } from "node:url";
import { LIST, importLeads, leadPage, stubBulkAdd, stubFetch } from "./stub-page.mjs";

const [dirA, dirB, nText] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error("usage: node bench/ab.mjs <pkg dir A> <pkg dir B> [n]");
  process.exit(2);
}
const load = async (dir) => (await import(pathToFileURL(path.resolve(dir, "node.js")).href)).InstantlyClient;
const [A, B] = [await load(dirA), await load(dirB)];

if (nText === "import") {
  stubBulkAdd();
  const options = { apiKey: "k", baseUrl: "http://127.0.0.1:1", rateLimit: false, maxRetries: 0 };
  const clients = { A: new A(options), B: new B(options) };
  const leads = importLeads(2000);
  const run = (c) => c.leads.import(leads, { list_id: "0190b5a0-0000-7000-8000-000000100000", report: "summary" });
  for (let i = 0; i < 5; i++) for (const c of Object.values(clients)) await run(c);
  const times = { A: [], B: [] };
  for (let round = 0; round < 30; round++) {
    for (const name of round % 2 ? ["A", "B"] : ["B", "A"]) {
      const t0 = performance.now();
      const report = await run(clients[name]);
      if (report.server_counts.uploaded !== leads.length) throw new Error("not all imported");
      times[name].push(((performance.now() - t0) / leads.length) * 1000);
    }
  }
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const [a, b] = [median(times.A), median(times.B)];
  console.log(`leads.import of ${leads.length} leads: A ${a.toFixed(2)} µs, B ${b.toFixed(2)} µs per lead, B/A ${(b / a).toFixed(3)}`);
  process.exit(0);
}

const n = Number(nText ?? 100);
const bytes = leadPage(n);
stubFetch(bytes);

const options = { apiKey: "k", baseUrl: "http://127.0.0.1:1", rateLimit: false, maxRetries: 0 };
const body = { list_id: LIST, limit: 100 };
const clients = { A: new A(options), B: new B(options) };
const call = async (c) => {
  if ((await c.leads.list(body)).items.length !== n) throw new Error("short page");
};

for (let i = 0; i < 500; i++) for (const c of Object.values(clients)) await call(c);
const times = { A: [], B: [] };
for (let round = 0; round < 60; round++) {
  const order = round % 2 ? ["A", "B"] : ["B", "A"];
  for (const name of order) {
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) await call(clients[name]);
    times[name].push(((performance.now() - t0) / 50) * 1000);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const [a, b] = [median(times.A), median(times.B)];
console.log(`page of ${n} leads (${(bytes.length / 1024).toFixed(1)} KiB): A ${a.toFixed(1)} µs, B ${b.toFixed(1)} µs per call, B/A ${(b / a).toFixed(3)}`);
