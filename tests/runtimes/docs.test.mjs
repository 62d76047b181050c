// The README quotes tested files: every code block in README.md (except shell commands and
// plain-text listings) is preceded by `<!-- from: PATH -->` and appears verbatim in that file.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
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

test("every code block of the README is copied from the file it names", () => {
  const blocks = codeBlocks(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  assert.ok(blocks.filter((b) => b.source).length >= 10);
  for (const b of blocks) {
    if (b.lang === "sh" || b.lang === "text") continue;
    assert.ok(b.source, `block at line ${b.line} names its source`);
    const source = readFileSync(path.join(ROOT, b.source), "utf8");
    assert.ok(source.includes(b.code), `block at line ${b.line} is not a verbatim copy of ${b.source}`);
  }
});
