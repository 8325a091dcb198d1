// Panic recovery: a Rust panic inside wasm traps; the failing send must reject with a clear
// InternalError and the next sends (same client, other clients) must work on a fresh instance.
// Uses the test-only build (`make pkg-test-panic`: feature `test-panic`, where VolumeId
// "vol-test-panic" panics inside the core); normal builds have no trigger.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { startStub } from "./stub.mjs";

const entry = new URL("../../target/pkg-test-panic/dist/node.mjs", import.meta.url);

test("a panic in wasm rejects that send with InternalError and the next send works", async () => {
  assert.ok(existsSync(entry), "build the test-only package first: make pkg-test-panic");
  const { EC2Client, CreateSnapshotCommand } = await import(entry.href);
  const stub = await startStub(() => undefined);
  try {
    const creds = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
    const a = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const b = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, maxAttempts: 2 });
    assert.equal((await a.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }))).SnapshotId, "snap-066877671789bd71b");
    assert.equal((await b.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }))).SnapshotId, "snap-066877671789bd71b");
    for (let round = 0; round < 3; round++) {
      await assert.rejects(a.send(new CreateSnapshotCommand({ VolumeId: "vol-test-panic" })), (e) => {
        assert.equal(e.name, "InternalError");
        assert.match(e.message, /instance was replaced/);
        return true;
      });
      // The same client, another client made before the trap, and a new client all work.
      for (const c of [a, b, new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds })]) {
        const out = await c.send(new CreateSnapshotCommand({ VolumeId: "vol-2", Description: `after panic ${round}` }));
        assert.equal(out.SnapshotId, "snap-066877671789bd71b");
      }
    }
    // Nothing was sent for the panicking calls.
    assert.ok(stub.requests.every((r) => !r.body.includes("vol-test-panic")));
    assert.equal(stub.requests.length, 2 + 3 * 3);
    // The signatures after recovery are still valid SigV4 headers.
    assert.match(stub.requests.at(-1).headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/ec2\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
  } finally {
    await stub.close();
  }
});
