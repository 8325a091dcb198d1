// A tiny app bundled by Vite: ec2-wasm is an ordinary dependency, and Vite ships its .wasm as an asset.
import { CreateSnapshotCommand, EC2Client, EC2ServiceException } from "ec2-wasm";

const form = document.querySelector("#form");
const result = document.querySelector("#result");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const f = new FormData(form);
  const client = new EC2Client({
    region: f.get("region"),
    endpoint: f.get("endpoint") || undefined,
    credentials: { accessKeyId: f.get("accessKeyId"), secretAccessKey: f.get("secretAccessKey") },
  });
  result.textContent = "Creating snapshot…";
  try {
    const snapshot = await client.send(new CreateSnapshotCommand({ VolumeId: f.get("volumeId"), Description: "ec2-wasm example (Vite)" }));
    result.dataset.snapshotId = snapshot.SnapshotId;
    result.textContent = `Created snapshot ${snapshot.SnapshotId} from ${snapshot.VolumeId} (${snapshot.VolumeSize} GiB), state ${snapshot.State}`;
  } catch (error) {
    const requestId = error instanceof EC2ServiceException ? ` (request id ${error.$metadata.requestId})` : "";
    result.textContent = `${error.name}: ${error.message}${requestId}`;
  } finally {
    client.destroy();
  }
});
