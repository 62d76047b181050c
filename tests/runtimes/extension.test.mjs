// The browser extension (www/extension/) loaded unpacked into headless Chromium: the options page
// stores the key and fake-instantly's address, the content script finds the emails (and names) on
// a local page, and the popup adds them to a campaign through the wasm client.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT, launchChromiumWithExtension, outputDir, unpackedExtensionId } from "./helpers.mjs";

const EXTENSION = path.join(ROOT, "www/extension");
const PAGE = `<!doctype html><html><head><title>Our team</title></head><body>
  <h1>Our team</h1>
  <ul>
    <li><a href="mailto:ada@analytical.example">Ada Lovelace</a>, founder</li>
    <li>Grace Hopper &lt;grace.hopper@navy.example&gt; (compilers)</li>
    <li class="card"><span class="name">Alan Turing</span> — write to alan@bletchley.example.</li>
  </ul>
  <script>document.title = "Our team";</script>
</body></html>`;

let fake, site, siteUrl, context, extensionId;

before(async () => {
  await promisify(execFile)(process.execPath, [path.join(EXTENSION, "build.mjs")]);
  fake = await startFake({ seed: "demo" });
  site = createServer((req, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end(PAGE); });
  await new Promise((r) => site.listen(0, "127.0.0.1", r));
  siteUrl = `http://127.0.0.1:${site.address().port}/team.html`;
  context = await launchChromiumWithExtension(EXTENSION);
  extensionId = await unpackedExtensionId(EXTENSION);
});

after(async () => {
  await context?.closeAndClean();
  site?.close();
  await fake?.stop();
});

/**
 * The id of the tab showing `url`. Without the "tabs" permission the extension cannot read tab
 * URLs, so ask each tab's content script where it is.
 */
const tabIdOf = (page, url) => page.evaluate(async (url) => {
  for (const tab of await chrome.tabs.query({})) {
    const answer = await chrome.tabs.sendMessage(tab.id, { type: "instantly:collect-emails" }).catch(() => null);
    if (answer?.url === url) return tab.id;
  }
  return undefined;
}, url);

const extensionPage = async (file) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
};

test("the manifest allows wasm and nothing else beyond the extension's own scripts", () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION, "manifest.json"), "utf8"));
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.deepEqual(manifest.permissions, ["storage"]);
});

test("the options page checks and stores the key and address", async () => {
  const options = await extensionPage("options.html");
  await options.fill("input[name=apiKey]", "has a space");
  await options.click("button[type=submit]");
  await options.waitForSelector("#message.error");
  assert.match(await options.textContent("#message"), /^ValidationError: .*apiKey/);

  await options.fill("input[name=apiKey]", fake.key);
  await options.fill("input[name=baseUrl]", fake.url);
  await options.click("button[type=submit]");
  await options.waitForFunction(() => document.getElementById("message").textContent === "Saved.");
  await options.click("#check");
  await options.waitForFunction(() => /^Connected: \d+ campaigns found\.$/.test(document.getElementById("message").textContent));
  const stored = await options.evaluate(() => chrome.storage.local.get(null));
  assert.deepEqual(stored, { apiKey: fake.key, baseUrl: fake.url });
  await options.close();
});

test("the popup lists the page's three emails with names and adds them to a campaign", async () => {
  const site = await context.newPage();
  await site.goto(siteUrl);
  const probe = await extensionPage("options.html");
  const tabId = await tabIdOf(probe, siteUrl);
  await probe.close();
  assert.ok(tabId, "the page's tab id");

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector("body[data-ready=true]");
  const rows = await popup.locator("#leads li").allTextContents();
  assert.deepEqual(rows, [
    "ada@analytical.exampleAda Lovelace",
    "grace.hopper@navy.exampleGrace Hopper",
    "alan@bletchley.exampleAlan Turing",
  ]);
  assert.equal(await popup.textContent("#source"), "Our team");

  const campaign = (await fake.state()).campaigns.find((c) => c.name === "Product Launch (draft)");
  await popup.selectOption("#campaign", campaign.id);
  await popup.click("#add");
  await popup.waitForFunction(() => document.getElementById("message").textContent.startsWith("Added"));
  assert.equal(await popup.textContent("#message"), "Added 3 leads to Product Launch (draft).");
  await popup.screenshot({ path: path.join(outputDir(), "extension-popup.png") });

  const leads = (await fake.state()).leads.filter((l) => l.campaign === campaign.id);
  const byEmail = Object.fromEntries(leads.map((l) => [l.email, [l.first_name, l.last_name]]));
  assert.deepEqual(byEmail["ada@analytical.example"], ["Ada", "Lovelace"]);
  assert.deepEqual(byEmail["grace.hopper@navy.example"], ["Grace", "Hopper"]);
  assert.deepEqual(byEmail["alan@bletchley.example"], ["Alan", "Turing"]);

  await popup.click("#add");
  await popup.waitForFunction(() => document.getElementById("message").textContent.includes("skipped"));
  assert.match(await popup.textContent("#message"), /^Added 0 leads to Product Launch \(draft\) \(3 skipped/);
});

test("API errors show as readable messages in the popup", async () => {
  const site = await context.newPage();
  await site.goto(siteUrl);
  const popup = await extensionPage("options.html");
  const tabId = await tabIdOf(popup, siteUrl);
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector("body[data-ready=true]");
  await fake.fault({ method: "POST", path: "/api/v2/leads/add", count: 1, fault: { type: "status", status: 402, body: { statusCode: 402, error: "Payment Required", message: "Workspace does not have an active paid plan" } } });
  await popup.click("#add");
  await popup.waitForSelector("#message.error");
  assert.equal(await popup.textContent("#message"), "PaymentRequiredError: 402 Payment Required: Workspace does not have an active paid plan (POST /api/v2/leads/add)");
  await fake.clearFaults();
});
