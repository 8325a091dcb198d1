// A scripted EC2 endpoint for the console's follow tests: CreateSnapshot answers one pending snapshot;
// DescribeSnapshots by SnapshotId walks it through `steps` (the last step repeats) and answers `others` as they are; DescribeSnapshots by
// volume-id lists it with `others`, `pageSize` to a page. CORS is open, signatures are not checked.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

const NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
const esc = (v) => String(v).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const XML_NAMES = { SnapshotId: "snapshotId", VolumeId: "volumeId", State: "status", StateMessage: "statusMessage", StartTime: "startTime", Progress: "progress", OwnerId: "ownerId", VolumeSize: "volumeSize", Description: "description", Encrypted: "encrypted" };

function members(s) {
  return Object.entries(s)
    .filter(([k, v]) => XML_NAMES[k] && v !== undefined)
    .map(([k, v]) => `<${XML_NAMES[k]}>${esc(v)}</${XML_NAMES[k]}>`)
    .join("");
}

const envelope = (action, inner) => `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>${randomUUID()}</requestId>${inner}</${action}Response>`;

/**
 * startSnapshotStub({ snapshot, steps, others?, pageSize? }) -> { endpoint, requests, stop() }
 * `snapshot` is the created one (Snapshot members); each step is merged over it, e.g. { State, Progress }.
 */
export function startSnapshotStub({ snapshot, steps, others = [], pageSize = 5 }) {
  const requests = [];
  let step = -1;
  let current = { ...snapshot };
  const cors = (req) => ({ "access-control-allow-origin": req.headers.origin ?? "*", "access-control-expose-headers": "x-amzn-requestid, date, content-length, content-type" });

  function answer(params) {
    const action = params.get("Action");
    if (action === "CreateSnapshot") return envelope(action, members(current));
    if (action !== "DescribeSnapshots") return null;
    const id = params.get("SnapshotId.1");
    if (id && id !== current.SnapshotId) {
      const other = others.find((s) => s.SnapshotId === id);
      return envelope(action, `<snapshotSet>${other ? `<item>${members(other)}</item>` : ""}</snapshotSet>`);
    }
    if (id) {
      step = Math.min(step + 1, steps.length - 1);
      current = { ...current, ...steps[step] };
      return envelope(action, `<snapshotSet><item>${members(current)}</item></snapshotSet>`);
    }
    const all = [current, ...others].filter((s) => s.VolumeId === params.get("Filter.1.Value.1"));
    const start = Number(params.get("NextToken") ?? 0);
    const size = Number(params.get("MaxResults") ?? pageSize);
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? `<nextToken>${start + size}</nextToken>` : "";
    return envelope(action, `<snapshotSet>${page.map((s) => `<item>${members(s)}</item>`).join("")}</snapshotSet>${next}`);
  }

  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors(req), "access-control-allow-methods": "POST", "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*", "access-control-allow-private-network": "true" });
      return res.end();
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const params = new URLSearchParams(body);
      requests.push(params);
      const xml = answer(params);
      res.writeHead(xml ? 200 : 400, { ...cors(req), "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": randomUUID() });
      res.end(xml ?? `<Response><Errors><Error><Code>InvalidAction</Code><Message>not scripted</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`);
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        endpoint: `http://127.0.0.1:${server.address().port}`,
        requests,
        stop: () => new Promise((r) => (server.closeAllConnections?.(), server.close(() => r()))),
      }),
    );
  });
}
