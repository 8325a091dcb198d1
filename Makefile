# ec2-wasm — public commands: pkg, test, demo, bench. Every target installs what it needs first
# (scripts/setup.sh is idempotent), so each works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
NODE_TEST := node --test

.PHONY: all pkg pkg-test-panic test lint test-rust test-js test-types setup clean demo test-demo bench

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

## Formatting and clippy (-D warnings) for the host and for wasm32.
lint:
	scripts/setup.sh rust
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings

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
	EC2_IMPL=wasm $(NODE_TEST) tests/js/ tests/diff/ tests/e2e/

## The .d.ts against a strict-mode usage file.
test-types: pkg
	@mkdir -p tests/types/node_modules
	@ln -sfn ../../../pkg tests/types/node_modules/ec2-wasm
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	@echo "tsc --strict --noEmit: ok"

## Every test. This is what CI runs (.ci/run).
test: setup lint test-rust test-types test-js

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
	rm -rf target pkg/dist tests/out
