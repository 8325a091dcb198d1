// The four contenders, each as `call()` → the snapshot id of one CreateSnapshot against `endpoint`.
// The same source runs in Node (the packages' node entries) and in the Chromium bundle (esbuild with the
// browser conditions), so both measure the code a user of that platform gets.
import { EC2Client as WasmClient, CreateSnapshotCommand as WasmCommand } from "ec2-wasm";
import { EC2Client as SdkClient, CreateSnapshotCommand as SdkCommand } from "@aws-sdk/client-ec2";
import { AwsClient, AwsV4Signer } from "aws4fetch";
import { CREDENTIALS, INPUT, REGION, SNAPSHOT_ID, formBody, snapshotIdOf } from "./common.mjs";

export const NAMES = ["ec2-wasm", "@aws-sdk/client-ec2", "aws4fetch", "fetch floor"];
const FORM = "application/x-www-form-urlencoded; charset=utf-8";

/** The floor's request: built and signed ONCE (by aws4fetch's signer), then replayed as is. */
async function presigned(url) {
  const signed = await new AwsV4Signer({
    url,
    method: "POST",
    headers: { "content-type": FORM },
    body: formBody(INPUT),
    ...CREDENTIALS,
    region: REGION,
    service: "ec2",
  }).sign();
  const headers = {};
  signed.headers.forEach((v, k) => {
    if (k !== "host" && k !== "content-length") headers[k] = v;
  });
  return { method: "POST", headers, body: signed.body };
}

export async function makeContenders(endpoint) {
  const url = endpoint.replace(/\/?$/, "/");
  const wasm = new WasmClient({ region: REGION, credentials: CREDENTIALS, endpoint });
  const sdk = new SdkClient({ region: REGION, credentials: CREDENTIALS, endpoint });
  const aws = new AwsClient({ ...CREDENTIALS, region: REGION, service: "ec2" });
  const floor = await presigned(url);
  return [
    { name: "ec2-wasm", call: async () => (await wasm.send(new WasmCommand(INPUT))).SnapshotId },
    { name: "@aws-sdk/client-ec2", call: async () => (await sdk.send(new SdkCommand(INPUT))).SnapshotId },
    {
      name: "aws4fetch",
      call: async () => {
        const res = await aws.fetch(url, { method: "POST", headers: { "content-type": FORM }, body: formBody(INPUT) });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`aws4fetch: HTTP ${res.status}`);
        return snapshotIdOf(text);
      },
    },
    {
      name: "fetch floor",
      call: async () => {
        const res = await fetch(url, floor);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`floor: HTTP ${res.status}`);
        return SNAPSHOT_ID;
      },
    },
  ];
}

/** Sequential calls: one latency (ms) per call. */
export async function sequential(c, n, now) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await c.call();
    out[i] = now() - t0;
  }
  return out;
}

/** `total` calls with `inflight` of them in flight at any time: wall time (ms). */
export async function concurrent(c, total, inflight, now) {
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      issued++;
      await c.call();
    }
  };
  const t0 = now();
  await Promise.all(Array.from({ length: inflight }, worker));
  return now() - t0;
}
