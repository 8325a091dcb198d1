// Snapshot an EBS volume from Node (CommonJS).
//
//   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… node create-snapshot.cjs vol-0123456789abcdef0
//
// Same inputs as create-snapshot.mjs: the volume from the first argument or VOLUME_ID, credentials from
// the AWS_* variables, EC2_ENDPOINT to talk to something other than AWS.
const { CreateSnapshotCommand, EC2Client, EC2ServiceException } = require("ec2-wasm");

async function main() {
  const volumeId = process.argv[2] ?? process.env.VOLUME_ID;
  if (!volumeId) {
    console.error("usage: node create-snapshot.cjs VOLUME_ID   (or set VOLUME_ID)");
    process.exit(2);
  }
  // Region and credentials come from the environment, as with the AWS SDK.
  const client = new EC2Client({ endpoint: process.env.EC2_ENDPOINT || undefined });
  try {
    const snapshot = await client.send(
      new CreateSnapshotCommand({
        VolumeId: volumeId,
        Description: `ec2-wasm example (Node CommonJS) at ${new Date().toISOString()}`,
        TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "created-by", Value: "ec2-wasm-example-node-cjs" }] }],
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
}

main();
