// The bundler case: a tiny app importing the package by name (tests/runtimes/vite/), built by
// Vite with its default configuration and also served by Vite's dev server, run in headless
// Chromium against fake-instantly. No plugin, no init call, no top-level-await setting.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT, launchChromium, outputDir, spawnServer } from "./helpers.mjs";

const VITE = path.join(ROOT, "node_modules/.bin/vite");
const APP = path.join(ROOT, "tests/runtimes/vite");
let fake, browser;

before(async () => {
  fake = await startFake({ seed: "demo" });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await fake?.stop();
});

/** Opens the app at `origin` and returns what it rendered. */
async function render(origin) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/?api=${encodeURIComponent(fake.url)}&key=${fake.key}`);
    await page.waitForSelector("#result[data-done]", { timeout: 20_000 });
    return await page.textContent("#result");
  } finally {
    await page.close();
  }
}

const expected = async () => (await fake.state()).campaigns.map((c) => c.name).sort();
const names = (text) => text.split("\n").map((l) => l.replace(/: \w+$/, "")).sort();

test("vite build: the wasm becomes one hashed asset and the built app runs", async () => {
  const dist = path.join(outputDir(), "vite-dist");
  await promisify(execFile)(VITE, ["build", APP, "--outDir", dist, "--emptyOutDir", "--logLevel", "warn"], { cwd: ROOT });
  const assets = readdirSync(path.join(dist, "assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, `assets: ${assets}`);
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(dist, "assets", f), "utf8")).join("");
  assert.ok(!js.includes("AGFzbQ"), "the wasm is not inlined as base64");

  const server = createServer((req, res) => {
    const file = path.join(dist, new URL(req.url, "http://x").pathname.replace(/^\/$/, "/index.html"));
    if (!file.startsWith(dist)) return res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end();
    }
    const type = file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".js") ? "text/javascript" : "text/html";
    res.writeHead(200, { "content-type": type }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const text = await render(`http://127.0.0.1:${server.address().port}`);
    assert.deepEqual(names(text), await expected());
    assert.match(text, /Agency Partnerships: Paused/);
  } finally {
    server.close();
  }
});

test("vite dev server: the app runs unbundled with dependency pre-bundling", async () => {
  const dev = await spawnServer(VITE, [APP, "--host", "127.0.0.1", "--port", "0", "--clearScreen", "false"], /Local:\s+(http:\/\/\S+?)\/?$/);
  try {
    const text = await render(dev.url.replace(/\/$/, ""));
    assert.deepEqual(names(text), await expected());
  } finally {
    await dev.stop();
  }
});
