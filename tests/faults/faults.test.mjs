// Fault injection: every scenario runs against ec2-wasm (pkg/dist, `make pkg`) and
// @aws-sdk/client-ec2 3.1169.0 at the same time, each against its own server of the same scripted
// stub (tests/faults/stub-server.mjs, a separate process stopped by PID). Compared, per call: the
// result or the error's `name`, `$fault`, `code`, `$metadata.httpStatusCode`, `$metadata.attempts`,
// `$metadata.totalRetryDelay`, `$metadata.clockSkewCorrected`; per attempt, the `amz-sdk-request`
// header the stub saw. `Math.random` is fixed while a scenario runs, so backoffs are exact and are
// also checked against the SDK's formula `floor(random × min(base × 2^i, 20000))`. Every scenario runs
// twice, ec2-wasm on each of its Node transports: node:http (the default) and fetch (FetchHttpHandler).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStubProcess, runBoth, withRandom, expectedDelay, amzDateMs, settle, send, testBoth, makeClient } from "./lib.mjs";
import { BODY_LIMITS } from "../../pkg/src/contract.generated.mjs";

const R = 0.1; // Math.random during the scenarios: backoffs of 5, 10, 20… ms (transient), 100, 200… (throttling)
const TRANSIENT = 50;
const THROTTLING = 1000;
const err = (status, code, extra = {}) => ({ status, code, ...extra });

let stub;
before(async () => {
  stub = await startStubProcess();
});
after(async () => {
  await stub?.stop();
});

const sdkRequests = (side) => side.requests.map((r) => r.sdkRequest);
const headerSeries = (counts, max) => counts.flatMap((n) => Array.from({ length: n }, (_, i) => `attempt=${i + 1}; max=${max}`));

/**
 * Asserts both sides saw the same outcomes and headers, that they equal `want` (the SDK's observed
 * behaviour: if the SDK ever stops doing this, the premise changed and the test says so), and that
 * the stub received one request per attempt.
 */
function same(r, want, { max = 3, what = "" } = {}) {
  assert.deepEqual(r.wasm.results, r.sdk.results, `${what} outcomes differ (ec2-wasm vs SDK)`);
  assert.deepEqual(sdkRequests(r.wasm), sdkRequests(r.sdk), `${what} amz-sdk-request per attempt differs`);
  if (want) {
    assert.equal(r.sdk.results.length, want.length);
    const got = r.sdk.results.map((o, i) => Object.fromEntries(Object.keys(want[i]).map((k) => [k, o[k]])));
    assert.deepEqual(got, want, `${what} the SDK no longer behaves as expected`);
  }
  for (const side of ["sdk", "wasm"]) {
    const attempts = r[side].results.map((o) => o.attempts);
    assert.equal(r[side].requests.length, attempts.reduce((a, b) => a + b, 0), `${what} ${side}: one request per attempt`);
    assert.deepEqual(sdkRequests(r[side]), headerSeries(attempts, max), `${what} ${side}: amz-sdk-request`);
    // Attempts of one call share an invocation id; calls do not.
    const ids = r[side].requests.map((q) => q.invocationId);
    let k = 0;
    for (const n of attempts) {
      assert.equal(new Set(ids.slice(k, k + n)).size, 1, `${what} ${side}: one invocation id per call`);
      k += n;
    }
  }
}

testBoth("throttling twice (503 RequestLimitExceeded, 400 Throttling), then success", async () => {
  await withRandom(R, async () => {
    const r = await runBoth(stub, { script: [err(503, "RequestLimitExceeded"), err(400, "Throttling"), { status: 200 }] });
    same(r, [{ ok: true, httpStatusCode: 200, attempts: 3, totalRetryDelay: expectedDelay(R, [THROTTLING, THROTTLING]) }]);
  });
});

testBoth("500 until the attempts run out: maxAttempts 3 and 5", async () => {
  await withRandom(R, async () => {
    for (const max of [3, 5]) {
      const r = await runBoth(stub, { script: [err(500, "InternalError")], repeat: true }, { config: { maxAttempts: max } });
      const delay = expectedDelay(R, Array(max - 1).fill(TRANSIENT));
      same(r, [{ ok: false, name: "InternalError", $fault: "server", httpStatusCode: 500, attempts: max, totalRetryDelay: delay }], { max, what: `maxAttempts ${max}:` });
    }
  });
});

testBoth("5xx with HTML or empty bodies are retried as transient; 501 is not retried", async () => {
  await withRandom(R, async () => {
    const cases = [
      [{ status: 502, body: "<html><body>502 Bad Gateway</body></html>", headers: { "content-type": "text/html" } }, 502, 3],
      [{ status: 503, body: "" }, 503, 3],
      [{ status: 504, body: "" }, 504, 3],
      [err(501, "NotImplemented"), 501, 1],
    ];
    await Promise.all(
      cases.map(async ([entry, status, attempts]) => {
        const r = await runBoth(stub, { script: [entry], repeat: true });
        const name = entry.code ?? "Unknown";
        same(r, [{ ok: false, name, $fault: "server", httpStatusCode: status, attempts, totalRetryDelay: expectedDelay(R, Array(attempts - 1).fill(TRANSIENT)) }], { what: `${status}:` });
      }),
    );
  });
});

testBoth("4xx client errors are not retried", async () => {
  await withRandom(R, async () => {
    const cases = [err(400, "InvalidVolume.NotFound"), err(401, "AuthFailure"), err(412, "DryRunOperation"), err(400, "RequestExpired"), err(400, "RequestTimeTooSkewed"), err(403, "UnauthorizedOperation")];
    await Promise.all(
      cases.map(async (e) => {
        const r = await runBoth(stub, { script: [e], repeat: true });
        same(r, [{ ok: false, name: e.code, $fault: "client", httpStatusCode: e.status, attempts: 1, totalRetryDelay: 0 }], { what: `${e.code}:` });
      }),
    );
  });
});

testBoth("a connection reset before any response: retried, then TimeoutError with no $fault", async () => {
  await withRandom(R, async () => {
    const always = await runBoth(stub, { script: [{ drop: "before" }], repeat: true });
    same(always, [{ ok: false, name: "TimeoutError", $fault: undefined, code: "ECONNRESET", httpStatusCode: undefined, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]) }]);
    const once = await runBoth(stub, { script: [{ drop: "before" }, { status: 200 }] });
    same(once, [{ ok: true, httpStatusCode: 200, attempts: 2, totalRetryDelay: expectedDelay(R, [TRANSIENT]) }]);
  });
});

testBoth("a connection dropped mid-response: retried; the last one is an Error (ECONNRESET) that keeps the status", async () => {
  await withRandom(R, async () => {
    for (const status of [200, 500, 400]) {
      const always = await runBoth(stub, { script: [{ drop: "mid", status, code: "InternalError" }], repeat: true });
      same(always, [{ ok: false, name: "Error", $fault: undefined, code: "ECONNRESET", httpStatusCode: status, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]) }], { what: `status ${status}:` });
      for (const side of ["sdk", "wasm"]) {
        const e = always[side].raw[0].error;
        assert.match(e.message, /^aborted\n {2}Deserialization error/, side);
        assert.equal(e.$response?.statusCode, status, `${side}: $response`);
      }
    }
    // Dropped in the body of a 429: retried as throttling (base 1000 ms).
    const throttled = await runBoth(stub, { script: [{ drop: "mid", status: 429, code: "Throttling" }, { status: 200 }] });
    same(throttled, [{ ok: true, httpStatusCode: 200, attempts: 2, totalRetryDelay: expectedDelay(R, [THROTTLING]) }]);
  });
});

testBoth("a refused connection: retried, then Error with code ECONNREFUSED", async () => {
  await withRandom(R, async () => {
    const dead = await stub.session({});
    await dead.close();
    const nowhere = { session: async () => ({ endpoint: dead.endpoint, log: async () => ({ requests: [] }), close: async () => {} }) };
    const r = await runBoth(nowhere, {});
    assert.deepEqual(r.wasm.results, r.sdk.results);
    assert.deepEqual(r.sdk.results, [{ ok: false, name: "Error", $fault: undefined, code: "ECONNREFUSED", httpStatusCode: undefined, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]), clockSkewCorrected: undefined }]);
  });
});

testBoth("a hang longer than requestTimeout: without throwOnRequestTimeout only a warning, the request finishes", async () => {
  await withRandom(R, async () => {
    const warnings = { sdk: [], wasm: [] };
    const logger = (impl) => ({ debug() {}, info() {}, warn: (m) => warnings[impl].push(m), error() {} });
    const r = await runBoth(stub, { script: [{ hangMs: 400, then: { status: 200 } }] }, { config: (impl) => ({ requestHandler: { requestTimeout: 150 }, logger: logger(impl) }) });
    same(r, [{ ok: true, httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 }]);
    for (const side of ["sdk", "wasm"]) assert.ok(r[side].ms >= 390, `${side} waited for the response (${r[side].ms} ms)`);
    assert.deepEqual(warnings.wasm, warnings.sdk);
    assert.equal(warnings.sdk.length, 1);
    assert.match(warnings.sdk[0], /exceeded the configured 150 ms requestTimeout/);
  });
});

testBoth("a hang longer than requestTimeout with throwOnRequestTimeout: TimeoutError per attempt, retried", async () => {
  await withRandom(R, async () => {
    const config = { requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true } };
    const always = await runBoth(stub, { script: [{ hangMs: 2000 }], repeat: true }, { config });
    same(always, [{ ok: false, name: "TimeoutError", $fault: undefined, code: "ETIMEDOUT", httpStatusCode: undefined, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]) }]);
    assert.equal(always.wasm.raw[0].error.message, always.sdk.raw[0].error.message);
    for (const side of ["sdk", "wasm"]) {
      const ms = always[side].ms;
      assert.ok(ms >= 3 * 150 && ms < 3 * 150 + 500, `${side}: 3 attempts of 150 ms (${ms} ms)`);
    }
    const once = await runBoth(stub, { script: [{ hangMs: 2000 }, { status: 200 }] }, { config });
    same(once, [{ ok: true, httpStatusCode: 200, attempts: 2, totalRetryDelay: expectedDelay(R, [TRANSIENT]) }]);
  });
});

for (const [label, skewMs] of [
  ["1 hour ahead", 3_600_000],
  ["4.5 minutes ahead", 270_000],
  ["1 hour behind", -3_600_000],
  ["none", 0],
]) {
  testBoth(`a server clock skewed ${label}: retried when ≥ 240 s, x-amz-date moves, the offset persists`, async () => {
    await withRandom(R, async () => {
      // An error carrying the server's Date, then successes; two calls on the same client.
      const r = await runBoth(stub, { skewMs, script: [err(400, "RequestExpired")] }, { calls: 2 });
      const skewed = Math.abs(skewMs) >= 240_000;
      same(
        r,
        skewed
          ? [
              { ok: true, httpStatusCode: 200, attempts: 2, totalRetryDelay: expectedDelay(R, [TRANSIENT]) },
              { ok: true, httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 },
            ]
          : [
              { ok: false, name: "RequestExpired", $fault: "client", httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
              { ok: true, httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 },
            ],
      );
      for (const side of ["sdk", "wasm"]) {
        const dates = r[side].requests.map((q) => amzDateMs(q.xAmzDate));
        const moved = dates.slice(1).map((d) => d - dates[0]);
        // Signed with the corrected clock from the next request on (x-amz-date has 1 s resolution).
        for (const m of moved) assert.ok(Math.abs(m - skewMs) <= 2000, `${side}: x-amz-date moved ${m} ms, want ≈ ${skewMs}`);
      }
    });
  });

  testBoth(`a server clock skewed ${label}: clockSkewCorrected on errors that keep coming`, async () => {
    await withRandom(R, async () => {
      const r = await runBoth(stub, { skewMs, script: [err(400, "InvalidVolume.NotFound")], repeat: true }, { calls: 2 });
      const skewed = Math.abs(skewMs) >= 240_000;
      const one = skewed
        ? { ok: false, name: "InvalidVolume.NotFound", $fault: "client", httpStatusCode: 400, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]), clockSkewCorrected: true }
        : { ok: false, name: "InvalidVolume.NotFound", $fault: "client", httpStatusCode: 400, attempts: 1, totalRetryDelay: 0, clockSkewCorrected: undefined };
      same(r, [one, one]);
    });
  });
}

testBoth("the clock offset is the client's systemClockOffset on both", async () => {
  await withRandom(R, async () => {
    const offsets = {};
    await runBoth(stub, { skewMs: 3_600_000, script: [err(400, "RequestExpired")] }, {
      drive: async (client, impl) => {
        const out = [await settle(send(client))];
        offsets[impl] = client.config.systemClockOffset;
        return out;
      },
    });
    for (const side of ["sdk", "wasm"]) assert.ok(Math.abs(offsets[side] - 3_600_000) < 1500, `${side}: systemClockOffset ${offsets[side]}`);
  });
});

testBoth("abort during the backoff: AbortError within a few ms, no further request", async () => {
  await withRandom(0.5, async () => {
    // A throttling error first: the backoff is floor(0.5 × 1000) = 500 ms; abort 100 ms in.
    const r = await runBoth(stub, { script: [err(503, "RequestLimitExceeded")], repeat: true }, { drive: abortAfter(100, 700) });
    abortedAlike(r);
  });
});

testBoth("abort during the fetch: AbortError within a few ms, no further request", async () => {
  await withRandom(R, async () => {
    const r = await runBoth(stub, { script: [{ hangMs: 3000 }], repeat: true }, { drive: abortAfter(100, 300) });
    abortedAlike(r);
  });
});

testBoth("abort before the send: AbortError, nothing sent", async () => {
  const r = await runBoth(stub, {}, {
    drive: async (client) => {
      const ac = new AbortController();
      ac.abort();
      return [await settle(send(client, { abortSignal: ac.signal }))];
    },
  });
  assert.deepEqual(r.wasm.results, r.sdk.results);
  assert.equal(r.sdk.results[0].name, "AbortError");
  assert.equal(r.sdk.requests.length + r.wasm.requests.length, 0);
});

/** Sends, aborts `at` ms later, then waits `quiet` ms to see whether anything else is sent. */
function abortAfter(at, quiet) {
  return async (client) => {
    const ac = new AbortController();
    let abortedAt;
    const timer = setTimeout(() => {
      abortedAt = performance.now();
      ac.abort();
    }, at);
    const r = await settle(send(client, { abortSignal: ac.signal }));
    r.lag = performance.now() - abortedAt;
    clearTimeout(timer);
    await new Promise((res) => setTimeout(res, quiet));
    return [r];
  };
}

function abortedAlike(r) {
  assert.deepEqual(r.wasm.results, r.sdk.results);
  for (const side of ["sdk", "wasm"]) {
    const got = r[side].raw[0];
    assert.equal(got.ok, false, side);
    assert.equal(got.error.name, "AbortError", side);
    assert.equal(got.error.message, "Request aborted", side);
    assert.equal(got.error.$metadata, undefined, side);
    assert.ok(got.lag < 20, `${side}: rejected ${got.lag.toFixed(2)} ms after the abort`);
    assert.equal(r[side].requests.length, 1, `${side}: no request after the abort`);
  }
}

testBoth("429 and 503 with retry hints: wait max(backoff, min(hint, backoff + 5 s))", async () => {
  await withRandom(R, async () => {
    const backoff = expectedDelay(R, [THROTTLING]);
    const cases = [
      // [first response, expected delay] (a hint is ms from when it was read; the SDK subtracts the
      // time from reading it to computing the delay, so it can come out a few ms short under load)
      [err(429, "TooManyRequestsException", { headers: { "retry-after": "1" } }), 1000],
      [err(429, "TooManyRequestsException", { headers: { "retry-after": "soon" } }), backoff],
      [err(503, "ServiceUnavailable", { headers: { "x-amz-retry-after": "300" } }), 300],
      [err(400, "Throttling", { headers: { "retry-after": "0.5" } }), 500],
    ];
    await Promise.all(
      cases.map(async ([first, delay]) => {
        const r = await runBoth(stub, { script: [first, { status: 200 }] });
        const what = JSON.stringify(first.headers);
        assert.deepEqual(sdkRequests(r.wasm), sdkRequests(r.sdk), what);
        for (const side of ["sdk", "wasm"]) {
          const [o] = r[side].results;
          assert.equal(o.ok, true, `${what} ${side}`);
          assert.equal(o.attempts, 2, `${what} ${side}`);
          assert.ok(o.totalRetryDelay <= delay && o.totalRetryDelay >= delay - 25, `${what} ${side}: totalRetryDelay ${o.totalRetryDelay}, want ${delay}`);
          const gap = r[side].requests[1].t - r[side].requests[0].t;
          assert.ok(gap >= delay - 25, `${what} ${side}: the retry came ${gap} ms after the first request`);
        }
      }),
    );
  });
});

testBoth("20 calls in a row against a permanent 500: the retry quota allows 55 requests", async () => {
  await withRandom(R, async () => {
    for (const retryMode of ["standard", "adaptive"]) {
      const r = await runBoth(stub, { script: [err(500, "InternalError")], repeat: true }, { calls: 20, config: { retryMode } });
      const attempts = [...Array(17).fill(3), 2, 1, 1];
      same(
        r,
        attempts.map((a) => ({ ok: false, name: "InternalError", attempts: a, totalRetryDelay: expectedDelay(R, Array(a - 1).fill(TRANSIENT)) })),
        { what: `${retryMode}:` },
      );
      for (const side of ["sdk", "wasm"]) assert.equal(r[side].requests.length, 55, `${retryMode} ${side}`);
    }
  });
});

testBoth("adaptive mode, throttling twice then success: the same outcome and the same limiter waits", async () => {
  await withRandom(R, async () => {
    // The limiter measures its send rate in half-second buckets of the wall clock, so both clients
    // start just after a second boundary to see the same buckets.
    await new Promise((res) => setTimeout(res, (1100 - (Date.now() % 1000)) % 1000));
    const r = await runBoth(stub, { script: [err(503, "RequestLimitExceeded"), err(400, "Throttling"), { status: 200 }] }, { config: { retryMode: "adaptive" } });
    same(r, [{ ok: true, httpStatusCode: 200, attempts: 3, totalRetryDelay: expectedDelay(R, [THROTTLING, THROTTLING]) }]);
    // After a throttle the send rate drops to the limiter's minimum fill rate (0.5/s here), so each
    // retry waits well beyond its backoff (100, 200 ms) for a send token, and as long on both.
    const gaps = (side) => r[side].requests.slice(1).map((q, i) => q.t - r[side].requests[i].t);
    const [s, w] = [gaps("sdk"), gaps("wasm")];
    for (let i = 0; i < s.length; i++) {
      assert.ok(s[i] > 700, `sdk gap ${i}: ${s[i]} ms`);
      assert.ok(Math.abs(s[i] - w[i]) < 150, `gap ${i}: sdk ${s[i]} ms, ec2-wasm ${w[i]} ms`);
    }
  });
});

testBoth("a chunked body cut short: retried like a dropped connection, then Error (ECONNRESET) with the status", async () => {
  await withRandom(R, async () => {
    const always = await runBoth(stub, { script: [{ drop: "mid", chunked: true, status: 200 }], repeat: true });
    same(always, [{ ok: false, name: "Error", $fault: undefined, code: "ECONNRESET", httpStatusCode: 200, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]) }]);
    for (const side of ["sdk", "wasm"]) assert.match(always[side].raw[0].error.message, /^aborted\n {2}Deserialization error/, side);
    const once = await runBoth(stub, { script: [{ drop: "mid", chunked: true, status: 200 }, { status: 200 }] });
    same(once, [{ ok: true, httpStatusCode: 200, attempts: 2, totalRetryDelay: expectedDelay(R, [TRANSIENT]) }]);
  });
});

testBoth("a slow body (8 pieces, 60 ms apart) under a 150 ms requestTimeout with throwOnRequestTimeout: read whole, no retry", async () => {
  await withRandom(R, async () => {
    const config = { requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true } };
    const r = await runBoth(stub, { script: [{ trickle: { pieces: 8, everyMs: 60 }, status: 200 }] }, { config });
    same(r, [{ ok: true, httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 }]);
    for (const side of ["sdk", "wasm"]) assert.ok(r[side].ms >= 7 * 60, `${side}: read over ${r[side].ms} ms`);
    assert.equal(r.wasm.results[0].SnapshotId, r.sdk.results[0].SnapshotId);
  });
});

testBoth("a body that stalls longer than requestTimeout with throwOnRequestTimeout: TimeoutError (ETIMEDOUT) keeping the status, retried", async () => {
  // ec2-wasm's own rule (the SDK's handler stops timing at the headers and waits for the body for
  // ever): a body that sends nothing for requestTimeout ms fails the attempt like a dropped connection.
  await withRandom(R, async () => {
    const config = { requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true } };
    const r = await runBoth(stub, { script: [{ stallMs: 1000, status: 200 }, { stallMs: 1000, status: 200 }, { status: 200 }] }, { config });
    assert.deepEqual(r.sdk.results.map((o) => [o.ok, o.attempts]), [[true, 1]], "the SDK waits out the stall");
    assert.deepEqual(r.wasm.results, [{ ok: true, SnapshotId: r.sdk.results[0].SnapshotId, httpStatusCode: 200, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]) }]);
    const always = await runBoth(stub, { script: [{ stallMs: 1000, status: 200 }], repeat: true }, { config });
    const e = always.wasm.raw[0].error;
    assert.deepEqual(always.wasm.results, [{ ok: false, name: "TimeoutError", $fault: undefined, code: "ETIMEDOUT", httpStatusCode: 200, attempts: 3, totalRetryDelay: expectedDelay(R, [TRANSIENT, TRANSIENT]), clockSkewCorrected: undefined }]);
    assert.match(e.message, /^the response body stalled for more than the configured 150 ms requestTimeout\n {2}Deserialization error/);
    assert.equal(e.$response.statusCode, 200);
    assert.ok(always.wasm.ms < 3 * 1000, `each attempt ended at the stall, not after it (${always.wasm.ms} ms)`);
  });
});

testBoth("a body over the operation's limit (4 MiB for CreateSnapshot), declared or chunked: DeserializationError, not retried", async () => {
  // ec2-wasm's own cap (the SDK reads any size): the limit is BODY_LIMITS.CreateSnapshot.
  const limit = BODY_LIMITS.CreateSnapshot;
  for (const chunked of [false, true]) {
    const session = await stub.session({ script: [{ oversize: limit + 1, chunked }], repeat: true });
    try {
      const client = makeClient("wasm", session.endpoint);
      const r = await settle(send(client));
      client.destroy();
      assert.equal(r.ok, false);
      assert.equal(r.error.name, "DeserializationError", `chunked ${chunked}: ${r.error.stack}`);
      assert.match(r.error.message, new RegExp(`exceeds the ${limit}-byte limit`));
      assert.equal(r.error.$metadata?.attempts, 1, `chunked ${chunked}: not retried`);
      assert.equal((await session.log()).requests.length, 1);
    } finally {
      await session.close();
    }
  }
  // One byte less is read.
  const session = await stub.session({ script: [{ oversize: limit - 1, chunked: true }] });
  try {
    const client = makeClient("wasm", session.endpoint);
    const r = await settle(send(client));
    client.destroy();
    // Spaces are no EC2 answer, so it fails to parse, but it was read: not the limit's error.
    assert.equal(r.ok, false);
    assert.doesNotMatch(r.error.message, /exceeds the \d+-byte limit/, "a body within the limit is read");
  } finally {
    await session.close();
  }
});

test("the stub process is a separate process, stopped by PID", () => {
  assert.notEqual(stub.pid, process.pid);
  assert.doesNotThrow(() => process.kill(stub.pid, 0));
});
