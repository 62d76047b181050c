// The README's Node quick start: any operation of the spec, per-call options, input checked
// before sending, and a list walked page by page.
//
//   node www/node/tour.mjs http://127.0.0.1:8787      # fake-instantly (its default key)
//   INSTANTLY_API_KEY=... node www/node/tour.mjs      # the real API: it adds to your block list
//
// The base URL comes from the first argument, else INSTANTLY_BASE_URL, else the real API;
// without INSTANTLY_API_KEY it uses fake-instantly's default key.
import { InstantlyClient, isInstantlyError } from "instantly-wasm";

const client = new InstantlyClient({
  apiKey: process.env.INSTANTLY_API_KEY || "fake-instantly-test-key",
  baseUrl: process.argv[2] || process.env.INSTANTLY_BASE_URL || "https://api.instantly.ai",
});

// Path values, then one params object (wire names), then per-call options.
const entry = await client.blockListEntries.create({ bl_value: "competitor.example" }, { timeoutMs: 5_000 });
console.log(`blocked ${entry.bl_value}`);

// Bad input never leaves the process: a ValidationError names the field.
try {
  await client.campaigns.get("analytics");
} catch (e) {
  if (!isInstantlyError(e) || e.code !== "validation") throw e;
  console.log(`refused: ${e.message}`);
}

// Every cursor list has listAll: pages are fetched as the loop reads them.
const signal = AbortSignal.timeout(60_000);
for await (const c of client.campaigns.listAll({ limit: 100 }, { signal, maxItems: 1_000 })) {
  console.log(`- ${c.name} (status ${c.status})`);
}
