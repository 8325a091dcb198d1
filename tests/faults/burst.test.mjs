// A burst of 200 concurrent sends into a stub that throttles like EC2: a token bucket of 10 requests
// refilled at 10 per second, answering 503 RequestLimitExceeded when empty (tests/faults/stub-server.mjs,
// a separate process). Run with retryMode standard and adaptive, on ec2-wasm and on
// @aws-sdk/client-ec2 3.1169.0, all four at once, each against its own bucket; real Math.random. Run once
// per ec2-wasm transport in Node (node:http, the default, and fetch).
//
// standard: the two share the SDK's algorithm, so they succeed about equally often (about 30 of 200:
//   the 190 throttled first attempts exhaust the retry quota). The check allows for the jitter.
// adaptive: the SDK's limiter only starts pacing after the first throttling response, when the whole
//   burst has already been sent; its retries then exhaust the quota and about 110 of 200 succeed.
//   ec2-wasm adds a slow-start window on attempts in flight before the first throttle
//   (src/retry/send_window.rs `SendWindow`), so all 200 succeed. Results: tests/faults/RESULTS.md.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { startStubProcess, makeClient, send, settle, outcome, testBoth } from "./lib.mjs";

const CALLS = 200;
const BUCKET = { capacity: 10, perSecond: 10 };
// Standard mode: ec2-wasm may not succeed less often than the SDK beyond the run-to-run jitter. The
// count depends on random backoff and on how the four bursts share the CPU: observed 29 to 84 for
// either side across machines and loads, with ec2-wasm 9 below the SDK on a loaded 2-core machine (the
// same build, alone, was as often above it). The algorithm itself is compared deterministically in
// tests/retry.rs; this bound only catches a gross regression end to end.
const STANDARD_TOLERANCE = 20;
// Adaptive mode: ec2-wasm's send window paces the burst so that (nearly) every send succeeds; under
// CPU starvation one or two sends can still exhaust their attempts.
const ADAPTIVE_MIN_SUCCESSES = CALLS - 3;

let stub;
before(async () => {
  stub = await startStubProcess();
});
after(async () => {
  await stub?.stop();
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function burst(impl, retryMode) {
  const session = await stub.session({ bucket: BUCKET });
  try {
    const client = makeClient(impl, session.endpoint, { retryMode, logger: quiet });
    // One call first, as an application's first call would be (it creates the connection pool and,
    // for the SDK, the rate limiter); then let the bucket refill.
    const warm = outcome(await settle(send(client)));
    assert.equal(warm.ok, true, `${impl} ${retryMode}: warm-up`);
    await new Promise((r) => setTimeout(r, 200));
    const t = performance.now();
    const results = (await Promise.all(Array.from({ length: CALLS }, () => settle(send(client))))).map(outcome);
    const seconds = (performance.now() - t) / 1000;
    const { requests } = await session.log();
    client.destroy();
    const failures = {};
    for (const o of results) if (!o.ok) failures[`${o.name}/${o.$fault}/${o.httpStatusCode}`] = (failures[`${o.name}/${o.$fault}/${o.httpStatusCode}`] ?? 0) + 1;
    return {
      impl,
      retryMode,
      successes: results.filter((o) => o.ok).length,
      attempts: results.reduce((n, o) => n + o.attempts, 0),
      requests: requests.length - 1,
      seconds: Math.round(seconds * 10) / 10,
      maxAttempts: Math.max(...results.map((o) => o.attempts)),
      failures,
    };
  } finally {
    await session.close();
  }
}

testBoth(`a burst of ${CALLS} concurrent sends into a ${BUCKET.perSecond} req/s token bucket`, async (t, transport) => {
  const runs = await Promise.all([burst("sdk", "standard"), burst("wasm", "standard"), burst("sdk", "adaptive"), burst("wasm", "adaptive")]);
  const [sdkStd, wasmStd, sdkAd, wasmAd] = runs;
  for (const r of runs) t.diagnostic(JSON.stringify(r));
  mkdirSync(new URL("../out/", import.meta.url), { recursive: true });
  writeFileSync(new URL(`../out/faults-burst-${transport.replace(":", "-")}.json`, import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), transport, calls: CALLS, bucket: BUCKET, runs }, null, 2)}\n`);

  for (const r of runs) {
    // Each attempt reached the stub exactly once; nobody exceeded maxAttempts (3).
    assert.equal(r.attempts, r.requests, `${r.impl} ${r.retryMode}: attempts vs requests`);
    assert.ok(r.maxAttempts <= 3, `${r.impl} ${r.retryMode}: maxAttempts`);
    // Every failure is the throttling error itself, as the service sent it.
    assert.deepEqual(Object.keys(r.failures).filter((k) => k !== "RequestLimitExceeded/server/503"), [], `${r.impl} ${r.retryMode}: failures`);
  }

  // standard: the same algorithm. At least as many successes as the SDK (within the jitter), and the
  // retry quota bounds the requests alike (200 first attempts + 100 throttling retries + refunds).
  assert.ok(wasmStd.successes >= sdkStd.successes - STANDARD_TOLERANCE, `standard: ec2-wasm ${wasmStd.successes} vs SDK ${sdkStd.successes}`);
  // (Without the quota it would be up to 600; each success after a retry refunds one more retry.)
  for (const r of [sdkStd, wasmStd]) assert.ok(r.requests >= 290 && r.requests <= 300 + r.successes, `standard ${r.impl}: ${r.requests} requests`);
  assert.ok(Math.abs(wasmStd.requests - sdkStd.requests) <= 30, `standard: requests ${wasmStd.requests} vs ${sdkStd.requests}`);

  // adaptive: every send of ec2-wasm succeeds; the SDK's do not (that is the point of the window).
  assert.ok(wasmAd.successes >= ADAPTIVE_MIN_SUCCESSES, `adaptive ec2-wasm: ${JSON.stringify(wasmAd)}`);
  assert.ok(wasmAd.successes > sdkAd.successes, `adaptive: ec2-wasm ${wasmAd.successes} vs SDK ${sdkAd.successes}`);
  assert.ok(sdkAd.successes < CALLS, `adaptive SDK: ${sdkAd.successes} (if the SDK now paces bursts, update RESULTS.md)`);
  // Paced, not hammering: few requests beyond one per call.
  assert.ok(wasmAd.requests < CALLS * 1.3, `adaptive ec2-wasm: ${wasmAd.requests} requests`);
});
