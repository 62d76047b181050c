// Two builds of the package timed against each other: `leads.list` with fetch stubbed to answer
// a page of `n` leads (default 100; 0 for the fixed per-call cost), interleaved rounds of 50 calls
// in alternating order after a warm-up, median round; or, with `import`, `leads.import` of 2,000
// leads with fetch stubbed to answer every chunk (µs per lead). Both builds share a process, so
// the machine's drift hits them alike; use it to tell whether a change moved a cost when whole
// runs of bench/run.mjs vary more than that. The build loaded second can run faster or slower
// for that alone (up to 17 % on an empty page, with two copies of one build), so each
// comparison runs in four processes, two loading A first and two loading B first, and the
// verdict is the geometric mean of their B/A ratios.
// A second build: `git worktree add /tmp/base <rev>` and `scripts/build-pkg.sh` there.
// Usage: node bench/ab.mjs <pkg dir A> <pkg dir B> [n | import]
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LIST, importLeads, leadPage, stubBulkAdd, stubFetch } from "./stub-page.mjs";

const child = process.argv[2] === "--child";
const [dirA, dirB, nText] = process.argv.slice(child ? 3 : 2);
if (!dirA || !dirB) {
  console.error("usage: node bench/ab.mjs <pkg dir A> <pkg dir B> [n | import]");
  process.exit(2);
}

if (!child) {
  // Each order twice; a child loads its first directory first and prints its two medians.
  const runs = [];
  for (const swapped of [false, true, false, true]) {
    const dirs = swapped ? [dirB, dirA] : [dirA, dirB];
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", ...dirs, ...(nText ? [nText] : [])], { encoding: "utf8" });
    const { what, unit, first, second } = JSON.parse(out);
    const [a, b] = swapped ? [second, first] : [first, second];
    runs.push({ what, unit, a, b, swapped });
    console.log(`${what}, ${swapped ? "B" : "A"} loaded first: A ${a.toFixed(2)} ${unit}, B ${b.toFixed(2)} ${unit}, B/A ${(b / a).toFixed(3)}`);
  }
  const mean = Math.exp(runs.reduce((sum, r) => sum + Math.log(r.b / r.a), 0) / runs.length);
  console.log(`${runs[0].what}: B/A ${mean.toFixed(3)} (geometric mean of the four)`);
  process.exit(0);
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
  const what = `leads.import of ${leads.length} leads`;
  console.log(JSON.stringify({ what, unit: "µs per lead", first: median(times.A), second: median(times.B) }));
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
const what = `page of ${n} leads (${(bytes.length / 1024).toFixed(1)} KiB)`;
console.log(JSON.stringify({ what, unit: "µs per call", first: median(times.A), second: median(times.B) }));
