// Node per-call section, in its own process: `node node-percall.mjs API_URL ROUNDS SEQ_N CONC_N INFLIGHT`.
// First checks every contender once (answer, and the form body the server received decodes to the same
// parameters), warms each up, then ROUNDS rounds; each round runs every contender's sequential block and
// every contender's 32-in-flight block, in an order rotated per round. CPU time per call comes from
// process.cpuUsage() around each block (this process only: the server is another process).
import { performance } from "node:perf_hooks";
import { makeContenders, sequential, concurrent } from "../lib/contenders.mjs";
import { INPUT, SNAPSHOT_ID, formBody, rotate } from "../lib/common.mjs";
import { emit } from "../lib/emit.mjs";

const [api, rounds = "12", seqN = "300", concN = "3000", inflight = "32"] = process.argv.slice(2);
const R = Number(rounds), S = Number(seqN), C = Number(concN), F = Number(inflight);
const now = () => performance.now();
const log = (m) => process.stderr.write(`[node per-call] ${m}\n`);

const params = (body) => [...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort().join("&");
const expected = params(formBody(INPUT));
const contenders = await makeContenders(api);
const checks = {};
for (const c of contenders) {
  const id = await c.call();
  const last = await (await fetch(`${api}/__last`)).json();
  if (id !== SNAPSHOT_ID) throw new Error(`${c.name}: answered ${id}, expected ${SNAPSHOT_ID}`);
  if (params(last.body) !== expected) throw new Error(`${c.name}: sent ${last.body}\nexpected the parameters ${expected}`);
  checks[c.name] = { snapshotId: id, signed: /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/ec2\/aws4_request/.test(last.headers.authorization ?? ""), userAgent: last.headers["user-agent"] ?? null };
}
log(`checked: ${Object.keys(checks).join(", ")}`);

for (const c of contenders) {
  await sequential(c, Math.max(200, S), now);
  await concurrent(c, C, F, now);
}
log("warmed up");

const res = Object.fromEntries(contenders.map((c) => [c.name, { seq: [], seqRoundMedian: [], seqCpuUs: [], concPerSec: [], concCpuUs: [] }]));
for (let r = 0; r < R; r++) {
  for (const c of rotate(contenders, r)) {
    const cpu0 = process.cpuUsage();
    const lat = await sequential(c, S, now);
    const cpu = process.cpuUsage(cpu0);
    const x = res[c.name];
    x.seq.push(...lat);
    x.seqRoundMedian.push(Float64Array.from(lat).sort()[S >> 1]);
    x.seqCpuUs.push((cpu.user + cpu.system) / S);
  }
  for (const c of rotate(contenders, r)) {
    const cpu0 = process.cpuUsage();
    const ms = await concurrent(c, C, F, now);
    const cpu = process.cpuUsage(cpu0);
    res[c.name].concPerSec.push((C * 1000) / ms);
    res[c.name].concCpuUs.push((cpu.user + cpu.system) / C);
  }
  log(`round ${r + 1}/${R}`);
}
emit({ checks, rounds: R, seqN: S, concN: C, inflight: F, results: res });
