// The raw `instantly-wasm/web` entry (no entry file runs): a client before init is a clear error;
// after initSync, listAll iterators are still async-iterable, because `[Symbol.asyncIterator]` is
// installed from inside the wasm module.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import { initSync, InstantlyClient } from "instantly-wasm/web";
import { startFake } from "./helpers/fake.mjs";

let fake;

before(async () => {
  fake = await startFake();
});
after(() => fake?.stop());

test("a client created before init throws an error that says to call init first", () => {
  assert.throws(() => new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url }), {
    name: "Error",
    message: /call and await init\(\) \(or call initSync\(\)\) before creating a client/,
  });
});

test("for await works through the ./web entry", async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("instantly-wasm/instantly_wasm_bg.wasm"));
  initSync({ module: wasm });
  const client = new InstantlyClient({ apiKey: fake.key, baseUrl: fake.url });
  await client.leadLists.create({ name: "one" });
  await client.leadLists.create({ name: "two" });
  const names = [];
  for await (const list of client.leadLists.listAll({ limit: 1 })) names.push(list.name);
  assert.deepEqual(names.sort(), ["one", "two"]);
});
