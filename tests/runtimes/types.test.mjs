// TypeScript consumers of the built package, `tsc --strict` with the `lib` a project targeting
// ES2022 has (no ESNext): resolved as a bundler does for browsers, as wrangler does for workerd,
// and as Node does. Each must pick its own entry's declarations and type-check.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { ROOT } from "./helpers.mjs";

const run = promisify(execFile);
const TSC = path.join(ROOT, "node_modules/.bin/tsc");
const DIR = path.join(ROOT, "tests/runtimes/ts");

for (const [config, entry] of [["browser", "browser.d.ts"], ["workerd", "workerd.d.ts"], ["node", "node.d.ts"]]) {
  test(`tsc --strict: ${config} resolution picks pkg/${entry} and type-checks`, async () => {
    const project = path.join(DIR, `tsconfig.${config}.json`);
    const { stdout: files } = await run(TSC, ["-p", project, "--listFilesOnly"]);
    const fromPkg = files.split("\n").filter((f) => f.includes("/pkg/")).map((f) => path.basename(f.trim()));
    assert.ok(fromPkg.includes(entry), `resolved ${fromPkg}`);
    for (const other of ["browser.d.ts", "workerd.d.ts", "node.d.ts"].filter((e) => e !== entry)) {
      assert.ok(!fromPkg.includes(other), `${other} not used`);
    }
    const result = await run(TSC, ["-p", project]).catch((e) => e);
    assert.equal(result.code ?? 0, 0, `tsc errors:\n${result.stdout}${result.stderr}`);
  });
}
