// The Node transport's options, each observed to take effect, side by side with @aws-sdk/client-ec2
// 3.1169.0 (its @smithy/node-http-handler) where the SDK shows the behaviour: requestTimeout,
// connectionTimeout (against a socket that never accepts), socketTimeout (headers and body), agents
// given as instances or as options, keep-alive, destroy(), and which transport a client picks
// (node:http by default in Node, fetch with FetchHttpHandler). Servers are local (127.0.0.1, free ports).
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sdk from "@aws-sdk/client-ec2";
import * as wasm from "ec2-wasm";
import { SAMPLE_OK } from "./stub.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const CREDS = { accessKeyId: "AKIDNODEOPTIONS", secretAccessKey: "node-options-secret" };
const INPUT = { VolumeId: "vol-1234567890abcdef0" };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const client = (m, endpoint, extra = {}) => new m.EC2Client({ region: "us-east-1", endpoint, credentials: CREDS, logger: quiet, ...extra });
async function settle(p) {
  const t = performance.now();
  try {
    return { ok: true, value: await p, ms: performance.now() - t };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - t };
  }
}
const sendOne = (c) => settle(c.send(new (c instanceof sdk.EC2Client ? sdk : wasm).CreateSnapshotCommand({ ...INPUT })));
const shape = (r) => (r.ok ? { ok: true, SnapshotId: r.value.SnapshotId, attempts: r.value.$metadata.attempts } : { ok: false, name: r.error.name, code: r.error.code, message: r.error.message.split("\n")[0], attempts: r.error.$metadata?.attempts, status: r.error.$metadata?.httpStatusCode });

/**
 * An HTTP(S) server on 127.0.0.1 counting connections and requests. `answer(req, res, n)` answers the
 * n-th request (default: the CreateSnapshot sample); it can leave a request hanging.
 */
async function server({ answer, tls } = {}) {
  const stats = { connections: 0, open: 0, requests: 0, fetchHeaders: 0 };
  const handler = (req, res) => {
    req.resume();
    req.on("end", () => {
      stats.requests++;
      // undici's fetch adds sec-fetch-mode to every request; node:http adds nothing of the kind.
      if (req.headers["sec-fetch-mode"] !== undefined) stats.fetchHeaders++;
      if (answer) return answer(req, res, stats.requests);
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(SAMPLE_OK);
    });
  };
  const s = tls ? https.createServer(tls, handler) : http.createServer(handler);
  s.on("connection", (sock) => {
    stats.connections++;
    stats.open++;
    sock.on("close", () => stats.open--);
  });
  s.keepAliveTimeout = 30_000;
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  return {
    stats,
    endpoint: `${tls ? "https" : "http"}://127.0.0.1:${s.address().port}`,
    close: () => new Promise((r) => {
      s.closeAllConnections();
      s.close(r);
    }),
  };
}

/** Polls until `cond()` or `ms` pass. */
async function until(cond, ms = 2000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
}

test("the default transport in Node is node:http with keep-alive: 10 sequential sends, one connection", async () => {
  const s = await server();
  try {
    const c = client(wasm, s.endpoint);
    for (let i = 0; i < 10; i++) assert.equal((await sendOne(c)).ok, true);
    assert.equal(s.stats.requests, 10);
    assert.equal(s.stats.connections, 1, "one socket reused for all 10");
    assert.equal(s.stats.fetchHeaders, 0, "no request came from fetch");
    // destroy() closes the agent this client created, so its idle socket closes.
    c.destroy();
    assert.ok(await until(() => s.stats.open === 0), "the client's own agent was destroyed with it");
    // The SDK's client behaves the same way (one socket, closed by destroy()).
    const before = s.stats.connections;
    const sc = client(sdk, s.endpoint);
    for (let i = 0; i < 10; i++) assert.equal((await sendOne(sc)).ok, true);
    assert.equal(s.stats.connections - before, 1, "SDK: one socket");
    sc.destroy();
    assert.ok(await until(() => s.stats.open === 0), "SDK: closed by destroy()");
  } finally {
    await s.close();
  }
});

test("FetchHttpHandler selects fetch in Node; NodeHttpHandler and the options form select node:http", async () => {
  const s = await server();
  try {
    const cases = [
      ["new FetchHttpHandler()", new wasm.FetchHttpHandler(), 1],
      ["FetchHttpHandler.create({ requestTimeout })", wasm.FetchHttpHandler.create({ requestTimeout: 5000 }), 1],
      ["new NodeHttpHandler()", new wasm.NodeHttpHandler(), 0],
      ["NodeHttpHandler.create({ requestTimeout })", wasm.NodeHttpHandler.create({ requestTimeout: 5000 }), 0],
      ["{ requestTimeout: 5000 }", { requestTimeout: 5000 }, 0],
      ["none", undefined, 0],
    ];
    for (const [label, requestHandler, fromFetch] of cases) {
      const before = s.stats.fetchHeaders;
      const c = client(wasm, s.endpoint, { requestHandler });
      const r = await sendOne(c);
      assert.equal(r.ok, true, `${label}: ${r.error?.stack}`);
      assert.equal(s.stats.fetchHeaders - before, fromFetch, `${label}: sent by ${fromFetch ? "fetch" : "node:http"}`);
      c.destroy();
    }
    // create() passes a handler through, as the SDK's does.
    const h = new wasm.NodeHttpHandler();
    assert.equal(wasm.NodeHttpHandler.create(h), h);
    assert.equal(sdk.EC2Client.name, "EC2Client");
    // handle() works on its own, as the SDK's handlers do.
    const { HttpRequest } = wasm;
    const u = new URL(s.endpoint);
    for (const handler of [new wasm.NodeHttpHandler(), new wasm.FetchHttpHandler()]) {
      const { response } = await handler.handle(new HttpRequest({ method: "POST", protocol: "http:", hostname: u.hostname, port: Number(u.port), path: "/", headers: { host: u.host, "content-type": "application/x-www-form-urlencoded" }, body: "Action=CreateSnapshot" }));
      assert.equal(response.statusCode, 200);
      assert.match(new TextDecoder().decode(response.body), /<snapshotId>/);
      handler.destroy();
    }
  } finally {
    await s.close();
  }
});

test("requestTimeout with throwOnRequestTimeout: the SDK's TimeoutError, on both transports", async () => {
  const s = await server({ answer: () => {} });
  try {
    const rh = { requestTimeout: 200, throwOnRequestTimeout: true };
    const want = shape(await sendOne(client(sdk, s.endpoint, { requestHandler: rh, maxAttempts: 1 })));
    assert.deepEqual(want, { ok: false, name: "TimeoutError", code: "ETIMEDOUT", message: "@smithy/node-http-handler - [ERROR] a request has exceeded the configured 200 ms requestTimeout.", attempts: 1, status: undefined });
    for (const requestHandler of [rh, new wasm.NodeHttpHandler(rh), new wasm.FetchHttpHandler(rh)]) {
      const r = await sendOne(client(wasm, s.endpoint, { requestHandler, maxAttempts: 1 }));
      assert.deepEqual(shape(r), want, requestHandler.constructor.name);
      assert.ok(r.ms >= 190 && r.ms < 1500, `${requestHandler.constructor.name}: ${r.ms} ms`);
    }
  } finally {
    await s.close();
  }
});

/** A port that takes no new connection: a listening socket that never accepts, its backlog full. */
async function nonAccepting() {
  const py = spawn("python3", ["-c", "import socket,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)"], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(py.stdout, "data");
  const port = Number(String(line).trim());
  const fillers = [];
  for (let i = 0; i < 3; i++) {
    const f = net.connect(port, "127.0.0.1");
    f.on("error", () => {});
    fillers.push(f);
  }
  await new Promise((r) => setTimeout(r, 200));
  // Proof that it does not accept: a plain connect stays pending.
  const probe = net.connect(port, "127.0.0.1");
  probe.on("error", () => {});
  const connected = await Promise.race([once(probe, "connect").then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
  probe.destroy();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connected,
    stop() {
      for (const f of fillers) f.destroy();
      py.kill();
    },
  };
}

test("connectionTimeout: a socket that never connects fails each attempt after connectionTimeout, retried, as in the SDK", async () => {
  const na = await nonAccepting();
  try {
    assert.equal(na.connected, false, "the probe connection must stay pending");
    const rh = { connectionTimeout: 250 };
    const s = await sendOne(client(sdk, na.endpoint, { requestHandler: rh, maxAttempts: 2 }));
    const want = { ok: false, name: "TimeoutError", code: undefined, message: "@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 250 ms.", attempts: 2, status: undefined };
    assert.deepEqual(shape(s), want);
    for (const requestHandler of [rh, new wasm.NodeHttpHandler(rh)]) {
      const r = await sendOne(client(wasm, na.endpoint, { requestHandler, maxAttempts: 2 }));
      assert.deepEqual(shape(r), want, requestHandler.constructor.name);
      assert.ok(r.ms >= 2 * 240 && r.ms < 2 * 250 + 1500, `${requestHandler.constructor.name}: two attempts of 250 ms took ${r.ms} ms`);
    }
    // Without it the attempt waits (here cut by an abort after 600 ms).
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 600);
    const r = await settle(client(wasm, na.endpoint, { maxAttempts: 1 }).send(new wasm.CreateSnapshotCommand(INPUT), { abortSignal: ac.signal }));
    assert.equal(r.error?.name, "AbortError");
    assert.ok(r.ms >= 590, `${r.ms} ms`);
  } finally {
    na.stop();
  }
});

test("socketTimeout: no byte for socketTimeout ms, before the headers or in the body, is the SDK's TimeoutError", async () => {
  // Headers never come; or half the body, then nothing.
  const bytes = Buffer.from(SAMPLE_OK);
  const s = await server({
    answer: (req, res, n) => {
      if (req.url === "/body/") {
        res.writeHead(200, { "content-type": "text/xml", "content-length": String(bytes.length) });
        res.write(bytes.subarray(0, bytes.length >> 1));
      }
    },
  });
  try {
    const rh = { socketTimeout: 250 };
    for (const path of ["/", "/body/"]) {
      const endpoint = `${s.endpoint}${path}`;
      const want = shape(await sendOne(client(sdk, endpoint, { requestHandler: rh, maxAttempts: 1 })));
      assert.equal(want.name, "TimeoutError", path);
      assert.equal(want.message, "@smithy/node-http-handler - the request socket timed out after 250 ms of inactivity (configured by client requestHandler).", path);
      for (const requestHandler of [rh, new wasm.NodeHttpHandler(rh)]) {
        const r = await sendOne(client(wasm, endpoint, { requestHandler, maxAttempts: 1 }));
        assert.deepEqual(shape(r), want, `${path} ${requestHandler.constructor.name}`);
        assert.ok(r.ms >= 240 && r.ms < 1500, `${path}: ${r.ms} ms`);
      }
    }
    // Retried as the SDK retries it.
    const s2 = shape(await sendOne(client(sdk, s.endpoint, { requestHandler: rh, maxAttempts: 2 })));
    const w2 = shape(await sendOne(client(wasm, s.endpoint, { requestHandler: rh, maxAttempts: 2 })));
    assert.deepEqual(w2, s2);
    assert.equal(w2.attempts, 2);
  } finally {
    await s.close();
  }
});

test("httpAgent given as an instance: used for every send (its sockets), kept open by client.destroy()", async () => {
  const s = await server();
  try {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    let created = 0;
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (...a) => {
      created++;
      return create(...a);
    };
    for (const requestHandler of [{ httpAgent: agent }, new wasm.NodeHttpHandler({ httpAgent: agent })]) {
      const c = client(wasm, s.endpoint, { requestHandler });
      for (let i = 0; i < 5; i++) assert.equal((await sendOne(c)).ok, true);
      c.destroy();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(Object.values(agent.freeSockets).flat().filter((x) => !x.destroyed).length, 1, "the agent's socket is still open after client.destroy()");
    }
    assert.equal(created, 1, "one socket of the given agent, reused by both clients");
    assert.equal(s.stats.connections, 1, "the server saw only the agent's socket");
    agent.destroy();
    assert.ok(await until(() => s.stats.open === 0));
  } finally {
    await s.close();
  }
});

test("httpsAgent as an instance or as agent options: TLS through it (self-signed certificate trusted only there)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ec2-wasm-tls-"));
  let s;
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    const key = readFileSync(join(dir, "key.pem"));
    const cert = readFileSync(join(dir, "cert.pem"));
    s = await server({ tls: { key, cert } });
    // Without the certificate trusted, the TLS handshake fails (not retried: a certificate error).
    const plain = await sendOne(client(wasm, s.endpoint, { maxAttempts: 1 }));
    assert.equal(plain.ok, false);
    assert.match(plain.error.code ?? "", /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/, plain.error.stack);
    // Agent options: the client's own agent trusts it.
    const byOptions = client(wasm, s.endpoint, { requestHandler: { httpsAgent: { ca: cert } } });
    for (let i = 0; i < 3; i++) {
      const r = await sendOne(byOptions);
      assert.equal(r.ok, true, r.error?.stack);
    }
    byOptions.destroy();
    // An instance: used, counted, and not destroyed by client.destroy().
    const agent = new https.Agent({ keepAlive: true, ca: cert });
    let created = 0;
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (...a) => {
      created++;
      return create(...a);
    };
    const byAgent = client(wasm, s.endpoint, { requestHandler: new wasm.NodeHttpHandler({ httpsAgent: agent }) });
    for (let i = 0; i < 3; i++) assert.equal((await sendOne(byAgent)).ok, true);
    assert.equal(created, 1, "one TLS socket of the given agent for 3 sends");
    byAgent.destroy();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(Object.values(agent.freeSockets).flat().filter((x) => !x.destroyed).length, 1, "still open after client.destroy()");
    agent.destroy();
    t.diagnostic(`server connections: ${s.stats.connections} (plain attempt, options agent, given agent)`);
  } finally {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The child: imports the package, sends over http (node:https and node:child_process must still be
// unloaded: the cold start of an http-only process skips them), then — with process.getBuiltinModule
// removed, as on Node < 20.16 — sends over https, which loads node:https by the async import.
const LAZY_CHILD = `
const loaded = (m) => process.moduleLoadList.includes("NativeModule " + m);
const { EC2Client, CreateSnapshotCommand } = await import(process.env.PKG);
const atImport = { https: loaded("https"), child_process: loaded("child_process") };
const creds = { accessKeyId: "AKIDLAZY", secretAccessKey: "lazy-secret" };
const send = (endpoint, extra) => new EC2Client({ region: "us-east-1", endpoint, credentials: creds, maxAttempts: 1, ...extra })
  .send(new CreateSnapshotCommand({ VolumeId: "vol-1234567890abcdef0" })).then((o) => o.SnapshotId, (e) => e.name + ": " + e.message);
const overHttp = await send(process.env.HTTP);
const afterHttp = { https: loaded("https"), child_process: loaded("child_process") };
if (process.env.OLD_NODE) delete process.getBuiltinModule;
const overHttps = await send(process.env.HTTPS, { requestHandler: { httpsAgent: { ca: process.env.CA } } });
console.log(JSON.stringify({ atImport, afterHttp, overHttp, overHttps, httpsLoaded: loaded("https") }));
`;

test("node:https and node:child_process load only when needed; https works with and without process.getBuiltinModule", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "ec2-wasm-tls-"));
  let plain;
  let tls;
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    tls = await server({ tls: { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) } });
    plain = await server();
    for (const oldNode of [false, true]) {
      const env = { ...process.env, PKG: import.meta.resolve("ec2-wasm"), HTTP: plain.endpoint, HTTPS: tls.endpoint, CA: readFileSync(join(dir, "cert.pem"), "utf8"), OLD_NODE: oldNode ? "1" : "" };
      const child = spawn(process.execPath, ["--input-type=module", "-e", LAZY_CHILD], { env, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
      const [code] = await once(child, "exit");
      assert.equal(code, 0, out);
      const r = JSON.parse(out);
      assert.deepEqual(r.atImport, { https: false, child_process: false }, "loaded at import");
      assert.deepEqual(r.afterHttp, { https: false, child_process: false }, "loaded by an http send");
      assert.match(r.overHttp, /^snap-/);
      assert.match(r.overHttps, /^snap-/, `over https${oldNode ? " without process.getBuiltinModule" : ""}`);
      assert.equal(r.httpsLoaded, true);
      t.diagnostic(`${oldNode ? "without" : "with"} process.getBuiltinModule: ${JSON.stringify(r)}`);
    }
    assert.equal(tls.stats.requests, 2);
  } finally {
    await plain?.close();
    await tls?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a client-created agent takes the SDK's agent options (maxSockets) from httpAgent options", async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const s = await server({
    answer: async (req, res) => {
      await gate;
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(SAMPLE_OK);
    },
  });
  try {
    const c = client(wasm, s.endpoint, { requestHandler: { httpAgent: { maxSockets: 2 } } });
    const sends = Array.from({ length: 6 }, () => sendOne(c));
    await until(() => s.stats.connections >= 2, 500);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(s.stats.connections, 2, "at most 2 sockets");
    release();
    for (const r of await Promise.all(sends)) assert.equal(r.ok, true);
    assert.equal(s.stats.connections, 2);
    c.destroy();
  } finally {
    await s.close();
  }
});

test("the operation's body limit holds on every path: a 5 MiB DescribeSnapshots page is read (64 MiB limit), a 5 MiB CreateSnapshot answer is refused (4 MiB)", async () => {
  const { snapshotXml } = await import("../large/body.mjs");
  const items = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const x = snapshotXml(i);
    items.push(x);
    size += x.length;
  }
  const page = `<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotSet>${items.join("")}</snapshotSet></DescribeSnapshotsResponse>`;
  const s = await server({
    answer: (req, res) => {
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(page);
    },
  });
  try {
    const fetchHandler = new wasm.FetchHttpHandler();
    const paths = [
      ["node:http (default)", {}],
      ["FetchHttpHandler", { requestHandler: fetchHandler }],
      ["NodeHttpHandler", { requestHandler: new wasm.NodeHttpHandler() }],
      // A foreign handler (handle() only) wrapping this package's: the middleware path, which passes the limit on.
      ["handle() of a wrapper", { requestHandler: { handle: (request, options) => fetchHandler.handle(request, options) } }],
    ];
    for (const [label, extra] of paths) {
      const c = client(wasm, s.endpoint, { ...extra, maxAttempts: 1 });
      const listed = await settle(c.send(new wasm.DescribeSnapshotsCommand({})));
      assert.equal(listed.ok, true, `${label}: ${listed.error?.stack}`);
      assert.equal(listed.value.Snapshots.length, items.length, label);
      const created = await sendOne(c);
      assert.equal(created.error?.name, "DeserializationError", `${label}: ${created.error?.stack}`);
      assert.match(created.error.message, /exceeds the 4194304-byte limit/, label);
      c.destroy();
    }
  } finally {
    await s.close();
  }
});
