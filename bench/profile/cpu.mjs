// V8's sampling CPU profiler (the engine Chromium profiles with) on the hot calls of ec2-wasm, using a
// build of the SAME module that keeps its function names (wasm-opt -Oz -g). In its own process:
// `node cpu.mjs NAMED_CORE_ENTRY API_URL SECONDS`. Prints JSON: per job, self time grouped by where it runs
// (wasm / the package's JS / Node internals incl. fetch / GC) and the top functions by self time.
import { Session } from "node:inspector/promises";
import { readFileSync } from "node:fs";
import { CREDENTIALS, INPUT, REGION } from "../lib/common.mjs";
import { emit } from "../lib/emit.mjs";

const [entry, api, seconds = "1.5"] = process.argv.slice(2);
const core = await import(entry);
const bytes = new Uint8Array(readFileSync(new URL("../../tests/vectors/model/samples/create-snapshot-response.xml", import.meta.url)));
const URL_ = "https://ec2.us-east-1.amazonaws.com/";
const k = core.calls;
const context = k.contextOf(URL_, REGION, "ec2-wasm/bench", undefined, CREDENTIALS);
const json = k.inputJson(INPUT);
const body = k.serialize("CreateSnapshot", json);
const headers = { "content-type": "application/x-www-form-urlencoded; charset=utf-8", host: "ec2.us-east-1.amazonaws.com" };
const T = Date.UTC(2026, 10, 25, 12);
const client = new core.EC2Client({ region: REGION, credentials: { ...CREDENTIALS }, endpoint: api });

const jobs = {
  "Core.sign": () => k.sign(context, "POST", URL_, headers, body, T),
  "Core.build": () => k.build(context, "CreateSnapshot", json, T, "00000000-0000-4000-8000-000000000000", 1, 3),
  parseOutput: () => k.parseOutput("CreateSnapshot", bytes),
  "client.send (sequential, to the bench server)": async () => client.send(new core.CreateSnapshotCommand(INPUT)),
};

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 40 });

function where(cf) {
  if (cf.url.startsWith("wasm://")) return "wasm";
  if (cf.functionName === "(garbage collector)") return "GC";
  if (cf.functionName === "(program)" || cf.functionName === "(idle)" || cf.functionName === "(root)") return cf.functionName;
  if (cf.url.includes("node-bench")) return "ec2-wasm JS (client + glue)";
  if (cf.url.includes("bench/profile") || cf.url.includes("bench/lib")) return "benchmark loop";
  if (cf.url === "") return "V8 builtins / runtime";
  if (/encoding/.test(cf.url)) return "TextEncoder/TextDecoder (glue string passing)";
  return "Node internals (fetch/undici, streams, timers)";
}

const out = {};
for (const [name, fn] of Object.entries(jobs)) {
  const isAsync = name.startsWith("client.");
  const until = (ms) => performance.now() + ms;
  for (let e = until(300); performance.now() < e; ) (isAsync ? await fn() : fn()); // warm-up
  await session.post("Profiler.start");
  let n = 0;
  for (let e = until(Number(seconds) * 1000); performance.now() < e; n++) {
    if (isAsync) await fn();
    else fn();
  }
  const { profile } = await session.post("Profiler.stop");
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  const groups = new Map();
  for (const id of profile.samples) {
    const cf = byId.get(id).callFrame;
    const key = `${cf.functionName || "(anonymous)"}${cf.url && !cf.url.startsWith("wasm://") ? ` [${cf.url.split("/").pop()}:${cf.lineNumber + 1}]` : ""}`;
    self.set(key, (self.get(key) ?? 0) + 1);
    const g = where(cf);
    groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const pct = (x) => Math.round((1000 * x) / total) / 10;
  const elapsedUs = profile.endTime - profile.startTime;
  out[name] = {
    calls: n,
    usPerCall: elapsedUs / n,
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, pct(v)]),
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => [k.replace(/::h[0-9a-f]{16}/g, "").replace(/\[[0-9a-f]{16}\]/g, ""), pct(v)]),
  };
  process.stderr.write(`[profile] ${name}: ${n} calls\n`);
}
emit(out);
