#!/usr/bin/env bash
# Runs every test: formatting and lints (native and wasm32), the native Rust suites (client core
# and fake-instantly), then the suites that need the built package. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy (wasm32)"
cargo clippy -p instantly-wasm --target wasm32-unknown-unknown --all-targets -- -D warnings

step "the crate without its JS facade (default-features = false): it compiles, exports nothing"
cargo clippy -p instantly-wasm --target wasm32-unknown-unknown --no-default-features --all-targets -- -D warnings
cargo build --quiet -p instantly-wasm --lib --target wasm32-unknown-unknown --no-default-features
node -e '
  const fs = require("fs");
  const wasm = `${process.argv[1]}/wasm32-unknown-unknown/debug/instantly_wasm.wasm`;
  const names = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(wasm))).map((e) => e.name);
  // Only memory and the toolchain'"'"'s own (wasm-bindgen'"'"'s describe functions, the externref table):
  // no class, function or type of the JS facade.
  const own = names.filter((n) => n !== "memory" && !n.startsWith("__"));
  if (own.length > 0) throw new Error(`exported without the js feature: ${own.join(", ")}`);
  console.log(`${names.length} exports, none of the JS facade`);
' "${CARGO_TARGET_DIR:-target}"

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p instantly-wasm
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p instantly-wasm --target wasm32-unknown-unknown

step "cargo test (native)"
cargo test --workspace

step "build pkg/"
scripts/build-pkg.sh

for suite in scripts/test-*.sh; do
  [ -e "$suite" ] || continue
  step "$suite"
  "$suite"
done

step "all tests passed"
