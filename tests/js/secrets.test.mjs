// Secret hygiene across every path a send can take: the secret access key and the session token must
// never appear in an error (message, stack, JSON, util.inspect, cause chain, $response), in anything a
// logger receives at any level, in anything printed to the console, in JSON.stringify(client), in
// util.inspect(client), or in client.config however it is enumerated (own keys, symbols, getters).
// They are only ever on the wire, in the headers SigV4 puts them in.
//
// Paths: success; 500 then 200; 503 throttling then 200; 400 service error; connection dropped on
// every attempt; requestTimeout as a warning and as an error; abort; custom middleware (the
// sign-in-JS path); credentials from a provider with expiry, from the environment; bad credentials;
// a session token that cannot be a header value (F1); a destroyed client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import util from "node:util";
import { startStub, SAMPLE_INVALID_VOLUME } from "./stub.mjs";
import { EC2Client, CreateSnapshotCommand } from "ec2-wasm";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYsecretMARKER";
const TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/session+tokenMARKER==";
const NEEDLES = [SECRET, TOKEN, encodeURIComponent(SECRET), encodeURIComponent(TOKEN), "secretMARKER", "tokenMARKER"];
const creds = { accessKeyId: "AKIDSECRETS", secretAccessKey: SECRET, sessionToken: TOKEN };
const THROTTLED = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;

/** Everything observed, with where it came from. */
const seen = [];
function record(where, value) {
  seen.push([where, value]);
}

/** Every string reachable from an error: message, stack, JSON, inspect (also hidden fields), causes. */
function recordError(where, err) {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const at = `${where}${".cause".repeat(depth)}`;
    record(`${at} String`, String(e));
    record(`${at} message`, e?.message);
    record(`${at} stack`, e?.stack);
    record(`${at} JSON`, safeJson(e));
    record(`${at} inspect`, util.inspect(e, { depth: null }));
    record(`${at} inspect(showHidden)`, util.inspect(e, { depth: 8, showHidden: true }));
    if (e?.$response) record(`${at} $response`, util.inspect(e.$response, { depth: null, showHidden: true }));
  }
}

function safeJson(v) {
  try {
    return JSON.stringify(v);
  } catch (e) {
    return `<JSON threw ${e.message}>`;
  }
}

/** Every own key (strings and symbols, enumerable or not) of config, recursively; getters read. */
function recordConfig(where, config) {
  const visit = (v, path, depth) => {
    if (depth > 6 || v === null || v === undefined) return;
    if (typeof v !== "object" && typeof v !== "function") {
      record(`${where}${path}`, String(v));
      return;
    }
    if (typeof v === "function") {
      record(`${where}${path} (function)`, `${v.name} ${Object.keys(v).join(",")}`);
    }
    for (const key of Reflect.ownKeys(v)) {
      if (typeof v === "function" && ["prototype", "caller", "arguments"].includes(key)) continue;
      let child;
      try {
        child = v[key];
      } catch (e) {
        child = `<getter threw ${e.message}>`;
      }
      visit(child, `${path}.${String(key)}`, depth + 1);
    }
  };
  visit(config, "", 0);
  for (const key in config) record(`${where} for..in ${key}`, String(config[key]));
}

function recordClient(where, client) {
  record(`${where} JSON.stringify(client)`, safeJson(client));
  record(`${where} JSON.stringify(client.config)`, safeJson(client.config));
  record(`${where} inspect(client)`, util.inspect(client, { depth: null }));
  record(`${where} String(client)`, String(client));
  recordConfig(`${where} client.config`, client.config);
}

function makeLogger(where) {
  const log = (level) => (...args) => record(`${where} logger.${level}`, args.map((a) => (typeof a === "string" ? a : util.inspect(a, { depth: null }))).join(" "));
  return { trace: log("trace"), debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

// Anything the package prints on its own (console, process warnings) is captured too.
const saved = {};
before(() => {
  for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
    saved[level] = console[level];
    console[level] = (...args) => record(`console.${level}`, util.format(...args));
  }
  saved.onWarning = (w) => record("process warning", `${w.name}: ${w.message}\n${w.stack}`);
  process.on("warning", saved.onWarning);
});
after(() => {
  for (const level of ["log", "info", "warn", "error", "debug", "trace"]) console[level] = saved[level];
  process.off("warning", saved.onWarning);
});

function assertClean(label) {
  const leaks = [];
  for (const [where, value] of seen) {
    if (typeof value !== "string") continue;
    for (const n of NEEDLES) if (value.includes(n)) leaks.push(`${where}: contains ${n === TOKEN || n.includes("token") ? "the session token" : "the secret"}`);
  }
  assert.deepEqual(leaks, [], `${label}: secrets leaked\n${leaks.join("\n")}`);
  assert.ok(seen.length > 0);
}

/** The request on the wire carries the token in its header, and nowhere else. */
function assertWire(stub) {
  for (const r of stub.requests) {
    assert.equal(r.headers["x-amz-security-token"], TOKEN);
    const rest = JSON.stringify({ ...r, headers: { ...r.headers, "x-amz-security-token": undefined } });
    for (const n of NEEDLES) assert.ok(!rest.includes(n), `request carries a secret outside x-amz-security-token: ${rest.slice(0, 300)}`);
  }
}

async function settle(p) {
  return p.then(
    (v) => ({ ok: true, v }),
    (e) => ({ ok: false, e }),
  );
}

test("success, retry (500 then 200), throttling, service error, dropped connection, timeouts, abort", async () => {
  let mode = "ok";
  let n = 0;
  const stub = await startStub(async () => {
    n++;
    switch (mode) {
      case "500-then-ok":
        return n % 2 === 1 ? { status: 500, body: "<Response><Errors><Error><Code>InternalError</Code><Message>boom</Message></Error></Errors></Response>" } : undefined;
      case "throttle-then-ok":
        return n % 2 === 1 ? { status: 503, body: THROTTLED } : undefined;
      case "400":
        return { status: 400, headers: { "x-amzn-requestid": "req-400" }, body: SAMPLE_INVALID_VOLUME };
      case "drop":
        return { destroy: true };
      case "slow":
        await new Promise((r) => setTimeout(r, 150));
        return undefined;
      case "hang":
        return { hang: true };
      default:
        return undefined;
    }
  });
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, logger: makeLogger("client") });
    const send = (extra) => client.send(new CreateSnapshotCommand({ VolumeId: "vol-1", Description: "secrets test" }), extra);
    const run = async (m, label, extra) => {
      mode = m;
      n = 0;
      const r = await settle(send(extra));
      if (r.ok) record(`${label} output`, util.inspect(r.v, { depth: null }));
      else recordError(label, r.e);
      recordClient(label, client);
      return r;
    };
    assert.ok((await run("ok", "success")).ok);
    assert.ok((await run("500-then-ok", "retry 500")).ok);
    assert.ok((await run("throttle-then-ok", "retry 503")).ok);
    assert.equal((await run("400", "service error")).e.name, "InvalidVolume.NotFound");
    assert.ok(!(await run("drop", "dropped connection")).ok);
    // requestTimeout as a warning (logged) and as an error.
    const warnClient = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, logger: makeLogger("warn-client"), requestTimeout: 20 });
    mode = "slow";
    const w = await settle(warnClient.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })));
    assert.ok(w.ok, "a requestTimeout without throwOnRequestTimeout only warns");
    assert.ok(seen.some(([where, v]) => where.startsWith("warn-client logger.warn") && /requestTimeout/.test(v)), "the warning was logged");
    recordClient("warn-client", warnClient);
    const throwClient = new EC2Client({
      region: "us-east-1",
      endpoint: stub.endpoint,
      credentials: creds,
      logger: makeLogger("throw-client"),
      maxAttempts: 2,
      requestHandler: { requestTimeout: 20, throwOnRequestTimeout: true },
    });
    mode = "hang";
    const t = await settle(throwClient.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })));
    assert.equal(t.e?.name, "TimeoutError");
    recordError("timeout error", t.e);
    recordClient("throw-client", throwClient);
    // Abort mid-flight.
    const ac = new AbortController();
    const pending = settle(client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }), { abortSignal: ac.signal }));
    setTimeout(() => ac.abort(new Error("user gave up")), 20);
    const a = await pending;
    assert.equal(a.e?.name, "AbortError");
    recordError("abort", a.e);
    assertWire(stub);
    assertClean("send paths");
  } finally {
    await stub.close();
  }
});

test("custom middleware (signing in the JS path) sees the token only in the request it is handed", async () => {
  const stub = await startStub((r, n) => (n === 1 ? { status: 500, body: "<Response/>" } : undefined));
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, logger: makeLogger("mw") });
    client.middlewareStack.add((next, context) => async (args) => {
      record("middleware context", util.inspect(Object.keys(context)));
      const out = await next(args);
      return out;
    }, { step: "finalizeRequest", name: "observer" });
    const out = await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
    record("mw output", util.inspect(out, { depth: null }));
    recordClient("mw", client);
    const bad = await settle(client.send(new CreateSnapshotCommand({ VolumeId: 7 })));
    recordError("mw validation", bad.e);
    assertWire(stub);
    assertClean("middleware path");
  } finally {
    await stub.close();
  }
});

test("credentials from a provider with expiry and from the environment", async () => {
  const stub = await startStub(() => undefined);
  const env = { ...process.env };
  try {
    let calls = 0;
    const provider = async () => {
      calls++;
      return { ...creds, expiration: new Date(Date.now() + 1000) }; // inside the refresh window: fetched every send
    };
    const a = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: provider, logger: makeLogger("provider") });
    await a.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
    await a.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
    assert.ok(calls >= 2);
    recordClient("provider", a);

    process.env.AWS_ACCESS_KEY_ID = creds.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    process.env.AWS_SESSION_TOKEN = TOKEN;
    const b = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, logger: makeLogger("env") });
    await b.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
    recordClient("env", b);
    b.destroy();
    recordError("destroyed", (await settle(b.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })))).e);
    recordClient("destroyed", b);
    assertWire(stub);
    assertClean("providers");
  } finally {
    for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
    await stub.close();
  }
});

test("malformed credentials are refused without quoting them", async () => {
  const stub = await startStub(() => undefined);
  try {
    const cases = [
      { accessKeyId: "AKID/with/slash", secretAccessKey: SECRET, sessionToken: TOKEN },
      { accessKeyId: "AKID", secretAccessKey: "", sessionToken: TOKEN },
      { accessKeyId: "", secretAccessKey: SECRET },
      { accessKeyId: "AKID", secretAccessKey: SECRET, sessionToken: 42 },
      { accessKeyId: "AKID", secretAccessKey: SECRET, sessionToken: `${TOKEN}\0` },
    ];
    for (const [i, c] of cases.entries()) {
      const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: c, logger: makeLogger(`bad ${i}`) });
      const r = await settle(client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })));
      assert.ok(!r.ok, `case ${i} must be refused`);
      recordError(`bad credentials ${i}`, r.e);
      recordClient(`bad credentials ${i}`, client);
    }
    assert.equal(stub.requests.length, 0);
    assertClean("malformed credentials");
  } finally {
    await stub.close();
  }
});

// F1: a session token with CR/LF is refused by the core with a clear ConfigurationError that does not
// quote it. Before the fix it reached fetch, whose TypeError ("Headers.append: "<the token>" is an
// invalid header value.") carried the whole token, after being retried as a network failure.
test("F1: a session token that is not a valid header value never shows up in the error", async () => {
  const stub = await startStub(() => undefined);
  try {
    const attempts = [];
    for (const token of [`${TOKEN}\r\nX-Evil: 1`, `${TOKEN}\n`, `x\n${TOKEN}`]) {
      const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: { ...creds, sessionToken: token } });
      const r = await settle(client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })));
      if (r.ok) continue; // a fix may also strip surrounding whitespace, as fetch does
      recordError("F1 token", r.e);
      attempts.push(r.e.$metadata?.attempts);
    }
    assert.equal(stub.requests.filter((r) => /X-Evil/i.test(JSON.stringify(r.headers))).length, 0);
    assertClean("F1");
    assert.ok(!attempts.includes(3), "a bad credential is not retried as a transient network error");
  } finally {
    await stub.close();
  }
});

// F9: util.inspect(client, { showHidden: true }) reaches the credentials through the non-enumerable
// `_state.credsRef`; @aws-sdk/client-ec2 shows neither the secret nor the token there.
test("F9: even util.inspect with showHidden does not reach the credentials", async () => {
  const stub = await startStub(() => undefined);
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" }));
    const s = util.inspect(client, { showHidden: true, depth: null });
    for (const n of [SECRET, TOKEN]) assert.ok(!s.includes(n), "util.inspect(client, { showHidden: true }) shows a secret");
  } finally {
    await stub.close();
  }
});
