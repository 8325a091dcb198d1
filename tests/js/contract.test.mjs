// The generated contract and shape modules agree with what they describe: the package version, the
// error kinds the shell maps, the operations the core knows, and the commands exported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pkg from "ec2-wasm";
import * as contract from "../../pkg/src/contract.generated.mjs";
import * as shapes from "../../pkg/src/shapes.generated.mjs";

const pkgJson = JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url), "utf8"));
const cargoToml = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");

test("one version: Cargo.toml, pkg/package.json and the contract agree", () => {
  assert.equal(contract.VERSION, pkgJson.version);
  assert.match(cargoToml, new RegExp(`^version = "${contract.VERSION.replace(/\./g, "\\.")}"$`, "m"));
  assert.equal(pkg.VERSION, contract.VERSION);
});

test("every operation of the shape data is an exported command whose class names it", () => {
  for (const op of shapes.OPERATIONS) {
    const C = pkg[`${op}Command`];
    assert.equal(typeof C, "function", `${op}Command is exported`);
    assert.equal(C.operation, op);
    assert.ok(new C({}) instanceof pkg.Command);
  }
});

test("the enum objects are the model's values", () => {
  for (const name of ["SnapshotLocationEnum", "SnapshotState", "StorageTier", "SSEType", "TransferType"]) {
    assert.deepEqual(pkg[name], shapes[name]);
  }
  assert.deepEqual(Object.values(pkg.SnapshotState).sort(), ["completed", "error", "pending", "recoverable", "recovering"]);
});

test("a core error carries its field only when it is about an input member", async () => {
  const client = new pkg.EC2Client({
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    requestHandler: {
      handle: async () => ({ response: { statusCode: 200, headers: {}, body: new TextEncoder().encode("<a><volumeSize>x</volumeSize></a>") } }),
    },
  });
  await assert.rejects(client.send(new pkg.DescribeSnapshotsCommand({ Filters: [{ Name: "n", Values: ["a", 2] }] })), (e) => {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.field, "Filters[0].Values[1]");
    return true;
  });
  await assert.rejects(client.send(new pkg.CreateSnapshotCommand({ VolumeId: "v" })), (e) => {
    assert.equal(e.name, "DeserializationError");
    assert.equal(e.field, undefined);
    assert.match(e.message, /<volumeSize> should be an integer/);
    return true;
  });
});
