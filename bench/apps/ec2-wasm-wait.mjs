// The main job as an app (size only): create a snapshot with ec2-wasm and wait for it to complete.
import { EC2Client, CreateSnapshotCommand, waitUntilSnapshotCompleted } from "ec2-wasm";

export async function snapshotAndWait(endpoint, onProgress) {
  const client = new EC2Client({ region: "us-east-1", endpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } });
  const { SnapshotId } = await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1234567890abcdef0", Description: "nightly backup of the data volume" }));
  await waitUntilSnapshotCompleted({ client, maxWaitTime: 3600, onProgress }, { SnapshotIds: [SnapshotId] });
  return SnapshotId;
}
