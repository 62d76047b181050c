#!/usr/bin/env bash
# The suites that use the built package (run scripts/build-pkg.sh first):
#   - tests/js/: node's test runner against fake-instantly on loopback (each test file starts and
#     stops its own fake-instantly through tests/js/helpers/fake.mjs);
#   - tests/ts/: the TypeScript consumers type-checked as a bundler, Node and workerd resolve the
#     package, and the declaration checks (no `any`; every export and method used).
# `instantly-wasm` resolves to ./pkg through a node_modules link, as `npm install ./pkg` makes it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1;34m[test-js]\033[0m %s\n' "$*"; }

if [ ! -f pkg/instantly_wasm_bg.wasm ] || [ ! -f pkg/package.json ]; then
  echo "pkg/ is not built: run scripts/build-pkg.sh first" >&2
  exit 1
fi
[ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p node_modules
ln -sfn ../pkg node_modules/instantly-wasm

if [ -z "${FAKE_INSTANTLY_BIN:-}" ]; then
  cargo build --quiet -p fake-instantly
  export FAKE_INSTANTLY_BIN="$PWD/target/debug/fake-instantly"
fi

step "node --test tests/js/"
# A test file that hangs fails after 10 minutes instead of holding CI to its limit (Node 20
# applies the timeout to each file as a whole, and to each test in it; the whole suite, every
# file at once, has taken 75–91 s here).
node --test --test-reporter=spec --test-timeout=600000 tests/js/

step "tsc: the consumer as a bundler, Node (nodenext) and workerd resolve the package"
for cfg in tsconfig.json:browser.d.ts tsconfig.node.json:node.d.ts tsconfig.workerd.json:workerd.d.ts; do
  file=${cfg%%:*} entry=${cfg##*:}
  files=$(node_modules/.bin/tsc -p "tests/ts/$file" --listFilesOnly)
  if ! grep -q "/pkg/$entry\$" <<<"$files"; then
    echo "tests/ts/$file did not resolve instantly-wasm to pkg/$entry" >&2
    exit 1
  fi
  node_modules/.bin/tsc -p "tests/ts/$file"
  echo "tests/ts/$file: ok (pkg/$entry)"
done

step "declarations: no any, every export and method used by the consumers"
node tests/ts/check-declarations.mjs pkg
