// Snapshot an EBS volume from Node (ES modules).
//
//   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… node create-snapshot.mjs vol-0123456789abcdef0
//
// The volume comes from the first argument or VOLUME_ID. The region and credentials come from AWS_REGION,
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as with @aws-sdk/client-ec2.
// EC2_ENDPOINT, when set, sends the request there instead of AWS (make demo points it at a local emulator).
import { CreateSnapshotCommand, EC2Client, EC2ServiceException } from "ec2-wasm";

const volumeId = process.argv[2] ?? process.env.VOLUME_ID;
if (!volumeId) {
  console.error("usage: node create-snapshot.mjs VOLUME_ID   (or set VOLUME_ID)");
  process.exit(2);
}

// Region and credentials come from the environment, as with the AWS SDK.
const client = new EC2Client({ endpoint: process.env.EC2_ENDPOINT || undefined });

try {
  const snapshot = await client.send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      Description: `ec2-wasm example (Node ESM) at ${new Date().toISOString()}`,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "created-by", Value: "ec2-wasm-example-node-esm" }] }],
    }),
  );
  console.log(
    `Created snapshot ${snapshot.SnapshotId} from ${snapshot.VolumeId} (${snapshot.VolumeSize} GiB), ` +
      `state ${snapshot.State}, started ${snapshot.StartTime.toISOString()}`,
  );
} catch (error) {
  if (error instanceof EC2ServiceException) {
    // name is the EC2 error code: AuthFailure, InvalidVolume.NotFound, UnauthorizedOperation…
    console.error(`${error.name}: ${error.message} (request id ${error.$metadata.requestId})`);
  } else {
    console.error(`${error.name}: ${error.message}`); // e.g. "Region is missing": set AWS_REGION
  }
  process.exitCode = 1;
}
