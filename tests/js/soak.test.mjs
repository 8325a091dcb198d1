// The short soak (the long one is `make soak`, scripts/soak.mjs): 3,000 sends with mixed success,
// service errors, throttling, transient errors and timeouts against a stub in its own process. Every
// promise settles with an outcome its kind allows, every wasm object is freed, nothing of the wasm
// instance is freed twice or from elsewhere, and the JS heap and wasm memory stay within generous
// bounds after warm-up. No timing assertions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { soakNode, growth } from "../../scripts/soak.mjs";

const MiB = 1024 * 1024;

test("3,000 mixed sends all settle, leave no wasm objects and keep memory flat", { timeout: 180_000 }, async (t) => {
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

  // The shell keeps its per-client and per-call state in JS (src/wire/): wasm-bindgen objects,
  // which would need free() or a FinalizationRegistry, are never created at all.
  const o = r.objectsAfterDestroy;
  const created = Object.values(o.created).reduce((a, b) => a + b, 0);
  assert.equal(created, 0, `wasm objects were created: ${JSON.stringify(o)}`);
  assert.equal(o.live, 0, `wasm objects alive after the run: ${JSON.stringify(o)}`);
  assert.equal(o.foreignFrees, 0);
  for (const s of r.samples) assert.equal(s.objects.live, 0, `${s.objects.live} live wasm objects at ${s.done} sends`);

  // Memory after warm-up (from 1/3 of the run on): generous bounds, a leak of even 1 KB per send shows.
  const heap = growth(r.samples, "heapUsed", 0.33);
  const wasm = growth(r.samples, "wasmMemory", 0.33);
  t.diagnostic(`heap after warm-up ${(heap.delta / MiB).toFixed(2)} MiB, wasm memory ${(wasm.delta / MiB).toFixed(2)} MiB`);
  assert.ok(heap.delta < 8 * MiB, `JS heap grew ${heap.delta} bytes after warm-up`);
  assert.ok(wasm.delta <= 1 * MiB, `wasm memory grew ${wasm.delta} bytes after warm-up`);
  assert.equal(r.instances, 1, "no instance was replaced (no panic)");
});

// F11: workerd has neither FinalizationRegistry nor WeakRef, so a wasm object nobody frees is never
// reclaimed. The common Worker pattern, a client per request without destroy(), must still leave
// nothing behind: after the sends settle, the live wasm objects are bounded, not two per client.
test("F11: workerd, a client per send never destroyed: no wasm objects pile up", { timeout: 180_000 }, async (t) => {
  const { soakWorkerd } = await import("../../scripts/soak.mjs");
  const r = await soakWorkerd({
    sends: 1000,
    concurrency: 32,
    requestTimeout: 500,
    chunks: 2,
    fresh: true,
    pkgDir: fileURLToPath(new URL("../../pkg", import.meta.url)),
    log: (line) => t.diagnostic(line),
  });
  assert.equal(r.settled, 1000);
  assert.deepEqual(r.unexpected, []);
  const last = r.samples.at(-1);
  t.diagnostic(`after 1000 clients: ${JSON.stringify(last.objects)}, wasm memory ${last.wasmMemory} bytes`);
  assert.ok(last.objects.live <= 64, `${last.objects.live} wasm objects alive after 1000 abandoned clients`);
});
