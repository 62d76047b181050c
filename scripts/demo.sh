#!/usr/bin/env bash
# The README's first command: builds everything, starts fake-instantly seeded with demo data and
# the demo app (www/server.mjs), prints the URL, and runs until Ctrl-C (which stops both).
#
# With INSTANTLY_API_KEY set, no fake is started: the app's proxy forwards to the real API with
# your key (the page never sees it). DEMO_PORT picks the app's port (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[demo]\033[0m %s\n' "$*"; }

scripts/setup.sh
log "building the package (pkg/)"
scripts/build-pkg.sh

pids=()
tmp=$(mktemp -d)
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo; log "stopping"; exit 0' INT TERM

# Waits until $1 (a log file) has a line matching $2 and prints the URL on it.
wait_for_url() {
  for _ in $(seq 1 300); do
    url=$(grep -oE "$2 http://[^ ]+" "$1" 2>/dev/null | awk '{print $NF}' | head -1 || true)
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.1
  done
  cat "$1" >&2
  return 1
}

if [ -n "${INSTANTLY_API_KEY:-}" ]; then
  upstream=https://api.instantly.ai
  log "INSTANTLY_API_KEY is set: the proxy forwards to $upstream (no fake started)"
else
  log "building fake-instantly"
  cargo build --quiet -p fake-instantly
  target/debug/fake-instantly --port 0 --seed demo --spec-shapes >"$tmp/fake.log" 2>&1 &
  pids+=($!)
  upstream=$(wait_for_url "$tmp/fake.log" "listening on")
  log "fake-instantly (demo data) at $upstream"
fi

node www/server.mjs --port "${DEMO_PORT:-8080}" --upstream "$upstream" >"$tmp/www.log" 2>&1 &
pids+=($!)
url=$(wait_for_url "$tmp/www.log" "demo listening on")

printf '\n  \033[1mDemo ready:\033[0m %s\n\n  Ctrl-C to stop.\n\n' "$url"
# Runs until Ctrl-C, or until a child dies (then shows why).
set +e
wait -n "${pids[@]}"
log "a server stopped:"
cat "$tmp/fake.log" "$tmp/www.log" 2>/dev/null | tail -20
exit 1
