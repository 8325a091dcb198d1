// Cold start: a fresh Node process imports aws4fetch, constructs the client (prints C), sends one
// CreateSnapshot (form body by hand, id by indexOf; prints D and the id) and exits. argv[2]: endpoint.
import { AwsClient } from "aws4fetch";

const aws = new AwsClient({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "ec2" });
process.stdout.write("C\n");
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const body =
  `Action=CreateSnapshot&Version=2016-11-15&VolumeId=${enc("vol-1234567890abcdef0")}` +
  `&Description=${enc("nightly backup of the data volume")}` +
  `&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=${enc("team")}&TagSpecification.1.Tag.1.Value=${enc("storage")}`;
const res = await aws.fetch(`${process.argv[2]}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body });
const xml = await res.text();
const i = xml.indexOf("<snapshotId>");
process.stdout.write(`D ${xml.slice(i + 12, xml.indexOf("</snapshotId>", i))}\n`);
process.exit(0);
