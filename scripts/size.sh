#!/usr/bin/env bash
# Prints the built package's sizes in bytes, raw and gzipped (gzip -9), per entry point: the wasm,
# the wasm-bindgen JS glue, the entry file, and what the runtime loads in total.
# Usage: scripts/size.sh [pkg-dir]   (run scripts/build-pkg.sh first; scripts/sizes.mjs prints
# the same in KiB with brotli)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-pkg}
[ -f "$dir/instantly_wasm_bg.wasm" ] || { echo "$dir/instantly_wasm_bg.wasm not found: run scripts/build-pkg.sh" >&2; exit 1; }

raw() { wc -c <"$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

wasm="$dir/instantly_wasm_bg.wasm" glue="$dir/instantly_wasm.js"
wasm_raw=$(raw "$wasm") wasm_gz=$(gz "$wasm") glue_raw=$(raw "$glue") glue_gz=$(gz "$glue")
printf '%-10s %10s %10s %10s %10s %10s %10s %10s %10s\n' entry wasm wasm.gz glue glue.gz entry entry.gz total total.gz
for e in node workerd browser; do
  f="$dir/$e.js"
  e_raw=$(raw "$f") e_gz=$(gz "$f")
  printf '%-10s %10d %10d %10d %10d %10d %10d %10d %10d\n' "$e" \
    "$wasm_raw" "$wasm_gz" "$glue_raw" "$glue_gz" "$e_raw" "$e_gz" \
    $((wasm_raw + glue_raw + e_raw)) $((wasm_gz + glue_gz + e_gz))
done
