// Panic recovery, beyond the basic case in panic-recovery.test.mjs: what must hold for the design to
// be safe in a long-lived process where many clients share the one wasm instance.
//
// Design under test (see the hardening report): a Rust panic traps (WebAssembly.RuntimeError); the JS
// shell replaces the instance with a fresh one of the same compiled WebAssembly.Module (a reset hook
// appended to wasm-bindgen's glue, which keeps its instance in a module-level `wasm`), rejects the
// failing call with InternalError. Since the core's calls became stateless (src/wire/: every client's
// state lives in JS), there are no wasm objects to rebuild; the checks below still guard against any
// object of a replaced instance being used or freed in the new one, should one be added again. Objects of the
// old instance are detached (their pointers zeroed, their finalizers unregistered) so nothing of the
// old instance is ever passed to, or freed into, the new one.
//
// Uses the test-only build (`make pkg-test-panic`, feature `test-panic`: VolumeId "vol-test-panic"
// panics in the core) from target/pkg-test-panic/dist, or EC2_PANIC_PKG_DIR. The trigger is
// expected in input conversion (`convert::input_from_js`), which both the one-call path and the
// middleware path run; tests that need more than the current trigger say so.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { startStub } from "./stub.mjs";
import { verifySignature } from "../diff/lib/sigv4-check.mjs";
import { instrument } from "../../scripts/soak.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = path.resolve(ROOT, process.env.EC2_PANIC_PKG_DIR ?? "target/pkg-test-panic/dist");
const PANIC = { VolumeId: "vol-test-panic" };
const creds = { accessKeyId: "AKIDPANIC", secretAccessKey: "panic-test-secret" };
const secretFor = (id) => (id === creds.accessKeyId ? creds.secretAccessKey : undefined);
const SNAPSHOT = "snap-066877671789bd71b";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const probe = instrument(globalThis); // before the package is imported: counts instances and frees

let sdk;
let stub;
before(async () => {
  assert.ok(existsSync(path.join(DIST, "node.mjs")), `build the test-only package first: make pkg-test-panic (${DIST})`);
  sdk = await import(pathToFileURL(path.join(DIST, "node.mjs")).href);
  stub = await startStub(async (r) => {
    const volume = new URLSearchParams(r.body).get("VolumeId") ?? "";
    const attempt = Number(/attempt=(\d+)/.exec(r.headers["amz-sdk-request"] ?? "")?.[1] ?? 1);
    if (volume.startsWith("vol-slow")) await new Promise((res) => setTimeout(res, 300));
    if (volume.startsWith("vol-throttle") && attempt === 1) {
      await new Promise((res) => setTimeout(res, 300));
      return { status: 503, body: "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error></Errors></Response>" };
    }
    return undefined;
  });
});
after(async () => {
  await stub?.close();
});

const client = (extra = {}) => new sdk.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, ...extra });
const send = (c, input) => c.send(new sdk.CreateSnapshotCommand(input));

async function settle(p) {
  return p.then(
    (v) => ({ ok: true, v }),
    (e) => ({ ok: false, e }),
  );
}

async function assertPanics(c) {
  const before = stub.requests.length;
  await assert.rejects(send(c, PANIC), (e) => {
    assert.equal(e.name, "InternalError");
    assert.match(e.message, /internal error/i);
    return true;
  });
  assert.equal(stub.requests.length, before, "nothing is sent for a send that panicked");
}

function assertSigned(r) {
  const v = verifySignature(r, secretFor);
  assert.ok(v.ok, v.problems.join("\n"));
}

async function collect() {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20)); // finalizers run between tasks
  }
}

test("sends in flight on other clients when the instance is replaced finish with their real outcome", async () => {
  const a = client();
  const b = client({ maxAttempts: 3 });
  await send(b, { VolumeId: "vol-warm" });
  const inFlight = [
    ...Array.from({ length: 6 }, (_, i) => settle(send(b, { VolumeId: `vol-slow-${i}` }))),
    settle(send(b, { VolumeId: "vol-throttle-1" })), // its retry happens after the reset
  ];
  await new Promise((r) => setTimeout(r, 50));
  await assertPanics(a);
  const results = await Promise.all(inFlight);
  // The slow sends were answered 200 after the reset: the snapshots exist, the sends must say so.
  for (const [i, r] of results.slice(0, 6).entries()) {
    assert.ok(r.ok, `in-flight send ${i} rejected with ${r.e?.name}: ${r.e?.message} (the server created the snapshot)`);
    assert.equal(r.v.SnapshotId, SNAPSHOT);
  }
  // The throttled one may retry on the new instance or end with the real 503; nothing invented.
  const t = results[6];
  assert.ok(t.ok || t.e.name === "RequestLimitExceeded", `throttled in-flight send ended with ${t.e?.name}: ${t.e?.message}`);
  // And both clients keep working on the new instance.
  assert.equal((await send(a, { VolumeId: "vol-after" })).SnapshotId, SNAPSHOT);
  assert.equal((await send(b, { VolumeId: "vol-after" })).SnapshotId, SNAPSHOT);
  assertSigned(stub.requests.at(-1));
});

test("the middleware path (signing in JS) recovers the same way", async () => {
  const c = client();
  const seen = [];
  c.middlewareStack.add((next) => async (args) => {
    seen.push(args.request?.headers?.authorization ?? "");
    return next(args);
  }, { step: "finalizeRequest", name: "observer", priority: "low" });
  assert.equal((await send(c, { VolumeId: "vol-mw-1" })).SnapshotId, SNAPSHOT);
  await assertPanics(c);
  assert.equal((await send(c, { VolumeId: "vol-mw-2" })).SnapshotId, SNAPSHOT);
  assertSigned(stub.requests.at(-1));
});

test("no object of a replaced instance is ever freed into the new one", async () => {
  // Many clients dropped without destroy(), then a reset: nothing they held may be freed into, or used
  // with, the new instance (today they hold no wasm objects at all; this keeps it that way).
  let dropped = Array.from({ length: 50 }, () => client());
  await Promise.all(dropped.map((c) => send(c, { VolumeId: "vol-many" })));
  const before = probe.objects();
  await assertPanics(client());
  dropped = null;
  await collect();
  const c = client();
  for (let i = 0; i < 20; i++) assert.equal((await send(c, { VolumeId: `vol-after-gc-${i}` })).SnapshotId, SNAPSHOT);
  for (const r of stub.requests.slice(-20)) assertSigned(r);
  const after = probe.objects();
  assert.equal(after.foreignFrees, 0, `frees of pointers the new instance never made: ${JSON.stringify({ before, after })}`);
});

test("repeated panics replace the instance each time and the old ones are collected", async () => {
  const c = client();
  await send(c, { VolumeId: "vol-warm" });
  await collect();
  const startInstances = probe.instances();
  const rss0 = process.memoryUsage().rss;
  for (let i = 0; i < 30; i++) {
    await assertPanics(c);
    assert.equal((await send(c, { VolumeId: `vol-round-${i}` })).SnapshotId, SNAPSHOT);
  }
  await collect();
  assert.equal(probe.instances() - startInstances, 30, "one new instance per panic");
  const live = probe.liveInstances();
  assert.ok(live !== null && live <= 3, `${live} instances still reachable after 30 resets`);
  const grew = process.memoryUsage().rss - rss0;
  assert.ok(grew < 128 * 1024 * 1024, `RSS grew ${grew} bytes over 30 resets`);
  assert.equal(probe.objects().foreignFrees, 0);
});

test("workerd: the reset instantiates the imported module again (no code generation from bytes)", { timeout: 120_000 }, async () => {
  const { startWorkerd, WORKERD } = await import(pathToFileURL(path.join(ROOT, "tests/support/workerd.mjs")).href);
  assert.ok(existsSync(WORKERD), `${WORKERD} is missing: npm ci installs it`);
  assert.ok(existsSync(path.join(DIST, "workerd.mjs")), "the test-panic build's workerd entry is missing: make pkg-test-panic");
  const dir = path.join(ROOT, "tests/out", `panic-workerd-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "worker.mjs"),
    `import * as sdk from "./impl/workerd.mjs";
export default {
  async fetch(request) {
    const { endpoint } = await request.json();
    const c = new sdk.EC2Client({ region: "us-east-1", endpoint, credentials: ${JSON.stringify(creds)} });
    const out = [];
    const run = (input) => c.send(new sdk.CreateSnapshotCommand(input)).then((v) => out.push(["ok", v.SnapshotId]), (e) => out.push([e.name, e.message]));
    await run({ VolumeId: "vol-w-1" });
    await run(${JSON.stringify(PANIC)});
    await run({ VolumeId: "vol-w-2" });
    await run(${JSON.stringify(PANIC)});
    await run({ VolumeId: "vol-w-3" });
    return Response.json(out);
  },
};
`,
  );
  const server = await startWorkerd({
    dir,
    workers: [
      {
        name: "main",
        modules: [
          { name: "worker.mjs", type: "esModule", file: path.join(dir, "worker.mjs") },
          { name: "impl/workerd.mjs", type: "esModule", file: path.join(DIST, "workerd.mjs") },
          { name: "impl/ec2_wasm_bg.wasm", type: "wasm", file: path.join(DIST, "ec2_wasm_bg.wasm") },
        ],
      },
    ],
  });
  try {
    const url = server.url;
    const r = await fetch(url, { method: "POST", body: JSON.stringify({ endpoint: stub.endpoint }) });
    const text = await r.text();
    assert.equal(r.status, 200, `${text}\n${server.output().slice(-2000)}`);
    const out = JSON.parse(text);
    assert.deepEqual(
      out.map(([kind]) => kind),
      ["ok", "InternalError", "ok", "InternalError", "ok"],
      JSON.stringify(out, null, 1),
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
