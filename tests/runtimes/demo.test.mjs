// The demo page (www/app through www/server.mjs) in headless Chromium against fake-instantly:
// a person's path through it, checked against the fake's state.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { startFake } from "../js/helpers/fake.mjs";
import { eventually, launchChromium, outputDir, startDemoServer } from "./helpers.mjs";

let fake, server, browser, page;
const pageErrors = [];

before(async () => {
  fake = await startFake({ seed: "demo" });
  server = await startDemoServer(fake.url, fake.key);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.stop();
});

const campaignsInState = async () => (await fake.state()).campaigns;
const leadsOf = async (campaignId) => (await fake.state()).leads.filter((l) => l.campaign === campaignId);

test("the page loads the wasm client under a strict CSP and lists the seeded campaigns with their status", async () => {
  const csp = (await fetch(server.url)).headers.get("content-security-policy");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  const rows = await page.locator("#campaign-table tbody tr").allTextContents();
  for (const c of await campaignsInState()) {
    assert.ok(rows.some((r) => r.includes(c.name)), `${c.name} listed`);
  }
  assert.match(rows.find((r) => r.includes("Agency Partnerships")), /Paused/);
  assert.match(rows.find((r) => r.includes("Product Launch")), /Draft/);
  assert.deepEqual(pageErrors, []);
});

test("the proxy adds the key: the page never holds it", async () => {
  const log = await fake.requests("/api/v2/campaigns");
  assert.ok(log.length > 0);
  const html = await page.content();
  assert.ok(!html.includes(fake.key));
  const direct = await fetch(`${server.url}/instantly/api/v2/campaigns`, { headers: { authorization: "Bearer stolen" } });
  assert.equal(direct.status, 200, "the page's own Authorization header is replaced by the proxy's key");
  assert.equal((await fetch(`${server.url}/instantly/__fake/state`)).status, 404, "only /api/v2 is proxied");
});

test("the proxy forwards method, query and body, and nothing but the API's headers", async () => {
  await fake.clearRequests();
  const [c] = await campaignsInState();
  const res = await fetch(`${server.url}/instantly/api/v2/leads/list`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: "session=secret", "x-custom": "1" },
    body: JSON.stringify({ campaign: c.id, limit: 2 }),
  });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).items.length, 2);
  const [logged] = await fake.requests("/api/v2/leads/list");
  assert.deepEqual(logged.body, { campaign: c.id, limit: 2 });
  const sent = Object.keys(logged.headers).map((h) => h.toLowerCase());
  assert.ok(!sent.includes("cookie") && !sent.includes("x-custom"), `forwarded headers: ${sent}`);

  assert.equal((await fetch(`${server.url}/%2e%2e/%2e%2e/package.json`)).status, 404, "no way out of www/app");
  assert.equal((await fetch(`${server.url}/%E0%A4%A`)).status, 400);
  assert.equal((await fetch(`${server.url}/pkg/instantly_wasm_bg.wasm`)).headers.get("content-type"), "application/wasm");

  const orphan = await startDemoServer("http://127.0.0.1:9", "k");
  try {
    const down = await fetch(`${orphan.url}/instantly/api/v2/campaigns`);
    assert.equal(down.status, 502);
    assert.equal((await down.json()).error, "Bad Gateway");
  } finally {
    await orphan.stop();
  }
});

test("create a campaign with a schedule, then bulk-add 50 leads from CSV with the progress bar reaching 100%", async () => {
  await page.click("#create summary");
  await page.fill("#create-form input[name=name]", "Runtime test campaign");
  await page.selectOption("#create-form select[name=timezone]", "Europe/Belgrade");
  await page.fill("#create-form input[name=from]", "08:30");
  await page.click("#create-form input[name=day][value='6']");
  await page.click("#create-form button[type=submit]");
  await page.waitForFunction(() => document.getElementById("detail-title").textContent === "Runtime test campaign");

  const created = (await campaignsInState()).find((c) => c.name === "Runtime test campaign");
  assert.ok(created, "campaign created in the fake");
  const [schedule] = created.campaign_schedule.schedules;
  assert.equal(schedule.timezone, "Europe/Belgrade");
  assert.deepEqual(schedule.timing, { from: "08:30", to: "17:00" });
  assert.deepEqual(schedule.days, { 1: true, 2: true, 3: true, 4: true, 5: true, 6: true });

  const csv = ["email,first_name,last_name,company_name,favourite_colour",
    ...Array.from({ length: 50 }, (_, i) => `lead${i}@csv-import.test,First${i},"Last, ${i}",Company ${i % 5},blue`)].join("\n");
  await page.fill("#csv-form textarea", csv);
  await page.evaluate(() => {
    window.__progress = [];
    const bar = document.getElementById("csv-progress");
    const orig = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, "value");
    Object.defineProperty(bar, "value", { get: () => orig.get.call(bar), set: (v) => { orig.set.call(bar, v); window.__progress.push(v); } });
  });
  await page.click("#csv-form button[type=submit]");
  await page.waitForSelector("#csv-progress-text[data-done=true]", { timeout: 20_000 });
  const seen = await page.evaluate(() => window.__progress);
  assert.equal(seen.at(-1), 100, `progress values ${seen}`);
  assert.ok(seen.every((v, i) => i === 0 || v >= seen[i - 1]), `progress never goes back: ${seen}`);
  assert.equal(await page.textContent("#csv-progress-text"), "100% — 50/50 processed, 50 added");

  const leads = await leadsOf(created.id);
  assert.equal(leads.length, 50);
  const l7 = leads.find((l) => l.email === "lead7@csv-import.test");
  assert.equal(l7.last_name, "Last, 7", "quoted CSV field kept whole");
  assert.equal(l7.payload?.favourite_colour ?? l7.custom_variables?.favourite_colour, "blue", "extra column → custom variable");
  await eventually(async () => (await page.textContent("#lead-count")) === "50", { what: "lead table reload" });

  // The same rows again plus a bad one: nothing new, and the summary says why.
  await page.fill("#csv-form textarea", `${csv}\nnot-an-email,Bad,Row,X,red`);
  await page.click("#csv-form button[type=submit]");
  await page.waitForSelector("#csv-progress-text[data-done=true]", { timeout: 20_000 });
  assert.match(await page.textContent("#csv-progress-text"), /^100% — 51\/51 processed, 0 added · 50 already there or skipped · 1 rejected \(.*email.*\)$/);
  assert.equal((await leadsOf(created.id)).length, 50);
});

test("add one lead; a bad address is refused by the client before anything is sent", async () => {
  const campaign = (await campaignsInState()).find((c) => c.name === "Runtime test campaign");
  await page.fill("#add-lead-form input[name=email]", "ada@lovelace.example");
  await page.fill("#add-lead-form input[name=first_name]", "Ada");
  await page.fill("#add-lead-form input[name=company_name]", "Analytical Engines");
  await page.click("#add-lead-form button[type=submit]");
  await eventually(async () => (await page.textContent("#lead-count")) === "51", { what: "the new lead in the table" });
  const lead = (await leadsOf(campaign.id)).find((l) => l.email === "ada@lovelace.example");
  assert.equal(lead.first_name, "Ada");
  assert.equal(lead.company_name, "Analytical Engines");
  assert.equal(lead.last_name ?? null, null, "empty fields are left out");

  await fake.clearRequests();
  await page.fill("#add-lead-form input[name=email]", "ada@localhost");
  await page.click("#add-lead-form button[type=submit]");
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error .message"), /^ValidationError: .*email/);
  assert.equal((await fake.requests("/api/v2/leads")).length, 0, "nothing sent");
  await page.click("#error button");
});

test("set a lead's interest status and move leads, watching the background job finish", async () => {
  const campaign = (await campaignsInState()).find((c) => c.name === "Runtime test campaign");
  await page.selectOption("tr[data-email='lead3@csv-import.test'] select", { label: "Interested" });
  await eventually(async () => (await leadsOf(campaign.id)).find((l) => l.email === "lead3@csv-import.test").lt_interest_status === 1,
    { what: "interest status 1 in the fake" });

  const dest = (await campaignsInState()).find((c) => c.name === "Agency Partnerships");
  await page.check("tr[data-email='lead0@csv-import.test'] input[type=checkbox]");
  await page.check("tr[data-email='lead1@csv-import.test'] input[type=checkbox]");
  await page.selectOption("#move-form select", dest.id);
  await page.click("#move-form button[type=submit]");
  await page.waitForSelector("#move-job[data-status=success]", { timeout: 20_000 });
  assert.match(await page.textContent("#move-job"), /success \(2 leads\)/);
  const moved = (await fake.state()).leads.filter((l) => l.email === "lead0@csv-import.test" || l.email === "lead1@csv-import.test");
  assert.deepEqual(moved.map((l) => l.campaign), [dest.id, dest.id]);
  await eventually(async () => (await page.textContent("#lead-count")) === "49", { what: "lead table after the move" });
});

test("activate, pause, duplicate and delete from the campaign list", async () => {
  const row = (name) => page.locator("#campaign-table tbody tr", { has: page.locator("button.name", { hasText: new RegExp(`^${name.replace(/[()]/g, "\\$&")}$`) }) });
  const byName = async (name) => (await campaignsInState()).find((c) => c.name === name);

  await row("Runtime test campaign").locator("button", { hasText: "Activate" }).click();
  await row("Runtime test campaign").locator(".status", { hasText: "Active" }).waitFor();
  assert.equal((await byName("Runtime test campaign")).status, 1);

  await row("Runtime test campaign").locator("button", { hasText: "Pause" }).click();
  await row("Runtime test campaign").locator(".status", { hasText: "Paused" }).waitFor();
  assert.equal((await byName("Runtime test campaign")).status, 2);

  await row("Runtime test campaign").locator("button", { hasText: "Duplicate" }).click();
  await row("Runtime test campaign (copy)").waitFor();
  const copy = await byName("Runtime test campaign (copy)");
  assert.ok(copy, "the copy exists in the fake");

  const del = row("Runtime test campaign (copy)").locator("button.danger");
  await del.click();
  assert.equal(await del.textContent(), "Confirm delete", "the first click only arms the button");
  assert.ok(await byName("Runtime test campaign (copy)"), "nothing deleted yet");
  await del.click();
  await row("Runtime test campaign (copy)").waitFor({ state: "detached" });
  assert.equal(await byName("Runtime test campaign (copy)"), undefined);
});

// The demo seed's analytics are fixed (fake-instantly's simulation draws from a seeded RNG):
// "Q3 Outreach - SaaS Founders" contacted 40 leads with 111 emails; 30 opened (56 opens),
// 4 replied, 10 clicked, 4 bounced. All campaigns: 85 contacted, 233 emails, 65 opened (114
// opens), 12 replied, 20 clicked (21 clicks), 6 bounced. A rate is the unique count over the
// leads contacted, in percent with 2 decimals.
const SEEDED_CAMPAIGN = "Q3 Outreach - SaaS Founders";
const SEEDED_CAMPAIGN_RATES = { open_rate: "75.00%", reply_rate: "10.00%", click_rate: "25.00%", bounce_rate: "10.00%" };
const SEEDED_OVERVIEW_RATES = { open_rate: "76.47%", reply_rate: "14.12%", click_rate: "23.53%", bounce_rate: "7.06%" };

test("analytics show the seeded campaign's and the workspace's known counts and rates, and a daily chart", async () => {
  const seeded = (await campaignsInState()).find((c) => c.name === SEEDED_CAMPAIGN);
  await page.click(`#campaign-table tr[data-id='${seeded.id}'] button.name`);
  await page.waitForFunction((name) => document.getElementById("detail-title").textContent === name, seeded.name);
  assert.equal(await page.textContent("#move-job"), "", "no other campaign's job result");
  assert.equal(await page.isHidden("#csv-progress"), true, "nor its import progress");
  await page.waitForSelector(`#rate-cards[data-campaign='${seeded.id}']`);
  assert.equal(await page.textContent("#analytics-counts"), "40 contacted of 40 leads · 111 emails sent · 30 opened · 4 replied · 10 clicked · 4 bounced");
  for (const [key, value] of Object.entries(SEEDED_CAMPAIGN_RATES)) {
    assert.equal(await page.textContent(`#rate-cards .card[data-rate=${key}] .value`), value, key);
  }
  const days = await fetch(`${fake.url}/api/v2/campaigns/analytics/daily?campaign_id=${seeded.id}`, { headers: { authorization: `Bearer ${fake.key}` } }).then((r) => r.json());
  assert.equal(days.reduce((n, d) => n + d.sent, 0), 111, "the fake's daily series adds up to the campaign's emails");

  await page.click("#refresh");
  await page.waitForFunction(() => document.getElementById("overview").textContent.includes("233 emails sent to 85 leads"));
  for (const [key, value] of Object.entries(SEEDED_OVERVIEW_RATES)) {
    assert.match(await page.textContent(`#overview [data-rate=${key}]`), new RegExp(` ${value.replace(".", "\\.")}$`), key);
  }
  assert.equal(await page.locator("#daily-chart svg rect.bar-sent").count(), days.length, "one bar per day");
  await page.screenshot({ path: path.join(outputDir(), "demo.png"), fullPage: true });
});

test("an API failure shows as a readable message, not a stack trace", async () => {
  await fake.fault({ method: "POST", path: "/api/v2/campaigns/*", count: 1, fault: { type: "status", status: 500 } });
  const row = page.locator("#campaign-table tbody tr", { hasText: "Webinar Follow-up" });
  await row.locator("button", { hasText: "Duplicate" }).click();
  await page.waitForSelector("#error:not([hidden])");
  const text = await page.textContent("#error .message");
  assert.match(text, /^ServerError: .*\(POST \/api\/v2\/campaigns\/[0-9a-f-]+\/duplicate\)$/);
  assert.ok(!/\n\s+at /.test(text), "no stack trace");
  await page.screenshot({ path: path.join(outputDir(), "demo-error.png") });
  await page.click("#error button");
  assert.equal(await page.isHidden("#error"), true);

  // A refused interest change shows the API's message and puts the picker back.
  await fake.fault({ method: "POST", path: "/api/v2/leads/update-interest-status", count: 1, fault: { type: "status", status: 400, body: { error: "Invalid lead email" } } });
  const select = page.locator("#lead-table tbody tr").first().locator("select");
  const before = await select.inputValue();
  await select.selectOption({ label: "Won" });
  await page.waitForSelector("#error:not([hidden])");
  assert.match(await page.textContent("#error .message"), /^BadRequestError: .*Invalid lead email.*\(POST \/api\/v2\/leads\/update-interest-status\)$/);
  assert.equal(await select.inputValue(), before);
  await fake.clearFaults();
});
