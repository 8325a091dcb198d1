// The short soak (the long one is `make soak`, scripts/soak.mjs): 2,000 operations of the soak's mix
// (CreateSnapshot with success, service errors, throttling, transient errors and timeouts;
// DescribeSnapshots pages; waits that complete, fail, time out and are aborted) against a stub in its
// own process, in Node and in workerd. Every promise settles with an outcome its kind allows, every kind
// and its main outcome occur, every wasm object is freed, nothing of the wasm instance is freed twice or
// from elsewhere, and the JS heap and wasm memory stay within generous bounds after warm-up. No timing
// assertions. A first test shows that the soak's checks can fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { ALLOWED, clientConfig, memoryProblems, opPlan, runOps, soakNode, startStubProcess, summarize, growth } from "../../scripts/soak.mjs";

const MiB = 1024 * 1024;
const OPS = 2000;
// The outcome each kind must show at least once (the first one ALLOWED lists).
const MAIN_OUTCOME = Object.fromEntries(Object.entries(ALLOWED).map(([kind, outcomes]) => [kind, kind === "create.timeout" ? "TimeoutError" : outcomes[0]]));

function assertMix(r, t) {
  t.diagnostic(`settled ${r.settled} in ${(r.ms / 1000).toFixed(1)} s: ${JSON.stringify(r.byKind)}`);
  assert.equal(r.settled, OPS, "every operation settled");
  assert.equal(r.total, OPS);
  assert.deepEqual(r.unexpected, [], `outcomes no kind allows: ${JSON.stringify(r.examples)}`);
  assert.deepEqual(r.missing, [], "kinds that never ran");
  for (const [kind, outcome] of Object.entries(MAIN_OUTCOME)) {
    assert.ok((r.byKind[kind]?.[outcome] ?? 0) > 0, `${kind} never ended in ${outcome}: ${JSON.stringify(r.byKind[kind])}`);
  }
}

test("the soak's checks catch a wrong page, a wrong wait outcome, a wrong error and an unsettled promise", async () => {
  // An implementation that gets each of them wrong: sends of kind create.ok never settle, every page
  // holds one foreign item, every wait succeeds, every other send is refused.
  class CreateSnapshotCommand {
    constructor(input) {
      this.input = input;
    }
  }
  const client = {
    send: (command) => (command.input.VolumeId.startsWith("vol-ok-") ? new Promise(() => {}) : Promise.reject(Object.assign(new Error("no"), { name: "AccessDenied" }))),
  };
  const sdk = {
    CreateSnapshotCommand,
    async *paginateDescribeSnapshots() {
      yield { Snapshots: [{ SnapshotId: "snap-foreign" }] };
    },
    waitUntilSnapshotCompleted: async (params, input) => ({
      state: "SUCCESS",
      reason: { Snapshots: [{ SnapshotId: input.SnapshotIds[0], State: "completed" }] },
      observedResponses: { "200: OK": 1 },
    }),
  };
  const r = await runOps({ sdk, clients: [client], from: 0, count: 100, concurrency: 100, unsettledMs: 200 });
  assert.equal(r.settled, 100, "unsettled operations are given up on, not waited for");
  const { unexpected, missing } = summarize(r.byKind);
  assert.deepEqual(missing, []);
  const flagged = unexpected.map((u) => u.replace(/ ×\d+$/, "")).sort();
  assert.deepEqual(flagged, [
    "create.err → AccessDenied",
    "create.flaky → AccessDenied",
    "create.ok → unsettled",
    "create.throttle → AccessDenied",
    "create.timeout → AccessDenied",
    "pages → items-differ",
    "wait.abort → SUCCESS-unlike-served", // a snapshot the stub never completes
    "wait.fail → SUCCESS",
    "wait.timeout → SUCCESS-unlike-served",
  ]);
  // The mix is deterministic: the same operation number is always the same plan.
  assert.deepEqual(opPlan(12_345), opPlan(12_345));
  assert.equal(opPlan(99_987).kind, "wait.done");
  assert.deepEqual(summarize({ "create.ok": { ok: 100 } }).missing.length, Object.keys(ALLOWED).length - 1, "a kind that never ran is reported");
  // The flat-after-warm-up criterion of a long run: growth from the sample at 20% (RSS: 40%) to the last.
  const sample = (done, rss, wasmMemory, live) => ({ done, rss: rss * MiB, wasmMemory: wasmMemory * MiB, objects: { live } });
  const flat = [sample(0, 50, 1.1, 0), sample(20_000, 200, 1.1, 0), sample(40_000, 250, 1.1, 0), sample(100_000, 270, 1.1, 0)];
  assert.deepEqual(memoryProblems({ settled: 100_000, samples: flat }), []);
  const leaky = [sample(0, 50, 1.1, 0), sample(20_000, 200, 1.1, 0), sample(40_000, 250, 1.1, 0), sample(100_000, 290, 3.1, 65)];
  assert.deepEqual(memoryProblems({ settled: 100_000, samples: leaky }).map((p) => p.split(" ")[0]), ["wasmMemory", "live", "rss"]);
});

// The outcomes the soak allows are @aws-sdk/client-ec2's: the same mix through the SDK ends in them too
// (its FAILURE is a plain Error, its TIMEOUT a TimeoutError, its ABORTED an AbortError).
test("the allowed outcomes are the SDK's: 400 operations of the mix through @aws-sdk/client-ec2", { timeout: 120_000 }, async (t) => {
  const sdk = await import("@aws-sdk/client-ec2");
  const stub = await startStubProcess({ delayMs: 1500 });
  try {
    const clients = Array.from({ length: 4 }, () => new sdk.EC2Client(clientConfig(stub.endpoint, 500)));
    const r = await runOps({ sdk, clients, from: 0, count: 400, concurrency: 32 });
    t.diagnostic(JSON.stringify(r.byKind));
    const { unexpected, missing } = summarize(r.byKind);
    assert.deepEqual(unexpected, [], JSON.stringify(r.examples));
    assert.deepEqual(missing, []);
    for (const kind of Object.keys(ALLOWED).filter((k) => k.startsWith("wait."))) {
      assert.ok((r.byKind[kind]?.[MAIN_OUTCOME[kind]] ?? 0) > 0, `the SDK's ${kind}: ${JSON.stringify(r.byKind[kind])}`);
    }
  } finally {
    await stub.stop();
  }
});

test(`Node: ${OPS} operations of the mix all settle as allowed, leave no wasm objects and keep memory flat`, { timeout: 120_000 }, async (t) => {
  const r = await soakNode({
    sends: OPS,
    concurrency: 48,
    requestTimeout: 500,
    checkpoints: 6,
    pkgEntry: import.meta.resolve("ec2-wasm"),
    log: (line) => t.diagnostic(line),
  });
  assertMix(r, t);

  // The shell keeps its per-client and per-call state in JS (src/wire/): wasm-bindgen objects,
  // which would need free() or a FinalizationRegistry, are never created at all.
  const o = r.objectsAfterDestroy;
  const created = Object.values(o.created).reduce((a, b) => a + b, 0);
  assert.equal(created, 0, `wasm objects were created: ${JSON.stringify(o)}`);
  assert.equal(o.live, 0, `wasm objects alive after the run: ${JSON.stringify(o)}`);
  assert.equal(o.foreignFrees, 0);
  for (const s of r.samples) assert.equal(s.objects.live, 0, `${s.objects.live} live wasm objects at ${s.done} operations`);

  // Memory after warm-up (from 1/3 of the run on): generous bounds, a leak of 3 KB per operation shows.
  const heap = growth(r.samples, "heapUsed", 0.33);
  const wasm = growth(r.samples, "wasmMemory", 0.33);
  t.diagnostic(`heap after warm-up ${(heap.delta / MiB).toFixed(2)} MiB, wasm memory ${(wasm.delta / MiB).toFixed(2)} MiB`);
  assert.ok(heap.delta < 4 * MiB, `JS heap grew ${heap.delta} bytes after warm-up`);
  assert.ok(wasm.delta <= 1 * MiB, `wasm memory grew ${wasm.delta} bytes after warm-up`);
  assert.equal(r.instances, 1, "no instance was replaced (no panic)");
});

// F11: workerd has neither FinalizationRegistry nor WeakRef, so a wasm object nobody frees is never
// reclaimed. The common Worker pattern, a client per request without destroy(), must still leave
// nothing behind: after the operations settle, the live wasm objects are bounded, not two per client.
test(`workerd, a client per operation never destroyed: ${OPS} operations of the mix settle as allowed, no wasm objects pile up`, { timeout: 120_000 }, async (t) => {
  const { soakWorkerd } = await import("../../scripts/soak.mjs");
  const r = await soakWorkerd({
    sends: OPS,
    concurrency: 48,
    requestTimeout: 500,
    chunks: 2,
    fresh: true,
    pkgDir: fileURLToPath(new URL("../../pkg", import.meta.url)),
    log: (line) => t.diagnostic(line),
  });
  assertMix(r, t);
  const last = r.samples.at(-1);
  t.diagnostic(`after ${OPS} clients: ${JSON.stringify(last.objects)}, wasm memory ${last.wasmMemory} bytes`);
  assert.ok(last.objects.live <= 64, `${last.objects.live} wasm objects alive after ${OPS} abandoned clients`);
  assert.ok(r.samples.at(-1).wasmMemory - r.samples[1].wasmMemory <= 1 * MiB, "wasm memory flat between the chunks");
});
