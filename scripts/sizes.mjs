// Prints the size of the built package per entry point: what each runtime loads (entry file +
// wasm-bindgen glue + the one .wasm), raw, gzip and brotli. Usage: node scripts/sizes.mjs [pkg]
import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "pkg";
const read = (f) => readFileSync(path.join(dir, f));
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const shared = ["instantly_wasm.js", "instantly_wasm_bg.wasm"];
const entries = {
  "node (node.js)": ["node.js", ...shared],
  "workerd (workerd.js)": ["workerd.js", ...shared],
  "browser / bundlers (browser.js)": ["browser.js", ...shared],
  "deno (node.js)": ["node.js", ...shared],
  "./web (raw, init yourself)": shared,
};

const rows = [["entry point", "files", "raw", "gzip", "brotli"]];
for (const f of ["instantly_wasm_bg.wasm", "instantly_wasm.js"]) {
  const b = read(f);
  rows.push([`  ${f}`, "1", kib(b.length), kib(gz(b)), kib(br(b))]);
}
for (const [name, files] of Object.entries(entries)) {
  const bufs = files.map(read);
  const sum = (fn) => bufs.reduce((n, b) => n + fn(b), 0);
  rows.push([name, String(files.length), kib(sum((b) => b.length)), kib(sum(gz)), kib(sum(br))]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
