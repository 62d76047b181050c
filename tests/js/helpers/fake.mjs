// Spawns the fake-instantly binary on an ephemeral loopback port and drives its control plane.
//
// Builds nothing: the binary comes from $FAKE_INSTANTLY_BIN or target/debug/fake-instantly
// (`cargo build -p fake-instantly`). Every test file starts its own server, so files are isolated
// and may run in parallel; `stop()` (and process exit) kills it.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The key fake-instantly accepts when started without `--api-key`. */
export const DEFAULT_KEY = "fake-instantly-test-key";

const BIN = process.env.FAKE_INSTANTLY_BIN || path.join(ROOT, "target/debug/fake-instantly");
const LISTENING = /fake-instantly listening on (http:\/\/127\.0\.0\.1:\d+)/;

const running = new Set();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts a server. Options: `apiKeys` (array; default: the default key), `seed` ("demo"),
 * `ratePerSecond`, `ratePerMinute`, `webhookRetryDelayMs`, `webhookMaxAttempts`, `args` (extra).
 * Resolves with a `Fake` once the server printed its address.
 */
export async function startFake(options = {}) {
  if (!existsSync(BIN)) {
    throw new Error(`fake-instantly binary not found at ${BIN}: run \`cargo build -p fake-instantly\` or set FAKE_INSTANTLY_BIN`);
  }
  const args = ["--port", "0", "--spec-shapes"];
  for (const key of options.apiKeys ?? []) args.push("--api-key", key);
  if (options.seed) args.push("--seed", options.seed);
  if (options.ratePerSecond !== undefined) args.push("--rate-per-second", String(options.ratePerSecond));
  if (options.ratePerMinute !== undefined) args.push("--rate-per-minute", String(options.ratePerMinute));
  if (options.webhookRetryDelayMs !== undefined) args.push("--webhook-retry-delay-ms", String(options.webhookRetryDelayMs));
  if (options.webhookMaxAttempts !== undefined) args.push("--webhook-max-attempts", String(options.webhookMaxAttempts));
  args.push(...(options.args ?? []));

  const child = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => {
    stderr += d;
  });

  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`fake-instantly did not start within 15 s\n${stderr}`));
    }, 15_000);
    lines.on("line", (line) => {
      const m = LISTENING.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`fake-instantly exited before listening (code ${code}, signal ${signal})\n${stderr}`));
    });
  });
  return new Fake(child, url, options.apiKeys?.[0] ?? DEFAULT_KEY);
}

/** A running fake-instantly and its control plane (`/__fake/...`). */
export class Fake {
  constructor(child, url, key) {
    /** The child process. */
    this.child = child;
    /** Origin, e.g. `http://127.0.0.1:41234`: pass it as `baseUrl`. */
    this.url = url;
    /** The (first) accepted API key. */
    this.key = key;
  }

  /** Calls a control-plane route; `key` selects the workspace (default: the first key's). */
  async control(method, route, body, key = this.key) {
    const headers = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.url}/__fake${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fake-instantly ${method} /__fake${route} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** Clears every workspace, the fault rules, the request log and runtime config. */
  reset() {
    return this.control("POST", "/reset", {});
  }

  /** Registers another API key (its own workspace). */
  addKey(apiKey) {
    return this.control("POST", "/keys", { api_key: apiKey });
  }

  /** Seeds a scenario (`demo`) into the workspace of `key`. */
  seed(scenario = "demo", key) {
    return this.control("POST", "/seed", { scenario }, key);
  }

  /** Adds a fault rule: `{ method?, path? (exact or prefix*), count?, when?, fault }`. */
  fault(rule) {
    return this.control("POST", "/faults", rule);
  }

  /** Removes every fault rule. */
  clearFaults() {
    return this.control("DELETE", "/faults");
  }

  /** The request log (method, path, query, headers without the key, body, status). */
  requests(pathFilter) {
    const q = pathFilter ? `?path=${encodeURIComponent(pathFilter)}` : "";
    return this.control("GET", `/requests${q}`);
  }

  /** Empties the request log. */
  clearRequests() {
    return this.control("DELETE", "/requests");
  }

  /** The workspace state (campaigns, leads, lead_lists, webhooks, background_jobs, counters…). */
  state(key) {
    return this.control("GET", "/state", undefined, key);
  }

  /** Changes runtime config (`rate_per_second`, `rate_per_minute`, `job_step_ms`, …). */
  config(values) {
    return this.control("POST", "/config", values);
  }

  /** Injects a webhook event (`{ event_type, campaign_id, lead_email, ... }`). */
  event(ev) {
    return this.control("POST", "/events", ev);
  }

  /** Advances the simulation (`{ ticks, campaign_id? }`). */
  simulate(body) {
    return this.control("POST", "/simulate", body);
  }

  /** Kills the server and waits for it to exit. */
  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}
