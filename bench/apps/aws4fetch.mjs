// An app doing one CreateSnapshot with aws4fetch: the EC2 Query body built by hand, the snapshot id taken
// out of the XML with indexOf.
import { AwsClient } from "aws4fetch";

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function createSnapshot(endpoint) {
  const aws = new AwsClient({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "ec2" });
  const body =
    `Action=CreateSnapshot&Version=2016-11-15&VolumeId=${enc("vol-1234567890abcdef0")}` +
    `&Description=${enc("nightly backup of the data volume")}` +
    `&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=${enc("team")}&TagSpecification.1.Tag.1.Value=${enc("storage")}`;
  const res = await aws.fetch(endpoint.replace(/\/?$/, "/"), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body });
  const xml = await res.text();
  if (!res.ok) throw new Error(`CreateSnapshot: HTTP ${res.status}`);
  const i = xml.indexOf("<snapshotId>");
  return xml.slice(i + 12, xml.indexOf("</snapshotId>", i));
}

export default { fetch: async (request) => new Response(await createSnapshot(new URL(request.url).searchParams.get("endpoint"))) };
