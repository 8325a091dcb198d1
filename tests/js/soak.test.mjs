// The short soak (the long one is `make soak`, scripts/soak.mjs): 3,000 sends with mixed success,
// service errors, throttling, transient errors and timeouts against a stub in its own process. Every
// promise settles with an outcome its kind allows, every wasm object is freed, nothing of the wasm
// instance is freed twice or from elsewhere, and the JS heap and wasm memory stay within generous
// bounds after warm-up. No timing assertions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { soakNode, growth } from "../../scripts/soak.mjs";

const MiB = 1024 * 1024;

test("3,000 mixed sends all settle, free their wasm objects and keep memory flat", { timeout: 180_000 }, async (t) => {
  const r = await soakNode({
    sends: 3000,
    concurrency: 48,
    requestTimeout: 500,
    checkpoints: 6,
    pkgEntry: import.meta.resolve("ec2-wasm"),
    log: (line) => t.diagnostic(line),
  });
  t.diagnostic(`settled ${r.settled} in ${(r.ms / 1000).toFixed(1)} s: ${JSON.stringify(r.byKind)}`);
  assert.equal(r.settled, 3000, "every send settled");
  assert.equal(r.total, 3000);
  assert.deepEqual(r.unexpected, [], `outcomes no kind allows: ${JSON.stringify(r.examples)}`);
  for (const kind of ["ok", "err", "throttle", "flaky", "timeout"]) assert.ok(r.byKind[kind], `no ${kind} sends ran`);
  assert.ok((r.byKind.err["InvalidVolume.NotFound"] ?? 0) > 0, "service errors surfaced");
  assert.ok((r.byKind.timeout.TimeoutError ?? 0) > 0, "timeouts surfaced");

  // Every wasm object created was freed (by free(), not left to a finalizer), none twice or foreign.
  const o = r.objectsAfterDestroy;
  assert.equal(o.live, 0, `wasm objects still alive after destroy(): ${JSON.stringify(o)}`);
  assert.equal(o.foreignFrees, 0);
  assert.equal(o.created.call, 3000, "one Call per send");
  assert.equal(o.freed.call, 3000, "every Call freed");
  // During the run, live objects are the in-flight Calls plus each client's Core and Retry.
  for (const s of r.samples) assert.ok(s.objects.live <= 48 + 8, `${s.objects.live} live wasm objects at ${s.done} sends`);

  // Memory after warm-up (from 1/3 of the run on): generous bounds, a leak of even 1 KB per send shows.
  const heap = growth(r.samples, "heapUsed", 0.33);
  const wasm = growth(r.samples, "wasmMemory", 0.33);
  t.diagnostic(`heap after warm-up ${(heap.delta / MiB).toFixed(2)} MiB, wasm memory ${(wasm.delta / MiB).toFixed(2)} MiB`);
  assert.ok(heap.delta < 8 * MiB, `JS heap grew ${heap.delta} bytes after warm-up`);
  assert.ok(wasm.delta <= 1 * MiB, `wasm memory grew ${wasm.delta} bytes after warm-up`);
  assert.equal(r.instances, 1, "no instance was replaced (no panic)");
});
