// The fault-injection stub: a separate Node process (started by tests/faults/lib.mjs, stopped by PID).
//
// A control server on 127.0.0.1 (free port, printed as `{"control":<port>}` on stdout) creates
// sessions. Each session is its own HTTP server on its own free port, so the SDK and ec2-wasm can run
// the same scenario at the same time without sharing connections or state.
//
//   POST /session   body {script?, repeat?, skewMs?, bucket?: {capacity, perSecond}}  -> {id, port}
//   GET  /log/<id>  -> {requests: [{t, sdkRequest, xAmzDate, invocationId, status|fault}], ...}
//   POST /close/<id>
//
// `script[i]` answers the i-th request of the session (the last entry repeats when `repeat` is true,
// else requests past the end get 200). An entry is one of:
//   {status, code?, message?, headers?, body?}  an error (EC2 XML from code) or, with status 200, the
//                                               CreateSnapshot sample; `body` overrides
//   {drop: "before"}                            the socket is destroyed before any response byte
//   {drop: "mid"}                               200 with a content-length, half the body, then destroyed
//   {drop: "mid", chunked: true}                the same without a content-length (chunked, cut short)
//   {hangMs, then}                              answer `then` after hangMs (if the socket still lives)
//   {trickle: {pieces, everyMs}, status?}       the answer's body in `pieces` writes, `everyMs` apart
//   {stallMs, status?}                          half the body, nothing for stallMs, then the rest
//   {oversize: bytes, chunked?}                 200 with a body of `bytes` bytes (declared unless chunked)
// `skewMs` shifts every `Date` header the session sends (the server's clock is off by that much).
// `bucket` replaces the script with EC2's throttling: a token bucket of `capacity` refilled at
// `perSecond`; a request finding it empty gets 503 RequestLimitExceeded.
import http from "node:http";
import { readFileSync } from "node:fs";

const OK_BODY = readFileSync(new URL("../vectors/model/samples/create-snapshot-response.xml", import.meta.url), "utf8");
const errorBody = (code, message) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-stub-request</RequestID></Response>`;

const sessions = new Map();
let nextId = 1;

function bucketAnswer(s) {
  const b = s.bucket;
  const now = performance.now();
  b.tokens = Math.min(b.capacity, b.tokens + ((now - b.last) / 1000) * b.perSecond);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { status: 200 };
  }
  return { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded." };
}

function answer(s, entry, req, res, record) {
  if (entry.hangMs !== undefined) {
    record.hung = entry.hangMs;
    const t = setTimeout(() => {
      if (!req.socket.destroyed) answer(s, entry.then ?? { status: 200 }, req, res, record);
    }, entry.hangMs);
    req.socket.once("close", () => clearTimeout(t));
    return;
  }
  if (entry.drop === "before") {
    record.fault = "drop-before";
    req.socket.destroy();
    return;
  }
  const status = entry.status ?? 200;
  const body = entry.body ?? (status < 300 ? OK_BODY : errorBody(entry.code ?? "InternalError", entry.message ?? "m"));
  const headers = { "content-type": "text/xml;charset=UTF-8", ...(entry.headers ?? {}) };
  if (s.skewMs) headers.date = new Date(Date.now() + s.skewMs).toUTCString();
  record.status = status;
  if (entry.oversize !== undefined) {
    record.fault = "oversize";
    const piece = Buffer.alloc(64 * 1024, 0x20);
    res.writeHead(status, entry.chunked ? headers : { ...headers, "content-length": String(entry.oversize) });
    let left = entry.oversize;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(left, piece.length);
        left -= n;
        if (!res.write(piece.subarray(0, n))) return res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on("error", () => {});
    pump();
    return;
  }
  if (entry.trickle !== undefined || entry.stallMs !== undefined) {
    record.fault = entry.trickle ? "trickle" : "stall";
    const bytes = Buffer.from(body);
    const cuts = entry.trickle
      ? Array.from({ length: entry.trickle.pieces + 1 }, (_, i) => Math.round((i * bytes.length) / entry.trickle.pieces))
      : [0, bytes.length >> 1, bytes.length];
    const gap = (i) => (entry.trickle ? entry.trickle.everyMs : i === 1 ? entry.stallMs : 0);
    res.writeHead(status, { ...headers, "content-length": String(bytes.length) });
    res.on("error", () => {});
    const next = (i) => {
      if (res.destroyed) return;
      if (i + 1 >= cuts.length) return void res.end();
      res.write(bytes.subarray(cuts[i], cuts[i + 1]));
      const t = setTimeout(() => next(i + 1), gap(i + 1));
      req.socket.once("close", () => clearTimeout(t));
    };
    next(0);
    return;
  }
  if (entry.drop === "mid") {
    record.fault = "drop-mid";
    const bytes = Buffer.from(body);
    res.writeHead(status, entry.chunked ? headers : { ...headers, "content-length": String(bytes.length) });
    res.write(bytes.subarray(0, bytes.length >> 1), () => setTimeout(() => req.socket.destroy(), 5));
    return;
  }
  res.writeHead(status, headers);
  res.end(body);
}

async function newSession(cfg) {
  const id = String(nextId++);
  const s = {
    id,
    script: cfg.script ?? [],
    repeat: Boolean(cfg.repeat),
    skewMs: cfg.skewMs ?? 0,
    bucket: cfg.bucket ? { ...cfg.bucket, tokens: cfg.bucket.capacity, last: performance.now() } : null,
    t0: Date.now(),
    requests: [],
    maxInFlight: 0,
    inFlight: 0,
  };
  s.server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const record = {
        t: Date.now() - s.t0,
        sdkRequest: req.headers["amz-sdk-request"],
        xAmzDate: req.headers["x-amz-date"],
        invocationId: req.headers["amz-sdk-invocation-id"],
        bytes: Buffer.concat(chunks).length,
      };
      const i = s.requests.length;
      s.requests.push(record);
      s.inFlight++;
      s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
      res.once("close", () => s.inFlight--);
      const entry = s.bucket ? bucketAnswer(s) : (s.script[i] ?? (s.repeat && s.script.length ? s.script[s.script.length - 1] : { status: 200 }));
      answer(s, entry, req, res, record);
    });
  });
  s.server.keepAliveTimeout = 30_000;
  await new Promise((r) => s.server.listen(0, "127.0.0.1", r));
  sessions.set(id, s);
  return { id, port: s.server.address().port };
}

function json(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

const control = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      const [, verb, id] = req.url.split("/");
      if (req.method === "POST" && verb === "session") {
        return json(res, 200, await newSession(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
      }
      const s = sessions.get(id);
      if (!s) return json(res, 404, { error: `no session ${id}` });
      if (verb === "log") return json(res, 200, { requests: s.requests, maxInFlight: s.maxInFlight });
      if (verb === "close") {
        sessions.delete(id);
        s.server.closeAllConnections();
        s.server.close();
        return json(res, 200, {});
      }
      json(res, 404, { error: "unknown" });
    } catch (e) {
      json(res, 500, { error: String(e?.stack ?? e) });
    }
  });
});
control.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ control: control.address().port })}\n`);
});
// Exit with the parent: if the test process dies without stopping us, stdin closes.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
