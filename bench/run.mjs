// Benchmarks of instantly-wasm (not part of CI). Builds the release package and a release
// fake-instantly, then prints Markdown tables: package size, cold start, per-call overhead vs
// plain fetch and openapi-fetch, decode cost of a 100-lead page, bulk import of 10,000 and
// 100,000 leads, paginating 100,000 leads with `for await`, and streaming imports of 100,000 and
// 1,000,000 leads against plain fetch.
//
//   node bench/run.mjs            # build, then measure (several minutes)
//   node bench/run.mjs --no-build # reuse pkg/ and target/release/fake-instantly
//   node bench/run.mjs --quick    # only size, cold start, per-call overhead and decode (a minute)
//
// Every heavy phase runs in its own Node process (bench/phases.mjs) so its peak memory is its own.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, lstatSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "../scripts/sizes.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = !process.argv.includes("--no-build");
const quick = process.argv.includes("--quick");
const FAKE = path.join(ROOT, "target/release/fake-instantly");
const PKG = path.join(ROOT, "pkg");

const log = (...a) => console.error("[bench]", ...a);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });

if (build) {
  log("building the release package (scripts/build-pkg.sh) and a release fake-instantly");
  run("scripts/build-pkg.sh", []);
  run("cargo", ["build", "--release", "--quiet", "-p", "fake-instantly"]);
}
for (const f of [FAKE, path.join(PKG, "instantly_wasm_bg.wasm")]) {
  if (!existsSync(f)) throw new Error(`${f} is missing: run without --no-build`);
}
mkdirSync(path.join(ROOT, "node_modules"), { recursive: true });
const link = path.join(ROOT, "node_modules/instantly-wasm");
if (!existsSync(link)) {
  try {
    lstatSync(link);
  } catch {
    symlinkSync("../pkg", link);
  }
}
process.env.FAKE_INSTANTLY_BIN = FAKE;
const { startFake } = await import("../tests/js/helpers/fake.mjs");

// ---- helpers -------------------------------------------------------------------------------

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const ms = (n) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

function phase(name, fake, ...args) {
  const r = spawnSync(process.execPath, ["--expose-gc", path.join(ROOT, "bench/phases.mjs"), name, fake.url, fake.key, ...args.map(String)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`phase ${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

async function api(fake, method, route, body) {
  const res = await fetch(`${fake.url}/api/v2${route}`, {
    method,
    headers: { authorization: `Bearer ${fake.key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

const newList = async (fake, name) => (await api(fake, "POST", "/lead-lists", { name })).id;

// ---- machine -------------------------------------------------------------------------------

const rustc = (() => {
  try {
    return execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return "rustc ?";
  }
})();
const cpus = os.cpus();
const machine = `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length}, ${mb(os.totalmem())} RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${rustc}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`;

// ---- 1. package size -----------------------------------------------------------------------

const sizes = measure(PKG);
// The peer a TypeScript user would pick: openapi-fetch's runtime (its types from openapi-typescript
// weigh nothing at run time), minified as its package ships it.
const { gzipSync } = await import("node:zlib");
const { readFileSync } = await import("node:fs");
const peerJs = readFileSync(path.join(ROOT, "node_modules/openapi-fetch/dist/index.mjs"));
const peerGzip = gzipSync(peerJs, { level: 9 }).length;
const sizeRows = [
  ...sizes.files.map((f) => [
    { "node.js": "JS: entry, glue, transport and generated client, one module (node.js)" }[f.name] ?? "wasm module",
    kb(f.raw),
    kb(f.gzip),
    kb(f.brotli),
  ]),
  ...sizes.entries
    .filter((e) => !e.name.startsWith("deno") && !e.name.startsWith("./web"))
    .map((e) => [`entry \`${e.name.match(/\((.+)\)/)[1]}\` + wasm`, kb(e.raw), kb(e.gzip), kb(e.brotli)]),
];

// ---- 2. cold start ---------------------------------------------------------------------------

log("cold start");
const cold = [];
for (let i = 0; i < 15; i++) cold.push(phase("cold", { url: "http://127.0.0.1:1", key: "k" }));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const coldImport = median(cold.map((c) => c.importMs));
const coldClient = median(cold.map((c) => c.firstClientMs));
const coldCall = median(cold.map((c) => c.firstCallMs));

// ---- 3. per-call overhead and decode cost (no rate limits anywhere) ------------------------

const fake = await startFake({ ratePerSecond: 0, ratePerMinute: 0 });
try {
  log("per-call overhead");
  const pageList = await newList(fake, "bench page");
  const hundred = Array.from({ length: 100 }, (_, i) => ({ email: `page${i}@example.com`, first_name: `P${i}`, company_name: "Page Co" }));
  await api(fake, "POST", "/leads/add", { list_id: pageList, leads: hundred });
  // 1,200 calls a way (120 rounds): a call is about 2 ms of loopback, and the median of 30
  // rounds moved with the machine (five runs of 300 calls on one machine: 1.03–1.23 for the
  // client, 1.04–1.15 for openapi-fetch; five of 1,200: 1.08–1.14 and 1.13–1.22).
  const overhead = phase("overhead", fake, pageList, 1200);
  const decode = phase("decode", fake, pageList);

  // ---- 4. bulk import and pagination, at the API's limits (100/s, 6,000/min) ---------------

  const imports = [];
  const streams = [];
  let pages;
  if (!quick) {
    let bigList;
    await fake.config({ rate_per_second: 100, rate_per_minute: 6000 });
    for (const n of [10_000, 100_000]) {
      log(`import ${n}`);
      const list = await newList(fake, `bench import ${n}`);
      if (n === 100_000) bigList = list;
      imports.push(phase("import", fake, list, n));
    }
    log("paginate 100000");
    pages = phase("paginate", fake, bigList, 100_000);
    for (const n of [100_000, 1_000_000]) {
      log(`stream import ${n} (and plain fetch posting the same chunks)`);
      // Each into an empty fake: one that holds the leads of the phases before works slower.
      const fresh = async (name) => {
        await fake.reset();
        await fake.config({ rate_per_second: 100, rate_per_minute: 6000 });
        return newList(fake, name);
      };
      // Twice each, in the order ours, plain, plain, ours, and the faster run of each counts:
      // the first run of a size after the fake started or held fewer leads waits while the
      // fake's memory grows (a 1,000,000-lead import took 50.7 s first and 26.6 s after).
      const runs = { ours: [], base: [] };
      for (const way of ["ours", "base", "base", "ours"]) {
        const name = way === "ours" ? "streamImport" : "streamBaseline";
        runs[way].push(phase(name, fake, await fresh(`bench stream ${way} ${n}`), n));
      }
      const faster = (a, b) => (a.wallMs <= b.wallMs ? a : b);
      streams.push({ ours: faster(...runs.ours), base: faster(...runs.base), all: runs });
    }
  }

  // ---- report ------------------------------------------------------------------------------

  const out = [];
  out.push(`Machine: ${machine}.`, "");
  out.push("**Package size** (release build, wasm-opt -Oz)", "");
  out.push(table(["file", "raw", "gzip -9", "brotli 11"], sizeRows), "");
  const whole = sizes.files.reduce((n, f) => n + f.gzip, 0);
  out.push(
    table(
      ["package (gzip -9)", "operations typed", "size", "ratio"],
      [
        ["openapi-fetch 0.17 runtime (`dist/index.mjs`)", "173 (types from openapi-typescript)", kb(peerGzip), "1.0"],
        ["instantly-wasm: wasm + JS module (entry, glue, generated client)", "173, validated before sending", kb(whole), (whole / peerGzip).toFixed(1)],
      ],
    ),
    "",
  );
  out.push("**Cold start in Node** (fresh process each time, median of 15)", "");
  out.push(
    table(
      ["step", "time"],
      [
        ["`await import(\"instantly-wasm\")` (read, compile and instantiate the wasm; run the glue)", ms(coldImport)],
        ["first `new InstantlyClient(...)`", ms(coldClient)],
        ["its first `leads.list({ limit: 100 })`, fetch stubbed (the table decoded, the call path compiled)", ms(coldCall)],
      ],
    ),
    "",
  );
  out.push(`**Per-call overhead** (${overhead.n} sequential \`leads.list({ limit: 100 })\` on loopback, median of rounds of 10; limiter off)`, "");
  out.push(
    table(
      ["", "per call", "ratio"],
      [
        ["plain `fetch` + `JSON.parse` (bench/baseline.mjs)", ms(overhead.fetchMs), "1.00"],
        ["openapi-fetch 0.17 `POST(\"/api/v2/leads/list\")`", ms(overhead.openapiMs), (overhead.openapiMs / overhead.fetchMs).toFixed(2)],
        ["`client.leads.list`", ms(overhead.clientMs), (overhead.clientMs / overhead.fetchMs).toFixed(2)],
      ],
    ),
    "",
  );
  out.push(`**Decode cost of a 100-lead page** (${kb(decode.pageBytes)} of JSON, fetch stubbed to return it)`, "");
  out.push(
    table(
      ["", "per page", "ratio to JSON.parse"],
      [
        ["`JSON.parse` of the text", `${decode.parseUs.toFixed(0)} µs`, "1.00"],
        ["`Response.json()`", `${decode.responseJsonUs.toFixed(0)} µs`, (decode.responseJsonUs / decode.parseUs).toFixed(2)],
        ["plain `fetch` with a signal and a timeout, `text()`, `JSON.parse` (what a cancellable call needs)", `${decode.cancellableUs.toFixed(0)} µs`, (decode.cancellableUs / decode.parseUs).toFixed(2)],
        ["openapi-fetch `POST` (request building, fetch, `Response.json()`)", `${decode.openapiUs.toFixed(0)} µs`, (decode.openapiUs / decode.parseUs).toFixed(2)],
        ["`client.leads.list` (validation, request building, fetch, `JSON.parse` of the text)", `${decode.clientUs.toFixed(0)} µs`, (decode.clientUs / decode.parseUs).toFixed(2)],
      ],
    ),
    "",
  );
  const m = decode.marginal;
  out.push(
    "**What the page's content adds** (each way's time with the 100-lead page minus its time with an empty page; fetch stubbed with a bare answer whose `text()` gives the text, so the runtime's reading of a `Response` body and the fixed cost of a call are in neither figure)",
    "",
  );
  out.push(
    table(
      ["", "100-lead page", "empty page", "added by the page", "ratio to JSON.parse"],
      [
        ["`JSON.parse` of the text", "parse"],
        ["plain `fetch` with a signal and a timeout, `text()`, `JSON.parse`", "cancellable"],
        ["openapi-fetch `POST`", "openapi"],
        ["`client.leads.list`", "client"],
      ].map(([label, key]) => [
        label,
        `${m[key].pageUs.toFixed(0)} µs`,
        `${m[key].emptyUs.toFixed(1)} µs`,
        `${m[key].addedUs.toFixed(0)} µs`,
        (m[key].addedUs / m.parse.addedUs).toFixed(2),
      ]),
    ),
    "",
  );
  if (!quick) {
    out.push("**Bulk import** (`leads.import` into a list, default options: chunks of 1,000, 4 in flight, limiter on; fake at 100/s and 6,000/min)", "");
    out.push(
      table(
        ["leads", "wall time", "floor (requests ÷ 100/s)", "requests", "429s", "created", "peak RSS", "peak JS heap", "wasm memory"],
        imports.map((r) => [
          r.n.toLocaleString("en"),
          ms(r.wallMs),
          ms((r.requests / 100) * 1000),
          r.requests,
          r.rateLimited,
          r.created.toLocaleString("en"),
          mb(r.peakRss),
          mb(r.peakHeap),
          mb(r.wasmMemory),
        ]),
      ),
      "",
    );
    out.push("**Streaming import** (`leads.import` of an async generator, `report: \"summary\"`, default options; against plain `fetch` posting the same chunks of 1,000, 4 in flight; fake at 100/s and 6,000/min; each way run twice, in the order ours, plain, plain, ours, each into an empty fake; the faster run counts, both are in brackets)", "");
    const both = (list) => list.map((r) => ms(r.wallMs)).join(", ");
    out.push(
      table(
        ["leads", "wall time", "plain fetch", "ratio", "requests", "429s", "wasm memory / RSS at each 100,000 rows", "peak RSS"],
        streams.map(({ ours, base, all }) => [
          ours.n.toLocaleString("en"),
          `${ms(ours.wallMs)} (${both(all.ours)})`,
          `${ms(base.wallMs)} (${both(all.base)})`,
          (ours.wallMs / base.wallMs).toFixed(2),
          ours.requests,
          ours.rateLimited,
          ours.marks.map((m) => `${mb(m.wasm)} / ${mb(m.rss)}`).join(", "),
          mb(ours.peakRss),
        ]),
      ),
      "",
    );
    const heapMarks = Object.entries(pages.heapAt).map(([k, v]) => `${Number(k).toLocaleString("en")}: ${mb(v)}`).join(", ");
    out.push("**Pagination** (`for await` over `leads.listAll({ list_id, limit: 100 })`, limiter on; fake at 100/s)", "");
    out.push(
      table(
        ["leads", "wall time", "of which waiting for the server", "floor (requests ÷ 100/s)", "requests", "429s", "JS heap after GC at items seen", "peak RSS", "wasm memory"],
        [[pages.n.toLocaleString("en"), ms(pages.wallMs), ms(pages.fetchMs), ms((pages.requests / 100) * 1000), pages.requests, pages.rateLimited, heapMarks, mb(pages.peakRss), mb(pages.wasmMemory)]],
      ),
      "",
    );
  }
  console.log(out.join("\n"));
} finally {
  await fake.stop();
}
