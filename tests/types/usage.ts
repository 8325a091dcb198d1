// Compiled with `tsc --noEmit --strict`: the package's types accept what @aws-sdk/client-ec2 code
// writes, and reject what it rejects.
import {
  EC2Client,
  CreateSnapshotCommand,
  EC2ServiceException,
  type CreateSnapshotCommandInput,
  type CreateSnapshotCommandOutput,
  type EC2ClientConfig,
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
