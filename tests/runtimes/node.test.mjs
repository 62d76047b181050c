// Node: the README quick start (www/node/quickstart.mjs) against fake-instantly, and the package
// as Node and npm see it (export conditions, the raw ./web entry, the files that get published).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT } from "./helpers.mjs";

const run = promisify(execFile);
const PKG = path.join(ROOT, "pkg");
let fake;

before(async () => { fake = await startFake(); });
after(async () => { await fake?.stop(); });

let workspaces = 0;
/** A new API key of the fake with its own empty workspace, so no test sees another's data. */
async function freshKey() {
  const key = `node-runtime-test-key-${++workspaces}`;
  await fake.addKey(key);
  return key;
}

function quickstart(env, ...args) {
  return run(process.execPath, ["www/node/quickstart.mjs", ...args], { cwd: ROOT, env: { ...process.env, INSTANTLY_API_KEY: "", INSTANTLY_BASE_URL: "", ...env } });
}

test("the quick start creates and activates a campaign, then lists it", async () => {
  const key = await freshKey();
  const { stdout } = await quickstart({ INSTANTLY_API_KEY: key }, fake.url);
  assert.match(stdout, /^created Q1 Outreach \([0-9a-f-]{36}\), status Draft$/m);
  assert.match(stdout, /^activated: status Active$/m);
  assert.match(stdout, /^- Q1 Outreach: Active$/m);
  const campaigns = (await fake.state(key)).campaigns;
  assert.equal(campaigns.length, 1, "the quick start created exactly one campaign");
  const [c] = campaigns;
  assert.ok(stdout.includes(`(${c.id})`), "the printed id is the stored campaign's");
  assert.equal(c.name, "Q1 Outreach");
  assert.equal(c.status, 1);
  assert.equal(c.campaign_schedule.schedules[0].timezone, "America/Chicago");
});

test("the quick start reads INSTANTLY_BASE_URL and INSTANTLY_API_KEY; a wrong key fails without printing it", async () => {
  await assert.rejects(quickstart({ INSTANTLY_BASE_URL: fake.url, INSTANTLY_API_KEY: "wrong-secret-key-123" }), (err) => {
    assert.notEqual(err.code, 0);
    assert.match(err.stderr, /AuthenticationError/);
    assert.ok(!err.stderr.includes("wrong-secret-key-123") && !err.stdout.includes("wrong-secret-key-123"), "key not printed");
    return true;
  });
});

test("Node resolves the package to its node entry, which needs no init call: the first call lists the seeded campaigns", async () => {
  const resolved = import.meta.resolve("instantly-wasm");
  assert.ok(resolved.endsWith("/pkg/node.js"), resolved);
  const key = await freshKey();
  await fake.seed("demo", key);
  const stored = (await fake.state(key)).campaigns;
  const mod = await import("instantly-wasm");
  const client = new mod.InstantlyClient({ apiKey: key, baseUrl: fake.url });
  const page = await client.campaigns.list();
  // The demo seed's four campaigns, each with the status the fake stores.
  assert.deepEqual(
    page.items.map((c) => [c.name, c.status]).sort(),
    [
      ["Agency Partnerships", mod.CampaignStatus.Paused],
      ["Product Launch (draft)", mod.CampaignStatus.Draft],
      ["Q3 Outreach - SaaS Founders", mod.CampaignStatus.Active],
      ["Webinar Follow-up", mod.CampaignStatus.Completed],
    ],
  );
  assert.deepEqual(page.items.map((c) => c.id).sort(), stored.map((c) => c.id).sort());
  assert.equal(mod.CampaignStatus.Active, 1);
});

test("CommonJS code loads the ESM package with a dynamic import", async () => {
  const script = `import("instantly-wasm").then((m) => console.log(typeof m.InstantlyClient, m.CampaignStatus.Paused));`;
  const { stdout } = await run(process.execPath, ["--input-type=commonjs", "-e", script], { cwd: ROOT });
  assert.equal(stdout.trim(), "function 2");
});

test("the raw ./web entry is the wasm-bindgen module: init it yourself with bytes", async () => {
  // A fresh process, so nothing initialised the module before.
  const script = `
    import init, { InstantlyClient, scheduleTimezones } from "instantly-wasm/web";
    import { readFileSync } from "node:fs";
    let before;
    try { new InstantlyClient({ apiKey: "k" }); } catch (e) { before = /init\(\)/.test(e.message) ? e.constructor.name : e.message; }
    await init({ module_or_path: readFileSync(new URL(import.meta.resolve("instantly-wasm/instantly_wasm_bg.wasm"))) });
    console.log(before, scheduleTimezones().includes("America/Chicago"));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
  assert.equal(stdout.trim(), "Error true", "unusable before init (an error that says to call it), usable after");
});

test("every export target exists and the published files hold one wasm", async () => {
  const pkg = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(existsSync(path.join(PKG, t)), `${t} exists`);
  assert.deepEqual(Object.keys(pkg.exports["."]), ["workerd", "deno", "node", "browser", "default"], "workerd before node/browser: wrangler also sets browser");

  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PKG });
  const files = JSON.parse(stdout)[0].files.map((f) => f.path);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["instantly_wasm_bg.wasm"]);
  for (const entry of ["node.js", "browser.js", "workerd.js", "node.d.ts", "browser.d.ts", "workerd.d.ts", "instantly_wasm.js", "instantly_wasm.d.ts"]) {
    assert.ok(files.includes(entry), `${entry} is published`);
  }
});
