// Snapshot an EBS volume from Bun.
//
//   AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… bun run index.ts vol-0123456789abcdef0
//
// The volume comes from the first argument or VOLUME_ID. The client takes the region and credentials
// from the environment, as the AWS SDK does; EC2_ENDPOINT sends the request somewhere other than AWS.
import { CreateSnapshotCommand, EC2Client, EC2ServiceException } from "ec2-wasm";

const volumeId = Bun.argv[2] ?? Bun.env.VOLUME_ID;
if (!volumeId) {
  console.error("usage: bun run index.ts VOLUME_ID   (or set VOLUME_ID)");
  process.exit(2);
}

const client = new EC2Client({ endpoint: Bun.env.EC2_ENDPOINT || undefined });

try {
  const snapshot = await client.send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      Description: `ec2-wasm example (Bun ${Bun.version}) at ${new Date().toISOString()}`,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "created-by", Value: "ec2-wasm-example-bun" }] }],
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
  process.exitCode = 1;
}
