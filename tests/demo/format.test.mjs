// The console's pure helpers (www/lib/format.js): sizes, times, the member list, where a ValidationError
// points, and the advice per error.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatElapsed, newestFirst, stateTitle } from "../../www/lib/follow-format.js";
import { OUTPUT_MEMBERS, explainError, formatBytes, formatMember, isLocalError, isNetworkError, outputRows, validationTarget } from "../../www/lib/format.js";

test("formatBytes: binary units, exact bytes below 1 KiB", () => {
  assert.equal(formatBytes(0), "0 bytes");
  assert.equal(formatBytes(1), "1 byte");
  assert.equal(formatBytes(1023), "1,023 bytes");
  assert.equal(formatBytes(1024), "1 KiB");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(1610612736), "1.5 GiB");
  assert.equal(formatBytes(8 * 1024 ** 3), "8 GiB");
  assert.equal(formatBytes(123.4 * 1024 ** 3), "123 GiB");
  assert.equal(formatBytes(17 * 1024 ** 4 + 1), "17 TiB");
  assert.equal(formatBytes(2 ** 60), "1,024 PiB");
});

test("formatMember: local time with the ISO instant kept, units, yes/no", () => {
  const d = new Date("2026-01-02T03:04:05.000Z");
  assert.deepEqual(formatMember("StartTime", d), { text: d.toLocaleString(), datetime: "2026-01-02T03:04:05.000Z", title: "2026-01-02T03:04:05.000Z" });
  assert.equal(formatMember("VolumeSize", 8).text, "8 GiB");
  assert.deepEqual(formatMember("FullSnapshotSizeInBytes", 1610612736), { text: "1.5 GiB", title: "1,610,612,736 bytes" });
  assert.equal(formatMember("CompletionDurationMinutes", 12).text, "12 min");
  assert.equal(formatMember("Encrypted", false).text, "No");
  assert.equal(formatMember("Encrypted", true).text, "Yes");
  assert.equal(formatMember("State", "pending").text, "pending");
  assert.equal(formatMember("StartTime", new Date(NaN)).text, "invalid date");
});

test("outputRows: every member of the Snapshot shape in order, unknown members kept, $metadata left out", () => {
  assert.equal(OUTPUT_MEMBERS.length, 23);
  const output = { SnapshotId: "snap-1", VolumeSize: 8, FutureMember: "x", $metadata: { requestId: "r" }, Tags: [] };
  const { rows, absent } = outputRows(output);
  assert.deepEqual(rows.map((r) => r.name), ["SnapshotId", "VolumeSize", "Tags", "FutureMember"]);
  assert.equal(absent.length, 20);
  assert.ok(!absent.includes("SnapshotId") && absent.includes("FullSnapshotSizeInBytes"));
});

test("validationTarget: the form field for the error's member path (error.field)", () => {
  assert.deepEqual(validationTarget("VolumeId"), { field: "volumeId" });
  assert.deepEqual(validationTarget("Location"), { field: "location" });
  assert.deepEqual(validationTarget("TagSpecifications[0].Tags[2].Value"), { field: "tags", tagIndex: 2, tagPart: "Value" });
  assert.deepEqual(validationTarget("TagSpecifications[0].Tags[1]"), { field: "tags", tagIndex: 1, tagPart: "Key" });
  assert.deepEqual(validationTarget("TagSpecifications[0].ResourceType"), { field: "tags" });
  assert.deepEqual(validationTarget("input"), { field: null });
  assert.deepEqual(validationTarget(undefined), { field: null });
});

test("explainError: DryRunOperation is success; advice per common code; network errors", () => {
  const svc = (name, extra = {}) => Object.assign(new Error("m"), { name, $fault: "client", $metadata: { httpStatusCode: 400, requestId: "r", attempts: 1 }, ...extra });
  assert.deepEqual(explainError(svc("DryRunOperation")).tone, "success");
  assert.equal(explainError(svc("DryRunOperation")).title, "Dry run succeeded: you have permission");
  assert.match(explainError(svc("AuthFailure")).hint, /Check the access key ID and secret access key/);
  assert.match(explainError(svc("InvalidVolume.NotFound")).hint, /volume ID.*region/);
  assert.match(explainError(svc("UnauthorizedOperation")).hint, /ec2:CreateSnapshot/);
  assert.match(explainError(svc("RequestLimitExceeded", { $metadata: { httpStatusCode: 503, attempts: 3 } })).hint, /already tried 3 times/);
  assert.match(explainError(svc("InternalError", { $fault: "server", $metadata: { httpStatusCode: 500 } })).hint, /on its side/);
  const network = Object.assign(new TypeError("Failed to fetch"), { $metadata: { attempts: 3 } });
  assert.equal(isNetworkError(network), true);
  assert.equal(explainError(network).title, "Could not reach the endpoint");
  assert.equal(isNetworkError(Object.assign(new Error("x"), { name: "TimeoutError", $metadata: {} })), true);
  assert.equal(isNetworkError(svc("AuthFailure")), false);
});

test("isLocalError: refused before sending, never a service answer", () => {
  assert.equal(isLocalError(Object.assign(new Error("VolumeId: is required"), { name: "ValidationError" })), true);
  assert.equal(isLocalError(Object.assign(new Error("x"), { name: "ConfigurationError" })), true);
  assert.equal(isLocalError(Object.assign(new Error("x"), { name: "ValidationError", $metadata: { httpStatusCode: 400 } })), false);
  assert.equal(isLocalError(Object.assign(new Error("x"), { name: "InvalidParameterValue", $metadata: { httpStatusCode: 400 } })), false);
});

test("follow-format: elapsed time, newest first, the panel's titles", () => {
  assert.equal(formatElapsed(0), "0:00");
  assert.equal(formatElapsed(65_400), "1:05");
  assert.equal(formatElapsed(3_725_000), "1:02:05");
  assert.equal(formatElapsed(-5), "0:00");
  const order = newestFirst([{ SnapshotId: "a", StartTime: new Date("2026-01-01") }, { SnapshotId: "b" }, { SnapshotId: "c", StartTime: "2026-06-01T00:00:00Z" }]);
  assert.deepEqual(order.map((s) => s.SnapshotId), ["c", "a", "b"]);
  assert.equal(stateTitle("completed"), "Snapshot completed");
  assert.equal(stateTitle("error"), "Snapshot failed");
  assert.equal(stateTitle("pending"), "Following the snapshot");
});
