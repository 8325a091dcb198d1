// Hostile conditions around the snapshot's life: credentials providers that throw or hang during a wait,
// a stalled poll, the wall clock jumping during a wait, and DescribeSnapshots pages of 1,000,000
// snapshots. Each ends in a clear outcome at a bounded time, and the same client works afterwards.
// Where ec2-wasm deliberately differs from @aws-sdk/client-ec2 (a poll that outlives maxWaitTime), the
// SDK's behaviour is observed here too, so the difference is on record. Stubs: tests/js/stub.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { instrument } from "../../scripts/soak.mjs";
import { startStub } from "./stub.mjs";

const probe = instrument(globalThis); // before the package loads: reads the wasm instance's memory size
const ours = await import("ec2-wasm");
const { page } = await import("./life-stub.mjs"); // imports the package too
const sdk = await import("@aws-sdk/client-ec2");

const creds = { accessKeyId: "AKIDWAIT", secretAccessKey: "hostile-wait-secret" };
const PENDING = page([{ progress: "10%" }]);
const DONE = page([{ state: "completed", progress: "100%" }]);
const INPUT = { SnapshotIds: ["snap-1"] };
const MiB = 1024 * 1024;

const elapsed = (start) => performance.now() - start;

async function settle(p) {
  return p.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
}

test("a credentials provider that throws during a wait: each failed poll is a retry, as in the SDK", async () => {
  const outcomes = {};
  for (const [name, M] of [["sdk", sdk], ["ours", ours]]) {
    let calls = 0;
    // Short-lived credentials, so every send asks the provider again; polls 2 and 3 fail.
    const credentials = async () => {
      calls += 1;
      if (calls === 2 || calls === 3) throw Object.assign(new Error("provider down"), { name: "CredentialsProviderError" });
      return { ...creds, expiration: new Date(Date.now() + 1000) };
    };
    const responses = [PENDING, PENDING, PENDING, DONE];
    let n = 0;
    const stub = await startStub(() => responses[Math.min(n++, responses.length - 1)]);
    try {
      const client = new M.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials });
      const r = await settle(M.waitUntilSnapshotCompleted({ client, minDelay: 0.05, maxDelay: 0.1, maxWaitTime: 10 }, { ...INPUT }));
      outcomes[name] = { state: r.value?.state, observed: r.value?.observedResponses, error: r.error?.message, requests: stub.requests.length };
    } finally {
      await stub.close();
    }
  }
  assert.deepEqual(outcomes.ours, outcomes.sdk);
  assert.deepEqual(outcomes.ours.observed, { "200: OK": 4, "provider down": 2 });
  assert.equal(outcomes.ours.state, "SUCCESS");
});

test("a credentials provider that hangs: the wait ends at maxWaitTime (the SDK's would hang with it); the client works after", async () => {
  let hang = true;
  const credentials = () => (hang ? new Promise(() => {}) : Promise.resolve(creds));
  const stub = await startStub(() => DONE);
  try {
    const params = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 1 };
    const start = performance.now();
    const client = new ours.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials });
    const r = await settle(ours.waitUntilSnapshotCompleted({ client, ...params }, { ...INPUT }));
    const ms = elapsed(start);
    assert.equal(r.error?.name, "TimeoutError", r.error?.message);
    assert.deepEqual(JSON.parse(r.error.message), { state: "TIMEOUT", observedResponses: {}, reason: "Waiter has timed out" });
    assert.ok(ms >= 950 && ms < 1500, `ended after ${ms.toFixed(0)} ms`);
    assert.equal(stub.requests.length, 0);

    // The SDK's waiter awaits the hanging send: still pending at three times maxWaitTime.
    const theirs = new sdk.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials });
    const pending = Symbol("pending");
    const sdkRun = sdk.waitUntilSnapshotCompleted({ client: theirs, ...params }, { ...INPUT });
    sdkRun.catch(() => {});
    assert.equal(await Promise.race([sdkRun, sleep(3000, pending)]), pending);

    hang = false;
    const out = await client.send(new ours.DescribeSnapshotsCommand({ ...INPUT }));
    assert.equal(out.Snapshots[0].State, "completed");
  } finally {
    await stub.close();
  }
});

test("a poll whose response never comes ends the wait at maxWaitTime, and its request is aborted", async () => {
  let sockets = 0;
  const stub = await startStub((_, n) => (n === 1 ? PENDING : { hang: true }));
  try {
    const client = new ours.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const start = performance.now();
    const r = await settle(ours.waitUntilSnapshotCompleted({ client, minDelay: 0.1, maxDelay: 0.1, maxWaitTime: 1 }, { ...INPUT }));
    const ms = elapsed(start);
    assert.equal(r.error?.name, "TimeoutError");
    assert.deepEqual(JSON.parse(r.error.message).observedResponses, { "200: OK": 1 });
    assert.ok(ms >= 950 && ms < 1500, `ended after ${ms.toFixed(0)} ms`);
    sockets = stub.requests.length;
    assert.equal(sockets, 2, "one answered poll, one that hung");
  } finally {
    await stub.close();
  }
});

test("the wall clock jumping back and forward during a wait changes neither its length nor its outcome", async (t) => {
  const realNow = Date.now;
  let offset = 0;
  let n = 0;
  // The clock moves an hour back after the first poll, and two hours forward after the second; the
  // second poll is throttled once first, so the retry loop runs on the jumped clock too.
  const stub = await startStub((r, i) => {
    if (i === 2) return { status: 503, body: "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error></Errors></Response>" };
    n += 1;
    if (n === 1) offset = -3_600_000;
    if (n === 2) offset = 3_600_000;
    return PENDING;
  });
  Date.now = () => realNow() + offset;
  try {
    const client = new ours.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const start = performance.now();
    const r = await settle(ours.waitUntilSnapshotCompleted({ client, minDelay: 0.3, maxDelay: 0.3, maxWaitTime: 2 }, { ...INPUT }));
    const ms = elapsed(start);
    t.diagnostic(`timed out after ${ms.toFixed(0)} ms and ${n} polls`);
    assert.equal(r.error?.name, "TimeoutError", r.error?.message);
    assert.ok(ms >= 1300 && ms < 2600, `ended after ${ms.toFixed(0)} ms`);
    assert.ok(n >= 3, `${n} polls: a forward jump must not end the wait early`);
    assert.deepEqual(JSON.parse(r.error.message).observedResponses, { "200: OK": n });
    // Signatures follow the wall clock, wherever it is.
    const last = stub.requests.at(-1).headers["x-amz-date"];
    assert.equal(last.slice(0, 8), new Date(Date.now()).toISOString().slice(0, 10).replaceAll("-", ""));
    offset = 0;
    const out = await client.send(new ours.DescribeSnapshotsCommand({ ...INPUT }));
    assert.equal(out.Snapshots.length, 1);
  } finally {
    Date.now = realNow;
    await stub.close();
  }
});

/** A server that streams a DescribeSnapshots page of `count` items made by `item(i)`, chunked or declared. */
async function startPageServer(count, item, { declare = false } = {}) {
  const head = '<?xml version="1.0" encoding="UTF-8"?><DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotSet>';
  const tail = "</snapshotSet></DescribeSnapshotsResponse>";
  const stats = { sent: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    stats.requests += 1;
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      if (body.includes("SnapshotId.1")) {
        res.end(DONE.body);
        return;
      }
      const headers = { "content-type": "text/xml" };
      if (declare) headers["content-length"] = String(Buffer.byteLength(head) + Buffer.byteLength(tail) + count * Buffer.byteLength(item(0)));
      res.writeHead(200, headers);
      let closed = false;
      res.on("close", () => (closed = true));
      const write = (s) => {
        stats.sent += s.length;
        return res.write(s) ? null : new Promise((r) => res.once("drain", r).once("close", r));
      };
      await write(head);
      for (let i = 0; i < count && !closed; i += 1000) {
        let chunk = "";
        for (let j = i; j < Math.min(count, i + 1000); j++) chunk += item(j);
        const wait = write(chunk);
        if (wait) await wait;
      }
      if (!closed) res.end(tail);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

const MILLION = 1_000_000;
const FULL = (i) =>
  `<item><snapshotId>snap-${String(i).padStart(17, "0")}</snapshotId><volumeId>vol-1</volumeId><status>completed</status>` +
  `<startTime>2024-05-01T10:00:00.000Z</startTime><progress>100%</progress><volumeSize>8</volumeSize><encrypted>false</encrypted></item>`;
const IDS = (i) => `<item><snapshotId>snap-${String(i).padStart(17, "0")}</snapshotId></item>`;
const EMPTY = () => "<item/>";

for (const [label, item, declare, check] of [
  ["full snapshots, chunked (~230 MB)", FULL, false, (r) => assert.match(r.error.message, /exceeds the 67108864-byte limit/)],
  ["full snapshots, declared Content-Length", FULL, true, (r) => assert.match(r.error.message, /exceeds the 67108864-byte limit/)],
  ["snapshot ids only (~45 MB: under the byte limit, over the element limit)", IDS, false, (r) => assert.match(r.error.message, /element/i)],
  ["empty items (7 MB: within every limit)", EMPTY, false, (r) => assert.equal(r.value.Snapshots.length, MILLION)],
]) {
  test(`a page of 1,000,000 snapshots, ${label}: refused or read within the limits, and the client works after`, { timeout: 120_000 }, async (t) => {
    const server = await startPageServer(MILLION, item, { declare });
    try {
      const client = new ours.EC2Client({ region: "us-east-1", endpoint: server.endpoint, credentials: creds });
      await client.send(new ours.DescribeSnapshotsCommand({ SnapshotIds: ["warm"] }));
      const wasmBefore = probe.wasmMemoryBytes();
      const start = performance.now();
      const r = await settle(client.send(new ours.DescribeSnapshotsCommand({})));
      const ms = elapsed(start);
      const wasmAfter = probe.wasmMemoryBytes();
      assert.ok(wasmBefore > 0 && wasmAfter > 0, "the probe sees the wasm instance");
      t.diagnostic(`${r.error ? `${r.error.name}: ${r.error.message.slice(0, 120)}` : `${r.value.Snapshots.length} snapshots`} after ${ms.toFixed(0)} ms; server wrote ${(server.stats.sent / MiB).toFixed(1)} MiB; wasm ${(wasmBefore / MiB).toFixed(1)} → ${(wasmAfter / MiB).toFixed(1)} MiB`);
      if (r.error) assert.equal(r.error.name, "DeserializationError", r.error.message);
      check(r);
      // Pieces keep the reader's memory flat for real pages (tests/large: ≤ 2 MiB); a million empty items
      // grew it by 2.6 MiB when measured (not yet explained; bounded here at 4 MiB).
      assert.ok(wasmAfter - wasmBefore <= 4 * MiB, `wasm memory grew ${wasmAfter - wasmBefore} bytes`);
      assert.ok(server.stats.sent < 72 * MiB, `read ${server.stats.sent} bytes: more than the limit`);
      const out = await client.send(new ours.DescribeSnapshotsCommand({ SnapshotIds: ["after"] }));
      assert.equal(out.Snapshots[0].State, "completed");
    } finally {
      await server.close();
    }
  });
}
