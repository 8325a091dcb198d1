// Where a whole send's wasm time goes: N sequential CreateSnapshot sends (Node, the bench server, fetch) with
// the build that keeps the wasm's function names (bench/out/profile/core, made by `make bench`'s profile
// step), under V8's sampler at 40 µs; prints µs per send by wasm entry (outermost wasm frame and the JS
// function that called it) and by wasm function (self time).
//   node bench/profile/wasm-send.mjs [N]   (after `make bench`)
import { Session } from "node:inspector/promises";
import { startChild } from "../lib/procs.mjs";
const core = await import(new URL("../out/profile/core/node-bench.mjs", import.meta.url));
const server = await startChild(process.execPath, [new URL("../lib/server.mjs", import.meta.url).pathname, new URL("../out/site", import.meta.url).pathname], { ready: (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null) });
const api = server.value.api;
const client = new core.EC2Client({ region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, endpoint: api });
const INPUT = { VolumeId: "vol-1234567890abcdef0", Description: "nightly backup of the data volume", TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "team", Value: "storage" }] }] };
const N = Number(process.argv[2] ?? 4000);
const s = new Session(); s.connect();
await s.post("Profiler.enable"); await s.post("Profiler.setSamplingInterval", { interval: 40 });
for (let i = 0; i < 500; i++) await client.send(new core.CreateSnapshotCommand(INPUT));
await s.post("Profiler.start");
for (let i = 0; i < N; i++) await client.send(new core.CreateSnapshotCommand(INPUT));
const { profile } = await s.post("Profiler.stop");
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); const entry = new Map(); let wasmTotal = 0; let total = 0;
for (let i = 0; i < profile.samples.length - 1; i++) {
  const dt = profile.timeDeltas[i + 1]; total += dt;
  const id = profile.samples[i]; const cf = nodes.get(id).callFrame;
  if (!cf.url.startsWith("wasm://")) continue;
  wasmTotal += dt;
  const name = cf.functionName.replace(/::h[0-9a-f]{16}/g, "");
  self.set(name, (self.get(name) ?? 0) + dt);
  let p = parent.get(id); let outer = null;
  while (p !== undefined) { const f = nodes.get(p).callFrame; if (f.url.startsWith("wasm://")) outer = f.functionName; else break; p = parent.get(p); }
  const js = p !== undefined ? nodes.get(p).callFrame.functionName : "?";
  const key = `${(outer ?? name).replace(/::h[0-9a-f]{16}/g, "")} ← ${js}`;
  entry.set(key, (entry.get(key) ?? 0) + dt);
}
const f = (x) => (x / N).toFixed(1);
console.log(`CreateSnapshot, ${N} sends: wasm ${f(wasmTotal)} µs per send of ${f(total)} sampled`);
console.log("by wasm entry (outermost wasm frame ← JS caller):");
for (const [k, v] of [...entry].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${f(v)}  ${k}`);
console.log("by function (self):");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${f(v)}  ${k}`);
await server.stop(); process.exit(0);
