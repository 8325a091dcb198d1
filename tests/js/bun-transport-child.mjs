// Run by bun-transport.test.mjs in Bun: which transport each client sends with, told by counting calls
// of the global fetch. Prints one JSON line.
import { EC2Client, CreateSnapshotCommand, NodeHttpHandler, FetchHttpHandler } from "ec2-wasm";

const endpoint = process.argv[2];
let fetchCalls = 0;
const original = globalThis.fetch;
globalThis.fetch = (...a) => {
  fetchCalls++;
  return original(...a);
};
const out = { bun: typeof Bun === "undefined" ? null : Bun.version };
for (const [label, requestHandler] of [["default", undefined], ["FetchHttpHandler", new FetchHttpHandler()], ["NodeHttpHandler", new NodeHttpHandler()]]) {
  const before = fetchCalls;
  const client = new EC2Client({ region: "us-east-1", endpoint, credentials: { accessKeyId: "AKIDBUN", secretAccessKey: "bun-secret" }, requestHandler });
  try {
    const r = await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1234567890abcdef0" }));
    out[label] = { snapshotId: r.SnapshotId, fetchCalls: fetchCalls - before };
  } catch (e) {
    out[label] = { error: `${e.name}: ${e.message}` };
  }
  client.destroy();
}
console.log(JSON.stringify(out));
