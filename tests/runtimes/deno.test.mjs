// Deno (from npm's `deno` package): the Node quick start runs unchanged, resolving the package's
// "deno" condition, and the TypeScript consumer type-checks with `deno check`.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT } from "./helpers.mjs";

const run = promisify(execFile);
const DENO = path.join(ROOT, "node_modules/.bin/deno");
const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", INSTANTLY_API_KEY: "", INSTANTLY_BASE_URL: "" };
let fake;

before(async () => { fake = await startFake(); });
after(async () => { await fake?.stop(); });

test("deno runs the quick start against fake-instantly with narrow permissions", async () => {
  const { stdout } = await run(DENO, ["run", "--allow-read", "--allow-net=127.0.0.1", "--allow-env", "www/node/quickstart.mjs", fake.url], { cwd: ROOT, env });
  assert.match(stdout, /^created Q1 Outreach \([0-9a-f-]{36}\), status Draft$/m);
  assert.match(stdout, /^activated: status Active$/m);
  assert.equal((await fake.state()).campaigns[0].status, 1);
});

test("deno resolves the package to its deno entry and type-checks the consumer", async () => {
  const { stdout } = await run(DENO, ["info", "--json", "www/node/quickstart.mjs"], { cwd: ROOT, env });
  const modules = JSON.parse(stdout).modules.map((m) => m.specifier);
  assert.ok(modules.some((s) => s.endsWith("/pkg/node.js")), modules.join("\n"));
  const checked = await run(DENO, ["check", "tests/runtimes/ts/consumer.mts"], { cwd: ROOT, env }).catch((e) => e);
  assert.equal(checked.code ?? 0, 0, `${checked.stdout}${checked.stderr}`);
});
