#!/usr/bin/env bash
# Both packages as their registries would take them, judged by the ecosystem's own tools. Nothing is
# published: npm and cargo run their dry runs.
#   npm:   npm pack pkg/, then @arethetypeswrong/cli (types under node10, node16 from CJS and from ESM,
#          bundler) and publint --strict on that tarball; npm publish --dry-run, failing on any field npm
#          would correct.
#   crate: cargo publish --dry-run, whose verify step builds the packaged crate alone, for the host and wasm32.
# What the two packages hold, file by file, is checked by tests/publish/ (node --test).
# Needs pkg/dist (make pkg). EC2_WASM_PUBLISH_OUT sets the scratch folder (default target/publish).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${EC2_WASM_PUBLISH_OUT:-target/publish}
step() { printf '\n== check-publish: %s\n' "$*"; }
fail() { echo "check-publish: FAILED: $*" >&2; exit 1; }

[ -f pkg/dist/index.d.cts ] && [ -f pkg/README.md ] || fail "pkg/ is not built: run make pkg"
rm -rf "$OUT"
mkdir -p "$OUT"

step "npm pack pkg/"
npm pack ./pkg --pack-destination "$OUT" --silent >/dev/null
TGZ=$(ls "$OUT"/*.tgz)
echo "$TGZ: $(tar -tzf "$TGZ" | wc -l) files, $(wc -c < "$TGZ") bytes"

step "attw (types in every resolution mode) on $TGZ"
# --no-definitely-typed: judge the package's own types, without asking the registry for @types.
node_modules/.bin/attw --profile strict --no-definitely-typed --format table --no-color "$TGZ" \
  || fail "@arethetypeswrong/cli found problems (table above)"

step "publint --strict on $TGZ"
node_modules/.bin/publint run "$TGZ" --strict || fail "publint reported errors or warnings (above)"

step "npm publish --dry-run pkg/"
npm publish --dry-run ./pkg > "$OUT/npm-publish.log" 2>&1 || { cat "$OUT/npm-publish.log"; fail "npm publish --dry-run"; }
grep -E 'total files|package size|^\+ ' "$OUT/npm-publish.log"
# npm rewrites fields it finds malformed and says so ("auto-corrected", "was removed", "was changed"): any
# such line means the published package.json would differ from ours. Only the login notice is expected.
if grep -E '^npm (warn|WARN|error|ERR)' "$OUT/npm-publish.log" | grep -vq 'requires you to be logged in'; then
  cat "$OUT/npm-publish.log"
  fail "npm publish --dry-run warned (above)"
fi

step "cargo publish --dry-run (verifies for the host and wasm32)"
# Cargo refuses uncommitted changes in packaged files; --allow-dirty only when there are some, and said.
DIRTY=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && \
   [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock README.md LICENSE CHANGELOG.md)" ]; then
  DIRTY=(--allow-dirty)
  echo "(uncommitted changes in packaged files: --allow-dirty)"
fi
HOST=$(rustc -vV | sed -n 's/^host: //p')
nice -n 10 cargo publish --dry-run "${DIRTY[@]}" --target "$HOST" --target wasm32-unknown-unknown \
  > "$OUT/cargo-publish.log" 2>&1 || { cat "$OUT/cargo-publish.log"; fail "cargo publish --dry-run"; }
# Test and bench targets left out by `include` are announced one line each; everything else is shown.
grep -v '^warning: ignoring \(test\|benchmark\) `' "$OUT/cargo-publish.log" | grep -v '^ *Compiling ' || true
echo "($(grep -c '^warning: ignoring \(test\|benchmark\) `' "$OUT/cargo-publish.log" || true) test and bench targets left out of the crate by include)"

echo
echo "check-publish: attw, publint, npm publish --dry-run and cargo publish --dry-run passed"
