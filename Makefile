# ec2-wasm — public commands: pkg, test, demo, bench. Every target installs what it needs first
# (scripts/setup.sh is idempotent), so each works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo

.PHONY: all pkg test test-rust lint test-js demo bench setup clean

all: test

setup:
	scripts/setup.sh all

lint:
	scripts/setup.sh rust
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-rust:
	scripts/setup.sh rust
	$(CARGO) test --all-targets

test: lint test-rust

clean:
	rm -rf target pkg/dist tests/out

pkg:
	scripts/build-pkg.sh
