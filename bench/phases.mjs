// One benchmark phase per process (so peak memory is the phase's own). Prints one JSON line.
// Usage: node bench/phases.mjs <phase> <baseUrl> <apiKey> [args...]

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import createOpenapiClient from "openapi-fetch";
import { plainLeadsList } from "./baseline.mjs";

const [phase, baseUrl, apiKey, ...args] = process.argv.slice(2);

/** Samples RSS and heap every 20 ms; `stop()` returns the peaks in bytes. */
function memorySampler() {
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** The exports of the wasm instance the Node entry loaded: its `initSync` returns that instance. */
async function wasmExports() {
  const require = createRequire(import.meta.url);
  const { initSync } = await import("instantly-wasm");
  return initSync({ module: readFileSync(require.resolve("instantly-wasm/instantly_wasm_bg.wasm")) });
}

/** The wasm linear memory size (never shrinks: it is the peak). */
async function wasmMemory() {
  return (await wasmExports()).memory.buffer.byteLength;
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** `list` starting at its item `round % length`, wrapping around. */
const rotated = (list, round) => list.map((_, i) => list[(i + round) % list.length]);

/** What any client that can time out or be cancelled does for `leads.list`: a signal, a timer,
 * the request's headers and body, `text()` and `JSON.parse`. Gives the count of items. */
async function cancellableList(body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const res = await globalThis.fetch(`${baseUrl}/api/v2/leads/list`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    return JSON.parse(await res.text()).items.length;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What each way adds for the page's content alone: its time with the 100-lead page minus its
 * time with an empty page, against the same difference for `JSON.parse` of the two texts. The
 * global fetch is stubbed with a bare answer whose `text()` and `json()` give the text as it is,
 * so the runtime's reading of a `Response` body (the same for every client, about as costly as
 * the parse itself in Node) is in neither figure, and the fixed cost of a call cancels out.
 */
async function marginalDecode(client, peer, body, page) {
  const texts = { page: JSON.stringify(page), empty: JSON.stringify({ items: [], next_starting_after: null }) };
  let text = texts.page;
  globalThis.fetch = async () => ({
    status: 200,
    ok: true,
    headers: { get: () => null },
    text: async () => text,
    json: async () => JSON.parse(text),
  });
  const ways = {
    client: async () => (await client.leads.list(body)).items.length,
    openapi: async () => (await peer.POST("/api/v2/leads/list", { body })).data.items.length,
    cancellable: () => cancellableList(body),
    parse: async () => JSON.parse(text).items.length,
  };
  const runs = Object.entries(ways).flatMap(([name, f]) => ["page", "empty"].map((kind) => [`${name}/${kind}`, kind, f]));
  const want = { page: page.items.length, empty: 0 };
  for (let i = 0; i < 300; i++) {
    for (const [, kind, f] of runs) {
      text = texts[kind];
      await f();
    }
  }
  const times = Object.fromEntries(runs.map(([key]) => [key, []]));
  for (let round = 0; round < 40; round++) {
    for (const [key, kind, f] of rotated(runs, round)) {
      text = texts[kind];
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) if ((await f()) !== want[kind]) throw new Error(`${key}: wrong page`);
      times[key].push(((performance.now() - t0) / 50) * 1000);
    }
  }
  const added = (name) => median(times[`${name}/page`]) - median(times[`${name}/empty`]);
  return Object.fromEntries(Object.keys(ways).map((name) => [name, { pageUs: median(times[`${name}/page`]), emptyUs: median(times[`${name}/empty`]), addedUs: added(name) }]));
}

/** Wraps the global fetch to count requests and 429 answers, and the time spent waiting for
 * answers (request sent → response headers: the server's share of a sequential walk). */
function countFetches() {
  const counts = { requests: 0, rateLimited: 0, fetchMs: 0 };
  const real = globalThis.fetch;
  globalThis.fetch = async (...a) => {
    counts.requests++;
    const t0 = performance.now();
    const res = await real(...a);
    counts.fetchMs += performance.now() - t0;
    if (res.status === 429) counts.rateLimited++;
    return res;
  };
  return counts;
}

const phases = {
  /** Time to load the package in Node (read, compile and instantiate the wasm, run the glue). */
  async cold() {
    // The first call answers from a stubbed fetch: its time is the client's own first run
    // (the table decoded, the wasm functions of the call path compiled), not a network's.
    const page = new TextEncoder().encode(JSON.stringify({ items: [], next_starting_after: null }));
    globalThis.fetch = async () => new Response(page, { status: 200, headers: { "content-type": "application/json" } });
    // Node loads its fetch implementation on first use (tens of milliseconds): before timing.
    await (await globalThis.fetch()).text();
    const t0 = performance.now();
    const { InstantlyClient } = await import("instantly-wasm");
    const t1 = performance.now();
    const client = new InstantlyClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1" });
    const t2 = performance.now();
    await client.leads.list({ limit: 100 });
    const t3 = performance.now();
    return { importMs: t1 - t0, firstClientMs: t2 - t1, firstCallMs: t3 - t2 };
  },

  /** N sequential leads.list({limit: 100}) through the client vs plain fetch + JSON.parse. */
  async overhead() {
    const [listId, nText] = args;
    const n = Number(nText);
    const { InstantlyClient } = await import("instantly-wasm");
    const client = new InstantlyClient({ apiKey, baseUrl, rateLimit: false, maxRetries: 0 });
    const body = { list_id: listId, limit: 100 };
    const viaClient = async () => (await client.leads.list(body)).items.length;
    const viaFetch = async () => (await plainLeadsList(baseUrl, apiKey, body)).items.length;
    const peer = createOpenapiClient({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
    const viaOpenapi = async () => (await peer.POST("/api/v2/leads/list", { body })).data.items.length;
    for (let i = 0; i < 30; i++) {
      await viaClient();
      await viaFetch();
      await viaOpenapi();
    }
    const times = { client: [], fetch: [], openapi: [] };
    // Interleaved rounds of 10, so drift in the machine's load hits all alike, in an order that
    // turns each round, so no way always runs after the same other one.
    const ways = [["client", viaClient], ["fetch", viaFetch], ["openapi", viaOpenapi]];
    for (let round = 0; round < n / 10; round++) {
      for (const [name, f] of rotated(ways, round)) {
        const t0 = performance.now();
        for (let i = 0; i < 10; i++) if ((await f()) !== 100) throw new Error("short page");
        times[name].push((performance.now() - t0) / 10);
      }
    }
    return { n, clientMs: median(times.client), fetchMs: median(times.fetch), openapiMs: median(times.openapi) };
  },

  /** Decoding one 100-lead page: the client against a stubbed fetch vs JSON.parse. */
  async decode() {
    const [listId] = args;
    const page = await plainLeadsList(baseUrl, apiKey, { list_id: listId, limit: 100 });
    const bytes = new TextEncoder().encode(JSON.stringify(page));
    const { InstantlyClient } = await import("instantly-wasm");
    const client = new InstantlyClient({ apiKey, baseUrl, rateLimit: false, maxRetries: 0 });
    globalThis.fetch = async () =>
      new Response(bytes, { status: 200, headers: { "content-type": "application/json" } });
    // openapi-fetch keeps the fetch it was created with unless given one that looks it up.
    const peer = createOpenapiClient({ baseUrl, headers: { authorization: `Bearer ${apiKey}` }, fetch: (...a) => globalThis.fetch(...a) });
    const body = { list_id: listId, limit: 100 };
    const ways = {
      client: async () => (await client.leads.list(body)).items.length,
      openapi: async () => (await peer.POST("/api/v2/leads/list", { body })).data.items.length,
      responseJson: async () => (await (await globalThis.fetch()).json()).items.length,
      cancellable: () => cancellableList(body),
      parse: async () => JSON.parse(new TextDecoder().decode(bytes)).items.length,
    };
    const pageItems = page.items.length;
    // Warm up every way (the wasm's optimizing tier and the JIT), then interleaved rounds of 50,
    // so drift in the machine's load and in the JIT hits all alike; the median round counts. The
    // order turns each round: a way that runs right after another pays for the state that one
    // left (after `parse`, Node's copies of the next body took about 90 µs longer), so each way
    // follows each other equally often.
    for (let i = 0; i < 500; i++) for (const f of Object.values(ways)) await f();
    const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
    for (let round = 0; round < 40; round++) {
      for (const [name, f] of rotated(Object.entries(ways), round)) {
        const t0 = performance.now();
        for (let i = 0; i < 50; i++) if ((await f()) !== pageItems) throw new Error(`${name}: short page`);
        times[name].push(((performance.now() - t0) / 50) * 1000);
      }
    }
    const [clientUs, openapiUs, responseJsonUs, cancellableUs, parseUs] = ["client", "openapi", "responseJson", "cancellable", "parse"].map((k) => median(times[k]));
    return { pageBytes: bytes.length, clientUs, openapiUs, responseJsonUs, cancellableUs, parseUs, marginal: await marginalDecode(client, peer, body, page) };
  },

  /** leads.import of N leads into a list, with the default limiter and options. */
  async import() {
    const [listId, nText] = args;
    const n = Number(nText);
    const { InstantlyClient } = await import("instantly-wasm");
    const leads = Array.from({ length: n }, (_, i) => ({
      email: `bench${i}@example.com`,
      first_name: `First${i}`,
      last_name: "Bench",
      company_name: "Bench Inc.",
      custom_variables: { row: i, tier: i % 3 === 0 ? "gold" : "silver" },
    }));
    const client = new InstantlyClient({ apiKey, baseUrl });
    const counts = countFetches();
    const mem = memorySampler();
    const t0 = performance.now();
    const report = await client.leads.import(leads, { list_id: listId });
    const wallMs = performance.now() - t0;
    const peak = mem.stop();
    return {
      n,
      wallMs,
      created: report.created.length,
      failed: report.failed.length,
      requests: counts.requests,
      rateLimited: counts.rateLimited,
      peakRss: peak.rss,
      peakHeap: peak.heapUsed,
      wasmMemory: await wasmMemory(),
    };
  },

  /** leads.import of N leads from an async generator (summary report), wasm memory and RSS
   * sampled at every 100,000 rows. */
  async streamImport() {
    const [listId, nText] = args;
    const n = Number(nText);
    const { InstantlyClient } = await import("instantly-wasm");
    async function* rows() {
      for (let i = 0; i < n; i++) yield { email: `stream${i}@example.com`, first_name: `S${i}`, custom_variables: { row: i } };
    }
    const client = new InstantlyClient({ apiKey, baseUrl });
    const counts = countFetches();
    const mem = memorySampler();
    const marks = [];
    let next = 100_000;
    const live = await wasmExports();
    const t0 = performance.now();
    const report = await client.leads.import(rows(), {
      list_id: listId,
      report: "summary",
      onProgress: (p) => {
        if (p.processed >= next) {
          marks.push({ rows: p.processed, wasm: live.memory.buffer.byteLength, rss: process.memoryUsage().rss });
          next += 100_000;
        }
      },
    });
    const wallMs = performance.now() - t0;
    const peak = mem.stop();
    return { n, wallMs, created: report.counts.created, requests: counts.requests, rateLimited: counts.rateLimited, marks, peakRss: peak.rss, wasmMemory: await wasmMemory() };
  },

  /** The same rows posted with plain fetch: chunks of 1,000 to POST /leads/add, 4 in flight, a
   * 429 waited out and sent again. */
  async streamBaseline() {
    const [listId, nText] = args;
    const n = Number(nText);
    const counts = countFetches();
    let sent = 0;
    const t0 = performance.now();
    async function worker() {
      for (;;) {
        const start = sent;
        if (start >= n) return;
        sent = Math.min(n, start + 1000);
        const leads = [];
        for (let i = start; i < sent; i++) leads.push({ email: `base${i}@example.com`, first_name: `B${i}`, custom_variables: { row: i } });
        for (;;) {
          const res = await fetch(`${baseUrl}/api/v2/leads/add`, {
            method: "POST",
            headers: { accept: "application/json", authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({ list_id: listId, leads }),
          });
          await res.text();
          if (res.status !== 429) break;
          await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? 1)));
        }
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    return { n, wallMs: performance.now() - t0, requests: counts.requests, rateLimited: counts.rateLimited };
  },

  /** for await over every lead of a list, heap sampled along the way. */
  async paginate() {
    const [listId, nText] = args;
    const n = Number(nText);
    const { InstantlyClient } = await import("instantly-wasm");
    const client = new InstantlyClient({ apiKey, baseUrl });
    const counts = countFetches();
    const mem = memorySampler();
    const heapAt = {};
    const marks = new Set([n / 10, n / 4, n / 2, (3 * n) / 4, n].map(Math.round));
    let seen = 0;
    const t0 = performance.now();
    for await (const lead of client.leads.listAll({ list_id: listId, limit: 100 })) {
      if (!lead.email) throw new Error("lead without email");
      seen++;
      if (marks.has(seen)) {
        globalThis.gc?.();
        heapAt[seen] = process.memoryUsage().heapUsed;
      }
    }
    const wallMs = performance.now() - t0;
    const peak = mem.stop();
    return {
      n: seen,
      wallMs,
      fetchMs: counts.fetchMs,
      requests: counts.requests,
      rateLimited: counts.rateLimited,
      heapAt,
      peakRss: peak.rss,
      peakHeap: peak.heapUsed,
      wasmMemory: await wasmMemory(),
    };
  },
};

const result = await phases[phase]();
process.stdout.write(JSON.stringify(result) + "\n");
