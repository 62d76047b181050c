// One "process" of the Redis coordinator test: `node redis-load.mjs <fakeUrl> <key> <redisUrl|-> <calls>`
// makes <calls> concurrent calls (through the Redis coordinator unless the Redis URL is `-`) once
// it reads "go" on stdin, and prints `{ ok, limited, other }` as one JSON line.
import { createInterface } from "node:readline";
import { createClient } from "redis";
import { InstantlyClient } from "instantly-wasm";
import { redisCoordinator } from "instantly-wasm/redis";

const [baseUrl, apiKey, redisUrl, n] = process.argv.slice(2);
let redis;
let rateLimit = {};
if (redisUrl !== "-") {
  redis = createClient({ url: redisUrl });
  await redis.connect();
  rateLimit = { shared: redisCoordinator(redis) };
}
const client = new InstantlyClient({ apiKey, baseUrl, maxRetries: 0, rateLimit });
console.log("ready");
await new Promise((resolve) => createInterface({ input: process.stdin }).once("line", resolve));
const results = await Promise.allSettled(Array.from({ length: Number(n) }, () => client.leadLists.list()));
const count = (f) => results.filter(f).length;
console.log(JSON.stringify({
  ok: count((r) => r.status === "fulfilled"),
  limited: count((r) => r.status === "rejected" && r.reason?.code === "rate_limit"),
  other: results.filter((r) => r.status === "rejected" && r.reason?.code !== "rate_limit").map((r) => String(r.reason?.message)).slice(0, 3),
}));
await redis?.quit();
