// The assertions every runtime's test makes on what tests/e2e/scenario.mjs observed, plus the read-back of
// the snapshot through boto3.
import assert from "node:assert/strict";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DESCRIPTION, TAGS } from "../e2e/scenario.mjs";
import { IMPL, PKG_DIR } from "./impl.mjs";

const byKey = (tags) => [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
const show = (value) => JSON.stringify(value, null, 2);

/** With EC2_IMPL=wasm, the module the runtime actually loaded must come from the package folder. */
export function assertFromPackage(resolved, label) {
  if (IMPL !== "wasm") return;
  assert.ok(resolved, `${label}: the runtime did not report which file it resolved "ec2-wasm" to`);
  const file = realpathSync(resolved.startsWith("file:") ? fileURLToPath(resolved) : resolved);
  const pkg = realpathSync(PKG_DIR);
  assert.ok(file.startsWith(pkg + "/"), `${label}: "ec2-wasm" resolved to ${file}, outside ${pkg}`);
}

function assertServiceError(observed, { name, status }, label) {
  assert.equal(observed?.resolved, false, `${label}: expected a rejection with ${name}, got ${show(observed)}`);
  const e = observed.error;
  const ctx = `${label}: ${show(e)}`;
  assert.equal(e.name, name, ctx);
  assert.equal(e.Code, name, ctx);
  assert.equal(e.$fault, "client", ctx);
  assert.equal(e.instanceofEC2ServiceException, true, `${label}: not an instance of EC2ServiceException: ${ctx}`);
  assert.equal(e.instanceofError, true, `${label}: not an instance of Error: ${ctx}`);
  assert.equal(typeof e.message, "string", ctx);
  assert.ok(e.message.length > 0, ctx);
  assert.equal(e.$metadata?.httpStatusCode, status, ctx);
  assert.equal(typeof e.$metadata.requestId, "string", ctx);
  assert.ok(e.$metadata.requestId.length > 0, ctx);
  assert.equal(e.$metadata.attempts, 1, ctx);
}

/**
 * Asserts everything the scenario observed and compares the snapshot with what boto3 reads back from moto.
 * `moto` is what startMoto() returned.
 */
export async function assertScenario(result, moto, label) {
  assert.ok(result && typeof result === "object", `${label}: no result: ${show(result)}`);
  assert.deepEqual(
    result.exports,
    { EC2Client: "function", CreateSnapshotCommand: "function", EC2ServiceException: "function" },
    `${label}: the module does not export the three classes`,
  );

  // (a) the snapshot
  const create = result.create;
  assert.equal(create?.resolved, true, `${label}: CreateSnapshot rejected: ${show(create)}`);
  const o = create.output;
  const ctx = `${label}: ${show(create)}`;
  assert.match(o.SnapshotId, /^snap-[0-9a-f]{8,}$/, ctx);
  assert.equal(o.VolumeId, moto.volumeId, ctx);
  assert.equal(o.Description, DESCRIPTION, ctx);
  assert.deepEqual(byKey(o.Tags), byKey(TAGS), ctx);
  assert.equal(o.VolumeSize, 8, ctx);
  assert.equal(o.Encrypted, false, ctx);
  assert.equal(o.OwnerId, "123456789012", ctx);
  assert.ok(["pending", "completed"].includes(o.State), ctx);
  const started = Date.parse(o.StartTime);
  assert.ok(Math.abs(started - Date.now()) < 10 * 60_000, `${label}: StartTime ${o.StartTime} is not about now`);
  assert.equal(new Date(started).toISOString(), o.StartTime, ctx);
  const t = create.types;
  assert.equal(t.StartTime, "Date", ctx);
  assert.equal(t.VolumeSize, "number", ctx);
  assert.equal(t.Encrypted, "boolean", ctx);
  for (const k of ["SnapshotId", "VolumeId", "State", "Progress", "OwnerId", "Description"]) assert.equal(t[k], "string", `${k}: ${ctx}`);
  assert.deepEqual(t.Tags, TAGS.map(() => ({ Key: "string", Value: "string" })), ctx);
  assert.equal(o.$metadata.httpStatusCode, 200, ctx);
  assert.equal(typeof o.$metadata.requestId, "string", ctx);
  assert.ok(o.$metadata.requestId.length > 0, ctx);
  assert.equal(o.$metadata.attempts, 1, ctx);
  assert.equal(o.$metadata.totalRetryDelay, 0, ctx);

  // (d) the waiter, (e) DescribeSnapshots by volume, (f) the paginator
  assert.equal(result.wait?.resolved, true, `${label}: waitUntilSnapshotCompleted: ${show(result.wait)}`);
  assert.equal(result.wait.state, "SUCCESS", `${label}: ${show(result.wait)}`);
  assert.deepEqual(result.wait.states, ["completed"], `${label}: ${show(result.wait)}`);
  const d = result.describe;
  assert.equal(d?.resolved, true, `${label}: DescribeSnapshots: ${show(d)}`);
  assert.deepEqual(d.output.Snapshots.map((s) => s.SnapshotId), [o.SnapshotId], `${label}: ${show(d)}`);
  const ds = d.output.Snapshots[0];
  assert.equal(ds.Description, DESCRIPTION, `${label}: ${show(d)}`);
  assert.deepEqual(byKey(ds.Tags), byKey(TAGS), `${label}: ${show(d)}`);
  assert.equal(ds.StartTime, o.StartTime, `${label}: ${show(d)}`);
  assert.equal(d.types.Snapshots[0].StartTime, "Date", `${label}: ${show(d.types)}`);
  assert.equal(d.types.Snapshots[0].VolumeSize, "number", `${label}: ${show(d.types)}`);
  assert.equal(d.output.$metadata.httpStatusCode, 200, `${label}: ${show(d)}`);
  const p = result.paginate;
  assert.equal(p?.resolved, true, `${label}: paginateDescribeSnapshots: ${show(p)}`);
  assert.ok(p.pages >= 1 && p.ids.includes(o.SnapshotId), `${label}: ${show(p)}`);

  // (b) DryRun and (c) wrong secret
  assertServiceError(result.dryRun, { name: "DryRunOperation", status: 412 }, `${label} DryRun`);
  assertServiceError(result.wrongSecret, { name: "AuthFailure", status: 401 }, `${label} wrong secret`);

  // read back with boto3: every member boto3 sees equals what the client returned
  const snapshots = await moto.describeSnapshot(o.SnapshotId);
  assert.equal(snapshots.length, 1, `${label}: boto3 DescribeSnapshots: ${show(snapshots)}`);
  const s = snapshots[0];
  const back = `${label}: boto3 read back ${show(s)}\nclient returned ${show(o)}`;
  assert.equal(s.SnapshotId, o.SnapshotId, back);
  assert.equal(s.VolumeId, moto.volumeId, back);
  assert.equal(s.Description, DESCRIPTION, back);
  assert.deepEqual(byKey(s.Tags), byKey(TAGS), back);
  assert.ok(["pending", "completed"].includes(s.State), back);
  for (const [key, value] of Object.entries(s)) {
    if (key === "StartTime") assert.equal(new Date(value).toISOString(), o.StartTime, back);
    else if (key === "Tags") continue;
    else if (key === "State" || key === "Progress") continue; // may advance between the two calls
    else assert.deepEqual(o[key], value, `${key}: ${back}`);
  }

  // DryRun and the wrong-secret call created nothing: the volume has exactly the one snapshot
  const all = await moto.listSnapshots(moto.volumeId);
  assert.deepEqual(all.map((x) => x.SnapshotId), [o.SnapshotId], `${label}: snapshots of the volume: ${show(all)}`);
}
