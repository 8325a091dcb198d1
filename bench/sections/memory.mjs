// Memory section, in its own process with --expose-gc: `node --expose-gc memory.mjs CORE_ENTRY API_URL
// WHICH TOTAL`. One client instance sends TOTAL CreateSnapshot calls (32 in flight); after the warm-up and
// at checkpoints up to the end it runs gc() twice and records the JS heap and, for ec2-wasm, the size of
// the instance's WebAssembly.Memory (read through the bench-only entry, which holds the same client code).
import { CREDENTIALS, INPUT, REGION, SNAPSHOT_ID } from "../lib/common.mjs";
import { emit } from "../lib/emit.mjs";

const [entry, api, which = "ec2-wasm", total = "100000"] = process.argv.slice(2);
const TOTAL = Number(total);
const WARM = 5_000;
const INFLIGHT = 32;
let send;
let memory = null;
if (which === "ec2-wasm") {
  const m = await import(entry);
  memory = m.memory;
  const client = new m.EC2Client({ region: REGION, credentials: CREDENTIALS, endpoint: api });
  send = async () => (await client.send(new m.CreateSnapshotCommand(INPUT))).SnapshotId;
} else {
  const m = await import("@aws-sdk/client-ec2");
  const client = new m.EC2Client({ region: REGION, credentials: CREDENTIALS, endpoint: api });
  send = async () => (await client.send(new m.CreateSnapshotCommand(INPUT))).SnapshotId;
}

let done = 0;
async function sendUpTo(n) {
  let issued = done;
  await Promise.all(
    Array.from({ length: INFLIGHT }, async () => {
      while (issued < n) {
        issued++;
        const id = await send();
        if (id !== SNAPSHOT_ID) throw new Error(`bad answer ${id}`);
      }
    }),
  );
  done = n;
}
function sample() {
  globalThis.gc();
  globalThis.gc();
  const mu = process.memoryUsage();
  return { sends: done, heapUsed: mu.heapUsed, heapTotal: mu.heapTotal, external: mu.external, arrayBuffers: mu.arrayBuffers, rss: mu.rss, wasmMemory: memory ? memory.buffer.byteLength : null };
}
const points = [];
const t0 = Date.now();
await sendUpTo(WARM);
points.push(sample());
for (const step of [0.2, 0.4, 0.6, 0.8, 1].map((x) => Math.round(x * TOTAL))) {
  if (step <= WARM) continue;
  await sendUpTo(step);
  points.push(sample());
  process.stderr.write(`[memory ${which}] ${done}/${TOTAL}\n`);
}
emit({ which, total: TOTAL, warmup: WARM, inflight: INFLIGHT, seconds: (Date.now() - t0) / 1000, points });
