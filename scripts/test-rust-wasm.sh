#!/usr/bin/env bash
# The Rust client on wasm32 (feature `client`): wasm-bindgen-test in Node and in headless Chromium, the
# aws-sdk-ec2 port check on wasm32 and the Rust Worker in workerd, against moto with signature checks on.
# Exits non-zero on any failure, including a runner that executed no tests. RUST_WASM_ONLY=node,browser,...
# picks parts.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh wasm
scripts/setup.sh node
scripts/setup.sh browser
scripts/setup.sh moto
command -v wasm-bindgen-test-runner >/dev/null || { echo "wasm-bindgen-test-runner missing (scripts/setup.sh wasm)" >&2; exit 1; }
exec node tests/wasm/run.mjs
