// One measured run of sequential sends, in its own process (started by node-sends.mjs, possibly under
// `node --cpu-prof`): `node sends-child.mjs ENTRY ENDPOINT OPERATION N WINDOW_JSON`.
// Warms up, then sends N commands one after another; writes to WINDOW_JSON the loop's start and end on the
// monotonic clock (µs, the clock V8's profiler stamps samples with), wall and process CPU µs per call.
import { writeFileSync } from "node:fs";

const [entry, endpoint, operation, n, windowFile] = process.argv.slice(2);
const N = Number(n);
const m = await import(entry);
const INPUTS = {
  DescribeSnapshots: () => new m.DescribeSnapshotsCommand({ SnapshotIds: ["snap-1"] }),
  CreateSnapshot: () => new m.CreateSnapshotCommand({ VolumeId: "vol-1234567890abcdef0", Description: "nightly backup" }),
};
const make = INPUTS[operation];
if (!make) throw new Error(`unknown operation ${operation}`);
const client = new m.EC2Client({ region: "us-east-1", endpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
const check = (out) => {
  const ok = operation === "DescribeSnapshots" ? out.Snapshots?.length > 0 : typeof out.SnapshotId === "string";
  if (!ok) throw new Error(`unexpected output: ${JSON.stringify(out).slice(0, 200)}`);
};
for (let i = 0; i < Math.min(1000, N); i++) check(await client.send(make()));
const us = () => Number(process.hrtime.bigint() / 1000n);
const cpu0 = process.cpuUsage();
const start = us();
for (let i = 0; i < N; i++) check(await client.send(make()));
const end = us();
const cpu = process.cpuUsage(cpu0);
writeFileSync(windowFile, JSON.stringify({ operation, n: N, start, end, wallPerCall: (end - start) / N, cpuPerCall: (cpu.user + cpu.system) / N }));
client.destroy();
