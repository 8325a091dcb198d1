// The floor: a bare fetch POST of a request built and signed beforehand (headers are placeholders here;
// only the bytes of the code matter for the size table), no parsing.
const HEADERS = {
  "content-type": "application/x-www-form-urlencoded; charset=utf-8",
  "x-amz-date": "20261125T000000Z",
  authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000",
};
const BODY = "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1234567890abcdef0&Description=nightly%20backup%20of%20the%20data%20volume&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=team&TagSpecification.1.Tag.1.Value=storage";

export async function createSnapshot(endpoint) {
  const res = await fetch(endpoint.replace(/\/?$/, "/"), { method: "POST", headers: HEADERS, body: BODY });
  await res.arrayBuffer();
  return res.status;
}

export default { fetch: async (request) => new Response(String(await createSnapshot(new URL(request.url).searchParams.get("endpoint")))) };
