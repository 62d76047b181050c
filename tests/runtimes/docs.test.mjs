// The README and the guides in docs/ quote tested files: every code block (except shell commands
// and plain-text listings) is preceded by `<!-- from: PATH -->` and appears verbatim in that file.
// The README's Node quick start (www/node/tour.mjs) runs here against fake-instantly; the other
// quoted files run in their own suites (www/node/quickstart.mjs in node.test.mjs, the Worker in
// worker.test.mjs, the extension in extension.test.mjs, import-leads.mjs in tests/js).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { startFake } from "../js/helpers/fake.mjs";
import { ROOT } from "./helpers.mjs";

/** `[{ source?, lang, code, line }]` for each fenced block of a Markdown file. */
export function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    assert.ok(end > i, `unclosed block at line ${i + 1}`);
    const marker = /^<!-- from: (\S+) -->$/.exec(lines[i - 1] ?? "");
    blocks.push({ source: marker?.[1], lang: open[1], code: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    i = end;
  }
  return blocks;
}

/** Checks every block of `file` (repository-relative); returns how many name a source. */
function checkQuotes(file) {
  const blocks = codeBlocks(readFileSync(path.join(ROOT, file), "utf8"));
  for (const b of blocks) {
    if (b.lang === "sh" || b.lang === "text") continue;
    assert.ok(b.source, `${file}: block at line ${b.line} names its source`);
    const source = readFileSync(path.join(ROOT, b.source), "utf8");
    assert.ok(source.includes(b.code), `${file}: block at line ${b.line} is not a verbatim copy of ${b.source}`);
  }
  return blocks.filter((b) => b.source).length;
}

const GUIDES = readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);

test("every code block of the README is copied from the file it names", () => {
  assert.ok(checkQuotes("README.md") >= 5, "the README quotes its quick starts");
});

test("every code block of the guides in docs/ is copied from the file it names", () => {
  for (const g of ["runtimes", "errors-and-retries", "volume", "webhooks", "fake", "architecture", "benchmarks"]) {
    assert.ok(GUIDES.includes(`docs/${g}.md`), `docs/${g}.md exists`);
  }
  let quoted = 0;
  for (const file of GUIDES) quoted += checkQuotes(file);
  assert.ok(quoted >= 10, `the guides quote tested files (${quoted} blocks)`);
});

test("the README and the guides link only to files that exist", () => {
  for (const file of ["README.md", ...GUIDES]) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const resolved = path.join(ROOT, path.dirname(file), target);
      assert.doesNotThrow(() => readFileSync(resolved), `${file} links to ${target}, which does not exist`);
    }
  }
});

const run = promisify(execFile);
let fake;
before(async () => { fake = await startFake(); });
after(async () => { await fake?.stop(); });

test("the README's Node quick start blocks a domain, is refused a bad id before sending, and walks the campaigns", async () => {
  const key = "docs-tour-key";
  await fake.addKey(key);
  await fake.seed("demo", key);
  const stored = (await fake.state(key)).campaigns;
  const env = { ...process.env, INSTANTLY_API_KEY: key, INSTANTLY_BASE_URL: "" };
  const { stdout } = await run(process.execPath, ["www/node/tour.mjs", fake.url], { cwd: ROOT, env });
  assert.match(stdout, /^blocked competitor\.example$/m);
  assert.match(stdout, /^refused: .*analytics/m);
  const listed = stdout.split("\n").filter((l) => l.startsWith("- "));
  assert.equal(listed.length, stored.length, "every campaign of the workspace is listed once");
  for (const c of stored) assert.ok(listed.includes(`- ${c.name} (status ${c.status})`), `${c.name} is listed with its status`);
  const requests = await fake.requests("/api/v2/*");
  const mine = requests.filter((r) => r.path.startsWith("/api/v2/"));
  assert.ok(!mine.some((r) => r.path === "/api/v2/campaigns/analytics"), "the bad id never reached the server");
  const blocked = (await fake.state(key)).collections["block-lists-entries"] ?? [];
  assert.ok(Object.values(blocked).some((e) => e.bl_value === "competitor.example"), "the entry is stored");
});
