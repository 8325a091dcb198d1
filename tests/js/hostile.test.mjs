// Hostile input on the wire, through the built package: values that try to split headers, inputs far
// larger than EC2 allows, configuration that tries to send the signed request elsewhere, and servers
// that answer with huge, nested, DTD-laden, non-UTF-8 or dishonest (Content-Length) responses.
// Every case must end in a correct request or a clear error, in bounded memory and time; tests named
// "Fn" are regressions for findings of the hardening pass and fail until the fix they name lands.
//
// Stubs: tests/js/stub.mjs (a real HTTP server) and, for responses no HTTP library would write, a raw
// TCP server below that writes exactly the bytes a case needs.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { startStub, SAMPLE_OK } from "./stub.mjs";
import { verifySignature } from "../diff/lib/sigv4-check.mjs";
import { instrument } from "../../scripts/soak.mjs";

// Before the package loads: lets the tests read the wasm instance's memory size.
const probe = instrument(globalThis);
const { EC2Client, CreateSnapshotCommand, FetchHttpHandler } = await import("ec2-wasm");

const SECRET = "hostile-test-secret-key";
const creds = { accessKeyId: "AKIDHOSTILE", secretAccessKey: SECRET };
const secretFor = (id) => (id === creds.accessKeyId ? SECRET : undefined);
const MiB = 1024 * 1024;
const CAP = 4 * MiB; // MAX_BODY_BYTES in pkg/src/contract.generated.mjs (src/wire/contract.rs)

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

function memory() {
  gc();
  gc();
  return process.memoryUsage();
}

async function settle(p) {
  const start = performance.now();
  return p.then(
    (v) => ({ ok: true, v, ms: performance.now() - start }),
    (e) => ({ ok: false, e, ms: performance.now() - start }),
  );
}

function client(endpoint, extra = {}) {
  return new EC2Client({ region: "us-east-1", endpoint, credentials: creds, maxAttempts: 1, ...extra });
}

/**
 * A raw HTTP/1.1 server: reads one request (head + Content-Length body), then `respond(socket, req)`
 * writes whatever bytes it wants. Returns { endpoint, requests, stats: { bytesSent, closed }, close }.
 */
async function startRawServer(respond) {
  const requests = [];
  const sockets = new Set();
  const stats = { bytesSent: 0, closedAt: null };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      stats.closedAt ??= stats.bytesSent;
    });
    socket.on("error", () => {});
    let buf = Buffer.alloc(0);
    let done = false;
    socket.on("data", (chunk) => {
      if (done) return;
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buf.subarray(0, end).toString("latin1");
      const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buf.length < end + 4 + len) return;
      done = true;
      const req = { head, body: buf.subarray(end + 4, end + 4 + len).toString("utf8") };
      requests.push(req);
      const write = (data) =>
        new Promise((resolve) => {
          if (socket.destroyed) return resolve(false);
          stats.bytesSent += data.length;
          if (socket.write(data)) resolve(true);
          else {
            const onDrain = () => {
              socket.off("close", onClose);
              resolve(true);
            };
            const onClose = () => {
              socket.off("drain", onDrain);
              resolve(false);
            };
            socket.once("drain", onDrain);
            socket.once("close", onClose);
          }
        });
      Promise.resolve(respond({ socket, write }, req)).catch(() => socket.destroy());
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    requests,
    stats,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      }),
  };
}

const head = (status, headers) =>
  `HTTP/1.1 ${status} X\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;

// ---------------------------------------------------------------------------------------------
// Input

test("CR/LF/NUL in Description and tags are percent-encoded in the body, never a header", async () => {
  const stub = await startStub(() => undefined);
  try {
    const evil = "x\r\nX-Injected: 1\r\n\r\nPOST /evil HTTP/1.1\r\nHost: evil.com\r\n\r\n\0";
    const input = {
      VolumeId: "vol-1",
      Description: evil,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: evil, Value: `${evil}\n` }, { Key: "\r", Value: "\0" }] }],
    };
    const out = await client(stub.endpoint).send(new CreateSnapshotCommand(input));
    assert.equal(out.SnapshotId, "snap-066877671789bd71b");
    assert.equal(stub.requests.length, 1, "exactly one request: nothing was smuggled");
    const [r] = stub.requests;
    assert.equal(r.url, "/");
    for (const [name, value] of Object.entries(r.headers)) {
      assert.ok(!/injected|evil/i.test(name + value), `header ${name}: ${value}`);
    }
    assert.match(r.body, /^[A-Za-z0-9\-_.~%&=]+$/, "the body is pure form encoding");
    const form = new URLSearchParams(r.body);
    assert.equal(form.get("Description"), evil);
    assert.equal(form.get("TagSpecification.1.Tag.1.Key"), evil);
    assert.equal(form.get("TagSpecification.1.Tag.1.Value"), `${evil}\n`);
    assert.equal(form.get("TagSpecification.1.Tag.2.Key"), "\r");
    assert.equal(form.get("TagSpecification.1.Tag.2.Value"), "\0");
    const v = verifySignature(r, secretFor);
    assert.ok(v.ok, v.problems.join("\n"));
  } finally {
    await stub.close();
  }
});

test("a 1 MB Description and 10,000 tags: a correct, signed request in bounded memory", async (t) => {
  const stub = await startStub(() => undefined);
  try {
    const description = "é\r\n".repeat(MiB / 4); // 1 MiB of UTF-8, each byte percent-encoded
    const tags = Array.from({ length: 10_000 }, (_, i) => ({ Key: `key ${i}`, Value: `value/${i}` }));
    const c = client(stub.endpoint);
    await c.send(new CreateSnapshotCommand({ VolumeId: "vol-warm" }));
    const before = memory();
    const r = await settle(c.send(new CreateSnapshotCommand({ VolumeId: "vol-1", Description: description, TagSpecifications: [{ ResourceType: "snapshot", Tags: tags }] })));
    const afterSend = process.memoryUsage();
    assert.ok(r.ok, r.e?.stack);
    const req = stub.requests.at(-1);
    t.diagnostic(`body ${req.body.length} bytes sent in ${r.ms.toFixed(0)} ms; RSS +${((afterSend.rss - before.rss) / MiB).toFixed(1)} MiB, heap +${((afterSend.heapUsed - before.heapUsed) / MiB).toFixed(1)} MiB`);
    assert.equal(Number(req.headers["content-length"]), Buffer.byteLength(req.body));
    const form = new URLSearchParams(req.body);
    assert.equal(form.get("Description"), description);
    assert.equal(form.get("TagSpecification.1.Tag.10000.Key"), "key 9999");
    assert.equal(form.get("TagSpecification.1.Tag.10000.Value"), "value/9999");
    assert.equal([...form.keys()].length, 3 + 1 + 1 + 20_000);
    const v = verifySignature(req, secretFor);
    assert.ok(v.ok, v.problems.join("\n"));
    // The body is ~4.7 MB; input, body, wasm copies and the stub's copy stay well within this.
    assert.ok(afterSend.rss - before.rss < 256 * MiB, `RSS grew ${afterSend.rss - before.rss}`);
    const settled = memory();
    assert.ok(settled.heapUsed - before.heapUsed < 32 * MiB, `heap kept ${settled.heapUsed - before.heapUsed} bytes`);
  } finally {
    await stub.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Where the request goes

/** Replaces the global fetch for one block, recording every URL and answering with SAMPLE_OK. */
async function withFetchSpy(fn) {
  const real = globalThis.fetch;
  const urls = [];
  globalThis.fetch = async (url, init) => {
    urls.push(String(url));
    void init;
    return new Response(SAMPLE_OK, { status: 200 });
  };
  try {
    await fn(urls);
  } finally {
    globalThis.fetch = real;
  }
}

test("a region cannot redirect the signed request; resolved endpoints are always https", async () => {
  // The URL comes from the core, whatever the transport; the fetch transport (FetchHttpHandler) is the
  // one a spy can see without a network. The refusals happen before any transport, on both.
  await withFetchSpy(async (urls) => {
    for (const region of ["us-east-1.evil.com", "evil.com#", "evil.com/", "user@evil.com", "us-east-1:443", "us-east-1\r\nx", "us-east-1 ", "ｕｓ-east-1"]) {
      for (const requestHandler of [undefined, new FetchHttpHandler()]) {
        const r = await settle(new EC2Client({ region, credentials: creds, requestHandler }).send(new CreateSnapshotCommand({ VolumeId: "v" })));
        assert.equal(r.e?.name, "ConfigurationError", `${JSON.stringify(region)}: ${r.e?.message}`);
      }
    }
    assert.deepEqual(urls, [], "nothing was fetched");
    // tls: false does not turn a resolved endpoint into http (only an explicit custom endpoint can).
    for (const [region, extra] of [
      ["us-east-1", {}],
      ["us-east-1", { tls: false }],
      ["eu-west-1", { useFipsEndpoint: true }],
      ["cn-north-1", { useDualstackEndpoint: true }],
    ]) {
      await new EC2Client({ region, credentials: creds, requestHandler: new FetchHttpHandler(), ...extra }).send(new CreateSnapshotCommand({ VolumeId: "v" }));
    }
    assert.deepEqual(urls, [
      "https://ec2.us-east-1.amazonaws.com/",
      "https://ec2.us-east-1.amazonaws.com/",
      "https://ec2-fips.eu-west-1.amazonaws.com/",
      "https://ec2.cn-north-1.api.amazonwebservices.com.cn/",
    ]);
  });
});

test("a custom endpoint cannot hide its real host; http only when given explicitly", async () => {
  const stub = await startStub(() => undefined);
  const port = new URL(stub.endpoint).port;
  try {
    for (const endpoint of [
      `http://ec2.us-east-1.amazonaws.com@127.0.0.1:${port}`,
      `http://user:password@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}\\@evil.com`,
      `http://127.0.0.1:${port}#@evil.com`,
      `http://127.0.0.1:${port}?@evil.com`,
      `http://127.0.0.1%3A${port}`,
      `http://127.0.0.1\t:${port}`,
      `//127.0.0.1:${port}`,
      `javascript:fetch("http://127.0.0.1:${port}")`,
      { protocol: "http:", hostname: `evil.com@127.0.0.1`, port, path: "/" },
      { protocol: "http:", hostname: `127.0.0.1:${port}/x?`, path: "/" },
      { url: new URL(`http://user:password@127.0.0.1:${port}/`) },
    ]) {
      const r = await settle(client(endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" })));
      assert.ok(!r.ok, `${JSON.stringify(endpoint)} was accepted`);
      assert.equal(r.e.name, "ConfigurationError", `${JSON.stringify(endpoint)}: ${r.e.name}: ${r.e.message}`);
      assert.ok(!r.e.message.includes("password"), `the error quotes the endpoint: ${r.e.message}`);
    }
    assert.equal(stub.requests.length, 0, "nothing reached the server");
    // The SDK's rule, kept: an explicit http:// endpoint (an emulator on loopback) is used as given.
    const out = await client(stub.endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(stub.requests.length, 1);
  } finally {
    await stub.close();
  }
});

test("a redirect from the server is never followed with the signed request", async () => {
  const evil = await startStub(() => undefined);
  let status = 301;
  const stub = await startStub(() => ({ status, headers: { location: `${evil.endpoint}/steal` }, body: "" }));
  try {
    for (status of [301, 302, 303, 307, 308]) {
      const c = new EC2Client({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
      const r = await settle(c.send(new CreateSnapshotCommand({ VolumeId: "v" })));
      assert.ok(!r.ok, `a ${status} redirect is not a success`);
      assert.equal(r.e.$metadata?.httpStatusCode, status);
    }
    assert.equal(evil.requests.length, 0, "the redirect target received the signed request");
  } finally {
    await stub.close();
    await evil.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Responses

test("a 100 MB response is refused at the cap, quickly, without reading it", async (t) => {
  // (a) declared up front; (b) chunked, with no length; (c) the same as an error response.
  for (const [label, status, declare] of [
    ["declared Content-Length", 200, true],
    ["chunked, no length", 200, false],
    ["chunked 500 error body", 500, false],
  ]) {
    const server = await startRawServer(async ({ write }) => {
      const total = 100 * 1000 * 1000;
      const chunk = Buffer.alloc(64 * 1024, "x");
      if (declare) {
        if (!(await write(head(status, { "content-length": total })))) return;
        for (let sent = 0; sent < total; sent += chunk.length) if (!(await write(chunk))) return;
      } else {
        if (!(await write(head(status, { "transfer-encoding": "chunked" })))) return;
        if (!(await write(`5\r\n<a>\r\n\r\n`))) return;
        for (let sent = 0; sent < total; sent += chunk.length) {
          if (!(await write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])))) return;
        }
      }
    });
    try {
      const before = memory();
      const r = await settle(client(server.endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" })));
      const after = process.memoryUsage();
      t.diagnostic(`${label}: ${r.e?.name} after ${r.ms.toFixed(0)} ms; server wrote ${(server.stats.bytesSent / MiB).toFixed(1)} MiB; RSS +${((after.rss - before.rss) / MiB).toFixed(1)} MiB`);
      assert.ok(!r.ok);
      assert.equal(r.e.name, "DeserializationError", r.e.message);
      assert.match(r.e.message, /exceeds the 4194304-byte limit/);
      // The socket is released: the server cannot push the whole 100 MB.
      await new Promise((res) => setTimeout(res, 100));
      assert.ok(server.stats.bytesSent < 32 * MiB, `server wrote ${server.stats.bytesSent} bytes`);
      assert.ok(after.rss - before.rss < 96 * MiB, `RSS grew ${after.rss - before.rss} bytes`);
    } finally {
      await server.close();
    }
  }
});

test("nested, DOCTYPE/entity and non-UTF-8 responses end in DeserializationError, success or error status", async () => {
  let body = "";
  let status = 200;
  const stub = await startStub(() => ({ status, body }));
  try {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ""};`.repeat(10)}">`).join("") +
      "]><CreateSnapshotResponse><description>&lol9;</description></CreateSnapshotResponse>";
    const cases = [
      ["nested", "<a>".repeat(CAP / 3 - 10), /nested deeper than 64/],
      ["nested siblings", `<r>${"<i>".repeat(60)}${"<x/>".repeat(200_000)}`, /more than|nested deeper|never closed/],
      ["billion laughs", laughs, /DOCTYPE/],
      ["external entity", '<!DOCTYPE r SYSTEM "file:///etc/passwd"><r>&xxe;</r>', /DOCTYPE/],
      ["undeclared entity", "<CreateSnapshotResponse><description>&lol9;</description></CreateSnapshotResponse>", /unknown entity/],
      ["latin-1", Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><CreateSnapshotResponse><description>caf\xe9</description></CreateSnapshotResponse>', "latin1"), /UTF-8/],
      ["UTF-16", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<Response/>", "utf16le")]), /UTF-8/],
    ];
    for (const s of [200, 400, 503]) {
      status = s;
      for (const [label, b, re] of cases) {
        body = b;
        const r = await settle(client(stub.endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" })));
        assert.ok(!r.ok, `${label} (${s}) was accepted`);
        assert.equal(r.e.name, "DeserializationError", `${label} (${s}): ${r.e.name}: ${r.e.message}`);
        assert.match(r.e.message, re, `${label} (${s})`);
        assert.ok(r.e.message.length < 1024, `${label} (${s}): message of ${r.e.message.length} chars`);
        assert.equal(r.e.$metadata.httpStatusCode, s);
      }
    }
  } finally {
    await stub.close();
  }
});

test("hostile responses at the size cap leave wasm memory bounded, and repeating them does not grow it", async (t) => {
  let body = "";
  let status = 200;
  const stub = await startStub(() => ({ status, body }));
  try {
    const near = CAP - 1024;
    const shapes = [
      ["one 4 MiB text", 200, `<CreateSnapshotResponse><description>${"x".repeat(near - 80)}</description></CreateSnapshotResponse>`],
      ["100,000 empty elements", 200, `<CreateSnapshotResponse><tagSet>${"<item/>".repeat(99_990)}</tagSet></CreateSnapshotResponse>`],
      ["100,000 error fields", 400, `<Response><Errors><Error><Code>X</Code>${"<f>v</f>".repeat(99_990)}</Error></Errors></Response>`],
      ["too many elements", 200, `<r>${"<x/>".repeat(Math.floor(near / 4) - 2)}</r>`],
      ["4 MiB of entities", 200, `<r>${"&amp;".repeat(Math.floor(near / 5) - 2)}</r>`],
    ];
    const sizes = [];
    for (let round = 0; round < 3; round++) {
      for (const [label, s, b] of shapes) {
        status = s;
        body = b;
        const r = await settle(client(stub.endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" })));
        assert.ok(r.ok || r.e.name !== "InternalError", `${label}: ${r.e?.message}`);
        sizes.push([round, label, probe.wasmMemoryBytes()]);
      }
    }
    for (const [round, label, b] of sizes) t.diagnostic(`round ${round} ${label}: wasm memory ${(b / MiB).toFixed(1)} MiB`);
    const afterFirst = sizes.filter(([round]) => round === 0).at(-1)[2];
    const last = sizes.at(-1)[2];
    assert.ok(last <= 64 * MiB, `wasm memory reached ${last} bytes`);
    assert.equal(last, afterFirst, "repeating the same responses grew wasm memory again");
  } finally {
    await stub.close();
  }
});

test("a Content-Length that lies ends in a clear error, never a hang", { timeout: 60_000 }, async (t) => {
  const ok = Buffer.from(SAMPLE_OK);
  const cases = [
    // [label, what the server writes then does, expected error name]
    ["longer than the body, then close", async ({ write, socket }) => {
      await write(head(200, { "content-length": ok.length + 500 }));
      await write(ok);
      socket.end();
    }],
    ["shorter than the body", async ({ write, socket }) => {
      await write(head(200, { "content-length": 40 }));
      await write(ok);
      socket.end();
    }],
    ["not a number", async ({ write, socket }) => {
      await write(head(200, { "content-length": "12abc" }));
      await write(ok);
      socket.end();
    }],
    ["negative", async ({ write, socket }) => {
      await write(head(200, { "content-length": "-1" }));
      await write(ok);
      socket.end();
    }],
    ["two different lengths", async ({ write, socket }) => {
      await write(`HTTP/1.1 200 X\r\ncontent-length: 10\r\ncontent-length: ${ok.length}\r\n\r\n`);
      await write(ok);
      socket.end();
    }],
    ["Content-Length with chunked (smuggling)", async ({ write, socket }) => {
      await write(head(200, { "content-length": 5, "transfer-encoding": "chunked" }));
      await write(`${ok.length.toString(16)}\r\n`);
      await write(ok);
      await write("\r\n0\r\n\r\n");
      socket.end();
    }],
  ];
  for (const [label, respond] of cases) {
    const server = await startRawServer(respond);
    try {
      const r = await settle(client(server.endpoint, { maxAttempts: 2 }).send(new CreateSnapshotCommand({ VolumeId: "v" })));
      t.diagnostic(`${label}: ${r.ok ? "ok" : `${r.e.name}: ${r.e.message.split("\n")[0]}`} in ${r.ms.toFixed(0)} ms`);
      assert.ok(!r.ok, `${label}: a dishonest response was accepted`);
      assert.ok(r.e.message.length > 0 && r.e.message.length < 2048, label);
      assert.ok(["DeserializationError", "TimeoutError", "Error", "TypeError"].includes(r.e.name), `${label}: ${r.e.name}`);
    } finally {
      await server.close();
    }
  }
});

test("an abort ends a response whose body stalls after the headers", { timeout: 30_000 }, async () => {
  const ok = Buffer.from(SAMPLE_OK);
  const server = await startRawServer(async ({ write }) => {
    await write(head(200, { "content-length": ok.length + 500 }));
    await write(ok); // then nothing more, connection left open
  });
  try {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await settle(client(server.endpoint).send(new CreateSnapshotCommand({ VolumeId: "v" }), { abortSignal: ac.signal }));
    assert.equal(r.e?.name, "AbortError");
    assert.ok(r.ms < 10_000);
  } finally {
    await server.close();
  }
});

// F8: requestTimeout (throwOnRequestTimeout) stops at the response headers, as in the SDK, so a server
// that sends headers and then stalls the body (a Content-Length it never honours) holds the send
// forever. Either fix passes: the SDK's requestHandler `socketTimeout` (an idle timer while the body is
// read, here 300 ms) or a requestTimeout that also covers the body; the send ends in TimeoutError.
test("F8: requestTimeout with throwOnRequestTimeout also bounds a stalled body", { timeout: 30_000 }, async () => {
  const ok = Buffer.from(SAMPLE_OK);
  const server = await startRawServer(async ({ write }) => {
    await write(head(200, { "content-length": ok.length + 500 }));
    await write(ok);
  });
  try {
    const c = client(server.endpoint, { requestHandler: { requestTimeout: 300, socketTimeout: 300, throwOnRequestTimeout: true } });
    const guard = new Promise((resolve) => setTimeout(() => resolve({ ok: false, e: { name: "StillPending" }, ms: 10_000 }), 10_000));
    const r = await Promise.race([settle(c.send(new CreateSnapshotCommand({ VolumeId: "v" }))), guard]);
    assert.equal(r.e?.name, "TimeoutError", `the send was still pending after ${r.ms} ms`);
  } finally {
    await server.close();
  }
});
