// Where the decode cost of a 100-lead page goes beyond the client's own work: one contender per
// Node process (the client, or the same call in plain JavaScript: fetch with headers, body and
// signal, `text()`, `JSON.parse`), fetch stubbed to answer a fresh copy of one ~111 KiB page,
// 500 warm-up calls, then 2,000 timed. Prints µs per call and the young- and old-generation
// collections V8 ran during the timed calls (docs/benchmarks.md). Needs pkg/ built.
// Usage: node bench/decode-gc.mjs
import { execFileSync } from "node:child_process";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

import { LIST, leadPage, stubFetch } from "./stub-page.mjs";

async function measure(way) {
  const { InstantlyClient } = await import("instantly-wasm");
  stubFetch(leadPage(100));
  const client = new InstantlyClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1", rateLimit: false, maxRetries: 0 });
  const body = { list_id: LIST, limit: 100 };
  const ways = {
    client: async () => (await client.leads.list(body)).items.length,
    plain: async () => {
      const signal = new AbortController().signal;
      const headers = { authorization: "Bearer k", "content-type": "application/json" };
      const res = await fetch("http://127.0.0.1:1/api/v2/leads/list", { method: "POST", headers, body: JSON.stringify(body), signal });
      return JSON.parse(await res.text()).items.length;
    },
  };
  const f = ways[way];
  for (let i = 0; i < 500; i++) await f();
  const gcs = { young: 0, old: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.young++;
      else gcs.old++;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if ((await f()) !== 100) throw new Error("short page");
  const us = ((performance.now() - t0) / n) * 1000;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { way, us, ...gcs };
}

if (process.argv[2]) {
  console.log(JSON.stringify(await measure(process.argv[2])));
} else {
  for (const way of ["client", "plain"]) {
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), way], { encoding: "utf8" }));
    console.log(`${way.padEnd(6)} ${r.us.toFixed(0).padStart(4)} µs per page, ${r.young} young-generation and ${r.old} other collections`);
  }
}
