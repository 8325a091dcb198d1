// Helpers for snapshot-life.test.mjs: DescribeSnapshots response builders, and runs of the same
// scenario with @aws-sdk/client-ec2 and with ec2-wasm against a scripted stub, one after the other.
import { startStub } from "./stub.mjs";
import * as ours from "ec2-wasm";
import * as sdk from "@aws-sdk/client-ec2";

export { ours, sdk };
export const IMPLS = [
  ["sdk", sdk],
  ["ours", ours],
];
export const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

const item = ({ id = "snap-1", state = "pending", progress }) =>
  `<item><snapshotId>${id}</snapshotId><volumeId>vol-1</volumeId><status>${state}</status>` +
  `<startTime>2024-05-01T10:00:00.000Z</startTime>${progress === undefined ? "" : `<progress>${progress}</progress>`}` +
  `<volumeSize>8</volumeSize><encrypted>false</encrypted></item>`;

/** A DescribeSnapshots response with these snapshots (`{ id, state, progress }`) and NextToken. */
export function page(snapshots, next) {
  const set = snapshots.length ? `<snapshotSet>${snapshots.map(item).join("")}</snapshotSet>` : "<snapshotSet/>";
  return {
    body:
      '<?xml version="1.0" encoding="UTF-8"?><DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
      `<requestId>req-1</requestId>${set}${next ? `<nextToken>${next}</nextToken>` : ""}</DescribeSnapshotsResponse>`,
  };
}

/** A 400 service error response. */
export function serviceError(code, message) {
  return {
    status: 400,
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>req-2</RequestID></Response>`,
  };
}

/** The form pinned in comparisons: JSON (Dates as ISO strings) of a result or of a thrown error. */
export function outcome(value, error) {
  if (error) return { threw: { name: error.name, message: error.message } };
  return { value: JSON.parse(JSON.stringify(value ?? null)) };
}

/**
 * Runs `body(M, client, stub)` for the SDK then for ec2-wasm, each with a fresh client on a stub that
 * answers from `respond(request, n)` (n counts from 1 per implementation, after one warm-up call).
 * Math.random is pinned. Returns per implementation: the outcome, the request bodies and arrival times.
 */
export async function runBoth(respond, body, { random = 0.5 } = {}) {
  const runs = {};
  for (const [name, M] of IMPLS) {
    let handler = () => page([]);
    const stub = await startStub((r) => handler(r));
    const saved = Math.random;
    try {
      const client = new M.EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
      await client.send(new M.DescribeSnapshotsCommand({})); // warm up: lazy loading stays out of the timings
      stub.requests.length = 0;
      const times = [];
      let n = 0;
      handler = (r) => {
        times.push(Date.now());
        return respond(r, ++n);
      };
      Math.random = () => random;
      let value;
      let error;
      try {
        value = await body(M, client, stub);
      } catch (e) {
        error = e;
      }
      Math.random = saved;
      runs[name] = { ...outcome(value, error), raw: value, bodies: stub.requests.map((r) => r.body), times };
    } finally {
      Math.random = saved;
      await stub.close();
    }
  }
  return runs;
}

/** Gaps in ms between successive arrival times. */
export const gaps = (times) => times.slice(1).map((t, i) => t - times[i]);
