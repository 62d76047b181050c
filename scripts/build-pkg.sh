#!/usr/bin/env bash
# Builds the npm package into pkg/: one wasm (wasm-bindgen --target web), optimised with
# binaryen's wasm-opt -Oz from npm, plus the per-runtime entry files from js/ and package.json.
# Usage: scripts/build-pkg.sh [--dev]   (--dev: debug build, no wasm-opt; for fast iteration)
set -euo pipefail
cd "$(dirname "$0")/.."

profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev

if [ "$profile" = --release ]; then
  # The release wasm links a standard library rebuilt with the panic strategy `immediate-abort`:
  # a panic is the same `unreachable` trap it already was (a wasm32-unknown-unknown panic prints
  # nowhere, then aborts), minus the code that formatted a message nobody could see: about
  # 14 KiB gzip with the other flags here. `-Z build-std` is unstable: RUSTC_BOOTSTRAP lets the
  # installed stable toolchain (with its rust-src component, see scripts/setup.sh) build its own
  # std from source. The standard library is compiled at opt-level 3, as the shipped one is:
  # compiled at the crate's "z", it made `leads.import` take about a fifth longer per lead. Its
  # own target directory keeps these flags from invalidating the test builds in target/.
  std_at_o3=()
  for crate in std core alloc dlmalloc compiler_builtins; do
    std_at_o3+=(--config "profile.release.package.$crate.opt-level=3")
  done
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/pkg \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    wasm-pack --log-level warn build . --release --target web --weak-refs --no-pack --out-dir pkg \
    --out-name instantly_wasm -- -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size \
    "${std_at_o3[@]}"
else
  wasm-pack --log-level warn build $profile --target web --weak-refs --no-pack --out-dir pkg --out-name instantly_wasm
fi

if [ "$profile" = --release ]; then
  # --converge repeats -Oz until nothing shrinks; --low-memory-unused lets it fold constant
  # offsets into loads and stores, safe because Rust never places data below address 1024. The
  # `producers` and `target_features` sections (tool versions, the features it was built with)
  # are metadata no runtime reads.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-multivalue --enable-mutable-globals \
    pkg/instantly_wasm_bg.wasm -o pkg/instantly_wasm_bg.wasm.opt
  mv pkg/instantly_wasm_bg.wasm.opt pkg/instantly_wasm_bg.wasm
  # Short names for the wasm's imports and closure shims, in the module, the glue and the
  # declarations of its exports (see the script).
  node scripts/wasm-imports.mjs pkg/instantly_wasm_bg.wasm pkg/instantly_wasm.js \
    pkg/instantly_wasm.d.ts pkg/instantly_wasm_bg.wasm.d.ts
fi

# wasm-bindgen declares the raw wasm ABI (`InitOutput`, instantly_wasm_bg.wasm.d.ts) with `any`;
# make it `unknown` so no `any` reaches consumers (checked by tests/ts/check-declarations.mjs).
sed -i -E 's/\bany\b/unknown/g' pkg/instantly_wasm_bg.wasm.d.ts
sed -i -E '/^export interface InitOutput \{/,/^\}/ s/\bany\b/unknown/g' pkg/instantly_wasm.d.ts

# The generated declarations use Symbol.dispose (explicit resource management): reference the lib
# that declares it, so consumers whose `lib` predates it still type-check (needs TypeScript >= 5.2).
sed -i '1i /// <reference lib="esnext.disposable" />' pkg/instantly_wasm.d.ts

# wasm-bindgen emits a few members without doc comments: give them one, so the API reference
# (`npm run docs`, TypeDoc with notDocumented validation) documents every method and type.
node scripts/doc-bindings.mjs pkg/instantly_wasm.d.ts

# The glue is bundled with its JS modules, and in a release build every module ships minified
# (comments and whitespace out, locals renamed; scripts/name-exports.mjs gives exported functions
# and classes their names back). Their sources are wasm-bindgen's output, src/http/transport.js
# and src/http/packed.js, js/client.js (generated), js/facade.js and the entries in js/.
esbuild() { node_modules/.bin/esbuild "$@" --format=esm --log-level=warning; }
minify=()
[ "$profile" = --release ] && minify=(--minify)
# Deno reads a file's types from its leading `@ts-self-types` comment: keep it.
with_directive() {
  local directive
  directive=$(grep -o '@ts-self-types="[^"]*"' "$1" | head -1 || true)
  { [ -z "$directive" ] || echo "/* $directive */"; cat "$2"; } > "$3"
}
# Unminified sources side by side in pkg/.stage, so every output is minified once.
# wasm-bindgen writes the JS modules as snippets (pkg/snippets/<crate-hash>/src/http/*.js)
# that the glue imports; bundling follows that import, and the package keeps no snippets/.
stage=pkg/.stage
rm -rf "$stage" && mkdir -p "$stage"
esbuild pkg/instantly_wasm.js --bundle --outfile="$stage/instantly_wasm.js"
cp js/client.js js/facade.js js/rate-limiter.js js/rate-budget.js js/node.js js/workerd.js js/browser.js "$stage/"
esbuild pkg/instantly_wasm.js --bundle "${minify[@]}" --outfile=pkg/glue.tmp.js
with_directive pkg/instantly_wasm.js pkg/glue.tmp.js pkg/instantly_wasm.js
# client.js carries the base of its classes (js/facade.js); the glue stays apart.
esbuild "$stage/client.js" --bundle "${minify[@]}" --outfile=pkg/client.tmp.js --external:./instantly_wasm.js
with_directive js/client.js pkg/client.tmp.js pkg/client.js
rm pkg/glue.tmp.js pkg/client.tmp.js
rm -r pkg/snippets
esbuild js/rate-limiter.js --bundle --outfile=pkg/rate-limiter.js
# The runtime entries (node.js, workerd.js, browser.js) are each one self-contained module: the
# entry, glue, transport, client and Durable Object bundled, the .wasm a separate file. Node's
# ES module loader takes a fraction of a millisecond per module, so four modules cost about a
# millisecond more than one. Deno reads an entry's types from its declarations (which name
# instantly_wasm.js, client.js and rate-limiter.js: the package keeps them, and `web.js`, the
# raw entry, imports the first two).
for entry in node workerd browser; do
  esbuild "$stage/$entry.js" --bundle "${minify[@]}" --outfile="pkg/$entry.tmp.js" \
    --external:./instantly_wasm_bg.wasm --external:'node:*'
  { echo "/* @ts-self-types=\"./$entry.d.ts\" */"; cat "pkg/$entry.tmp.js"; } > "pkg/$entry.js"
  rm "pkg/$entry.tmp.js"
done
rm -r "$stage"
[ "$profile" = --release ] &&
  node scripts/name-exports.mjs pkg/instantly_wasm.js pkg/client.js pkg/node.js pkg/workerd.js pkg/browser.js

cp js/node.d.ts js/workerd.d.ts js/browser.d.ts js/web.js js/web.d.ts pkg/
# The generated client's declarations and the operation list: one entry per spec operation.
cp js/client.d.ts js/operations.json pkg/
# The rate-limit coordinators (plain JS, no wasm): the Durable Object (bundled above) and the
# Redis one.
cp js/rate-limiter.d.ts js/redis.js js/redis.d.ts pkg/
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("js/package.template.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
cp README.md LICENSE CHANGELOG.md pkg/
# The guides the README links to ship with it (docs/), so its links work in the installed package.
# A link of theirs into the repository outside docs/ (the generator's and the fake's READMEs)
# becomes the path in text: those files are not in the package.
rm -rf pkg/docs && mkdir -p pkg/docs
node -e '
  const fs = require("fs");
  for (const name of fs.readdirSync("docs").filter((f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(`docs/${name}`, "utf8")
      .replace(/\[([^\]]+)\]\(\.\.\/([^)#]+)\)/g, (_, label, target) =>
        label === target ? `\`${target}\` (in the source repository)` : `${label} (\`${target}\` in the source repository)`);
    fs.writeFileSync(`pkg/docs/${name}`, text);
  }
'
rm -f pkg/.gitignore
# Link the package into node_modules, as `npm install ./pkg` would, so in-repo examples and tests
# import it by its name ("instantly-wasm") and resolve its export conditions like a consumer.
mkdir -p node_modules && ln -sfn ../pkg node_modules/instantly-wasm
echo "built pkg/ (instantly-wasm $version)"
