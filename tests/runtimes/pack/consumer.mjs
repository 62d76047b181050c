// A consumer of the package as npm installs it from the packed tarball (copied into a scratch
// project by tests/runtimes/pack.test.mjs): imports it by name, lists the campaigns of the
// fake-instantly at argv[2] with the key in argv[3], and prints what it saw as one JSON line.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CampaignStatus, InstantlyClient } from "instantly-wasm";

const [baseUrl, apiKey] = process.argv.slice(2);
const require = createRequire(import.meta.url);

const client = new InstantlyClient({ baseUrl, apiKey });
const page = await client.campaigns.list({ limit: 100 });
const operations = JSON.parse(readFileSync(require.resolve("instantly-wasm/operations.json"), "utf8"));

console.log(JSON.stringify({
  node: process.version,
  campaigns: page.items.map((c) => `${c.name}: ${CampaignStatus[c.status]}`),
  operations: operations.length,
  wasmFile: existsSync(require.resolve("instantly-wasm/instantly_wasm_bg.wasm")),
}));
