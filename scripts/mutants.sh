#!/usr/bin/env bash
# Mutation testing of the core's logic with cargo-mutants: every mutant of these files must make
# a native test fail. Each group names its files and the test targets that exercise them, so a
# mutant rebuilds and runs only those.
# Usage: scripts/mutants.sh [group...]   groups: retry ratelimit validator webhooks import paging
#        (no group: all of them). Results: target/mutants/<group>/mutants.out/
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install cargo-mutants

declare -A files tests
files[retry]="src/retry.rs"
tests[retry]="prop_retry request_loop"
files[ratelimit]="src/ratelimit/window.rs"
tests[ratelimit]="ratelimit ratelimit_shared"
files[validator]="src/engine/validate.rs src/engine/formats.rs src/validate.rs"
tests[validator]="engine_operations prop_input prop_http timezones"
files[webhooks]="src/webhooks/verify.rs"
tests[webhooks]="webhooks_helpers prop_webhooks webhooks_receive"
files[import]="src/import/mod.rs src/import/spans.rs"
tests[import]="import prop_import leads_bulk"
files[paging]="src/engine/paging.rs"
tests[paging]="paginate engine_operations"

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(retry ratelimit validator webhooks import paging)

status=0
for group in "${groups[@]}"; do
  [ -n "${files[$group]:-}" ] || { echo "unknown group: $group" >&2; exit 2; }
  args=(--no-shuffle -o "target/mutants/$group" --cargo-test-arg=--lib)
  for f in ${files[$group]}; do args+=(-f "$f"); done
  for t in ${tests[$group]}; do args+=("--cargo-test-arg=--test=$t"); done
  mkdir -p "target/mutants/$group"
  echo "== $group: ${files[$group]}"
  cargo mutants "${args[@]}" || status=$?
done
exit $status
