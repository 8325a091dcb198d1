// Compiled with `tsc --noEmit --strict`: the package's types accept what @aws-sdk/client-ec2 code
// writes, and reject what it rejects.
import {
  EC2,
  EC2Client,
  CreateSnapshotCommand,
  DescribeSnapshotsCommand,
  EC2ServiceException,
  WaiterState,
  paginateDescribeSnapshots,
  waitForSnapshotCompleted,
  waitUntilSnapshotCompleted,
  type CreateSnapshotCommandInput,
  type CreateSnapshotCommandOutput,
  type DescribeSnapshotsCommandOutput,
  type EC2ClientConfig,
  type PaginationConfiguration,
  type Paginator,
  type SnapshotProgressInfo,
  type WaiterConfiguration,
  type WaiterResult,
} from "ec2-wasm";

const config: EC2ClientConfig = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET", sessionToken: "T", expiration: new Date() },
  endpoint: new URL("http://127.0.0.1:5000"),
  maxAttempts: 5,
  retryMode: "adaptive",
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  systemClockOffset: 0,
  customUserAgent: [["my-app", "1.0"]],
  logger: console,
  requestHandler: { requestTimeout: 5_000, throwOnRequestTimeout: true },
};
const client = new EC2Client(config);
const providerClient = new EC2Client({
  region: async () => "eu-west-1",
  credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }),
});

const input: CreateSnapshotCommandInput = {
  VolumeId: "vol-1",
  Description: "nightly",
  TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "k", Value: "v" }] }],
  Location: "regional",
  DryRun: false,
};
const command = new CreateSnapshotCommand(input);
command.middlewareStack.add(
  (next) => async (args) => {
    return next(args);
  },
  { step: "build", name: "noop", priority: "low" },
);

async function main(): Promise<void> {
  const ac = new AbortController();
  const out: CreateSnapshotCommandOutput = await client.send(command, { abortSignal: ac.signal });
  const id: string | undefined = out.SnapshotId;
  const when: Date | undefined = out.StartTime;
  const size: number | undefined = out.VolumeSize;
  const enc: boolean | undefined = out.Encrypted;
  const attempts: number | undefined = out.$metadata.attempts;
  const tags = out.Tags?.map((t) => `${t.Key}=${t.Value}`);
  void [id, when, size, enc, attempts, tags];
  try {
    await providerClient.send(new CreateSnapshotCommand({ VolumeId: "vol-2" }));
  } catch (e) {
    if (e instanceof EC2ServiceException) {
      const fault: "client" | "server" = e.$fault;
      const status: number | undefined = e.$metadata.httpStatusCode;
      void [fault, status, e.name, e.message];
    }
  }
  client.destroy();
}
void main;

// @ts-expect-error Location is an enum
new CreateSnapshotCommand({ VolumeId: "v", Location: "mars" });
// @ts-expect-error DryRun is a boolean
new CreateSnapshotCommand({ VolumeId: "v", DryRun: "yes" });
// @ts-expect-error VolumeId is required
new CreateSnapshotCommand({ Description: "x" });
// @ts-expect-error unknown config key type
new EC2Client({ maxAttempts: "three" });

// ---- Paginator, waiter, aggregated client ----

async function life(): Promise<void> {
  const pageConfig: PaginationConfiguration = {
    client,
    pageSize: 50,
    startingToken: "t",
    stopOnSameToken: true,
    withCommand: (c) => c,
  };
  const pages: Paginator<DescribeSnapshotsCommandOutput> = paginateDescribeSnapshots(pageConfig, { OwnerIds: ["self"] });
  for await (const page of pages) {
    const ids: (string | undefined)[] = (page.Snapshots ?? []).map((s) => s.SnapshotId);
    const next: string | undefined = page.NextToken;
    void [ids, next];
  }

  const ac = new AbortController();
  const waitConfig: WaiterConfiguration<EC2Client> = { client, maxWaitTime: 600, minDelay: 5, maxDelay: 30, abortSignal: ac.signal };
  const done: WaiterResult<DescribeSnapshotsCommandOutput> = await waitUntilSnapshotCompleted(
    {
      ...waitConfig,
      onProgress: (snapshots, info: SnapshotProgressInfo) => {
        const pct: number | undefined = info.progress[0];
        const polls: number = info.polls;
        void [snapshots[0]?.State, pct, polls, info.output.$metadata];
      },
    },
    { SnapshotIds: ["snap-1"] },
  );
  if (done.state === WaiterState.SUCCESS) void done.final?.Snapshots;
  const old = await waitForSnapshotCompleted({ client, maxWaitTime: 60 }, { SnapshotIds: ["snap-1"] });
  const state: WaiterState = old.state;
  const seen: Record<string, number> | undefined = old.observedResponses;
  void [state, seen];

  const ec2 = new EC2({ region: "us-east-1" });
  const created: CreateSnapshotCommandOutput = await ec2.createSnapshot({ VolumeId: "vol-1" });
  const listed: DescribeSnapshotsCommandOutput = await ec2.describeSnapshots({ OwnerIds: ["self"] }, { abortSignal: ac.signal });
  const all: DescribeSnapshotsCommandOutput = await ec2.describeSnapshots();
  ec2.createSnapshot({ VolumeId: "vol-1" }, (err, data) => void [err, data?.SnapshotId]);
  ec2.describeSnapshots({}, { abortSignal: ac.signal }, (err, data) => void [err, data?.Snapshots]);
  for await (const page of ec2.paginateDescribeSnapshots({}, { pageSize: 10 })) void page.Snapshots;
  const waited: WaiterResult<DescribeSnapshotsCommandOutput> = await ec2.waitUntilSnapshotCompleted({ SnapshotIds: [created.SnapshotId!] }, 600);
  await ec2.waitUntilSnapshotCompleted({}, { maxWaitTime: 60, onProgress: (s) => void s.length });
  const sent: DescribeSnapshotsCommandOutput = await ec2.send(new DescribeSnapshotsCommand({}));
  const asClient: EC2Client = ec2;
  void [listed, all, waited, sent, asClient];
}
void life;

// @ts-expect-error createSnapshot needs an input with VolumeId
new EC2({}).createSnapshot();
// @ts-expect-error the waiter needs maxWaitTime
waitUntilSnapshotCompleted({ client }, {});
// @ts-expect-error onProgress is a function
waitUntilSnapshotCompleted({ client, maxWaitTime: 1, onProgress: 1 }, {});
// @ts-expect-error no method for an operation the package does not have
new EC2({}).describeVolumes();
// @ts-expect-error pageSize is a number
paginateDescribeSnapshots({ client, pageSize: "10" }, {});

// ---- Cognito credentials (issue 17) ----
import { fromCognitoIdentity as cognitoId, fromCognitoIdentityPool as cognitoPool } from "ec2-wasm";
const pool = cognitoPool({ identityPoolId: "us-east-1:x", logins: { a: "t", b: async () => "u" }, clientConfig: { region: "us-east-1" } });
new EC2Client({ region: "us-east-1", credentials: pool });
new EC2Client({ region: "us-east-1", credentials: cognitoId({ identityId: "us-east-1:y", customRoleArn: "arn:aws:iam::1:role/r" }) });
pool().then((c) => c.identityId.toUpperCase());
// @ts-expect-error identityPoolId is required
cognitoPool({ logins: {} });
// @ts-expect-error a login is a token or a token provider
cognitoPool({ identityPoolId: "p", logins: { a: 1 } });
