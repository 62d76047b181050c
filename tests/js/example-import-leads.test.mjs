// www/node/import-leads.mjs (the README's "Working at volume" example) against fake-instantly.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { ROOT, startFake } from "./helpers/fake.mjs";

const run = promisify(execFile);
let fake;

before(async () => {
  fake = await startFake();
  await fake.config({ job_step_ms: 100 });
});
after(() => fake?.stop());

test("the CSV example imports, reports by line, moves with a job and walks the campaign", async () => {
  const { stdout } = await run(process.execPath, [path.join(ROOT, "www/node/import-leads.mjs"), "www/node/leads.sample.csv", fake.url], {
    cwd: ROOT,
    env: { ...process.env, INSTANTLY_API_KEY: "", INSTANTLY_BASE_URL: "" },
  });
  assert.match(stdout, /^line 8 skipped: has 7 fields, the header has 6$/m);
  assert.match(stdout, /^imported 5\/5 \(3 created, 0 failed\)$/m);
  assert.match(stdout, /^created 3, already there 0, rejected 2, failed 0$/m);
  assert.match(stdout, /^line 4 rejected: email: must be an email address \(got "not-an-email"\)$/m);
  assert.match(stdout, /^line 7 rejected: same email as leads\[0\]/m);
  assert.match(stdout, /^move: success 100%$/m);
  assert.match(stdout, /^move success$/m);
  const walked = stdout.split("\n").filter((l) => l.startsWith("- ")).sort();
  assert.deepEqual(walked, ["- ann@example.com (Acme, Inc.)", "- bob@example.com (Globex)", "- dana@example.com (Umbrella)"]);
  const state = await fake.state();
  const dana = state.leads.find((l) => l.email === "dana@example.com");
  assert.equal(dana.payload?.Plan ?? dana.custom_variables?.Plan, "gold\n(renewing)");
});
