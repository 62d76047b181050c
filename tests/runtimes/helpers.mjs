// Shared plumbing of the runtime suites: headless Chromium (Debian's, never a downloaded one),
// child processes that print their URL, and the test-output folder.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `test-output/runtimes/` (gitignored), created on first use. */
export function outputDir() {
  const dir = path.join(ROOT, "test-output", "runtimes");
  mkdirSync(dir, { recursive: true });
  return dir;
}

const CHROMIUM = process.env.CHROMIUM_BIN || "/usr/bin/chromium";
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Headless Chromium for pages. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--headless", ...FLAGS] });
}

/**
 * Chromium with an unpacked extension loaded, in a fresh profile. Extensions need the "new"
 * headless mode, so Playwright's own headless switch is off and the flag is passed by hand.
 * Close it with `closeAndClean()`, which also deletes the profile.
 */
export async function launchChromiumWithExtension(extensionDir) {
  const profile = mkdtempSync(path.join(tmpdir(), "instantly-wasm-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    args: ["--headless=new", ...FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  /** Closes the browser and deletes its profile. */
  context.closeAndClean = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  return context;
}

/** The id Chromium gives an unpacked extension: sha256 of its absolute path, hex digits → a..p. */
export async function unpackedExtensionId(dir) {
  const { createHash } = await import("node:crypto");
  const hex = createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/**
 * Spawns `command args` and resolves with `{ child, url, output(), stop() }` once a line of its
 * stdout matches `pattern` (whose first group is the URL).
 */
export async function spawnServer(command, args, pattern, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let log = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`${command} did not start in 30 s\n${log}`)); }, 30_000);
    createInterface({ input: child.stdout }).on("line", (raw) => {
      // Colour codes are stripped: tools colour their output when CI is set (picocolors does).
      const line = raw.replace(/\x1b\[[0-9;]*m/g, "");
      log += line + "\n";
      const m = pattern.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`${command} exited (${code}) before listening\n${log}`)); });
  });
  return {
    child,
    url,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts www/server.mjs on a free port, proxying to `upstream` with `apiKey`. */
export function startDemoServer(upstream, apiKey) {
  return spawnServer(process.execPath, ["www/server.mjs", "--port", "0", "--upstream", upstream], /demo listening on (http:\/\/\S+)/, {
    env: { INSTANTLY_API_KEY: "", FAKE_INSTANTLY_KEY: apiKey },
  });
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually(fn, { timeoutMs = 10_000, intervalMs = 100, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
