// examples/relay-worker in workerd, in front of moto (signature checks on) through a counting forwarder:
// every refused request (another host, another service or region, a non-POST, an oversize body, a
// disallowed origin, no signature) gets a clear 4xx and never reaches upstream; a signed request from
// ec2-wasm — and from @aws-sdk/client-ec2, with the same one middleware — goes through and succeeds.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { CreateSnapshotCommand, DescribeSnapshotsCommand, EC2Client, FetchHttpHandler } from "../../pkg/dist/node.mjs";
import { EC2Client as SdkEC2Client, DescribeSnapshotsCommand as SdkDescribe } from "@aws-sdk/client-ec2";
import { startCorsProxy } from "../support/cors-proxy.mjs";
import { startMoto } from "../support/moto.mjs";
import { signForHost, startRelay } from "./lib/relay-workerd.mjs";
import { CONSOLE_POLICY, roleCredentials } from "./lib/sts-role.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const ORIGIN = "http://console.test";
const MAX = 4096;
let moto, upstream, relay, upstreamHost;

before(async () => {
  moto = await startMoto();
  upstream = await startCorsProxy(moto.endpoint); // counts what reaches upstream; forwards Host unchanged
  upstreamHost = new URL(upstream.endpoint).host;
  relay = await startRelay({ vars: { ALLOWED_ORIGINS: `https://other.test, ${ORIGIN}`, ALLOWED_REGIONS: "us-east-1,eu-west-1", MAX_BODY_BYTES: String(MAX), EC2_ENDPOINT: upstream.endpoint } });
});
after(async () => {
  // RELAY_DEBUG=1 prints what moto and workerd said
  if (process.env.RELAY_DEBUG) console.log(moto.output().slice(-6000), relay.output().slice(-3000));
  await relay?.stop();
  await upstream?.stop();
  await moto?.stop();
});

const auth = ({ region = "us-east-1", service = "ec2", signed = "content-type;host;x-amz-date" } = {}) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/${region}/${service}/aws4_request, SignedHeaders=${signed}, Signature=${"0".repeat(64)}`;
const post = (path, { origin = ORIGIN, headers = {}, body = "Action=DescribeSnapshots&Version=2016-11-15", method = "POST", ...rest } = {}) =>
  fetch(relay.url + path, {
    method,
    headers: { ...(origin ? { origin } : {}), "content-type": "application/x-www-form-urlencoded", "x-amz-date": "20261202T120000Z", authorization: auth(), ...headers },
    body: method === "GET" || method === "HEAD" ? undefined : body,
    ...rest,
  });

test("refused: each gets a clear 4xx and never reaches upstream", async (t) => {
  const before = upstream.stats.forwarded;
  const big = "Action=DescribeSnapshots&Version=2016-11-15&Filter.1.Name=x" + "&a=b".repeat(MAX);
  const chunked = () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
  const cases = [
    ["a disallowed origin", () => post("/", { origin: "http://evil.test" }), 403, /origin "http:\/\/evil.test" is not allowed/],
    ["no origin", () => post("/", { origin: null }), 403, /origin "\(none\)" is not allowed/],
    ["another host (in the path)", () => post("/ec2.evil.test/"), 404, /only POST \/ is relayed/],
    ["another host (as a region)", () => post("/", { headers: { authorization: auth({ region: "evil.test" }) } }), 403, /region "evil.test" is not allowed/],
    ["a region not allowed", () => post("/", { headers: { authorization: auth({ region: "ap-south-1" }) } }), 403, /region "ap-south-1" is not allowed/],
    ["a query string", () => post("/?Action=DescribeSnapshots"), 404, /no query/],
    ["another service", () => post("/", { headers: { authorization: auth({ service: "s3" }) } }), 403, /only EC2 is relayed, the request is signed for "s3"/],
    ["a GET", () => post("/", { method: "GET" }), 405, /only POST is relayed, not GET/],
    ["a PUT", () => post("/", { method: "PUT" }), 405, /only POST is relayed, not PUT/],
    ["a preflight for PUT", () => post("/", { method: "OPTIONS", headers: { "access-control-request-method": "PUT" } }), 405, /not PUT/],
    ["a preflight for another header", () => post("/", { method: "OPTIONS", headers: { "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-forwarded-host" } }), 403, /headers not relayed: x-forwarded-host/],
    ["an oversize body", () => post("/", { body: big }), 413, new RegExp(`bodies over ${MAX} bytes`)],
    ["an oversize body without a length", () => post("/", { body: chunked(), duplex: "half" }), 413, new RegExp(`bodies over ${MAX} bytes`)],
    ["not a form", () => post("/", { headers: { "content-type": "application/json" } }), 415, /only form bodies/],
    ["unsigned", () => post("/", { headers: { authorization: "" } }), 403, /signed with SigV4/],
    ["a signature without the host", () => post("/", { headers: { authorization: auth({ signed: "content-type;x-amz-date" }) } }), 403, /cover the host/],
    ["a signed header missing", () => post("/", { headers: { authorization: auth({ signed: "content-type;host;x-amz-date;x-amz-security-token" }) } }), 400, /signed header x-amz-security-token is missing/],
  ];
  for (const [name, send, status, message] of cases) {
    const res = await send();
    const text = await res.text();
    assert.equal(res.status, status, `${name}: ${res.status} ${text}`);
    assert.match(text, message, name);
    t.diagnostic(`${name}: ${res.status} ${text.trim()}`);
  }
  assert.equal(upstream.stats.forwarded, before, `refused requests reached upstream:\n${JSON.stringify(upstream.stats.requests.slice(before), null, 1)}`);
});

test("a preflight from an allowed origin is answered by the relay alone", async () => {
  const before = upstream.stats.forwarded + upstream.stats.preflights;
  const res = await post("/", { method: "OPTIONS", headers: { "access-control-request-method": "POST", "access-control-request-headers": "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent" } });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(res.headers.get("access-control-allow-methods"), "POST");
  assert.match(res.headers.get("access-control-allow-headers"), /authorization.*x-amz-security-token/);
  assert.equal(upstream.stats.forwarded + upstream.stats.preflights, before);
});

// ec2-wasm sends with fetch here, as in the browser the relay serves (in Node its default is node:http).
const clientVia = (Impl, host) => {
  const transport = Impl === EC2Client ? { requestHandler: new FetchHttpHandler() } : {};
  const client = new Impl({ region: moto.region, endpoint: relay.url, maxAttempts: 1, credentials: { accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey }, ...transport });
  return host ? signForHost(client, host) : client;
};
// Node's fetch sends no Origin; a browser always does. Add it for calls to the relay.
async function withOrigin(fn) {
  const real = globalThis.fetch;
  globalThis.fetch = (url, init = {}) => (String(url).startsWith(relay.url) ? real(url, { ...init, headers: { ...init.headers, origin: ORIGIN } }) : real(url, init));
  try {
    return await fn();
  } finally {
    globalThis.fetch = real;
  }
}

test("signed for the upstream host, a request goes through the relay unchanged and moto accepts it", async (t) => {
  const before = upstream.stats.forwarded;
  const out = await withOrigin(async () => {
    const client = clientVia(EC2Client, upstreamHost);
    const created = await client.send(new CreateSnapshotCommand({ VolumeId: moto.volumeId, Description: "through the relay" }));
    const listed = await client.send(new DescribeSnapshotsCommand({ SnapshotIds: [created.SnapshotId] }));
    return { created, listed };
  });
  assert.match(out.created.SnapshotId, /^snap-/);
  assert.equal(out.listed.Snapshots[0].Description, "through the relay");
  assert.equal(upstream.stats.forwarded - before, 2);
  // exactly the signed headers went upstream: no Origin, no cookie, nothing the browser adds
  for (const r of upstream.stats.requests.slice(before)) {
    assert.deepEqual(r.headers.filter((h) => h === "origin" || h === "cookie" || h === "referer"), []);
  }
  const seen = await moto.describeSnapshot(out.created.SnapshotId);
  assert.equal(seen[0].Description, "through the relay");
  t.diagnostic(`created ${out.created.SnapshotId} through ${relay.url} → ${upstream.endpoint} → moto`);
});

test("the same middleware makes @aws-sdk/client-ec2 work through the relay", async () => {
  const client = clientVia(SdkEC2Client, upstreamHost);
  // the SDK's Node handler is not fetch: add the Origin a browser would, after signing
  client.middlewareStack.addRelativeTo((next) => (args) => next({ ...args, request: Object.assign(args.request, { headers: { ...args.request.headers, origin: ORIGIN } }) }), {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name: "browserOrigin",
  });
  const out = await client.send(new SdkDescribe({ OwnerIds: ["self"] }));
  assert.ok(Array.isArray(out.Snapshots) && out.Snapshots.length >= 1);
});

test("signed for the relay's own host, the signature does not survive: moto refuses it (the relay adds nothing)", async () => {
  const before = upstream.stats.forwarded;
  const err = await withOrigin(() => clientVia(EC2Client).send(new DescribeSnapshotsCommand({}))).then(
    () => assert.fail("a request signed for the relay's host was accepted"),
    (e) => e,
  );
  assert.equal(upstream.stats.forwarded - before, 1);
  assert.equal(err.$metadata?.httpStatusCode, 401, `${err.name}: ${err.message} ${new TextDecoder().decode(err.$response?.body ?? new Uint8Array())}`);
  assert.match(err.name, /SignatureDoesNotMatch|AuthFailure/);
});

test("EC2's response comes back with the CORS headers a page needs", async () => {
  const res = await post("/");
  assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
  assert.match(res.headers.get("access-control-expose-headers"), /x-amzn-requestid/);
  assert.equal(res.headers.get("vary"), "Origin");
  assert.ok(res.status >= 400, "a made-up signature is refused by moto, not by the relay");
  await res.text();
});

test("the README's role policy: a console's temporary credentials create and list snapshots, and nothing else", async () => {
  const asRole = (c) =>
    signForHost(new EC2Client({ region: moto.region, endpoint: relay.url, maxAttempts: 1, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken }, requestHandler: new FetchHttpHandler() }), upstreamHost);
  const guest = asRole(await roleCredentials(moto));
  const made = await withOrigin(() => guest.send(new CreateSnapshotCommand({ VolumeId: moto.volumeId, Description: "as the console role" })));
  assert.match(made.SnapshotId, /^snap-/);
  await withOrigin(() => guest.send(new DescribeSnapshotsCommand({ SnapshotIds: [made.SnapshotId] })));
  // moto does enforce a role's policy: one allowing only DescribeSnapshots cannot create
  const readOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:DescribeSnapshots", Resource: "*" }] });
  const reader = asRole(await roleCredentials(moto, readOnly));
  const err = await withOrigin(() => reader.send(new CreateSnapshotCommand({ VolumeId: moto.volumeId }))).then(() => assert.fail("created without ec2:CreateSnapshot"), (e) => e);
  assert.equal(err.$metadata?.httpStatusCode, 403, `${err.name}: ${err.message}`);
  // and the console policy grants no more than the snapshot actions
  const policy = JSON.parse(CONSOLE_POLICY);
  assert.deepEqual(policy.Statement.flatMap((s) => [s.Action].flat()).sort(), ["ec2:CreateSnapshot", "ec2:CreateTags", "ec2:DescribeSnapshots"]);
});

test("the README shows the role policy the tests use", async () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = readme.match(/console-role-policy\.json`:\n\n\s*```json\n([\s\S]*?)```/);
  assert.ok(block, "README: the policy block after console-role-policy.json");
  assert.deepEqual(JSON.parse(block[1]), JSON.parse(CONSOLE_POLICY));
});

test("wrangler.toml sets every variable the Worker reads (EC2_ENDPOINT stays commented out)", () => {
  const toml = readFileSync(new URL("../../examples/relay-worker/wrangler.toml", import.meta.url), "utf8");
  const source = readFileSync(new URL("../../examples/relay-worker/src/index.js", import.meta.url), "utf8");
  const vars = toml.split("[vars]")[1];
  const set = [...vars.matchAll(/^([A-Z_]+) = "/gm)].map((m) => m[1]).sort();
  const read = [...new Set([...source.matchAll(/env\.([A-Z0-9_]+)/g)].map((m) => m[1]))].sort();
  assert.deepEqual(set, read.filter((n) => n !== "EC2_ENDPOINT"));
  assert.match(vars, /^# EC2_ENDPOINT = /m);
  assert.match(toml, /^main = "src\/index.js"$/m);
});
