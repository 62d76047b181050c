#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, idempotently:
# the wasm32 target, wasm-pack, the wasm-bindgen CLI matching Cargo.lock, Debian's chromium,
# chromium-driver and redis-server, and the npm dev dependencies (TypeScript, binaryen's
# wasm-opt, playwright-core, wrangler/miniflare, vite, deno, redis). Fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release package rebuilds the standard library from source (scripts/build-pkg.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  log "adding the rust-src component"
  rustup component add rust-src
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  log "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "installing wasm-bindgen-cli $WB_VERSION"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Debian's redis-server: the Redis coordinator's test (tests/js/redis-coordinator.test.mjs)
# starts one on a free loopback port.
if [ ! -x /usr/bin/redis-server ]; then
  log "installing Debian's redis-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
