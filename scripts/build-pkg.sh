#!/usr/bin/env bash
# Builds the npm package in pkg/: the size-tuned wasm, wasm-bindgen's `web` glue and the JS shell,
# bundled by esbuild into ONE file per runtime. Each entry initialises the module itself, so users
# never call an init function, and a bundler honouring `sideEffects: false` cannot drop the init.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh wasm >&2
scripts/setup.sh node >&2
FEATURES=${EC2_WASM_FEATURES:-}
OUT=${EC2_WASM_OUT:-pkg/dist}
TMP=${EC2_WASM_TMP:-target/pkg-tmp}
rm -rf "$OUT" "$TMP"
mkdir -p "$OUT" "$TMP"
# The shipped module is built with a pinned nightly (scripts/setup.sh installs it with rust-src): std
# rebuilt for size, and panics compiled to a bare trap (-Cpanic=immediate-abort) so no panic message or
# formatting code is linked. A panic still traps, which the JS shell recovers from (pkg/src/calls.mjs).
# This drops ~31 KB raw / ~11 KB gzip against stable. EC2_WASM_TOOLCHAIN=stable builds with stable instead.
# RUSTFLAGS replaces .cargo/config.toml's flags, so its sha2 backend choice is repeated here.
TOOLCHAIN=${EC2_WASM_TOOLCHAIN:-$(cat scripts/nightly-toolchain)}
SHA2_CFG='--cfg sha2_backend_soft="compact"'
grep -qF 'sha2_backend_soft="compact"' .cargo/config.toml || { echo "build-pkg: .cargo/config.toml's sha2 backend changed; update SHA2_CFG" >&2; exit 1; }
if [ "$TOOLCHAIN" = stable ]; then
  WASM_TARGET_DIR=target
  cargo build --lib --release --target wasm32-unknown-unknown ${FEATURES:+--features "$FEATURES"}
else
  WASM_TARGET_DIR=target/nightly
  # -Zlocation-detail=none: no file names and line numbers for panic locations, which a bare trap never
  # reports (-304 B gzip).
  RUSTFLAGS="$SHA2_CFG -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" CARGO_TARGET_DIR=$WASM_TARGET_DIR \
    cargo "+$TOOLCHAIN" build --lib --release --target wasm32-unknown-unknown ${FEATURES:+--features "$FEATURES"} \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
fi
wasm-bindgen --target web --no-typescript --out-dir "$TMP" --out-name ec2_wasm \
  "$WASM_TARGET_DIR/wasm32-unknown-unknown/release/ec2_wasm.wasm"
# binaryen from npm (Debian's wasm-opt 108 corrupts wasm-bindgen 0.2.130 output: see SETUP.md).
# --converge repeats -Oz until it stops shrinking (-81 B gzip); the producers and target_features custom
# sections are toolchain metadata no runtime reads (-200 B gzip).
node_modules/.bin/wasm-opt -Oz --converge --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$TMP/ec2_wasm_bg.wasm" -o "$OUT/ec2_wasm_bg.wasm"
# Panic recovery: a trap leaves wasm-bindgen's instance unusable, and its glue only ever instantiates
# once. Add a reset that builds a fresh instance from the same compiled module (pkg/src/client.mjs
# calls it after a WebAssembly.RuntimeError). Fail loudly if a wasm-bindgen upgrade moves the anchor.
grep -q '^let wasmModule, wasmInstance, wasm;$' "$TMP/ec2_wasm.js" || { echo "build-pkg: wasm-bindgen glue changed; update the reset hook" >&2; exit 1; }
cat >> "$TMP/ec2_wasm.js" <<'JS'

/** Added by scripts/build-pkg.sh: replaces a trapped instance with a fresh one of the same module. */
export function __ec2wasm_reset() {
    const module = wasmModule;
    wasm = undefined;
    return initSync({ module });
}
JS
cp pkg/src/*.mjs pkg/entries/*.mjs "$TMP/"
# The web and workerd bundles are minified without --keep-names: its `__name` calls cost ~2 KB gzip and
# keep every function alive, so an app's bundler could not drop what it does not import. Exported classes
# name themselves (`static name`), as the SDK's classes are named; exported functions' names are minified
# there. The Node bundles keep every name, for readable stack traces and profiles, by not minifying
# identifiers at all: --keep-names would instead wrap every named function, closures made per call included,
# in an Object.defineProperty call (`__name`), which cost ~17 µs of a send's CPU in Node (bench/ANALYSIS.md).
ESB=(node_modules/.bin/esbuild --bundle --minify --log-level=warning --legal-comments=none)
ESB_NODE=(node_modules/.bin/esbuild --bundle --minify-whitespace --minify-syntax --log-level=warning --legal-comments=none)
"${ESB[@]}" "$TMP/web.mjs" --format=esm --platform=neutral --target=es2022 --outfile="$OUT/web.mjs"
"${ESB_NODE[@]}" "$TMP/node.mjs" --format=esm --platform=node --target=node20 --outfile="$OUT/node.mjs"
"${ESB[@]}" "$TMP/workerd.mjs" --format=esm --platform=neutral --target=es2022 \
  --external:./ec2_wasm_bg.wasm --outfile="$OUT/workerd.mjs"
"${ESB_NODE[@]}" "$TMP/node-cjs.mjs" --format=cjs --platform=node --target=node20 \
  --log-override:empty-import-meta=silent --outfile="$OUT/node.cjs"
# One source of types, two flavours: index.d.ts is read as ESM (the package is "type": "module") and
# index.d.cts, the same text, as CommonJS, so `require` under node16/nodenext resolution gets declarations
# of the format it loads (package.json pairs each with its entry). A relative import would need a .d.cts
# twin of its own, so there must be none.
if grep -qE "^(import|export)[^;]*from *['\"]\." pkg/src/index.d.ts; then
  echo "build-pkg: pkg/src/index.d.ts imports a relative file; index.d.cts is made by copying it alone" >&2; exit 1
fi
cp pkg/src/index.d.ts "$OUT/index.d.ts"
{ echo "// CommonJS flavour of index.d.ts (same declarations) for require(); made by scripts/build-pkg.sh."
  cat pkg/src/index.d.ts; } > "$OUT/index.d.cts"
# The package's README (cut from the root README), LICENSE and CHANGELOG.md sit beside dist/, where npm
# pack takes them; the root copies are the ones to edit.
node scripts/pkg-readme.mjs "$(dirname "$OUT")/README.md"
cp LICENSE CHANGELOG.md "$(dirname "$OUT")/"
printf 'pkg/dist: wasm %s bytes (gzip -9 %s); web.mjs %s bytes (gzip -9 %s)\n' \
  "$(wc -c < "$OUT/ec2_wasm_bg.wasm")" "$(gzip -9c "$OUT/ec2_wasm_bg.wasm" | wc -c)" \
  "$(wc -c < "$OUT/web.mjs")" "$(gzip -9c "$OUT/web.mjs" | wc -c)" >&2
