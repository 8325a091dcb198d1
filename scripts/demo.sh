#!/usr/bin/env bash
# make demo: ec2-wasm doing its job, in one command on a fresh machine.
#   1. installs what it needs (idempotently) and builds pkg/;
#   2. starts moto on 127.0.0.1 with signature verification on (a fresh IAM key and volume), the CORS
#      proxy a browser needs in front of it, and the console page (scripts/demo/stack.mjs);
#   3. runs examples/node/create-snapshot.mjs, which prints the snapshot it created;
#   4. prints the console's URL (endpoint, region, keys and volume prefilled) and waits.
# Ctrl-C (SIGINT) or SIGTERM stops everything it started, by PID.
#
# Real AWS: with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and VOLUME_ID set and no EC2_ENDPOINT,
# step 3 snapshots that volume in AWS instead, and no emulator runs. (VOLUME_ID is the opt-in: credentials
# alone in the environment never make the demo touch a real account.)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup (idempotent) and make pkg"
scripts/setup.sh node
scripts/setup.sh moto
make --no-print-directory pkg

# The example imports "ec2-wasm" as an installed dependency (its package.json: "file:../../pkg"); this
# symlink is what `npm install` there would make, without the network.
mkdir -p examples/node/node_modules
ln -sfn ../../../pkg examples/node/node_modules/ec2-wasm

mode=moto
if [ -n "${AWS_ACCESS_KEY_ID:-}" ] && [ -n "${AWS_SECRET_ACCESS_KEY:-}" ] && [ -n "${AWS_REGION:-}" ] && [ -z "${EC2_ENDPOINT:-}" ]; then
  if [ -n "${VOLUME_ID:-}" ]; then
    mode=aws
  else
    echo "note: AWS credentials are set but VOLUME_ID is not, so the demo uses the local emulator." >&2
    echo "      Set VOLUME_ID=vol-… to snapshot a real volume in $AWS_REGION." >&2
  fi
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/ec2-wasm-demo.XXXXXX")
stack_pid=
stop() {
  trap - INT TERM EXIT
  if [ -n "$stack_pid" ]; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap 'stop; printf "\ndemo stopped\n"; exit 130' INT
trap 'stop; printf "\ndemo stopped\n"; exit 143' TERM
trap stop EXIT

start_stack() {
  node scripts/demo/stack.mjs --state "$state" "$@" &
  stack_pid=$!
  until [ -s "$state/state.env" ]; do
    if ! kill -0 "$stack_pid" 2>/dev/null; then
      wait "$stack_pid" || true
      stack_pid=
      echo "demo: the servers did not start (see above)" >&2
      exit 1
    fi
    sleep 0.2
  done
  # shellcheck source=/dev/null
  . "$state/state.env"
}

if [ "$mode" = aws ]; then
  step "node examples/node/create-snapshot.mjs $VOLUME_ID   (AWS, $AWS_REGION)"
  (cd examples/node && node create-snapshot.mjs "$VOLUME_ID")
  start_stack --aws "$AWS_REGION"
  step "console: $DEMO_CONSOLE_URL"
  echo "    A browser cannot call EC2's public endpoints directly (they do not allow cross-origin"
  echo "    requests): put a CORS proxy or your backend in front and enter it as the endpoint."
else
  step "moto on 127.0.0.1 (signature verification on), an IAM key, a volume, a CORS proxy"
  start_stack
  echo "    moto        $DEMO_MOTO_ENDPOINT"
  echo "    CORS proxy  $DEMO_PROXY_ENDPOINT"
  echo "    IAM key     $DEMO_ACCESS_KEY_ID"
  echo "    volume      $DEMO_VOLUME_ID"

  step "node examples/node/create-snapshot.mjs $DEMO_VOLUME_ID"
  (
    cd examples/node
    env -u AWS_SESSION_TOKEN -u AWS_PROFILE -u AWS_DEFAULT_REGION \
      EC2_ENDPOINT="$DEMO_MOTO_ENDPOINT" AWS_REGION="$DEMO_REGION" \
      AWS_ACCESS_KEY_ID="$DEMO_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$DEMO_SECRET_ACCESS_KEY" \
      node create-snapshot.mjs "$DEMO_VOLUME_ID"
  )
  step "console: $DEMO_CONSOLE_URL"
  echo "    Endpoint, region, keys and volume are prefilled; the page keeps them in memory only."
fi
echo "    Ctrl-C stops the demo."
wait "$stack_pid" # returns when a trapped signal arrives (or if the servers die)
echo "demo: the servers stopped unexpectedly" >&2
exit 1
