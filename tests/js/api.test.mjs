// The package's API surface in Node: config, validation before any request, middleware, credentials,
// errors, abort, and secret hygiene. Imports the built package (make pkg) through its exports map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startStub, SAMPLE_INVALID_VOLUME } from "./stub.mjs";
import { EC2Client, CreateSnapshotCommand, EC2ServiceException } from "ec2-wasm";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY-secret-marker";
const TOKEN = "session-token-marker-0123456789";
const creds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN };

test("bad input rejects before any request, naming the field", async () => {
  const stub = await startStub(() => undefined);
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const cases = [
      [{}, /VolumeId: is required/, "VolumeId"],
      [{ VolumeId: 7 }, /VolumeId: must be a string, got number/, "VolumeId"],
      [{ VolumeId: "v", Description: {} }, /Description: must be a string, got object/, "Description"],
      [{ VolumeId: "v", Location: "mars" }, /Location: "mars" is not one of/, "Location"],
      [{ VolumeId: "v", DryRun: "yes" }, /DryRun: must be a boolean, got string/, "DryRun"],
      [{ VolumeId: "v", TagSpecifications: {} }, /TagSpecifications: must be an array/, "TagSpecifications"],
      [
        { VolumeId: "v", TagSpecifications: [{ Tags: [{ Key: "k", Value: 1 }] }] },
        /TagSpecifications\[0\]\.Tags\[0\]\.Value: must be a string, got number/,
        "TagSpecifications[0].Tags[0].Value",
      ],
      [{ VolumeId: "v", Description: "\ud800" }, /Description: must be well-formed Unicode/, "Description"],
      [undefined, /VolumeId: is required/, "VolumeId"],
      ["vol-1", /input: must be an object, got string/, "input"],
      [
        { VolumeId: "v", TagSpecifications: [{ Tags: [{ Key: "k", Value: NaN }] }] },
        /TagSpecifications\[0\]\.Tags\[0\]\.Value: must be a finite number, got NaN/,
        "TagSpecifications[0].Tags[0].Value",
      ],
    ];
    for (const [input, re, field] of cases) {
      await assert.rejects(client.send(new CreateSnapshotCommand(input)), (e) => {
        assert.equal(e.name, "ValidationError");
        assert.match(e.message, re);
        // The field path is data on the error, not only words in its message.
        assert.equal(e.field, field);
        return true;
      });
    }
    assert.equal(stub.requests.length, 0, "no request may be sent for bad input");
  } finally {
    await stub.close();
  }
});

test("missing region is a clear error; unknown config values are rejected", async () => {
  const client = new EC2Client({ credentials: creds });
  const saved = process.env.AWS_REGION;
  delete process.env.AWS_REGION;
  try {
    await assert.rejects(new EC2Client({ credentials: creds }).send(new CreateSnapshotCommand({ VolumeId: "v" })), /Region is missing/);
  } finally {
    if (saved !== undefined) process.env.AWS_REGION = saved;
  }
  void client;
  await assert.rejects(
    new EC2Client({ region: "us-east-1.evil.com", credentials: creds }).send(new CreateSnapshotCommand({ VolumeId: "v" })),
    /not a valid host label/,
  );
  await assert.rejects(
    new EC2Client({ region: "us-east-1", credentials: creds, maxAttempts: 0 }).send(new CreateSnapshotCommand({ VolumeId: "v" })),
    /maxAttempts/,
  );
});

test("service errors are EC2ServiceException with the SDK's fields", async () => {
  const stub = await startStub(() => ({ status: 400, headers: { "x-amzn-requestid": "req-1" }, body: SAMPLE_INVALID_VOLUME }));
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const err = await client.send(new CreateSnapshotCommand({ VolumeId: "vol-1" })).then(() => null, (e) => e);
    assert.ok(err instanceof EC2ServiceException);
    assert.equal(err.name, "InvalidVolume.NotFound");
    assert.equal(err.Code, "InvalidVolume.NotFound");
    assert.equal(err.$fault, "client");
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.$metadata.requestId, "req-1");
    assert.equal(err.$metadata.attempts, 1);
    assert.deepEqual(Object.keys(err), ["$fault", "$retryable", "$metadata", "name", "Code", "message", "Error"]);
    assert.equal(stub.requests.length, 1, "4xx is not retried");
  } finally {
    await stub.close();
  }
});

test("middleware: add, addRelativeTo, remove, clone, use and the request it sees", async () => {
  const stub = await startStub(() => undefined);
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const seen = [];
    const cmd = new CreateSnapshotCommand({ VolumeId: "vol-1" });
    cmd.middlewareStack.add((next) => async (args) => {
      args.request.headers["x-team"] = "storage";
      return next(args);
    }, { step: "build", name: "teamHeader" });
    cmd.middlewareStack.addRelativeTo((next) => async (args) => {
      seen.push({ ...args.request.headers });
      return next(args);
    }, { relation: "after", toMiddleware: "httpSigningMiddleware", name: "spy" });
    cmd.middlewareStack.use({ applyToStack: (s) => s.add((next) => (args) => next(args), { name: "plugin", step: "initialize" }) });
    assert.throws(() => cmd.middlewareStack.add((n) => n, { name: "teamHeader" }), /Duplicate middleware name/);
    const cloned = cmd.middlewareStack.clone();
    assert.equal(cloned.remove("plugin"), true);
    assert.ok(cmd.middlewareStack.identify().some((s) => s.startsWith("plugin")));
    const out = await client.send(cmd);
    assert.equal(out.SnapshotId, "snap-066877671789bd71b");
    assert.equal(seen.length, 1);
    assert.match(seen[0].authorization, /SignedHeaders=[^,]*x-team/);
    assert.equal(stub.requests[0].headers["x-team"], "storage");
    assert.equal(stub.requests[0].headers["amz-sdk-request"], "attempt=1; max=3");
  } finally {
    await stub.close();
  }
});

test("middleware: a request body changed to a non-string is refused naming it, and nothing is sent", async () => {
  const stub = await startStub(() => undefined);
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    for (const [name, change] of [
      ["body", (r) => (r.body = new TextEncoder().encode("Action=CreateSnapshot"))],
      ["method", (r) => (r.method = 7)],
    ]) {
      const cmd = new CreateSnapshotCommand({ VolumeId: "vol-1" });
      cmd.middlewareStack.add((next) => async (args) => {
        change(args.request);
        return next(args);
      }, { step: "build", name: "change" });
      await assert.rejects(client.send(cmd), (e) => {
        assert.equal(e.name, "ValidationError");
        assert.equal(e.field, `request.${name}`);
        assert.match(e.message, new RegExp(`^request\\.${name}: must be a string to be signed, got (object|number)$`));
        return true;
      });
    }
    assert.equal(stub.requests.length, 0);
    // A string body changed by middleware is signed and sent as changed.
    const cmd = new CreateSnapshotCommand({ VolumeId: "vol-1" });
    cmd.middlewareStack.add((next) => async (args) => {
      args.request.body += "&Description=changed";
      return next(args);
    }, { step: "build", name: "change" });
    assert.equal((await client.send(cmd)).SnapshotId, "snap-066877671789bd71b");
    assert.match(stub.requests[0].body, /&Description=changed$/);
  } finally {
    await stub.close();
  }
});

test("credential providers: cached, refreshed before expiration, one refresh for concurrent sends", async () => {
  const stub = await startStub(() => undefined);
  try {
    let calls = 0;
    const provider = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return { ...creds, expiration: new Date(Date.now() + (calls === 1 ? 60_000 : 3_600_000)) };
    };
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: provider });
    await Promise.all(Array.from({ length: 5 }, () => client.send(new CreateSnapshotCommand({ VolumeId: "v" }))));
    assert.equal(calls, 1, "concurrent sends share one provider call");
    // The first credentials expire within 5 minutes: the next send refreshes once.
    await Promise.all(Array.from({ length: 3 }, () => client.send(new CreateSnapshotCommand({ VolumeId: "v" }))));
    assert.equal(calls, 2);
    await client.send(new CreateSnapshotCommand({ VolumeId: "v" }));
    assert.equal(calls, 2, "fresh credentials are cached");
    const failing = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: async () => { throw new Error("vault is sealed"); } });
    await assert.rejects(failing.send(new CreateSnapshotCommand({ VolumeId: "v" })), (e) => e.message === "vault is sealed");
  } finally {
    await stub.close();
  }
});

test("abort before and during a request rejects with AbortError and sends nothing more", async () => {
  const stub = await startStub(() => ({ hang: true }));
  try {
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(client.send(new CreateSnapshotCommand({ VolumeId: "v" }), { abortSignal: ac.signal }), { name: "AbortError" });
    assert.equal(stub.requests.length, 0);
    const ac2 = new AbortController();
    const p = client.send(new CreateSnapshotCommand({ VolumeId: "v" }), { abortSignal: ac2.signal });
    // abort once the stub holds the request (a fixed delay could fire before it arrives on a busy machine)
    for (let i = 0; i < 500 && stub.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(stub.requests.length, 1, "the request reached the stub");
    ac2.abort();
    await assert.rejects(p, { name: "AbortError" });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(stub.requests.length, 1, "nothing was sent after the abort");
  } finally {
    await stub.close();
  }
});

test("secrets never appear in JSON.stringify(client), config enumeration, errors or logs", async () => {
  const stub = await startStub((r, n) => (n === 1 ? { status: 400, body: SAMPLE_INVALID_VOLUME } : undefined));
  try {
    const logs = [];
    const logger = { debug: (...a) => logs.push(a), info: (...a) => logs.push(a), warn: (...a) => logs.push(a), error: (...a) => logs.push(a) };
    const client = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds, logger });
    const err = await client.send(new CreateSnapshotCommand({ VolumeId: "v" })).catch((e) => e);
    await client.send(new CreateSnapshotCommand({ VolumeId: "v" }));
    const dump = [
      JSON.stringify(client),
      JSON.stringify(client.config),
      Object.keys(client.config).map((k) => `${k}=${String(client.config[k])}`).join("\n"),
      String(err),
      JSON.stringify(err),
      err.stack,
      JSON.stringify(logs),
    ].join("\n");
    assert.ok(!dump.includes(SECRET), "secret access key leaked");
    assert.ok(!dump.includes(TOKEN), "session token leaked");
    assert.equal(await client.config.region(), "us-east-1");
  } finally {
    await stub.close();
  }
});

test("getEndpointParameterInstructions matches the SDK", () => {
  assert.deepEqual(CreateSnapshotCommand.getEndpointParameterInstructions(), {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
  });
  const cmd = new CreateSnapshotCommand({ VolumeId: "v" });
  assert.throws(() => {
    "use strict";
    cmd.input = {};
  }, TypeError);
});
