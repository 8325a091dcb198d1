// A DescribeSnapshots page as large as an account with many snapshots answers without MaxResults
// (20,000 snapshots: ~21 MB), served by a local stand-in with CORS headers, and the values a reader
// must find in it. The same page as tests/stream.rs reads natively.
import http from "node:http";

const hex17 = (i) => i.toString(16).padStart(17, "0");
const pad = (n, w) => String(n).padStart(w, "0");

/** Snapshot `i` as EC2 writes it, indented (~1 KB). */
export function snapshotXml(i) {
  const d = pad((i % 28) + 1, 2);
  const m = pad(i % 60, 2);
  const parts = [
    `<snapshotId>snap-${hex17(i)}</snapshotId>`,
    `<volumeId>vol-${hex17(Math.floor(i / 3))}</volumeId>`,
    "<status>completed</status>",
    `<startTime>2024-05-${d}T10:${m}:00.000Z</startTime>`,
    "<progress>100%</progress>",
    "<ownerId>123456789012</ownerId>",
    `<volumeSize>${(i % 500) + 1}</volumeSize>`,
    `<description>Nightly snapshot ${i} of the data volume &amp; its &lt;logs&gt;</description>`,
    "<encrypted>true</encrypted>",
    `<kmsKeyId>arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-${pad(i, 12)}</kmsKeyId>`,
    `<tagSet><item><key>Name</key><value>nightly-${i}</value></item><item><key>team</key><value>storage</value></item></tagSet>`,
    "<storageTier>standard</storageTier>",
    "<restoreExpiryTime>2025-01-01T00:00:00.000Z</restoreExpiryTime>",
    "<sseType>sse-ebs</sseType>",
    "<availabilityZone>us-east-1a</availabilityZone>",
  ];
  return `<item>${parts.join("").replaceAll("><", ">\n            <")}\n</item>\n`;
}

/** What the output must hold for snapshot `i`. */
export function expectedSnapshot(i) {
  return {
    SnapshotId: `snap-${hex17(i)}`,
    StartTime: `2024-05-${pad((i % 28) + 1, 2)}T10:${pad(i % 60, 2)}:00.000Z`,
    VolumeSize: (i % 500) + 1,
    Description: `Nightly snapshot ${i} of the data volume & its <logs>`,
    Tags: [
      { Key: "Name", Value: `nightly-${i}` },
      { Key: "team", Value: "storage" },
    ],
  };
}

/** The fields `expectedSnapshot` names, read from an output snapshot (dates as ISO strings). */
export function summarize(s) {
  return {
    SnapshotId: s.SnapshotId,
    StartTime: s.StartTime instanceof Date ? s.StartTime.toISOString() : `not a Date: ${s.StartTime}`,
    VolumeSize: s.VolumeSize,
    Description: s.Description,
    Tags: s.Tags,
  };
}

/** The page: `n` snapshots, then a next token. */
export function describePage(n) {
  const items = [];
  for (let i = 0; i < n; i++) items.push(snapshotXml(i));
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n' +
      `<requestId>large-1</requestId>\n<snapshotSet>\n${items.join("")}</snapshotSet>\n<nextToken>tok-after</nextToken>\n</DescribeSnapshotsResponse>\n`,
  );
}

/**
 * A stand-in EC2 on 127.0.0.1: DescribeSnapshots with MaxResults answers 3 snapshots, without it the
 * `n`-snapshot page. Answers CORS preflights (the browser test calls it across origins).
 */
export async function startLargeStub(n) {
  const large = describePage(n);
  const small = describePage(3);
  const stats = { large: 0, small: 0 };
  const server = http.createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "*", "access-control-allow-methods": "POST", "access-control-expose-headers": "*" };
    if (req.method === "OPTIONS") {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const form = Buffer.concat(chunks).toString();
      const body = form.includes("MaxResults=") ? small : large;
      stats[body === large ? "large" : "small"]++;
      res.writeHead(200, { ...cors, "content-type": "text/xml;charset=UTF-8", "content-length": body.length, "x-amzn-requestid": "large-1" });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    bytes: large.length,
    stats,
    stop: () => new Promise((r) => server.close(r)),
  };
}

/**
 * The measurement, run inside each runtime (serialized into workerd and Chromium: ECMAScript only).
 * Warms up with a small page, then reads the large page twice; wasm memory before and after.
 */
export async function measure(sdk, endpoint, probe) {
  const client = new sdk.EC2Client({
    region: "us-east-1",
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDLARGEPAGE", secretAccessKey: "large-page-secret" },
  });
  const warm = await client.send(new sdk.DescribeSnapshotsCommand({ MaxResults: 5 }));
  const before = probe.wasmMemoryBytes();
  const t0 = Date.now();
  let out = await client.send(new sdk.DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
  const ms = Date.now() - t0;
  const after = probe.wasmMemoryBytes();
  const pick = (s) => ({
    SnapshotId: s.SnapshotId,
    StartTime: s.StartTime instanceof Date ? s.StartTime.toISOString() : `not a Date: ${s.StartTime}`,
    VolumeSize: s.VolumeSize,
    Description: s.Description,
    Tags: s.Tags,
  });
  let snaps = out.Snapshots;
  const result = {
    warm: warm.Snapshots.length,
    count: snaps.length,
    first: pick(snaps[0]),
    middle: pick(snaps[Math.floor(snaps.length / 2)]),
    last: pick(snaps[snaps.length - 1]),
    nextToken: out.NextToken,
    status: out.$metadata.httpStatusCode,
    before,
    after,
    ms,
  };
  // The first page may be collected while the second is read.
  snaps = null;
  out = null;
  const again = await client.send(new sdk.DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
  result.againCount = again.Snapshots.length;
  result.afterAgain = probe.wasmMemoryBytes();
  return result;
}

/**
 * Installs a probe of the package's wasm memory on `g` (before the package loads): it notes the Memory
 * of the package's instance made by `new WebAssembly.Instance`, `instantiate` or `instantiateStreaming`.
 * Serialized into workerd and Chromium: ECMAScript only. Returns `{ wasmMemoryBytes() }`.
 */
export function wasmProbe(g) {
  let memory = null;
  const W = g.WebAssembly;
  const note = (r) => {
    const instance = r && r.instance ? r.instance : r;
    const exports = instance && instance.exports;
    // The package's instance (the platform may have its own: Node's fetch parses HTTP in wasm).
    const m = exports && "call" in exports && "retry" in exports && Object.values(exports).find((e) => e instanceof W.Memory);
    if (m) memory = m;
    return r;
  };
  for (const k of ["instantiate", "instantiateStreaming"]) {
    const f = W[k];
    if (typeof f === "function") W[k] = (...args) => f.apply(W, args).then(note);
  }
  const RealInstance = W.Instance;
  W.Instance = new Proxy(RealInstance, { construct: (t, args) => note(Reflect.construct(t, args)) });
  const probe = { wasmMemoryBytes: () => (memory ? memory.buffer.byteLength : null) };
  g.__largeProbe = probe;
  return probe;
}
