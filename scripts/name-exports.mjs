// Gives a minified module's exported functions and classes their exported names back.
//
// The release build minifies every module without esbuild's `--keep-names`, which would wrap
// every function and class of the bundle (the glue's hundred import functions among them) in a
// naming call: about 1 KiB gzip per entry. Only what a user can reach needs its name
// (`InstantlyClient.name`, `parseWebhook.name`, what `console.log` shows), and that is what the
// module exports. This reads the module's final `export{a as B,...};` clause (esbuild writes one)
// and puts before it one statement that sets `name` on each exported function or class whose
// name differs. `default` is left alone. It fails when the module does not end in such a clause.
//
// Usage: node scripts/name-exports.mjs <module.js>...

import { readFileSync, writeFileSync } from "node:fs";

const files = process.argv.slice(2);
if (files.length === 0) throw new Error("usage: name-exports.mjs <module.js>...");

const IDENT = /^[A-Za-z_$][\w$]*$/;

for (const file of files) {
  const source = readFileSync(file, "utf8");
  const match = /export\{([^{}]*)\};?\s*$/.exec(source);
  if (!match) throw new Error(`${file}: no final export clause`);
  const pairs = [];
  for (const entry of match[1].split(",")) {
    const [local, exported = local] = entry.trim().split(/\s+as\s+/);
    if (!IDENT.test(local) || !IDENT.test(exported)) throw new Error(`${file}: cannot read export "${entry}"`);
    if (exported !== "default" && local !== exported) pairs.push(`[${local},"${exported}"]`);
  }
  if (pairs.length === 0) continue;
  // The list is built in the module's scope, before the callback's own `f` and `n` exist: a
  // loop head declaring them would shadow module names that minify to the same letters.
  const naming =
    `[${pairs.join(",")}].forEach(([f,n])=>typeof f=="function"&&f.name!==n&&` +
    `Object.defineProperty(f,"name",{value:n,configurable:!0}));`;
  writeFileSync(file, source.slice(0, match.index) + naming + source.slice(match.index));
  console.log(`name-exports: ${file}: ${pairs.length} exports named`);
}
