// The micro-benchmark operations, shared by Node and Chromium: sign, serialize and parse, each done by
// ec2-wasm's core (through the bench-only entry: the same calls the client makes), by the AWS SDK's own
// pieces (@smithy/signature-v4 with the SDK's default SHA-256 of the platform — Node crypto, or WebCrypto
// in the browser — the SDK's EC2 Query protocol serializer/deserializer, @aws-sdk/xml-builder's parseXML),
// and by aws4fetch's signer / the hand-written code of the aws4fetch contender.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { operation } from "@smithy/core/schema";
import { parseXML } from "@aws-sdk/xml-builder";
import { EC2Client as SdkClient, CreateSnapshotCommand as SdkCommand, DescribeSnapshotsCommand as SdkDescribe } from "@aws-sdk/client-ec2";
import { AwsV4Signer } from "aws4fetch";
import { XMLParser } from "fast-xml-parser";
import { CREDENTIALS, INPUT, REGION, SNAPSHOT_ID, formBody, snapshotIdOf } from "./common.mjs";

const HOST = "ec2.us-east-1.amazonaws.com";
const URL_ = `https://${HOST}/`;
const TIME_MS = Date.UTC(2026, 10, 25, 12, 0, 0);
const FORM = "application/x-www-form-urlencoded; charset=utf-8";

/** Snapshots in the big DescribeSnapshots page (issue 14: a 1,000-snapshot page against the SDK's parse). */
export const PAGE_SNAPSHOTS = 1000;

/**
 * A DescribeSnapshots page of `n` snapshots as EC2 writes them: every member the model reads, two tags
 * each, the id varying per entry (so nothing can be shared between entries), and a NextToken.
 */
export function describePage(n) {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n    <requestId>6a1b2c3d-4e5f-4a6b-8c7d-8e9f0EXAMPLE</requestId>\n    <snapshotSet>'];
  for (let i = 0; i < n; i++) {
    const id = `snap-${i.toString(16).padStart(17, "0")}`;
    parts.push(`
        <item>
            <snapshotId>${id}</snapshotId>
            <volumeId>vol-1234567890abcdef0</volumeId>
            <status>${i % 7 ? "completed" : "pending"}</status>
            <startTime>2026-11-25T12:00:${String(i % 60).padStart(2, "0")}.000Z</startTime>
            <progress>${i % 7 ? "100%" : "37%"}</progress>
            <ownerId>012345678910</ownerId>
            <volumeSize>8</volumeSize>
            <description>nightly backup of the data volume</description>
            <encrypted>true</encrypted>
            <kmsKeyId>arn:aws:kms:us-east-1:012345678910:key/abcd</kmsKeyId>
            <storageTier>standard</storageTier>
            <tagSet>
                <item><key>team</key><value>storage</value></item>
                <item><key>env</key><value>prod &amp; test</value></item>
            </tagSet>
        </item>`);
  }
  parts.push("\n    </snapshotSet>\n    <nextToken>eyJ2IjoiMiJ9</nextToken>\n</DescribeSnapshotsResponse>\n");
  return new TextEncoder().encode(parts.join(""));
}

/**
 * `core` is the bench-only entry (its `calls`: the core calls exactly as the client makes them, JS side
 * included); `responseBytes` the sample response.
 * Returns [{ group, name, fn, async }] after checking every op once.
 */
export async function makeOps(core, responseBytes) {
  const body = formBody(INPUT);
  const responseText = new TextDecoder().decode(responseBytes);
  const headers = { "content-type": FORM, host: HOST };
  const ops = [];
  const add = (group, name, fn, isAsync = false) => ops.push({ group, name, fn, async: isAsync });

  // --- ec2-wasm (wasm core) ---
  const k = core.calls;
  const context = k.contextOf(URL_, REGION, "ec2-wasm/bench", undefined, CREDENTIALS);
  add("sign", "ec2-wasm Core.sign (wasm)", () => k.sign(context, "POST", URL_, headers, body, TIME_MS));
  // What the client does per attempt: the input's JSON is made once per send, so it is made here too.
  add("sign", "ec2-wasm Core.build = serialize + sign (wasm)", () => k.build(context, "CreateSnapshot", k.inputJson(INPUT), TIME_MS, "00000000-0000-4000-8000-000000000000", 1, 3));
  add("serialize", "ec2-wasm serialize (wasm)", () => k.serialize("CreateSnapshot", k.inputJson(INPUT)));
  add("parse", "ec2-wasm parseOutput (wasm → JS object)", () => k.parseOutput("CreateSnapshot", responseBytes));
  const pageBytes = describePage(PAGE_SNAPSHOTS);
  add("page", `ec2-wasm parseOutput, DescribeSnapshots page of ${PAGE_SNAPSHOTS} snapshots`, () => k.parseOutput("DescribeSnapshots", pageBytes));

  // --- the AWS SDK's pieces ---
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: "ec2", sha256: Sha256 });
  const date = new Date(TIME_MS);
  const request = new HttpRequest({ method: "POST", protocol: "https:", hostname: HOST, path: "/", headers, body });
  add("sign", `@smithy/signature-v4 (${typeof process !== "undefined" && process.versions?.node ? "Node crypto" : "WebCrypto"})`, () => signer.sign(request, { signingDate: date }), true);
  const sdk = new SdkClient({ region: REGION, credentials: CREDENTIALS, endpoint: URL_ });
  const protocol = sdk.config.protocol;
  const [, ns, n, t, i, o] = new SdkCommand(INPUT).schema;
  const op = operation(ns, n, t, i, o);
  const ctx = { ...sdk.config, endpoint: async () => ({ protocol: "https:", hostname: HOST, path: "/" }) };
  add("serialize", "SDK EC2 Query serializer (AwsEc2QueryProtocol.serializeRequest)", () => protocol.serializeRequest(op, INPUT, ctx), true);
  add("parse", "SDK deserializer (AwsEc2QueryProtocol.deserializeResponse → output)", () => protocol.deserializeResponse(op, ctx, { statusCode: 200, headers: { "x-amzn-requestid": "r" }, body: responseBytes }), true);
  add("parse", "SDK XML parser only (@aws-sdk/xml-builder parseXML)", () => parseXML(responseText));
  const [, dns, dn, dt, di, dout] = new SdkDescribe({}).schema;
  const describeOp = operation(dns, dn, dt, di, dout);
  add("page", `SDK deserializer, DescribeSnapshots page of ${PAGE_SNAPSHOTS} snapshots`, () => protocol.deserializeResponse(describeOp, ctx, { statusCode: 200, headers: { "x-amzn-requestid": "r" }, body: pageBytes }), true);
  const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false });
  add("parse", "fast-xml-parser XMLParser.parse (not used by this SDK version)", () => fxp.parse(responseText));

  // --- aws4fetch / hand-written ---
  const cache = new Map();
  const datetime = new Date(TIME_MS).toISOString().replace(/[:-]|\.\d{3}/g, "");
  add("sign", "aws4fetch AwsV4Signer (WebCrypto)", () => new AwsV4Signer({ url: URL_, method: "POST", headers: { "content-type": FORM }, body, ...CREDENTIALS, region: REGION, service: "ec2", cache, datetime }).sign(), true);
  add("serialize", "hand-built form body (aws4fetch contender)", () => formBody(INPUT));
  add("parse", "TextDecoder + indexOf, snapshot id only (aws4fetch contender)", () => snapshotIdOf(new TextDecoder().decode(responseBytes)));

  // Each op once, checked, so a benchmark never times a failing call.
  const check = {
    "ec2-wasm Core.sign (wasm)": (r) => /Signature=[0-9a-f]{64}/.test(r.authorization),
    "ec2-wasm parseOutput (wasm → JS object)": (r) => r.SnapshotId === SNAPSHOT_ID && Array.isArray(r.Tags),
    "ec2-wasm serialize (wasm)": (r) => r === body,
    [`ec2-wasm parseOutput, DescribeSnapshots page of ${PAGE_SNAPSHOTS} snapshots`]: (r) => r.Snapshots.length === PAGE_SNAPSHOTS && r.Snapshots[999].Tags.length === 2 && r.NextToken === "eyJ2IjoiMiJ9",
    [`SDK deserializer, DescribeSnapshots page of ${PAGE_SNAPSHOTS} snapshots`]: (r) => r.Snapshots.length === PAGE_SNAPSHOTS && r.Snapshots[999].Tags.length === 2 && r.NextToken === "eyJ2IjoiMiJ9",
  };
  for (const o of ops) {
    const r = o.async ? await o.fn() : o.fn();
    if (r === undefined || r === null) throw new Error(`${o.name}: returned ${r}`);
    if (check[o.name] && !check[o.name](r)) throw new Error(`${o.name}: unexpected result ${JSON.stringify(r).slice(0, 300)}`);
  }
  return ops;
}

/**
 * Times the ops interleaved: calibrates a batch of ~targetMs per op, then `rounds` rounds, each running
 * every op's batch once (order rotated). Returns { name: { group, opsPerSec: [per round] } }.
 */
export async function runOps(ops, { now, rounds = 9, targetMs = 40, log = () => {} }) {
  const batch = new Map();
  let sink = 0;
  const runBatch = async (o, n) => {
    const t0 = now();
    if (o.async) for (let i = 0; i < n; i++) sink ^= (await o.fn()) ? 1 : 0;
    else for (let i = 0; i < n; i++) sink ^= o.fn() ? 1 : 0;
    return now() - t0;
  };
  for (const o of ops) {
    let n = 16;
    await runBatch(o, n); // warm-up
    for (;;) {
      const ms = await runBatch(o, n);
      if (ms >= targetMs / 4 || n > 1e7) {
        batch.set(o, Math.max(16, Math.round((n * targetMs) / Math.max(ms, 0.01))));
        break;
      }
      n *= 4;
    }
  }
  const out = {};
  for (const o of ops) out[o.name] = { group: o.group, opsPerSec: [] };
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < ops.length; k++) {
      const o = ops[(k + r) % ops.length];
      const n = batch.get(o);
      const ms = await runBatch(o, n);
      out[o.name].opsPerSec.push((n * 1000) / ms);
    }
    log(`micro round ${r + 1}/${rounds}`);
  }
  out.__sink = sink;
  return out;
}
