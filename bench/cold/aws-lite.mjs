// Cold start: a fresh Node process imports @aws-lite/client, constructs its client (prints C), sends one
// CreateSnapshot as its users write an EC2 call (no EC2 plugin exists in the npm registry: a raw Query form,
// the XML answer parsed by aws-lite), prints D and the snapshot id, and exits. argv[2]: the endpoint.
import awsLite from "@aws-lite/client";

const lite = await awsLite({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", endpoint: process.argv[2], autoloadPlugins: false, keepAlive: true });
process.stdout.write("C\n");
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const payload =
  `Action=CreateSnapshot&Version=2016-11-15&VolumeId=${enc("vol-1234567890abcdef0")}` +
  `&Description=${enc("nightly backup of the data volume")}` +
  `&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=${enc("team")}&TagSpecification.1.Tag.1.Value=${enc("storage")}`;
const r = await lite({ service: "ec2", method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, payload });
const p = r.payload;
const id = typeof p === "string" ? /<snapshotId>([^<]*)</.exec(p)?.[1] : (p?.CreateSnapshotResponse?.snapshotId ?? p?.snapshotId);
process.stdout.write(`D ${id}\n`);
process.exit(0);
