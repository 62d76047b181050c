#!/usr/bin/env bash
# Line coverage of the core by the native suites (cargo-llvm-cov), per file and in total.
# Generated code (src/generated/) is left out of the total: the engine tests drive the operation
# table directly, and the typed Rust fns over it are one call each.
# Usage: scripts/coverage.sh   (installs cargo-llvm-cov and llvm-tools-preview if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
rustup component list --installed | grep -q '^llvm-tools' || rustup component add llvm-tools-preview
command -v cargo-llvm-cov >/dev/null || cargo install cargo-llvm-cov
cargo llvm-cov --package instantly-wasm --summary-only --ignore-filename-regex 'src/generated/'
