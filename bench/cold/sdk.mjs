// Cold start: a fresh Node process imports @aws-sdk/client-ec2, constructs the client (prints C), sends one
// CreateSnapshot to the bench server (prints D and the snapshot id) and exits. argv[2] is the endpoint.
import { EC2Client, CreateSnapshotCommand } from "@aws-sdk/client-ec2";

const client = new EC2Client({ region: "us-east-1", endpoint: process.argv[2], credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
process.stdout.write("C\n");
const out = await client.send(
  new CreateSnapshotCommand({
    VolumeId: "vol-1234567890abcdef0",
    Description: "nightly backup of the data volume",
    TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "team", Value: "storage" }] }],
  }),
);
process.stdout.write(`D ${out.SnapshotId}\n`);
process.exit(0);
