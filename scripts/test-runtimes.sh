#!/usr/bin/env bash
# The package in each runtime it is for, each in the real runtime (tests/runtimes/):
#   - Node: the README quick start against fake-instantly, export conditions, the ./web entry;
#   - Deno (npm's `deno`): the quick start unchanged, `deno check` of a TS consumer;
#   - the demo page (www/) in headless Chromium through www/server.mjs;
#   - a Vite app importing the package (default config): `vite build` and the dev server, in Chromium;
#   - the Worker example (www/worker/) bundled by wrangler and run in workerd by Miniflare, with
#     fake-instantly delivering real webhooks to it;
#   - the browser extension (www/extension/) loaded unpacked into headless Chromium;
#   - TypeScript consumers (tsc --strict) resolving the package as a bundler, workerd and Node do;
#   - webpack 5 (defaults) and esbuild (ESM, wasm copied beside) bundles of the Vite app, in Chromium;
#   - the package as published: `npm pack`, its file list, publint, attw (ESM-only), the tarball
#     installed into a scratch project and run under Node 20 and Node 18, and type-checked by
#     TypeScript 5.2 (Node 18 and TypeScript 5.2 from tools/);
# then `npm run docs` (the TypeDoc reference; fails on any warning).
# Each test file starts and stops its own fake-instantly and servers on loopback ports.
# Needs pkg/ built (scripts/build-pkg.sh); builds fake-instantly if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1;34m[test-runtimes]\033[0m %s\n' "$*"; }

if [ ! -f pkg/instantly_wasm_bg.wasm ] || [ ! -f pkg/package.json ]; then
  echo "pkg/ is not built: run scripts/build-pkg.sh first" >&2
  exit 1
fi
mkdir -p node_modules
ln -sfn ../pkg node_modules/instantly-wasm

# tools/: TypeDoc, TypeScript 5.2 and Node 18, pinned apart from the root's node_modules.
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  step "npm ci --prefix tools"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

if [ -z "${FAKE_INSTANTLY_BIN:-}" ]; then
  cargo build --quiet -p fake-instantly
  export FAKE_INSTANTLY_BIN="$PWD/target/debug/fake-instantly"
fi

# wrangler: no usage metrics, no update check (nothing leaves the machine).
export WRANGLER_SEND_METRICS=false WRANGLER_HIDE_BANNER=true NO_UPDATE_NOTIFIER=1

step "node --test tests/runtimes/"
# A hanging file fails after 10 minutes, as in scripts/test-js.sh.
node --test --test-reporter=spec --test-concurrency=1 --test-timeout=600000 tests/runtimes/

step "npm run docs (TypeDoc, warnings are errors)"
npm run --silent docs
