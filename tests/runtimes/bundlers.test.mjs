// webpack 5 and esbuild bundle the app Vite builds (tests/runtimes/vite/main.js: the package
// imported by name, no init call) and the bundle runs in headless Chromium against fake-instantly.
//   - webpack: its defaults (production mode, no loader, no plugin): the wasm becomes a hashed
//     asset through `new URL(…, import.meta.url)` and top-level await is on by default.
//   - esbuild: `format: "esm"` (top-level await needs it) and the .wasm copied next to the bundle,
//     since esbuild leaves `new URL("./instantly_wasm_bg.wasm", import.meta.url)` as it is.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import * as esbuild from "esbuild";
import webpack from "webpack";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT, launchChromium, outputDir } from "./helpers.mjs";

const ENTRY = path.join(ROOT, "tests/runtimes/vite/main.js");
const WASM = "instantly_wasm_bg.wasm";
let fake, browser;

before(async () => {
  fake = await startFake({ seed: "demo" });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await fake?.stop();
});

/** Serves `dir` on loopback (wasm as application/wasm) for the duration of `fn(origin)`. */
async function serve(dir, fn) {
  const types = { ".wasm": "application/wasm", ".js": "text/javascript", ".html": "text/html" };
  const server = createServer((req, res) => {
    const file = path.join(dir, new URL(req.url, "http://x").pathname.replace(/^\/$/, "/index.html"));
    if (!file.startsWith(dir)) return res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

/** Opens the app at `origin`; returns what it rendered and the wasm URLs the page fetched. */
async function render(origin) {
  const page = await browser.newPage();
  const wasmRequests = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname.endsWith(".wasm")) wasmRequests.push(new URL(r.url()).pathname); });
  try {
    await page.goto(`${origin}/?api=${encodeURIComponent(fake.url)}&key=${fake.key}`);
    await page.waitForSelector("#result[data-done]", { timeout: 20_000 });
    return { text: await page.textContent("#result"), wasmRequests };
  } finally {
    await page.close();
  }
}

/** The app listed the fake's campaigns with their statuses. */
async function assertListed(text) {
  const stored = (await fake.state()).campaigns.map((c) => c.name).sort();
  assert.deepEqual(text.split("\n").map((l) => l.replace(/: \w+$/, "")).sort(), stored, text);
  assert.match(text, /^Agency Partnerships: Paused$/m);
}

const html = (script) => `<!doctype html><meta charset="utf-8"><output id="result"></output>${script}\n`;

test("webpack 5 with its defaults: the wasm becomes one hashed asset and the bundle runs in Chromium", async () => {
  const dist = path.join(outputDir(), "webpack-dist");
  rmSync(dist, { recursive: true, force: true });
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: "production", context: ROOT, entry: ENTRY, output: { path: dist, filename: "main.js" } }, (err, s) => (err ? reject(err) : resolve(s)));
  });
  const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
  assert.deepEqual(info.errors.map((e) => e.message), []);
  // webpack's only remarks are its performance hints about the wasm's size (244 KiB budget).
  for (const w of info.warnings) assert.match(w.message, /exceed the recommended size limit|limit the size of your bundles/, w.message);
  const assets = readdirSync(dist);
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `assets: ${assets}`);
  assert.match(wasm[0], /^[0-9a-f]{16,}\.wasm$/, "hashed name");
  assert.deepEqual(readFileSync(path.join(dist, wasm[0])), readFileSync(path.join(ROOT, "pkg", WASM)), "the package's wasm, unchanged");
  assert.ok(!readFileSync(path.join(dist, "main.js"), "utf8").includes("AGFzbQ"), "the wasm is not inlined as base64");

  writeFileSync(path.join(dist, "index.html"), html(`<script src="main.js"></script>`));
  const { text, wasmRequests } = await serve(dist, render);
  await assertListed(text);
  assert.deepEqual(wasmRequests, [`/${wasm[0]}`], "the hashed asset is what the page loads");
});

test("esbuild: an ESM bundle with the wasm copied next to it runs in Chromium", async () => {
  const dist = path.join(outputDir(), "esbuild-dist");
  rmSync(dist, { recursive: true, force: true });
  const result = await esbuild.build({ entryPoints: [ENTRY], bundle: true, format: "esm", outdir: dist, metafile: true, logLevel: "silent", absWorkingDir: ROOT });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(Object.keys(result.metafile.outputs).map((f) => path.basename(f)), ["main.js"]);
  const bundle = readFileSync(path.join(dist, "main.js"), "utf8");
  assert.ok(bundle.includes(`new URL("./${WASM}", import.meta.url)`), "esbuild leaves the wasm URL for the page to resolve");
  copyFileSync(path.join(ROOT, "pkg", WASM), path.join(dist, WASM));

  writeFileSync(path.join(dist, "index.html"), html(`<script type="module" src="main.js"></script>`));
  const { text, wasmRequests } = await serve(dist, render);
  await assertListed(text);
  assert.deepEqual(wasmRequests, [`/${WASM}`]);
});

test("esbuild: an IIFE bundle is refused, since the browser entry uses top-level await", async () => {
  const failure = await esbuild.build({ entryPoints: [ENTRY], bundle: true, format: "iife", write: false, logLevel: "silent", absWorkingDir: ROOT }).catch((e) => e);
  assert.ok(failure instanceof Error, "the build failed");
  assert.match(failure.errors.map((e) => e.text).join("\n"), /Top-level await is currently not supported with the "iife" output format/);
});
