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
