// fromCognitoIdentityPool / fromCognitoIdentity: ec2-wasm's against @aws-sdk/credential-providers' (and the
// @aws-sdk/credential-provider-cognito-identity it loads), both run against the same scripted Cognito
// stand-in on 127.0.0.1. Same inputs → byte-identical request bodies, the same target, content type,
// length, host and retry headers, no signature, the same credentials out and the same errors.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import * as sdkProviders from "@aws-sdk/credential-providers";
import * as sdkInner from "@aws-sdk/credential-provider-cognito-identity";
import { EC2Client as SdkEC2Client, DescribeSnapshotsCommand as SdkDescribe } from "@aws-sdk/client-ec2";
import { EC2Client, DescribeSnapshotsCommand, FetchHttpHandler, fromCognitoIdentity, fromCognitoIdentityPool } from "../../pkg/dist/node.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const ours = { fromCognitoIdentity, fromCognitoIdentityPool };
const POOL = "us-east-1:00000000-1111-2222-3333-444444444444";
const ID = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const EXPIRES = 1_893_456_000.25; // Cognito sends epoch seconds, here with a fraction
const json = (status, body, headers = {}) => ({ status, body: JSON.stringify(body), headers: { "content-type": "application/x-amz-json-1.1", ...headers } });
const OK = {
  GetId: () => json(200, { IdentityId: ID }),
  GetCredentialsForIdentity: () => json(200, { IdentityId: ID, Credentials: { AccessKeyId: "ASIACOGNITOEXAMPLE01", SecretKey: "cognito-secret-key", SessionToken: "cognito-session-token", Expiration: EXPIRES } }),
};

// One stand-in; each run gets a fresh script and log.
let server, endpoint, script, log;
before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c) => (body += c));
    req.on("end", () => {
      const action = String(req.headers["x-amz-target"] ?? "").split(".").pop();
      log.push({ method: req.method, url: req.url, headers: req.headers, body });
      const step = script[action]?.(log.filter((r) => r.headers["x-amz-target"]?.endsWith(action)).length) ?? json(400, { __type: "UnknownOperationException" });
      res.writeHead(step.status, step.headers);
      res.end(step.body);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((r) => server.close(r)));

/** Runs `fn(impl)` with a fresh script; resolves { requests, result | error }. */
async function run(impl, steps, fn) {
  script = steps;
  log = [];
  let result, error;
  try {
    result = await fn(impl);
  } catch (e) {
    error = e;
  }
  return { requests: log, result, error };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** What must be the same on the wire: everything but the user agent's words, the invocation id's value and fetch's own headers. */
function wire(requests) {
  return requests.map((r) => ({
    method: r.method,
    url: r.url,
    body: r.body,
    "content-type": r.headers["content-type"],
    "content-length": r.headers["content-length"],
    "x-amz-target": r.headers["x-amz-target"],
    host: r.headers.host,
    "amz-sdk-request": r.headers["amz-sdk-request"],
    invocationId: UUID.test(r.headers["amz-sdk-invocation-id"] ?? "") ? "uuid v4" : r.headers["amz-sdk-invocation-id"],
    signed: "authorization" in r.headers || "x-amz-date" in r.headers || "x-amz-security-token" in r.headers,
    userAgent: typeof r.headers["x-amz-user-agent"],
  }));
}
const errorShape = (e) => e && { name: e.name, message: e.message, $fault: e.$fault, status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts };

async function differential(t, name, steps, fn, sdk = sdkProviders) {
  const theirs = await run(sdk, steps, fn);
  const mine = await run(ours, steps, fn);
  assert.ok(theirs.requests.length > 0, `${name}: the SDK made no request`);
  assert.deepEqual(wire(mine.requests), wire(theirs.requests), `${name}: requests differ`);
  assert.deepEqual(mine.result, theirs.result, `${name}: credentials differ`);
  assert.deepEqual(errorShape(mine.error), errorShape(theirs.error), `${name}: errors differ`);
  t.diagnostic(`${name}: ${theirs.requests.length} request(s) identical${theirs.error ? `; both reject with ${theirs.error.name}` : ""}`);
  return { mine, theirs };
}

const cc = () => ({ region: "us-east-1", endpoint });

test("a guest of a pool: GetId then GetCredentialsForIdentity, the same bytes and credentials", async (t) => {
  const { mine } = await differential(t, "guest", OK, (p) => p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })());
  assert.equal(mine.requests[0].body, `{"IdentityPoolId":"${POOL}"}`);
  assert.equal(mine.result.expiration.toISOString(), "2030-01-01T00:00:00.250Z");
  assert.equal(mine.result.identityId, ID);
});

test("logins (a token and a token provider), accountId and customRoleArn are sent in the SDK's member order", async (t) => {
  const options = () => ({
    identityPoolId: POOL,
    accountId: "123456789012",
    logins: { "accounts.google.com": "google-token", "cognito-idp.us-east-1.amazonaws.com/us-east-1_pool": async () => "idp-token" },
    customRoleArn: "arn:aws:iam::123456789012:role/console",
    clientConfig: cc(),
  });
  const { mine } = await differential(t, "logins", OK, (p) => p.fromCognitoIdentityPool(options())());
  assert.match(mine.requests[1].body, /^\{"IdentityId":"[^"]+","Logins":\{"accounts.google.com":"google-token","cognito-idp[^}]+\},"CustomRoleArn":"arn:[^"]+"\}$/);
  await differential(t, "empty logins", OK, (p) => p.fromCognitoIdentityPool({ identityPoolId: POOL, logins: {}, cache: new Map2(), clientConfig: cc() })());
});

test("fromCognitoIdentity: GetCredentialsForIdentity alone", async (t) => {
  await differential(t, "identity", OK, (p) => p.fromCognitoIdentity({ identityId: ID, logins: { "graph.facebook.com": "fb" }, clientConfig: cc() })());
});

test("the identity id is cached under the SDK's key and reused; credentials are fetched on every call", async (t) => {
  const storeOf = {};
  for (const [label, impl] of [["sdk", sdkProviders], ["ec2-wasm", ours]]) {
    const cache = new Map2();
    storeOf[label] = cache;
    const p = impl.fromCognitoIdentityPool({ identityPoolId: POOL, cache, clientConfig: cc() });
    const r = await run(impl, OK, async () => [await p(), await p()]);
    assert.deepEqual(r.requests.map((q) => q.headers["x-amz-target"].split(".")[1]), ["GetId", "GetCredentialsForIdentity", "GetCredentialsForIdentity"], label);
  }
  assert.deepEqual([...storeOf["ec2-wasm"].m], [...storeOf.sdk.m]);
  assert.deepEqual([...storeOf.sdk.m], [[`aws:cognito-identity-credentials:${POOL}:ANONYMOUS`, ID]], "only the identity id is stored");
  // with logins nothing is stored; the provider keeps the id (as @aws-sdk/credential-provider-cognito-identity's does;
  // the credential-providers wrapper makes a new provider per call, so it asks GetId every time: NOTES in README)
  const logins = { "accounts.google.com": "t" };
  await differential(t, "logins, twice", OK, async (p) => {
    const provider = p.fromCognitoIdentityPool({ identityPoolId: POOL, logins, clientConfig: cc() });
    return [await provider(), await provider()];
  }, sdkInner);
});

test("errors: a 4xx is not retried and clears the cached id; a 5xx and throttling are retried 3 times", async (t) => {
  const notFound = { GetId: () => json(400, { __type: "com.amazonaws.cognito.identity.model#ResourceNotFoundException", message: `IdentityPool '${POOL}' not found.` }, { "x-amzn-requestid": "req-1" }) };
  for (const impl of [sdkProviders, ours]) {
    const cache = new Map2([[`aws:cognito-identity-credentials:${POOL}:ANONYMOUS`, "stale"]]);
    const r = await run(impl, { GetCredentialsForIdentity: () => json(400, { __type: "ResourceNotFoundException", message: "Identity 'stale' not found." }) }, () =>
      impl.fromCognitoIdentityPool({ identityPoolId: POOL, cache, clientConfig: cc() })(),
    );
    assert.equal(r.error?.name, "ResourceNotFoundException");
    await new Promise((res) => setTimeout(res, 10));
    assert.equal(cache.m.size, 0, "a failed call removes the cached identity id");
  }
  const { mine } = await differential(t, "not found", notFound, (p) => p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })());
  assert.equal(mine.error.$metadata.requestId, "req-1");
  await differential(t, "500 three times", { GetId: () => json(500, { __type: "InternalErrorException", message: "boom" }) }, (p) =>
    p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })(),
  );
  await differential(t, "500, maxAttempts 1", { GetId: () => json(500, { __type: "InternalErrorException", message: "boom" }) }, (p) =>
    p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: { ...cc(), maxAttempts: 1 } })(),
  );
  await differential(t, "throttled once", { ...OK, GetId: (n) => (n === 1 ? json(400, { __type: "TooManyRequestsException", message: "slow down" }) : OK.GetId()) }, (p) =>
    p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })(),
  );
  await differential(t, "no credentials", { ...OK, GetCredentialsForIdentity: () => json(200, { IdentityId: ID }) }, (p) =>
    p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })(),
  );
  await differential(t, "no secret key", { ...OK, GetCredentialsForIdentity: () => json(200, { IdentityId: ID, Credentials: { AccessKeyId: "A" } }) }, (p) =>
    p.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() })(),
  );
});

test("the region comes from clientConfig, else from the EC2 client using the provider (as the SDK), else 'Region is missing'", async () => {
  const seen = { sdk: [], wasm: [] };
  const sdkHandler = {
    handle: async (req) => {
      seen.sdk.push(req.hostname);
      const t = String(req.headers["x-amz-target"] ?? "").split(".").pop();
      if (!OK[t]) throw Object.assign(new Error("stop here"), { name: "StopHere" });
      return { response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: new TextEncoder().encode(OK[t]().body) } };
    },
  };
  const sdkClient = new SdkEC2Client({ region: "eu-west-1", maxAttempts: 1, requestHandler: sdkHandler, credentials: sdkProviders.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: { requestHandler: sdkHandler } }) });
  await assert.rejects(sdkClient.send(new SdkDescribe({})), { name: "StopHere" });
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    seen.wasm.push(new URL(url).hostname);
    const t = String(init.headers["x-amz-target"] ?? "").split(".").pop();
    if (!OK[t]) throw Object.assign(new Error("stop here"), { name: "StopHere" });
    return new Response(OK[t]().body, { status: 200, headers: { "content-type": "application/x-amz-json-1.1" } });
  };
  try {
    // The EC2 call goes through fetch (as in a browser) so the spy sees it; Node's default is node:http.
    const client = new EC2Client({ region: "eu-west-1", maxAttempts: 1, requestHandler: new FetchHttpHandler(), credentials: fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2() }) });
    await assert.rejects(client.send(new DescribeSnapshotsCommand({})));
    const direct = await fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: { region: "cn-north-1" } })();
    assert.equal(direct.accessKeyId, "ASIACOGNITOEXAMPLE01");
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(seen.sdk, ["cognito-identity.eu-west-1.amazonaws.com", "cognito-identity.eu-west-1.amazonaws.com", "ec2.eu-west-1.amazonaws.com"]);
  assert.deepEqual(seen.wasm, [...seen.sdk, "cognito-identity.cn-north-1.amazonaws.com.cn", "cognito-identity.cn-north-1.amazonaws.com.cn"]);
  for (const impl of [sdkProviders, ours]) {
    await assert.rejects(impl.fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2() })(), /Region is missing/);
  }
});

test("usable as EC2Client credentials: refreshed when within 5 minutes of expiry, else reused", async () => {
  let expiresIn = 200; // inside the 5-minute window: each send refreshes
  const steps = { ...OK, GetCredentialsForIdentity: () => json(200, { IdentityId: ID, Credentials: { AccessKeyId: "ASIACOGNITOEXAMPLE01", SecretKey: "s", SessionToken: "t", Expiration: Date.now() / 1000 + expiresIn } }) };
  const realFetch = globalThis.fetch;
  const ec2 = [];
  globalThis.fetch = async (url, init) => {
    if (String(url).startsWith(endpoint)) return realFetch(url, init);
    ec2.push(init.headers.authorization.match(/Credential=([^/]+)/)[1]);
    return new Response(`<DescribeSnapshotsResponse><snapshotSet/></DescribeSnapshotsResponse>`, { status: 200 });
  };
  try {
    const r = await run(ours, steps, async () => {
      const client = new EC2Client({ region: "us-east-1", endpoint: "https://ec2.example", requestHandler: new FetchHttpHandler(), credentials: fromCognitoIdentityPool({ identityPoolId: POOL, cache: new Map2(), clientConfig: cc() }) });
      await client.send(new DescribeSnapshotsCommand({}));
      await client.send(new DescribeSnapshotsCommand({}));
      expiresIn = 3600; // fresh for an hour: the next send refreshes, the one after does not
      await client.send(new DescribeSnapshotsCommand({}));
      await client.send(new DescribeSnapshotsCommand({}));
      return true;
    });
    assert.equal(r.error, undefined, r.error?.stack);
    assert.deepEqual(r.requests.map((q) => q.headers["x-amz-target"].split(".")[1]), ["GetId", "GetCredentialsForIdentity", "GetCredentialsForIdentity", "GetCredentialsForIdentity"]);
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(ec2, Array(4).fill("ASIACOGNITOEXAMPLE01"));
});

/** A Storage-like cache (getItem/setItem/removeItem) over a Map, to look into. */
class Map2 {
  constructor(entries) {
    this.m = new Map(entries);
  }
  getItem(k) {
    return this.m.get(k) ?? null;
  }
  setItem(k, v) {
    this.m.set(k, v);
  }
  removeItem(k) {
    this.m.delete(k);
  }
}
