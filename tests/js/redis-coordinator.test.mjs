// The Redis coordinator (instantly-wasm/redis) against Debian's redis-server on a free loopback
// port: two Node processes with one key share one budget through it (0 × 429 against
// fake-instantly at 100/s, at 90/s or more together), where the same two processes without it
// collect 429s.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startFake } from "./helpers/fake.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REDIS_SERVER = process.env.REDIS_SERVER_BIN || "/usr/bin/redis-server";
let fake, redis, redisUrl, dir;

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Resolves with the first line of `child`'s stdout that matches `pattern`. */
function lineMatching(child, pattern) {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (pattern.test(line)) {
        lines.close();
        resolve(line);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

before(async () => {
  fake = await startFake({ ratePerSecond: 100, ratePerMinute: 6000 });
  dir = mkdtempSync(path.join(tmpdir(), "instantly-redis-"));
  const port = await freePort();
  redis = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await lineMatching(redis, /Ready to accept connections/);
  redisUrl = `redis://127.0.0.1:${port}`;
});

after(async () => {
  redis?.kill();
  await fake?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => fake.reset());

/** Two processes, each making `n` concurrent calls, started together. */
async function twoProcesses(n, withRedis) {
  const children = [0, 1].map(() =>
    spawn(process.execPath, [path.join(HERE, "helpers/redis-load.mjs"), fake.url, fake.key, withRedis ? redisUrl : "-", String(n)], {
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  await Promise.all(children.map((c) => lineMatching(c, /^ready$/)));
  const started = Date.now();
  const done = children.map((c) => lineMatching(c, /^\{/));
  for (const c of children) c.stdin.end("go\n");
  const results = (await Promise.all(done)).map((l) => JSON.parse(l));
  return { results, seconds: (Date.now() - started) / 1000 };
}

test("two Node processes sharing the Redis coordinator: 0 × 429 against 100/s, at 90/s or more together", async () => {
  const { results, seconds } = await twoProcesses(400, true);
  for (const r of results) assert.deepEqual(r.other, []);
  assert.deepEqual(results.map((r) => r.limited), [0, 0]);
  assert.deepEqual(results.map((r) => r.ok), [400, 400]);
  assert.equal((await fake.state()).counters.rate_limited, 0);
  // The combined rate, from the arrival times the fake logged (first to last request).
  const times = (await fake.requests("/api/v2/lead-lists")).map((r) => Date.parse(r.timestamp)).sort((a, b) => a - b);
  assert.equal(times.length, 800);
  const rate = 799 / ((times[799] - times[0]) / 1000);
  console.log(`two processes through Redis: 800 calls, ${rate.toFixed(1)}/s at the fake (${seconds.toFixed(2)} s from go to done), 0 × 429`);
  assert.ok(rate >= 90, `${rate.toFixed(1)} calls/s`);
});

test("the same two processes without it collect 429s", async () => {
  const { results } = await twoProcesses(400, false);
  const limited = results.reduce((s, r) => s + r.limited, 0);
  console.log(`two processes without a coordinator: ${limited} × 429`);
  assert.ok(limited > 0, "each process believes it has the whole budget");
});
