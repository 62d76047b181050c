// Copies the built package (pkg/, from scripts/build-pkg.sh) into vendor/instantly-wasm/, the
// only way extension pages can load it (no bare imports, no remote code). The copy is build
// output: it is gitignored, never committed. Usage: node www/extension/build.mjs
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(HERE, "../../pkg");
const OUT = path.join(HERE, "vendor", "instantly-wasm");
const FILES = ["browser.js", "instantly_wasm_bg.wasm"];

if (!FILES.every((f) => existsSync(path.join(PKG, f)))) {
  console.error("pkg/ is not built: run scripts/build-pkg.sh first");
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const f of FILES) copyFileSync(path.join(PKG, f), path.join(OUT, f));
console.log(`copied ${FILES.join(", ")} to ${path.relative(process.cwd(), OUT) || OUT}`);
