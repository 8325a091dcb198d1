// The fault stub for the Rust client's wasm tests: what moto cannot do on demand. The endpoint path
// names the scenario and a unique id (`/<scenario>/<id>/`); every request is logged per id as one line
// (`amz-sdk-request` without spaces, a space, the form body), read back with `GET /log/<id>`. CORS is
// answered here, so the browser run reaches it directly. Scenario `hang` never answers, and logs a
// line `closed` when the client gives up the request (its connection closes).
import { createServer } from "node:http";

const NS = `xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"`;

function snapshot(id, state) {
  return `<item><snapshotId>${id}</snapshotId><volumeId>vol-stub</volumeId><status>${state}</status>` +
    `<startTime>2026-01-02T03:04:05.678Z</startTime><progress>${state === "completed" ? "100%" : "10%"}</progress>` +
    `<ownerId>123456789012</ownerId><volumeSize>8</volumeSize><encrypted>false</encrypted></item>`;
}

function page(items, nextToken) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse ${NS}><requestId>req-stub</requestId>` +
    `<snapshotSet>${items.join("")}</snapshotSet>${nextToken ? `<nextToken>${nextToken}</nextToken>` : ""}</DescribeSnapshotsResponse>`;
}

const unavailable = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>ServiceUnavailable</Code>` +
  `<Message>The service is unavailable. Try again.</Message></Error></Errors><RequestID>req-503</RequestID></Response>`;

/** Answers one logged request of `scenario`; `n` is the request's number for its id (from 1). */
function answer(scenario, n, body) {
  const xml = (status, text) => ({ status, text });
  switch (scenario) {
    case "flaky":
      return n <= 2 ? xml(503, unavailable) : xml(200, page([snapshot("snap-p1", "completed")]));
    case "down":
      return xml(503, unavailable);
    case "pages":
      return /(^|&)NextToken=tok-2(&|$)/.test(body)
        ? xml(200, page([snapshot("snap-p3", "completed")]))
        : xml(200, page([snapshot("snap-p1", "completed"), snapshot("snap-p2", "completed")], "tok-2"));
    case "pending":
      return xml(200, page([snapshot("snap-p1", "pending")]));
    case "failed":
      return xml(200, page([snapshot("snap-p1", "error")]));
    default:
      return xml(404, `<Response><Errors><Error><Code>NoSuchScenario</Code><Message>${scenario}</Message></Error></Errors></Response>`);
  }
}

/** startStub() -> { endpoint, stop() } on a free port of 127.0.0.1. */
export function startStub() {
  const logs = new Map();
  const cors = (req) => ({
    "access-control-allow-origin": req.headers.origin ?? "*",
    "access-control-expose-headers": "date, content-length, content-type, x-amzn-requestid",
  });
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors(req),
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-allow-private-network": "true",
      });
      res.end();
      return;
    }
    const parts = req.url.split("/").filter(Boolean);
    if (req.method === "GET" && parts[0] === "log") {
      res.writeHead(200, { ...cors(req), "content-type": "text/plain" });
      res.end((logs.get(parts[1]) ?? []).join("\n"));
      return;
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const [scenario, id] = parts;
      const log = logs.get(id) ?? [];
      logs.set(id, log);
      log.push(`${String(req.headers["amz-sdk-request"] ?? "").replace(/ /g, "")} ${body}`);
      if (scenario === "hang") {
        res.on("close", () => log.push("closed"));
        return;
      }
      const { status, text } = answer(scenario, log.length, body);
      res.writeHead(status, { ...cors(req), "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": `req-${log.length}` });
      res.end(text);
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        endpoint: `http://127.0.0.1:${server.address().port}`,
        stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
