// Config keys ec2-wasm honours as the SDK does, observed side by side against a local stub:
// userAgentAppId (the `app/…` user-agent part) and retryStrategy (the SDK's own
// ConfiguredRetryStrategy and StandardRetryStrategy plugged in; what each is told about each failure).
// The stub only plays status sequences; what is compared is what each client does with them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "@aws-sdk/client-ec2";
import { ConfiguredRetryStrategy, StandardRetryStrategy } from "@smithy/core/retry";
import * as wasm from "ec2-wasm";
import { startStub } from "./stub.mjs";

process.env.NODE_NO_WARNINGS = "1";
const CREDS = { accessKeyId: "AKIDCONFIGKEYS", secretAccessKey: "secret" };
const OK = "<DescribeSnapshotsResponse><requestId>r</requestId><snapshotSet/></DescribeSnapshotsResponse>";
const err = (code) => `<Response><Errors><Error><Code>${code}</Code><Message>m</Message></Error></Errors><RequestID>r</RequestID></Response>`;

async function run(m, config, respond) {
  const stub = await startStub(respond);
  try {
    const client = new m.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: CREDS, ...config });
    let out;
    try {
      out = { ok: await client.send(new m.DescribeSnapshotsCommand({})) };
    } catch (e) {
      out = { error: e };
    }
    return { ...out, requests: stub.requests };
  } finally {
    await stub.close();
  }
}

const appPart = (ua) => / (app\/\S+)/.exec(ua ?? "")?.[1];

test("userAgentAppId: the same escaped app/… part, right before customUserAgent; a provider works", async () => {
  for (const appId of ["my-app", "my app/ü", async () => "from-provider"]) {
    const s = await run(sdk, { userAgentAppId: appId, customUserAgent: "cust/1" }, () => ({ status: 200, body: OK }));
    const w = await run(wasm, { userAgentAppId: appId, customUserAgent: "cust/1" }, () => ({ status: 200, body: OK }));
    // In Node the SDK sends the full user agent in `user-agent` (x-amz-user-agent is short).
    const sdkUa = s.requests[0].headers["user-agent"];
    const wasmUa = w.requests[0].headers["x-amz-user-agent"];
    assert.ok(appPart(sdkUa), sdkUa);
    assert.equal(appPart(wasmUa), appPart(sdkUa));
    assert.match(wasmUa, new RegExp(` ${appPart(sdkUa).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} cust/1$`));
    assert.ok(sdkUa.endsWith(`${appPart(sdkUa)} cust/1`));
  }
  const none = await run(wasm, {}, () => ({ status: 200, body: OK }));
  assert.equal(appPart(none.requests[0].headers["x-amz-user-agent"]), undefined);
});

// Wraps a strategy to record what the client tells it.
function recording(strategy) {
  const seen = [];
  return {
    seen,
    strategy: {
      acquireInitialRetryToken: (scope) => {
        seen.push(["acquire", scope]);
        return strategy.acquireInitialRetryToken(scope);
      },
      refreshRetryTokenForRetry: (token, info) => {
        seen.push(["refresh", info.errorType, info.error?.name, info.retryAfterHint instanceof Date]);
        return strategy.refreshRetryTokenForRetry(token, info);
      },
      recordSuccess: (token) => {
        seen.push(["success", token.getRetryCount()]);
        return strategy.recordSuccess(token);
      },
    },
  };
}

const SEQUENCES = {
  "503 then 200": [{ status: 503, body: err("Unavailable") }],
  "429 throttling, retry-after, then 200": [{ status: 400, body: err("RequestLimitExceeded"), headers: { "retry-after": "0" } }],
  "500 InternalError, then 200": [{ status: 500, body: err("InternalError") }],
  "501 (a server error that is not retried)": [{ status: 501, body: err("NotImplemented") }],
  "400 client error (not retried)": [{ status: 400, body: err("InvalidParameterValue") }],
  "a dropped connection, then 200": [{ destroy: true }],
  "four 503s (attempts run out)": [1, 2, 3, 4].map(() => ({ status: 503, body: err("Unavailable") })),
};

for (const [name, failures] of Object.entries(SEQUENCES)) {
  test(`retryStrategy (ConfiguredRetryStrategy): ${name} — the same calls, headers and $metadata as the SDK`, async () => {
    const results = {};
    for (const [label, m] of [["sdk", sdk], ["wasm", wasm]]) {
      const delays = [];
      const r = recording(new ConfiguredRetryStrategy(4, (attempt) => (delays.push(attempt), 5 * attempt)));
      const res = await run(m, { retryStrategy: r.strategy, maxAttempts: 4 }, (_, n) => failures[n - 1] ?? { status: 200, body: OK });
      const meta = res.ok?.$metadata ?? res.error?.$metadata;
      results[label] = {
        ok: Boolean(res.ok),
        errorName: res.error?.name,
        attempts: meta?.attempts,
        totalRetryDelay: meta?.totalRetryDelay,
        seen: r.seen,
        delays,
        sdkRequest: res.requests.map((q) => q.headers["amz-sdk-request"]),
      };
    }
    assert.deepEqual(results.wasm, results.sdk);
  });
}

test("retryStrategy: the SDK's StandardRetryStrategy runs out as in the SDK", async () => {
  const results = {};
  for (const [label, m] of [["sdk", sdk], ["wasm", wasm]]) {
    const res = await run(m, { retryStrategy: new StandardRetryStrategy(2) }, () => ({ status: 503, body: err("Unavailable") }));
    results[label] = { name: res.error?.name, attempts: res.error?.$metadata?.attempts, requests: res.requests.length };
  }
  assert.deepEqual(results.wasm, results.sdk);
  assert.equal(results.wasm.requests, 2);
});

test("requestHandler options the SDK takes in Node are accepted (agents, connectionTimeout), requestTimeout still applies", async () => {
  const res = await run(
    wasm,
    { requestHandler: { connectionTimeout: 100, requestTimeout: 200, throwOnRequestTimeout: true, httpsAgent: { keepAlive: true }, httpAgent: {} }, maxAttempts: 1 },
    () => ({ hang: true }),
  );
  assert.equal(res.error?.name, "TimeoutError");
});
