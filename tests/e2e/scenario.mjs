// The end-to-end scenario, written once and run unchanged in every runtime (Node ESM and CommonJS, Chromium,
// workerd, Deno, Bun). No Node, Deno or browser APIs: only the package under test and ECMAScript.
//
// run(sdk, env): `sdk` is the module namespace { EC2Client, CreateSnapshotCommand, EC2ServiceException,
// DescribeSnapshotsCommand, waitUntilSnapshotCompleted, paginateDescribeSnapshots } and
// `env` is { endpoint, region, accessKeyId, secretAccessKey, volumeId }. Creates a snapshot, waits for it,
// finds it by volume and through the paginator. Never throws for an outcome of the
// calls: it returns a JSON-able record of everything observed, which the Node test asserts on and then
// compares with what boto3 reads back from moto.

export const DESCRIPTION = "nightly ✓ — ü/日本 (a+b)=100% & more!*'";
export const TAGS = [
  { Key: "Name", Value: "e2e ✓ snapshot" },
  { Key: "team/ü", Value: "a+b=c & d;e,f %20 ~*'()" },
];

/** The type of every member, recursively: "Date", "string", "number", "boolean", "undefined", arrays and objects. */
function typesOf(value) {
  if (value instanceof Date) return "Date";
  if (Array.isArray(value)) return value.map(typesOf);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = typesOf(value[key]);
    return out;
  }
  return value === null ? "null" : typeof value;
}

/** A JSON-able copy: Dates as ISO strings, undefined members kept as the string "<undefined>". */
function plain(value) {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "<invalid Date>" : value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value)) out[key] = plain(value[key]);
    return out;
  }
  if (value === undefined) return "<undefined>";
  if (typeof value === "bigint" || typeof value === "function" || typeof value === "symbol") return `<${typeof value}>`;
  return value;
}

function describeError(sdk, error) {
  const record = {
    instanceofEC2ServiceException: error instanceof sdk.EC2ServiceException,
    instanceofError: error instanceof Error,
  };
  if (error === null || typeof error !== "object") return { ...record, thrown: String(error) };
  return {
    ...record,
    name: error.name,
    message: error.message,
    Code: error.Code,
    $fault: error.$fault,
    $metadata: plain(error.$metadata),
    types: { name: typeof error.name, message: typeof error.message, $fault: typeof error.$fault },
    // for the assertion message when something unexpected was thrown
    stack: typeof error.stack === "string" ? error.stack.split("\n").slice(0, 8).join("\n") : undefined,
  };
}

async function attempt(sdk, client, input) {
  const command = new sdk.CreateSnapshotCommand(input);
  try {
    const output = await client.send(command);
    return { resolved: true, output: plain(output), types: typesOf(output) };
  } catch (error) {
    return { resolved: false, error: describeError(sdk, error) };
  }
}

export async function run(sdk, env) {
  const exports = {};
  for (const name of ["EC2Client", "CreateSnapshotCommand", "EC2ServiceException"]) exports[name] = typeof sdk[name];
  const result = { exports };
  if (Object.values(exports).some((t) => t !== "function")) return result;

  const config = {
    region: env.region,
    endpoint: env.endpoint,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
  };
  const input = {
    VolumeId: env.volumeId,
    Description: DESCRIPTION,
    TagSpecifications: [{ ResourceType: "snapshot", Tags: TAGS }],
  };

  const client = new sdk.EC2Client(config);
  try {
    // (a) a real snapshot, with tags and a Unicode description full of reserved characters
    result.create = await attempt(sdk, client, input);
    // (b) the same request with DryRun: must be refused with DryRunOperation
    result.dryRun = await attempt(sdk, client, { ...input, DryRun: true });
    const id = result.create.output?.SnapshotId;
    if (id) {
      // (d) wait for it (short delays: moto completes snapshots at once)
      try {
        const w = await sdk.waitUntilSnapshotCompleted({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { SnapshotIds: [id] });
        result.wait = { resolved: true, state: w.state, states: (w.reason?.Snapshots ?? []).map((s) => s.State) };
      } catch (error) {
        result.wait = { resolved: false, error: describeError(sdk, error) };
      }
      // (e) the volume's snapshots, and (f) every page of the account's own
      try {
        const out = await client.send(
          new sdk.DescribeSnapshotsCommand({ Filters: [{ Name: "volume-id", Values: [env.volumeId] }], OwnerIds: ["self"] }),
        );
        result.describe = { resolved: true, output: plain(out), types: typesOf(out) };
      } catch (error) {
        result.describe = { resolved: false, error: describeError(sdk, error) };
      }
      try {
        const ids = [];
        let pages = 0;
        for await (const page of sdk.paginateDescribeSnapshots({ client, pageSize: 5 }, { OwnerIds: ["self"] })) {
          pages += 1;
          for (const s of page.Snapshots ?? []) ids.push(s.SnapshotId);
        }
        result.paginate = { resolved: true, pages, ids };
      } catch (error) {
        result.paginate = { resolved: false, error: describeError(sdk, error) };
      }
    }
  } finally {
    if (typeof client.destroy === "function") client.destroy();
  }

  // (c) a wrong secret: moto verifies the signature and answers AuthFailure (HTTP 401)
  const badClient = new sdk.EC2Client({
    ...config,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: `${env.secretAccessKey}wrong` },
  });
  try {
    result.wrongSecret = await attempt(sdk, badClient, { VolumeId: env.volumeId, Description: "must not exist" });
  } finally {
    if (typeof badClient.destroy === "function") badClient.destroy();
  }
  return result;
}
