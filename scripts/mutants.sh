#!/usr/bin/env bash
# Mutation testing of the core's logic with cargo-mutants (settings: .cargo/mutants.toml): every
# mutant of these files must make a native test fail. Each group names its files and the test
# targets that exercise them, so a mutant rebuilds and runs only those.
# Usage: scripts/mutants.sh [group...]   (no group: all of them)
#   groups: retry ratelimit validator formats webhooks import paging slots table sort input packed
#   results: target/mutants/<group>/mutants.out/ (caught.txt, missed.txt, ...)
# MUTANTS_JOBS (default 2) mutants build and test at once.
# Extra cargo-mutants options go in MUTANTS_ARGS, e.g. MUTANTS_ARGS="--in-diff changes.diff".
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || cargo install cargo-mutants

declare -A files tests
files[retry]="src/retry.rs src/http_date.rs"
tests[retry]="--lib --test=prop_retry --test=request_loop"
files[ratelimit]="src/ratelimit/window.rs"
tests[ratelimit]="--lib --test=ratelimit"
files[validator]="src/engine/validate.rs src/engine/path.rs"
tests[validator]="--lib --test=engine_operations --test=prop_input --test=leads --test=campaigns --test=lead_lists --test=webhooks_api"
files[formats]="src/engine/formats.rs src/validate.rs"
tests[formats]="--lib"
files[webhooks]="src/webhooks/verify.rs"
tests[webhooks]="--lib --test=prop_webhooks --test=webhooks_receive"
files[import]="src/import/mod.rs src/import/spans.rs src/import/lead.rs src/import/source.rs src/import/in_flight.rs"
tests[import]="--lib --test=import --test=prop_import"
files[paging]="src/engine/paging.rs"
tests[paging]="--lib --test=paginate --test=engine_operations"
files[slots]="src/http/slots.rs"
tests[slots]="--lib"
files[table]="src/engine/table.rs"
tests[table]="--lib --test=engine_operations"
files[sort]="src/sort.rs"
tests[sort]="--lib"
files[input]="src/input.rs"
tests[input]="--lib --test=jobs"
files[packed]="src/http/packed.rs"
tests[packed]="--lib --test=prop_http"

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(retry ratelimit validator formats webhooks import paging slots table sort input packed)

status=0
for group in "${groups[@]}"; do
  [ -n "${files[$group]:-}" ] || { echo "unknown group: $group" >&2; exit 2; }
  args=(--no-shuffle -j "${MUTANTS_JOBS:-2}" -o "target/mutants/$group")
  for f in ${files[$group]}; do args+=(-f "$f"); done
  # As cargo args, the targets limit the build of each mutant as well as the test run.
  for t in ${tests[$group]}; do args+=("--cargo-arg=$t"); done
  mkdir -p "target/mutants/$group"
  echo "== $group: ${files[$group]}"
  # shellcheck disable=SC2086
  cargo mutants "${args[@]}" ${MUTANTS_ARGS:-} || status=$?
done
exit $status
