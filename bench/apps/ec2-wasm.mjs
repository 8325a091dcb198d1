// An app doing one CreateSnapshot with ec2-wasm (bundled for the size table and run in workerd).
import { EC2Client, CreateSnapshotCommand } from "ec2-wasm";

export async function createSnapshot(endpoint) {
  const client = new EC2Client({ region: "us-east-1", endpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
  const out = await client.send(
    new CreateSnapshotCommand({
      VolumeId: "vol-1234567890abcdef0",
      Description: "nightly backup of the data volume",
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "team", Value: "storage" }] }],
    }),
  );
  return out.SnapshotId;
}

export default { fetch: async (request) => new Response(await createSnapshot(new URL(request.url).searchParams.get("endpoint"))) };
