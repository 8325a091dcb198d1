// End to end in headless Chromium: the console gets guest credentials from a Cognito identity pool (a
// stand-in speaking Cognito Identity's JSON 1.1 protocol, with CORS as the real service sends it), then
// creates a snapshot and follows it through the CORS relay Worker (examples/relay-worker) running in
// workerd, against moto with signature checks on. No key is typed into the page.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { startConsoleServer } from "../../scripts/demo/stack.mjs";
import { startCorsProxy } from "../support/cors-proxy.mjs";
import { startMoto } from "../support/moto.mjs";
import { startRelay } from "../relay/lib/relay-workerd.mjs";
import { roleCredentials } from "../relay/lib/sts-role.mjs";
import { openBrowser } from "./lib/browser.mjs";

const POOL = "us-east-1:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const IDENTITY = "us-east-1:11111111-2222-4333-8444-555555555555";
/**
 * Cognito Identity's GetId / GetCredentialsForIdentity for one guest pool. The credentials it hands out
 * are a moto STS session of a role with the README's policy, so moto checks every signature and action made with them.
 */
async function startCognitoStandIn(credentials) {
  const calls = [];
  const cors = (req) => ({ "access-control-allow-origin": req.headers.origin ?? "*", "access-control-expose-headers": "x-amzn-requestid" });
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors(req), "access-control-allow-methods": "POST", "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "", "access-control-max-age": "600" });
      return res.end();
    }
    let body = "";
    req.setEncoding("utf8").on("data", (c) => (body += c));
    req.on("end", () => {
      const action = String(req.headers["x-amz-target"] ?? "").replace("AWSCognitoIdentityService.", "");
      calls.push({ action, body, contentType: req.headers["content-type"], signed: "authorization" in req.headers });
      const input = JSON.parse(body || "{}");
      let status = 200;
      let out;
      if (action === "GetId" && input.IdentityPoolId === POOL) out = { IdentityId: IDENTITY };
      else if (action === "GetCredentialsForIdentity" && input.IdentityId === IDENTITY) {
        out = { IdentityId: IDENTITY, Credentials: credentials };
      } else {
        status = 400;
        out = { __type: "ResourceNotFoundException", message: `${action}: not found` };
      }
      res.writeHead(status, { ...cors(req), "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `cognito-${calls.length}` });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { endpoint: `http://127.0.0.1:${server.address().port}`, calls, stop: () => new Promise((r) => server.close(r)) };
}

let moto, upstream, relay, cognito, site, browser;
before(async () => {
  moto = await startMoto();
  upstream = await startCorsProxy(moto.endpoint); // counts what reaches moto; forwards the Host header as sent
  cognito = await startCognitoStandIn(await roleCredentials(moto));
  site = await startConsoleServer({
    config: {
      region: moto.region,
      volumeId: moto.volumeId,
      identityPoolId: POOL,
      cognitoEndpoint: cognito.endpoint,
      signingHost: new URL(upstream.endpoint).host,
      note: "Cognito stand-in, the relay Worker in workerd, moto.",
    },
  });
  const origin = new URL(site.url).origin;
  relay = await startRelay({ vars: { ALLOWED_ORIGINS: origin, ALLOWED_REGIONS: moto.region, MAX_BODY_BYTES: "16384", EC2_ENDPOINT: upstream.endpoint } });
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await relay?.stop();
  await cognito?.stop();
  await upstream?.stop();
  await moto?.stop();
});

test("Cognito credentials, the relay in workerd, moto: create and follow a snapshot from the console", { timeout: 120_000 }, async (t) => {
  const { page } = browser;
  await page.goto(site.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  await page.fill("#endpoint", relay.url);
  assert.equal(await page.inputValue("#access-key-id"), "", "no key in the form");
  assert.equal(await page.inputValue("#identity-pool-id"), POOL);
  await page.fill("#description", "via cognito and the relay");
  await page.click("#submit");
  await page.waitForFunction(() => !["idle", "busy"].includes(document.getElementById("progress").dataset.state), null, { timeout: 60_000 });
  const progress = await page.textContent("#progress");
  assert.equal(await page.getAttribute("#progress", "data-state"), "done", `${progress}\n${await page.textContent("#outcome")}\n${relay.output().slice(-2000)}`);
  const snapshotId = (await page.textContent("#result-card [data-role=snapshot-id]")).trim();
  assert.match(snapshotId, /^snap-/);
  await page.waitForFunction(() => document.getElementById("follow").dataset.state === "completed", null, { timeout: 60_000 });
  await page.waitForFunction((id) => document.querySelector("#snapshots")?.textContent.includes(id), snapshotId, { timeout: 30_000 });

  // moto has it, as the page asked
  const [seen] = await moto.describeSnapshot(snapshotId);
  assert.equal(seen.Description, "via cognito and the relay");
  // Cognito: unsigned JSON 1.1 calls, GetId once, then the credentials
  assert.deepEqual(cognito.calls.map((c) => c.action), ["GetId", "GetCredentialsForIdentity"]);
  assert.ok(cognito.calls.every((c) => c.contentType === "application/x-amz-json-1.1" && !c.signed));
  assert.equal(cognito.calls[0].body, JSON.stringify({ IdentityPoolId: POOL }));
  // every EC2 call went through the relay (the page never reached moto or the counter itself), each
  // carrying the session token it was signed with
  const origins = [...upstream.stats.origins];
  assert.deepEqual(origins, [], "the relay forwards no Origin: requests reached upstream only through it");
  assert.ok(upstream.stats.forwarded >= 3, `CreateSnapshot, the follow's polls, the list: ${upstream.stats.forwarded}`);
  for (const r of upstream.stats.requests) assert.ok(r.headers.includes("x-amz-security-token"), JSON.stringify(r.headers));
  assert.equal(upstream.stats.preflights, 0, "preflights are answered by the relay");
  // only the identity id is stored; no key, secret or token anywhere in the page's storage
  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.deepEqual(stored, { [`aws:cognito-identity-credentials:${POOL}:ANONYMOUS`]: IDENTITY });
  assert.deepEqual(browser.problems, []);
  t.diagnostic(`${snapshotId}: ${cognito.calls.length} Cognito calls, ${upstream.stats.forwarded} EC2 calls through the relay`);
});

test("a pool the stand-in does not know: the console shows Cognito's error, nothing reaches EC2", { timeout: 60_000 }, async () => {
  const { page } = browser;
  const before = upstream.stats.forwarded;
  await page.fill("#identity-pool-id", "us-east-1:00000000-0000-4000-8000-000000000000");
  await page.click("#submit");
  await page.waitForFunction(() => !["idle", "busy"].includes(document.getElementById("progress").dataset.state), null, { timeout: 30_000 });
  const outcome = await page.textContent("#outcome");
  assert.match(`${await page.textContent("#progress")} ${outcome}`, /ResourceNotFoundException|not found/i);
  assert.equal(upstream.stats.forwarded, before);
});
