// No input crashes the host (issue 11), in the other runtimes: a subset of tests/js/adversarial
// run inside headless Chromium (the browser entry, a page on loopback) and inside workerd
// (Miniflare, the workerd entry), both against fake-instantly. The same probe runs in both: the
// issue's table, then every discovered method and exported function with each hostile value;
// every call must settle with an InstantlyError (or the caller's own error), nothing may escape
// (uncaught errors and unhandled rejections are recorded by the page or the Worker), and the same
// client then completes a normal call.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { Miniflare } from "miniflare";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT, launchChromium } from "./helpers.mjs";

/**
 * Runs in the runtime under test (serialised with `toString`, so it uses nothing from this file):
 * `pkg` is the package's module namespace. Resolves with a summary the test asserts on.
 */
async function probe(pkg, { baseUrl, apiKey, browser }) {
  const { InstantlyClient, isInstantlyError } = pkg;
  const UUID = "019ffad2-9c49-7d93-989e-749770a7c9b8";
  const JOB = "675266e304a8e55b17f0228b";
  const client = new InstantlyClient({
    apiKey, baseUrl, maxRetries: 0, timeoutMs: 2000, rateLimit: false, dangerouslyAllowBrowser: browser,
  });
  const own = new WeakSet();
  const ownError = () => { const e = new Error("the caller's own"); own.add(e); return e; };
  const cyclic = { name: "cyclic" };
  cyclic.self = cyclic;
  let deep = {};
  for (let i = 0, d = deep; i < 100_000; i++) d = d.a = {};
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trap = () => { throw ownError(); };
  const hostile = [
    { get limit() { throw ownError(); } }, cyclic, deep, revoked.proxy,
    new Proxy({}, { ownKeys: trap, get: trap, has: trap, getPrototypeOf: trap }),
    new Proxy([1], { get: trap }), new Array(2 ** 32 - 1), new Map(), new Uint8Array(2),
    undefined, null, NaN, -Infinity, 1e308, 2 ** 53 + 1, 10n, Symbol("s"), "\ud800", "2024-01-01T12:0é",
    "analytics", { timeoutMs: 1e23 }, { signal: revoked.proxy }, { onProgress: () => { throw ownError(); } },
  ];

  // What one call does: "ok", "instantly", "own", or a failure description.
  const STALLED = Symbol("stalled");
  const within = async (p) => {
    let timer;
    try {
      return await Promise.race([p, new Promise((r) => { timer = setTimeout(r, 10_000, STALLED); })]);
    } finally {
      clearTimeout(timer);
    }
  };
  const describe = (e) => { try { return e instanceof Error ? `${e.name}: ${e.message}` : typeof e; } catch { return typeof e; } };
  const classify = (e) => (isInstantlyError(e) ? "instantly" : own.has(e) ? "own" : `foreign ${describe(e)}`);
  const outcome = async (fn) => {
    let v;
    try { v = fn(); } catch (e) { return classify(e); }
    const settle = async (p) => { try { return (await within(p)) === STALLED ? "stalled" : "ok"; } catch (e) { return classify(e); } };
    if (v instanceof Promise) return settle(v);
    if (v && typeof v.next === "function") { const r = await settle(v.next()); await settle(v.return()); return r; }
    return "ok";
  };
  const errorOf = async (p) => { try { await p; return null; } catch (e) { return isInstantlyError(e) ? { name: e.name, field: e.field ?? null } : { foreign: describe(e) }; } };

  const issue = {
    date: await errorOf(client.analytics.campaigns({ start_date: "2024-01-01T12:0é" })),
    wait: await errorOf(client.backgroundJobs.wait(JOB, { timeoutMs: 1e23 })),
    cyclic: await errorOf(client.campaigns.create(cyclic)),
    deep: await errorOf(client.campaigns.list(deep)),
    getter: await errorOf(client.campaigns.list({ get limit() { throw new Error("boom"); } })),
    proxy: await errorOf(client.campaigns.list(new Proxy({}, { ownKeys() { throw new Error("trap"); } }))),
    analyticsId: await errorOf(client.campaigns.get("analytics")),
  };

  const NOT_API = new Set(["constructor", "free", "__destroy_into_raw"]);
  const methods = (proto) => Object.getOwnPropertyNames(proto).filter((n) => !NOT_API.has(n) && typeof Object.getOwnPropertyDescriptor(proto, n).value === "function");
  const calls = methods(InstantlyClient.prototype).map((m) => [`client.${m}`, client, m]);
  for (const name of Object.getOwnPropertyNames(InstantlyClient.prototype)) {
    const d = Object.getOwnPropertyDescriptor(InstantlyClient.prototype, name);
    const group = typeof d.get === "function" ? client[name] : null;
    if (group !== null && typeof group === "object") for (const m of methods(Object.getPrototypeOf(group))) calls.push([`${name}.${m}`, group, m]);
  }
  const isClass = (f) => /^class\b/.test(Function.prototype.toString.call(f));
  for (const [name, f] of Object.entries(pkg)) {
    if (typeof f === "function" && !isClass(f) && name !== "initSync" && name !== "default") calls.push([name, pkg, name]);
  }
  const failures = [];
  let count = 0;
  // A broken package stops the probe after a few failures rather than stalling call after call.
  outer: for (const [label, target, method] of calls) {
    for (let i = 0; i < hostile.length; i++) {
      for (const args of [[hostile[i]], [UUID, hostile[i]]]) {
        if (failures.length >= 5) break outer;
        count++;
        const r = await outcome(() => target[method](...args));
        if (r !== "ok" && r !== "instantly" && r !== "own") failures.push(`${label}(${args.length === 2 ? "UUID, " : ""}hostile[${i}]) → ${r}`);
      }
    }
  }
  let healthy;
  try {
    healthy = Array.isArray((await client.campaigns.list({ limit: 1 })).items);
  } catch (e) {
    healthy = describe(e);
  }
  return { issue, calls: count, labels: calls.map(([l]) => l), failures, healthy };
}

/** What the probe must report, in every runtime. */
function assertProbe(result, runtime) {
  const { deep, ...rest } = result.issue;
  assert.deepEqual(rest, {
    date: { name: "ValidationError", field: "start_date" },
    wait: { name: "NotFoundError", field: null },
    cyclic: { name: "ValidationError", field: "self" },
    getter: { name: "ValidationError", field: "limit" },
    proxy: { name: "ValidationError", field: "campaigns.list params" },
    analyticsId: { name: "ValidationError", field: "id" },
  }, runtime);
  assert.equal(deep?.name, "ValidationError", runtime);
  assert.match(deep.field, /^a(\.a)+$/, runtime);
  for (const label of ["campaigns.get", "leads.import", "backgroundJobs.wait", "parseWebhook", "client.callEndpoint"]) {
    assert.ok(result.labels.includes(label), `${runtime}: ${label} discovered`);
  }
  assert.deepEqual(result.failures, [], runtime);
  assert.ok(result.calls > 1000, `${runtime}: ${result.calls} calls`);
  assert.equal(result.healthy, true, `${runtime}: the same client completes a normal call`);
}

let fake;
before(async () => {
  fake = await startFake({ ratePerSecond: 1_000_000, ratePerMinute: 100_000_000 });
});
after(() => fake?.stop());

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

/** A package that breaks under the probe fails these tests within this bound, never hangs them. */
const BOUND = { timeout: 180_000 };

test("Chromium: hostile input never escapes the page, and the client keeps working", BOUND, async () => {
  const page = `<!doctype html><meta charset="utf-8"><script type="module">
    window.__escaped = [];
    addEventListener("error", (e) => window.__escaped.push(String(e.message)));
    addEventListener("unhandledrejection", (e) => window.__escaped.push(String(e.reason)));
    window.pkg = await import("/pkg/browser.js");
  </script><body></body>`;
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    const file = path.join(ROOT, "pkg", path.basename(url.pathname));
    if (!url.pathname.startsWith("/pkg/")) return res.writeHead(404).end();
    try {
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const pageErrors = [];
    tab.on("pageerror", (e) => pageErrors.push(e.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction("window.pkg !== undefined", null, { timeout: 15_000 });
    const args = { baseUrl: fake.url, apiKey: fake.key, browser: true };
    const result = await tab.evaluate(`(${probe.toString()})(window.pkg, ${JSON.stringify(args)})`);
    assertProbe(result, "chromium");
    assert.deepEqual(await tab.evaluate("window.__escaped"), []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test("workerd: hostile input never escapes the Worker, and the client keeps working", BOUND, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "instantly-adversarial-"));
  for (const f of ["workerd.js", "instantly_wasm_bg.wasm"]) copyFileSync(path.join(ROOT, "pkg", f), path.join(dir, f));
  writeFileSync(path.join(dir, "probe.js"), `import * as pkg from "./workerd.js";
    const escaped = [];
    addEventListener("unhandledrejection", (e) => escaped.push(String(e.reason)));
    addEventListener("error", (e) => escaped.push(String(e.message)));
    const probe = ${probe.toString()};
    export default {
      async fetch(request) {
        const args = await request.json();
        const result = await probe(pkg, args);
        return Response.json({ ...result, escaped });
      },
    };`);
  const mf = new Miniflare({
    scriptPath: path.join(dir, "probe.js"),
    modules: true,
    modulesRoot: dir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2025-09-01",
  });
  try {
    const res = await mf.dispatchFetch("http://probe/", {
      method: "POST",
      body: JSON.stringify({ baseUrl: fake.url, apiKey: fake.key, browser: false }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, `the Worker answered: ${text.slice(0, 500)}`);
    const result = JSON.parse(text);
    assertProbe(result, "workerd");
    assert.deepEqual(result.escaped, []);
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
