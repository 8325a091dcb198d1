// Shared by the tests of examples/: the package linked into an example as an installed dependency,
// the environment an example runs with, and the checks on the snapshot it reports.
import assert from "node:assert/strict";
import { mkdirSync, readlinkSync, renameSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const EXAMPLES = path.join(ROOT, "examples");
export const OUT = path.join(ROOT, "tests", "out", "demo");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/**
 * examples/<name>/node_modules/ec2-wasm -> pkg/, which is what `npm install` makes for the examples'
 * "ec2-wasm": "file:../../pkg" dependency. Atomic, so concurrent runs never see a missing link.
 */
export function linkPackage(name) {
  const dir = path.join(EXAMPLES, name, "node_modules");
  mkdirSync(dir, { recursive: true });
  const link = path.join(dir, "ec2-wasm");
  const target = path.relative(dir, path.join(ROOT, "pkg"));
  try {
    if (readlinkSync(link) === target) return link;
  } catch {
    // missing
  }
  const tmp = `${link}.${process.pid}.tmp`;
  symlinkSync(target, tmp, "dir");
  renameSync(tmp, link);
  return link;
}

/** process.env without anything AWS-related, plus `extra`: an example must use what the test gives it. */
export function envFor(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^AWS_|^EC2_ENDPOINT$|^VOLUME_ID$/.test(k)) env[k] = v;
  }
  return { ...env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", NO_COLOR: "1", ...extra };
}

/** The environment that points an example at moto with the IAM key startMoto() made. */
export const motoEnv = (moto, extra = {}) =>
  envFor({
    AWS_REGION: moto.region,
    AWS_ACCESS_KEY_ID: moto.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.secretAccessKey,
    EC2_ENDPOINT: moto.endpoint,
    ...extra,
  });

const show = (r) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ""}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;

/** The "Created snapshot snap-… from vol-…" line every example prints; asserts a clean exit. */
export function parseCreated(label, result) {
  assert.equal(result.code, 0, `${label}: ${show(result)}`);
  const m = /^Created snapshot (snap-[0-9a-f]{8,}) from (vol-[0-9a-f]{8,}) \((\d+) GiB\), state (\w+)/m.exec(result.stdout);
  assert.ok(m, `${label}: no "Created snapshot" line: ${show(result)}`);
  return { snapshotId: m[1], volumeId: m[2], size: Number(m[3]), state: m[4] };
}

/**
 * Reads the snapshot back with boto3 and checks it is the one the example reported: its volume, a
 * `created-by` tag (when given) and a description that names the example.
 */
export async function assertReadBack(moto, label, { snapshotId, volumeId, createdBy, description }) {
  const found = await moto.describeSnapshot(snapshotId);
  const ctx = `${label}: boto3 DescribeSnapshots ${snapshotId}: ${JSON.stringify(found, null, 2)}`;
  assert.equal(found.length, 1, ctx);
  const s = found[0];
  assert.equal(s.SnapshotId, snapshotId, ctx);
  assert.equal(s.VolumeId, volumeId, ctx);
  if (createdBy) assert.deepEqual(s.Tags, [{ Key: "created-by", Value: createdBy }], ctx);
  if (description) assert.match(s.Description, description, ctx);
  // and it is the only snapshot of that volume: the example made exactly one request that created one
  const all = await moto.listSnapshots(volumeId);
  assert.deepEqual(all.map((x) => x.SnapshotId), [snapshotId], `${label}: snapshots of ${volumeId}: ${JSON.stringify(all)}`);
  return s;
}
