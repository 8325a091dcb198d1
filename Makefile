# ec2-wasm — public commands: pkg, test, demo, bench. Every target installs what it needs first
# (scripts/setup.sh is idempotent), so each works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NODE_TEST := node --test

.PHONY: all pkg pkg-test-panic test lint test-rust test-js test-types setup clean demo test-demo bench generate

all: test

## Installs every tool and dependency the tests use (rustup target, wasm-bindgen, npm, chromium, moto).
setup:
	scripts/setup.sh all

## Builds the npm package into pkg/dist (size-tuned wasm + one bundle per runtime).
pkg:
	scripts/build-pkg.sh

## The same package with the test-only panic trigger (feature test-panic), for the recovery test.
pkg-test-panic:
	EC2_WASM_FEATURES=test-panic EC2_WASM_OUT=target/pkg-test-panic/dist EC2_WASM_TMP=target/pkg-test-panic/tmp scripts/build-pkg.sh

## Rewrites the generated files (shape tables, JS shape data and types, commands, the JS contract module)
## from their sources: tests/vectors/model/*-model.json and src/wire/contract.rs. `make test` fails when they drift.
generate:
	EC2_WASM_REGENERATE=1 $(CARGO) test --test codegen

## Formatting and clippy (-D warnings) for the host and for wasm32.
lint:
	scripts/setup.sh rust
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown --features client -- -D warnings
	$(CARGO) clippy --target wasm32-unknown-unknown --features client --test wasm_client -- -D warnings

## The Rust core natively: official SigV4 suites, captured JS SDK requests, EC2 protocol cases,
## endpoint rules, retry rules, property tests.
test-rust:
	scripts/setup.sh rust
	$(CARGO) test --all-targets

## The package in real runtimes: API tests, npm pack, the differential test against
## @aws-sdk/client-ec2, and end to end against moto in Node (ESM, CJS), Chromium, workerd, Deno and Bun.
test-js: pkg pkg-test-panic
	scripts/setup.sh browser
	scripts/setup.sh moto
	@mkdir -p tests/js/node_modules tests/types/node_modules
	@ln -sfn ../../../pkg tests/js/node_modules/ec2-wasm
	@ln -sfn ../../../pkg tests/types/node_modules/ec2-wasm
	EC2_IMPL=wasm $(NODE_TEST) tests/js/ tests/diff/ tests/faults/ tests/e2e/ tests/large/ tests/relay/

## The .d.ts against a strict-mode usage file.
test-types: pkg
	@mkdir -p tests/types/node_modules
	@ln -sfn ../../../pkg tests/types/node_modules/ec2-wasm
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	node_modules/.bin/tsc -p tests/types/tsconfig.sdk.json
	@echo "tsc --strict --noEmit: ok"

## Every test. This is what CI runs (.ci/run).
test: setup lint test-rust test-types test-size test-js test-rust-wasm test-demo fuzz-smoke test-publish

## The Rust client (feature `client`) on wasm32 against moto: wasm-bindgen-test in Node and in headless
## Chromium (each must report > 0 tests run), the aws-sdk-ec2 port check on wasm32, and the Rust Worker
## example (examples/worker-rs) in workerd. RUST_WASM_ONLY=node,browser,port-check,worker picks parts.
.PHONY: test-rust-wasm port-check-native
test-rust-wasm:
	scripts/test-rust-wasm.sh

## On demand (not in `make test`, a large build): the port check compiled natively against the real
## aws-sdk-ec2 (examples/port-check/native). Compiling is the check: moto refuses the real Rust SDK's
## requests (AuthFailure: it does not sign x-amz-content-sha256 for query bodies).
port-check-native:
	cd examples/port-check/native && CARGO_TARGET_DIR=$(CURDIR)/target/port-check-native nice -n 10 $(CARGO) build

## One command on a fresh machine: builds the package, starts moto (signature checks on) and a CORS proxy,
## runs examples/node, then serves the www/ console with everything prefilled. Ctrl-C stops it all.
demo:
	scripts/demo.sh

## The console page in Chromium, every example (Node ESM/CJS, Worker, Deno, Bun, Vite) and `make demo`
## itself (from a clean copy of the tree), against moto.
test-demo: pkg
	scripts/setup.sh browser
	scripts/setup.sh moto
	$(NODE_TEST) tests/demo/

clean:
	rm -rf target pkg/dist pkg/README.md pkg/LICENSE pkg/CHANGELOG.md tests/out

## The benchmark (bench/, ~10 min): ec2-wasm against @aws-sdk/client-ec2, aws4fetch and a bare fetch, in Node,
## Chromium and workerd, one interleaved run; writes bench/RESULTS.md. twiggy (crates.io) profiles the wasm.
bench: pkg
	scripts/setup.sh browser
	command -v twiggy >/dev/null || $(CARGO) install twiggy --version 0.8.0
	node bench/run.mjs

## The size budgets: gzip -9 of the one-CreateSnapshot browser app and of the create + wait app (JS + wasm) must stay within bench/size-budget.json.
.PHONY: test-size
test-size: pkg
	node bench/size-check.mjs

## Fuzzing (fuzz/, cargo-fuzz on nightly; installs cargo-fuzz from crates.io if missing). fuzz-smoke runs each
## target for FUZZ_SECONDS on its committed corpus (AddressSanitizer on) and fails on any crash; fuzz runs each
## FUZZ_RUNS times, two at a time, with FUZZ_SANITIZER (default none: the fuzzed core has no `unsafe`, so
## ASan finds nothing there and costs 3.8x the time), and prints executions and seconds per target.
## EC2_FUZZ_STRICT=0 skips checks of reported findings.
.PHONY: fuzz-smoke fuzz soak
FUZZ_TARGETS := response_parser error_parser serializer endpoint sigv4 codec
FUZZ_SECONDS ?= 10
FUZZ_RUNS ?= 10000000
FUZZ_SANITIZER ?= none
FUZZ_TOOLS = { rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal; } && \
	{ cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz; } && cd fuzz && cargo +nightly fuzz build
FUZZ_DICT = case $$t in *_parser) echo -dict=dict/xml.dict;; esac
fuzz-smoke:
	$(FUZZ_TOOLS) && for t in $(FUZZ_TARGETS); do mkdir -p target/smoke/$$t corpus/$$t && \
	  cargo +nightly fuzz run $$t target/smoke/$$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -malloc_limit_mb=128 \
	  -print_final_stats=1 $$($(FUZZ_DICT)) > target/smoke/$$t.log 2>&1 || { tail -n 60 target/smoke/$$t.log; echo "fuzz-smoke: $$t FAILED"; exit 1; }; \
	  echo "fuzz-smoke: $$t $$(grep -o 'number_of_executed_units: *[0-9]*' target/smoke/$$t.log | grep -o '[0-9]*$$') runs, no crash"; done
fuzz:
	$(FUZZ_TOOLS) -s $(FUZZ_SANITIZER) && printf '%s\n' $(FUZZ_TARGETS) | xargs -P 2 -I{} sh -c 't={}; mkdir -p target/work/$$t corpus/$$t && \
	  start=$$(date +%s) && cargo +nightly fuzz run -s $(FUZZ_SANITIZER) $$t target/work/$$t corpus/$$t -- -runs=$(FUZZ_RUNS) \
	  -rss_limit_mb=2048 -print_final_stats=1 $$($(FUZZ_DICT)) > target/work/$$t.log 2>&1 || { tail -n 60 target/work/$$t.log; exit 255; }; \
	  echo "fuzz: $$t $$(grep -o "number_of_executed_units: *[0-9]*" target/work/$$t.log | grep -o "[0-9]*$$") runs in $$(( $$(date +%s) - start )) s, no crash"'

## Soak: 100,000 operations (SOAK_ARGS, e.g. --sends=20000 --runtime=node; --runtime=worker-rs for the Rust example
## Worker) mixing CreateSnapshot outcomes, DescribeSnapshots pages and waits (complete, fail, time out, abort), in
## Node and workerd, against a stub in its own process; prints heap, RSS, wasm memory and live wasm objects along the way.
soak: pkg
	node scripts/soak.mjs $(SOAK_ARGS)

## Both packages as their registries would take them; nothing is published. The packed npm tarball is judged
## by @arethetypeswrong/cli (node10, node16 from CJS and ESM, bundler) and publint --strict, then
## `npm publish --dry-run` and `cargo publish --dry-run` (the packaged crate built alone for the host and
## wasm32); tests/publish/ checks both file lists, the README/LICENSE/types copies, TypeScript in each
## resolution mode, Deno and Bun resolution, the crate metadata and CHANGELOG.md.
.PHONY: test-publish
test-publish: pkg
	scripts/setup.sh rust
	scripts/check-publish.sh
	$(NODE_TEST) tests/publish/
