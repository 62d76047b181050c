// Prints the size of the built package per entry point: what each runtime loads (its entry
// module, in which the glue, the transport and the generated client are bundled, plus the one
// .wasm), raw, gzip and brotli. Usage: node scripts/sizes.mjs [pkg]
// `measure(dir)` is also used by bench/run.mjs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const WASM = "instantly_wasm_bg.wasm";
const ENTRIES = {
  "node (node.js)": ["node.js", WASM],
  "workerd (workerd.js)": ["workerd.js", WASM],
  "browser / bundlers (browser.js)": ["browser.js", WASM],
  "deno (node.js)": ["node.js", WASM],
  "./web (raw, init yourself)": ["web.js", "instantly_wasm.js", "client.js", WASM],
};

/**
 * Sizes in bytes: `files` for the wasm and the Node entry module (workerd.js and browser.js
 * differ from it by under 1 KiB gzip), `entries` for what each runtime loads (the sum over its files, each compressed on
 * its own as a server sends them).
 */
export function measure(dir = "pkg") {
  const read = (f) => readFileSync(path.join(dir, f));
  const size = (bufs) => ({
    raw: bufs.reduce((n, b) => n + b.length, 0),
    gzip: bufs.reduce((n, b) => n + gz(b), 0),
    brotli: bufs.reduce((n, b) => n + br(b), 0),
  });
  return {
    files: [WASM, "node.js"].map((name) => ({ name, files: 1, ...size([read(name)]) })),
    entries: Object.entries(ENTRIES).map(([name, files]) => ({ name, files: files.length, ...size(files.map(read)) })),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const { files, entries } = measure(process.argv[2] ?? "pkg");
  const rows = [["entry point", "files", "raw", "gzip", "brotli"]];
  for (const f of files) rows.push([`  ${f.name}`, "1", kib(f.raw), kib(f.gzip), kib(f.brotli)]);
  for (const e of entries) rows.push([e.name, String(e.files), kib(e.raw), kib(e.gzip), kib(e.brotli)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}
