#!/usr/bin/env bash
# wasm-bindgen tests of the real fetch path (tests/web.rs) against fake-instantly on loopback,
# run twice: in Node and in headless Chromium (Debian's chromium + chromium-driver, configured by
# webdriver.json). Starts and stops its own fake-instantly; builds it if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1;34m[test-wasm]\033[0m %s\n' "$*"; }

PROFILE=/tmp/instantly-wasm-chromium-profile # the --user-data-dir in webdriver.json
fake_pid=
out=$(mktemp)
cleanup() {
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null; fi || true
  rm -rf "$out" "$PROFILE"
}
trap cleanup EXIT

if [ -z "${FAKE_INSTANTLY_BIN:-}" ]; then
  cargo build --quiet -p fake-instantly
  FAKE_INSTANTLY_BIN=target/debug/fake-instantly
fi
"$FAKE_INSTANTLY_BIN" --port 0 --spec-shapes >"$out" 2>&1 &
fake_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" || true)
  [ -n "$url" ] && break
  kill -0 "$fake_pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "fake-instantly did not start" >&2; cat "$out" >&2; exit 1; }
step "fake-instantly on $url"
export INSTANTLY_FAKE_URL=$url

step "tests/web.rs in Node"
INSTANTLY_WEB_ENV=node cargo test --target wasm32-unknown-unknown --test web

step "tests/web.rs in headless Chromium"
rm -rf "$PROFILE"
INSTANTLY_WEB_ENV=browser WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  cargo test --target wasm32-unknown-unknown --test web
