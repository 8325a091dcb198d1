#!/usr/bin/env bash
# Installs everything `make test` needs, idempotently, from the package registries only
# (crates.io, npm, PyPI, Debian apt, rustup's channel). See ../shared/SETUP.md for the facts.
# Usage: scripts/setup.sh [rust|wasm|node|browser|moto|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WASM_BINDGEN_VERSION=0.2.130
MOTO_VERSION=5.2.5
step() { printf '\n==> setup: %s\n' "$*"; }

need_rust() {
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
  rustup target list --installed | grep -q '^wasm32-unknown-unknown$' || { step "rustup target wasm32"; rustup target add wasm32-unknown-unknown; }
}

need_nightly() {
  # The pinned nightly that builds the shipped wasm (scripts/build-pkg.sh): std rebuilt from rust-src.
  local tc; tc=$(cat scripts/nightly-toolchain)
  if ! rustup component list --toolchain "$tc" --installed 2>/dev/null | grep -q '^rust-src'; then
    step "rustup toolchain $tc with rust-src"
    rustup toolchain install "$tc" --profile minimal --component rust-src
  fi
}

need_wasm_bindgen() {
  if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (unlocked: --locked fails on this mirror)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

need_node() {
  # Dev dependencies (binaryen's wasm-opt, the AWS SDK, aws4fetch, esbuild, typescript, workerd, deno, bun,
  # playwright-core) come from the npm registry, pinned by package-lock.json.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    step "npm ci"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
  fi
}

need_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    step "apt-get install chromium"
    local SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -o DPkg::Lock::Timeout=600 -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends chromium chromium-driver
  fi
}

need_moto() {
  if [ ! -x .venv/bin/moto_server ]; then
    step "python venv with moto $MOTO_VERSION and boto3"
    python3 -m venv .venv
    .venv/bin/pip install -q "moto[server,ec2,iam]==$MOTO_VERSION" boto3
  fi
}

what=${1:-all}
case "$what" in
  rust) need_rust ;;
  wasm) need_rust; need_nightly; need_wasm_bindgen ;;
  node) need_node ;;
  browser) need_browser ;;
  moto) need_moto ;;
  all) need_rust; need_nightly; need_wasm_bindgen; need_node; need_browser; need_moto ;;
  *) echo "unknown setup step: $what" >&2; exit 2 ;;
esac
