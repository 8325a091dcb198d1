// Snapshot an EBS volume from Deno.
//
//   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… deno task snapshot vol-0123456789abcdef0
//
// The volume comes from the first argument or VOLUME_ID; AWS_SESSION_TOKEN is used when set, and
// EC2_ENDPOINT sends the request somewhere other than AWS. Everything is passed to the client explicitly,
// so the task needs no permission beyond these variables, the network and reading files (the package).
import { CreateSnapshotCommand, EC2Client, EC2ServiceException } from "ec2-wasm";

const env = (name: string): string | undefined => Deno.env.get(name) || undefined;

const volumeId = Deno.args[0] ?? env("VOLUME_ID");
const region = env("AWS_REGION");
const accessKeyId = env("AWS_ACCESS_KEY_ID");
const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
if (!volumeId || !region || !accessKeyId || !secretAccessKey) {
  console.error("usage: deno task snapshot VOLUME_ID   (with AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set)");
  Deno.exit(2);
}

const client = new EC2Client({
  region,
  endpoint: env("EC2_ENDPOINT"),
  credentials: { accessKeyId, secretAccessKey, sessionToken: env("AWS_SESSION_TOKEN") },
});

try {
  const snapshot = await client.send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      Description: `ec2-wasm example (Deno ${Deno.version.deno}) at ${new Date().toISOString()}`,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "created-by", Value: "ec2-wasm-example-deno" }] }],
    }),
  );
  console.log(
    `Created snapshot ${snapshot.SnapshotId} from ${snapshot.VolumeId} (${snapshot.VolumeSize} GiB), ` +
      `state ${snapshot.State}, started ${snapshot.StartTime?.toISOString()}`,
  );
} catch (error) {
  if (error instanceof EC2ServiceException) {
    console.error(`${error.name}: ${error.message} (request id ${error.$metadata.requestId})`);
  } else {
    console.error(String(error));
  }
  Deno.exitCode = 1;
}
