// Node per call by transport, in its own process: `node node-transport.mjs API_URL ROUNDS SEQ_N`.
// Every client that can send over both node:http and fetch is measured on both; the floors replay one
// request signed once (no signing, no parsing): `node:http floor` over a keep-alive agent, `fetch floor`
// with the global fetch. Rounds interleave the contenders (order rotated per round); each block is SEQ_N
// sequential CreateSnapshot calls. Reported per contender: latency per call, CPU per call (this process,
// process.cpuUsage), and the median over rounds of its round median ÷ the node:http floor's.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { EC2Client as WasmClient, CreateSnapshotCommand as WasmCommand, FetchHttpHandler as WasmFetch } from "ec2-wasm";
import { EC2Client as SdkClient, CreateSnapshotCommand as SdkCommand } from "@aws-sdk/client-ec2";
import { FetchHttpHandler as SdkFetch } from "@smithy/fetch-http-handler";
import { AwsClient, AwsV4Signer } from "aws4fetch";
import awsLite from "@aws-lite/client";
import { CREDENTIALS, INPUT, REGION, SNAPSHOT_ID, formBody, rotate, snapshotIdOf } from "../lib/common.mjs";
import { sequential } from "../lib/contenders.mjs";
import { emit } from "../lib/emit.mjs";

const [api, rounds = "10", seqN = "300"] = process.argv.slice(2);
const R = Number(rounds), S = Number(seqN);
const now = () => performance.now();
const log = (m) => process.stderr.write(`[node transport] ${m}\n`);
const FORM = "application/x-www-form-urlencoded; charset=utf-8";
const url = api.replace(/\/?$/, "/");

/** One request signed once by aws4fetch's signer, replayed as is by both floors. */
async function presigned() {
  const signed = await new AwsV4Signer({ url, method: "POST", headers: { "content-type": FORM }, body: formBody(INPUT), ...CREDENTIALS, region: REGION, service: "ec2" }).sign();
  const headers = {};
  signed.headers.forEach((v, k) => {
    if (k !== "host" && k !== "content-length") headers[k] = v;
  });
  return { headers, body: signed.body };
}

const floor = await presigned();
const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
const u = new URL(url);
const floorHttp = () =>
  new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: floor.headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(SNAPSHOT_ID) : reject(new Error(`node:http floor: HTTP ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(floor.body);
  });

const wasmHttp = new WasmClient({ region: REGION, credentials: CREDENTIALS, endpoint: api });
const wasmFetch = new WasmClient({ region: REGION, credentials: CREDENTIALS, endpoint: api, requestHandler: new WasmFetch() });
const sdkHttp = new SdkClient({ region: REGION, credentials: CREDENTIALS, endpoint: api });
const sdkFetch = new SdkClient({ region: REGION, credentials: CREDENTIALS, endpoint: api, requestHandler: new SdkFetch() });
const aws = new AwsClient({ ...CREDENTIALS, region: REGION, service: "ec2" });
// aws-lite has no EC2 plugin in the npm registry: its raw request form, as its users write it for EC2.
const lite = await awsLite({ ...CREDENTIALS, region: REGION, endpoint: api, autoloadPlugins: false, keepAlive: true });

const contenders = [
  { name: "ec2-wasm", transport: "node:http", call: async () => (await wasmHttp.send(new WasmCommand(INPUT))).SnapshotId },
  { name: "ec2-wasm", transport: "fetch", call: async () => (await wasmFetch.send(new WasmCommand(INPUT))).SnapshotId },
  { name: "@aws-sdk/client-ec2", transport: "node:http", call: async () => (await sdkHttp.send(new SdkCommand(INPUT))).SnapshotId },
  { name: "@aws-sdk/client-ec2", transport: "fetch", call: async () => (await sdkFetch.send(new SdkCommand(INPUT))).SnapshotId },
  {
    name: "@aws-lite/client",
    transport: "node:http",
    call: async () => {
      const r = await lite({ service: "ec2", method: "POST", path: "/", headers: { "content-type": FORM }, payload: formBody(INPUT) });
      // aws-lite parses XML answers into objects; a raw string is read as aws4fetch's is.
      const p = r.payload;
      return typeof p === "string" ? snapshotIdOf(p) : (p?.CreateSnapshotResponse?.snapshotId ?? p?.snapshotId);
    },
  },
  {
    name: "aws4fetch",
    transport: "fetch",
    call: async () => {
      const res = await aws.fetch(url, { method: "POST", headers: { "content-type": FORM }, body: formBody(INPUT) });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`aws4fetch: HTTP ${res.status}`);
      return snapshotIdOf(text);
    },
  },
  { name: "node:http floor", transport: "node:http", call: floorHttp },
  {
    name: "fetch floor",
    transport: "fetch",
    call: async () => {
      const res = await fetch(url, { method: "POST", headers: floor.headers, body: floor.body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`fetch floor: HTTP ${res.status}`);
      return SNAPSHOT_ID;
    },
  },
];
const key = (c) => `${c.name} (${c.transport})`;

for (const c of contenders) {
  const id = await c.call();
  if (id !== SNAPSHOT_ID) throw new Error(`${key(c)}: answered ${JSON.stringify(id)}, expected ${SNAPSHOT_ID}`);
}
log(`checked: ${contenders.map(key).join(", ")}`);
for (const c of contenders) await sequential(c, Math.max(200, S), now);
log("warmed up");

const res = Object.fromEntries(contenders.map((c) => [key(c), { name: c.name, transport: c.transport, seq: [], seqRoundMedian: [], seqCpuUs: [] }]));
for (let r = 0; r < R; r++) {
  for (const c of rotate(contenders, r)) {
    const cpu0 = process.cpuUsage();
    const lat = await sequential(c, S, now);
    const cpu = process.cpuUsage(cpu0);
    const x = res[key(c)];
    x.seq.push(...lat);
    x.seqRoundMedian.push(Float64Array.from(lat).sort()[S >> 1]);
    x.seqCpuUs.push((cpu.user + cpu.system) / S);
  }
  log(`round ${r + 1}/${R}`);
}
emit({ rounds: R, seqN: S, floor: "node:http floor (node:http)", results: res });
