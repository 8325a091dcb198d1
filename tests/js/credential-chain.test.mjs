// The default credential chain, ec2-wasm (in Node and in Bun) against @aws-sdk/client-ec2: in each scenario each builds a
// client from the environment alone (a temporary HOME, its own env, one child process per run so
// nothing leaks between scenarios) and send DescribeSnapshots to a recording proxy in front of moto
// (signature checks on). They must resolve the same access key id — seen in the Authorization
// header — and moto must accept the request, or both must fail with the same error name.
// Stand-ins on 127.0.0.1: moto for IAM/STS/EC2, small servers for the container endpoint and IMDS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";
import { freePort, runChild } from "../support/processes.mjs";

const CHILD = fileURLToPath(new URL("./credential-chain-child.mjs", import.meta.url));
const BUN = fileURLToPath(new URL("../../node_modules/.bin/bun", import.meta.url));
// ec2-wasm runs in Node and in Bun (which loads the same Node entry); the SDK in Node.
const RUNS = { sdk: [process.execPath, "sdk"], wasm: [process.execPath, "wasm"], bun: [BUN, "wasm"] };
const WASM_RUNS = ["wasm", "bun"];
const FAR_FUTURE = new Date(Date.now() + 6 * 3600_000).toISOString().replace(/\.\d+Z$/, "Z");

let moto;
let roleArn;
let proxy;
let sts;
const servers = [];
const dirs = [];

function listen(handler) {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

// Forwards every request to moto as it came (the signed Host header included) and records the access
// key id of its Authorization header.
async function startProxy(target) {
  const seen = [];
  const t = new URL(target);
  const endpoint = await listen((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push(/Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? null);
      const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      up.end(Buffer.concat(chunks));
    });
  });
  return { endpoint, seen };
}

// STS in front of moto. moto with signature checks on fails (HTTP 500, KeyError 'HTTP_AUTHORIZATION')
// on an unsigned call, and AssumeRoleWithWebIdentity is one: such calls are recorded, then signed
// here as the IAM user (@smithy/signature-v4) and forwarded. Signed calls pass through as they came.
class Sha256 {
  constructor(secret) {
    this.h = secret ? createHmac("sha256", secret) : createHash("sha256");
  }
  update(d) {
    this.h.update(d);
  }
  async digest() {
    return new Uint8Array(this.h.digest());
  }
}
async function startSts(target, credentials, region) {
  const unsigned = [];
  const all = [];
  const t = new URL(target);
  const signer = new SignatureV4({ credentials, region, service: "sts", sha256: Sha256 });
  const endpoint = await listen((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let headers = { ...req.headers };
      const params = Object.fromEntries(new URLSearchParams(body));
      all.push(params);
      // A role STS refuses (moto lets any principal assume any role): STS's own error document.
      if (params.RoleArn?.endsWith(":role/denied")) {
        res.writeHead(403, { "content-type": "text/xml" });
        return res.end(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/u is not authorized to perform: sts:AssumeRole on resource: ${params.RoleArn}</Message></Error><RequestId>0d5c1c2e-8a1d-4b8e-9e0f-1a2b3c4d5e6f</RequestId></ErrorResponse>`,
        );
      }
      if (!headers.authorization) {
        unsigned.push(body);
        const signed = await signer.sign({ method: "POST", protocol: "http:", hostname: t.hostname, port: Number(t.port), path: "/", headers: { "content-type": headers["content-type"], host: t.host }, body });
        headers = signed.headers;
      }
      const up = http.request({ host: t.hostname, port: t.port, method: "POST", path: req.url, headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on("error", (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      up.end(body);
    });
  });
  return { endpoint, unsigned, all };
}

// The container credentials endpoint: answers GET /creds when the Authorization header is `token`.
async function startContainer(token, creds) {
  const log = [];
  const endpoint = await listen((req, res) => {
    log.push({ path: req.url, authorization: req.headers.authorization });
    if (req.url !== "/creds" || req.headers.authorization !== token) {
      res.writeHead(401);
      return res.end("{}");
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(creds));
  });
  return { endpoint, log };
}

// IMDS: with `v2`, PUT /latest/api/token hands out a token and the credentials need it; without, the
// token request is answered 403 (an IMDS with v2 turned off), so clients must fall back to IMDSv1.
async function startImds({ v2 }, creds) {
  const log = [];
  const TOKEN = "imds-token-value";
  const endpoint = await listen((req, res) => {
    log.push({ method: req.method, path: req.url, token: req.headers["x-aws-ec2-metadata-token"] });
    if (req.method === "PUT" && req.url === "/latest/api/token") {
      if (!v2) {
        res.writeHead(403);
        return res.end();
      }
      res.writeHead(200);
      return res.end(TOKEN);
    }
    if (v2 && req.headers["x-aws-ec2-metadata-token"] !== TOKEN) {
      res.writeHead(401);
      return res.end();
    }
    if (req.url === "/latest/meta-data/iam/security-credentials/") {
      res.writeHead(200);
      return res.end("the-role");
    }
    if (req.url === "/latest/meta-data/iam/security-credentials/the-role") {
      res.writeHead(200);
      return res.end(JSON.stringify({ Code: "Success", Type: "AWS-HMAC", LastUpdated: new Date().toISOString(), ...creds }));
    }
    res.writeHead(404);
    res.end();
  });
  return { endpoint, log };
}

function home(files = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ec2-wasm-chain-"));
  dirs.push(dir);
  mkdirSync(join(dir, ".aws"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600 });
  return dir;
}

async function runBoth(env, profile) {
  const out = {};
  for (const [impl, [command, which]] of Object.entries(RUNS)) {
    const before = proxy.seen.length;
    const r = await runChild(command, [CHILD, which, ...(profile ? [profile] : [])], {
      timeoutMs: 60_000,
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      env: { PATH: process.env.PATH, NODE_NO_WARNINGS: "1", ...env },
    });
    assert.equal(r.code, 0, `${impl} child failed:\n${r.stderr}`);
    const result = JSON.parse(r.stdout.trim().split("\n").pop());
    out[impl] = { ...result, keyIds: proxy.seen.slice(before) };
  }
  return out;
}

function assertSameKey(out, expectKeyId) {
  for (const impl of Object.keys(RUNS)) {
    assert.equal(out[impl].ok, true, `${impl}: ${out[impl].name}: ${out[impl].message}`);
    assert.equal(out[impl].keyIds.length, 1, `${impl}: one request reached the proxy`);
  }
  if (typeof expectKeyId === "string") {
    assert.equal(out.sdk.keyIds[0], expectKeyId);
    for (const impl of WASM_RUNS) assert.equal(out[impl].keyIds[0], out.sdk.keyIds[0], impl);
  } else {
    // Keys from STS differ per call: both must be temporary keys moto issued (it accepted the
    // signed request above) and neither the source user's key.
    for (const impl of Object.keys(RUNS)) {
      assert.match(out[impl].keyIds[0], expectKeyId);
      assert.notEqual(out[impl].keyIds[0], moto.accessKeyId);
    }
  }
}

before(async () => {
  moto = await startMoto();
  roleArn = await moto.createRole("chain-role");
  proxy = await startProxy(moto.endpoint);
  sts = await startSts(moto.endpoint, { accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey }, moto.region);
});

after(async () => {
  for (const s of servers) {
    s.closeAllConnections?.();
    s.close();
  }
  await moto?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const base = () => ({ AWS_REGION: moto.region, AWS_ENDPOINT_URL_EC2: proxy.endpoint, AWS_ENDPOINT_URL_STS: sts.endpoint });
const staticCreds = () => ({ AccessKeyId: moto.accessKeyId, SecretAccessKey: moto.secretAccessKey, Token: "", Expiration: FAR_FUTURE });

test("env only: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", async () => {
  const out = await runBoth({ ...base(), HOME: home(), AWS_ACCESS_KEY_ID: moto.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.secretAccessKey });
  assertSameKey(out, moto.accessKeyId);
});

test("credentials file, named profile (AWS_PROFILE); region and endpoint_url from the config file", async () => {
  const h = home({
    ".aws/credentials": `[default]\naws_access_key_id = AKIADEFAULTWRONG0000\naws_secret_access_key = wrong\n\n[work]\naws_access_key_id = ${moto.accessKeyId}\naws_secret_access_key = ${moto.secretAccessKey}\n`,
    ".aws/config": `[profile work]\nregion = ${moto.region}\nendpoint_url = ${proxy.endpoint}\n`,
  });
  // Env keys are skipped when a profile is named, as the SDK does.
  const out = await runBoth({ HOME: h, AWS_PROFILE: "work", AWS_ACCESS_KEY_ID: "AKIAENVWRONG00000000", AWS_SECRET_ACCESS_KEY: "wrong" });
  assertSameKey(out, moto.accessKeyId);
});

test("the `profile` config key, and AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE", async () => {
  const h = home();
  const dir = home({
    creds: `[other]\naws_access_key_id = ${moto.accessKeyId}\naws_secret_access_key = ${moto.secretAccessKey}\n`,
    conf: `[profile other]\nregion = ${moto.region}\n`,
  });
  const out = await runBoth(
    { HOME: h, AWS_ENDPOINT_URL_EC2: proxy.endpoint, AWS_SHARED_CREDENTIALS_FILE: join(dir, "creds"), AWS_CONFIG_FILE: join(dir, "conf") },
    "other",
  );
  assertSameKey(out, moto.accessKeyId);
});

test("config file: source_profile + role_arn through STS AssumeRole", async () => {
  const h = home({
    ".aws/credentials": `[base]\naws_access_key_id = ${moto.accessKeyId}\naws_secret_access_key = ${moto.secretAccessKey}\n`,
    ".aws/config": `[profile chained]\nrole_arn = ${roleArn}\nsource_profile = base\nrole_session_name = chain-test\n`,
  });
  const before = sts.all.length;
  const out = await runBoth({ ...base(), HOME: h, AWS_PROFILE: "chained" });
  assertSameKey(out, /^ASIA[A-Z0-9]{16}$/);
  // Both made the same signed AssumeRole call (moto checked the source profile's signature).
  const calls = sts.all.slice(before);
  assert.equal(calls.length, 3);
  assert.deepEqual(calls[1], calls[0]);
  assert.deepEqual(calls[2], calls[0]);
  assert.deepEqual(calls[0], { Action: "AssumeRole", Version: "2011-06-15", RoleArn: roleArn, RoleSessionName: "chain-test", DurationSeconds: "3600" });
});

test("role_arn with credential_source = Environment; the EC2 endpoint from a `services` section", async () => {
  const h = home({
    ".aws/config": `[profile envrole]\nrole_arn = ${roleArn}\ncredential_source = Environment\nrole_session_name = env-role\nservices = local\n\n[services local]\nec2 =\n  endpoint_url = ${proxy.endpoint}\n`,
  });
  const before = sts.all.length;
  const env = { AWS_REGION: moto.region, AWS_ENDPOINT_URL_STS: sts.endpoint, HOME: h, AWS_PROFILE: "envrole" };
  const out = await runBoth({ ...env, AWS_ACCESS_KEY_ID: moto.accessKeyId, AWS_SECRET_ACCESS_KEY: moto.secretAccessKey });
  assertSameKey(out, /^ASIA[A-Z0-9]{16}$/);
  const calls = sts.all.slice(before);
  assert.equal(calls.length, 3);
  for (const c of calls) assert.deepEqual(c, calls[0]);
  assert.equal(calls[0].RoleSessionName, "env-role");
});

test("STS refuses the role: the chain stops there, with STS's error name and message", async () => {
  const h = home({
    ".aws/credentials": `[base]\naws_access_key_id = ${moto.accessKeyId}\naws_secret_access_key = ${moto.secretAccessKey}\n`,
    ".aws/config": `[profile denied]\nrole_arn = arn:aws:iam::123456789012:role/denied\nsource_profile = base\n`,
  });
  const out = await runBoth({ ...base(), HOME: h, AWS_PROFILE: "denied" });
  for (const impl of Object.keys(RUNS)) {
    assert.equal(out[impl].ok, false, impl);
    assert.equal(out[impl].keyIds.length, 0, impl);
  }
  assert.equal(out.sdk.name, "AccessDenied");
  for (const impl of WASM_RUNS) {
    assert.equal(out[impl].name, out.sdk.name, impl);
    assert.equal(out[impl].message, out.sdk.message, impl);
  }
});

test("credential_process", async () => {
  const h = home();
  const script = join(h, "creds.mjs");
  writeFileSync(script, `console.log(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(moto.accessKeyId)}, SecretAccessKey: ${JSON.stringify(moto.secretAccessKey)}, Expiration: ${JSON.stringify(FAR_FUTURE)} }));\n`);
  chmodSync(script, 0o700);
  writeFileSync(join(h, ".aws/config"), `[profile proc]\ncredential_process = ${process.execPath} ${script}\n`);
  const out = await runBoth({ ...base(), HOME: h, AWS_PROFILE: "proc" });
  assertSameKey(out, moto.accessKeyId);
});

test("web identity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN through STS AssumeRoleWithWebIdentity", async () => {
  const h = home({ token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl" });
  const before = sts.unsigned.length;
  const out = await runBoth({ ...base(), HOME: h, AWS_WEB_IDENTITY_TOKEN_FILE: join(h, "token"), AWS_ROLE_ARN: roleArn, AWS_ROLE_SESSION_NAME: "web-test" });
  assertSameKey(out, /^ASIA[A-Z0-9]{16}$/);
  // Both sent the same unsigned call: action, role, session name and token.
  const calls = sts.unsigned.slice(before).map((b) => Object.fromEntries(new URLSearchParams(b)));
  assert.equal(calls.length, 3);
  assert.deepEqual(calls[1], calls[0]);
  assert.deepEqual(calls[2], calls[0]);
  assert.equal(calls[0].Action, "AssumeRoleWithWebIdentity");
  assert.equal(calls[0].RoleArn, roleArn);
  assert.equal(calls[0].RoleSessionName, "web-test");
  assert.equal(calls[0].WebIdentityToken, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl");
});

test("container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", async () => {
  const h = home({ "auth-token": "Bearer container-token-123" });
  const container = await startContainer("Bearer container-token-123", staticCreds());
  const out = await runBoth({
    ...base(),
    HOME: h,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.endpoint}/creds`,
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(h, "auth-token"),
  });
  assertSameKey(out, moto.accessKeyId);
  assert.equal(container.log.filter((l) => l.authorization === "Bearer container-token-123").length, 3, "each client read the token file once");
});

test("refresh: credentials within 5 minutes of expiry are refreshed before the next send", async () => {
  // The container hands out credentials expiring in 2 minutes, then fresh ones. Three sends 300 ms
  // apart: the first waits for the chain; the second finds the key within 5 minutes of expiry and,
  // as observed from the SDK's client (its identity cache waits; memoizeChain's background refresh
  // does not show), waits for the refresh and is signed with the new key, as is the third.
  const keys = [];
  let n = 0;
  const endpoint = await listen((req, res) => {
    n += 1;
    const first = n % 2 === 1;
    const key = first ? `ASIAFIRST${String(n).padStart(11, "0")}` : `ASIASECOND${String(n).padStart(10, "0")}`;
    keys.push(key);
    const expiration = new Date(Date.now() + (first ? 120_000 : 6 * 3600_000)).toISOString();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ AccessKeyId: key, SecretAccessKey: "s", Token: "t", Expiration: expiration }));
  });
  const out = await runBoth({ ...base(), HOME: home(), AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint}/creds`, CHAIN_SENDS: "3", CHAIN_PAUSE_MS: "300" });
  // Keys moto does not know: each send is refused, but each reached the proxy signed with its key.
  for (const impl of Object.keys(RUNS)) {
    const k = out[impl].keyIds.map((id) => id.replace(/\d+$/, ""));
    assert.deepEqual(k, ["ASIAFIRST", "ASIASECOND", "ASIASECOND"], `${impl}: ${out[impl].keyIds}`);
  }
  assert.equal(keys.length, 6, "two container requests per client");
});

test("IMDSv2: token, role name, credentials", async () => {
  const imds = await startImds({ v2: true }, staticCreds());
  const out = await runBoth({ ...base(), HOME: home(), AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint });
  assertSameKey(out, moto.accessKeyId);
  const creds = imds.log.filter((l) => l.path.endsWith("/the-role"));
  assert.equal(creds.length, 3);
  assert.ok(creds.every((l) => l.token === "imds-token-value"), "all used the v2 token");
});

test("IMDSv1 fallback: the token request is refused (403)", async () => {
  const imds = await startImds({ v2: false }, staticCreds());
  const out = await runBoth({ ...base(), HOME: home(), AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint });
  assertSameKey(out, moto.accessKeyId);
  const creds = imds.log.filter((l) => l.path.endsWith("/the-role"));
  assert.equal(creds.length, 3);
  assert.ok(creds.every((l) => l.token === undefined), "all fell back to IMDSv1");
});

test("nothing available: all fail with the same error name, nothing is sent", async () => {
  const closed = await freePort();
  const out = await runBoth({ ...base(), HOME: home(), AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${closed}` });
  for (const impl of Object.keys(RUNS)) {
    assert.equal(out[impl].ok, false);
    assert.equal(out[impl].keyIds.length, 0);
  }
  for (const impl of WASM_RUNS) {
    assert.equal(out[impl].name, out.sdk.name, impl);
    assert.equal(out[impl].message, out.sdk.message, impl);
  }
});

test("IMDS disabled (AWS_EC2_METADATA_DISABLED): the same error name", async () => {
  const out = await runBoth({ ...base(), HOME: home(), AWS_EC2_METADATA_DISABLED: "true" });
  for (const impl of Object.keys(RUNS)) assert.equal(out[impl].ok, false);
  for (const impl of WASM_RUNS) assert.equal(out[impl].name, out.sdk.name, impl);
});

test("an SSO profile: a clear error naming the profile (the SDK would call IAM Identity Center)", async () => {
  const h = home({ ".aws/config": `[profile corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n` });
  const out = await runBoth({ ...base(), HOME: h, AWS_PROFILE: "corp" });
  for (const impl of WASM_RUNS) {
    assert.equal(out[impl].ok, false);
    assert.equal(out[impl].name, "CredentialsProviderError");
    assert.match(out[impl].message, /Profile corp is an IAM Identity Center \(SSO\) profile/);
  }
  assert.equal(out.sdk.ok, false, "the SDK has no SSO token cache here either");
});
