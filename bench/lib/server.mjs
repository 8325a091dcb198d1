// The benchmark's server, run in its OWN process: `node bench/lib/server.mjs SITE_DIR`.
// - API on 127.0.0.1:<ephemeral>: every POST gets the fixed CreateSnapshot response
//   (tests/vectors/model/samples/create-snapshot-response.xml); OPTIONS gets a CORS preflight answer that
//   browsers may cache for 10 minutes; GET /__stats returns counters, GET /__last the last POST seen.
// - Site on another port (another origin, so the browser really does CORS): static files from SITE_DIR,
//   served cross-origin isolated (COOP/COEP) so performance.now() has its fine resolution.
// Prints one JSON line {api, site} on stdout when both listen.
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const XML = readFileSync(path.join(ROOT, "tests/vectors/model/samples/create-snapshot-response.xml"));
const SITE = path.resolve(process.argv[2] ?? path.join(ROOT, "bench/out/site"));
const stats = { post: 0, options: 0, other: 0 };
let last = null;

const RESPONSE_HEADERS = {
  "content-type": "text/xml;charset=UTF-8",
  "content-length": String(XML.length),
  "x-amzn-requestid": "59dbff89-35bd-4eac-99ed-be587EXAMPLE",
  server: "AmazonEC2",
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-amzn-requestid, date",
};

const api = http.createServer((req, res) => {
  if (req.method === "OPTIONS") {
    stats.options++;
    res.writeHead(204, {
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "POST, GET, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      "access-control-max-age": "600",
      "content-length": "0",
    });
    res.end();
    return;
  }
  if (req.method === "POST") {
    stats.post++;
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      last = { url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() };
      res.writeHead(200, RESPONSE_HEADERS);
      res.end(XML);
    });
    return;
  }
  stats.other++;
  const body = req.url === "/__stats" ? JSON.stringify(stats) : req.url === "/__last" ? JSON.stringify(last) : "not found";
  res.writeHead(body === "not found" ? 404 : 200, { "content-type": "application/json", "access-control-allow-origin": "*" });
  res.end(body);
});
api.keepAliveTimeout = 120_000;
api.headersTimeout = 130_000;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const site = http.createServer((req, res) => {
  const u = new URL(req.url, "http://x");
  const file = path.join(SITE, path.normalize(u.pathname === "/" ? "/index.html" : u.pathname));
  let data;
  try {
    if (!file.startsWith(SITE)) throw new Error("outside");
    data = readFileSync(file);
  } catch {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cross-origin-resource-policy": "same-origin",
  });
  res.end(data);
});
site.keepAliveTimeout = 120_000;

const listen = (s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)));
const [apiPort, sitePort] = await Promise.all([listen(api), listen(site)]);
process.stdout.write(`${JSON.stringify({ api: `http://127.0.0.1:${apiPort}`, site: `http://127.0.0.1:${sitePort}` })}\n`);
process.on("SIGTERM", () => process.exit(0));
