// The console's web server: www/ at /, pkg/dist/ at /pkg/dist/ (where the page's import map points),
// and, for make demo, /demo/config.json answered from memory, so the demo keys are never written to a
// file. Sends the headers a page holding credentials should have. GET and HEAD only; 127.0.0.1 only.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

const HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  // the page's own CSP is in its <meta>; framing can only be refused by a header
  "content-security-policy": "frame-ancestors 'none'",
};

/** The file under `dir` for a URL path below a mount, or null (no escaping the folder). */
function fileIn(dir, rest) {
  const file = path.resolve(dir, rest || "index.html");
  if (file !== dir && !file.startsWith(dir + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * startWebServer({ www, dist, config }) -> { origin, url, log, stop() }. `config` (optional) is served
 * as /demo/config.json.
 */
export function startWebServer({ www, dist, config }) {
  const log = [];
  const mounts = [
    ["/pkg/dist/", path.resolve(dist)],
    ["/", path.resolve(www)],
  ];
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const answer = (status, headers, body) => {
      log.push({ method: req.method, path: pathname, status });
      res.writeHead(status, { ...HEADERS, ...headers });
      if (body === undefined || req.method === "HEAD") res.end();
      else if (typeof body === "string" || Buffer.isBuffer(body)) res.end(body);
      else body.pipe(res);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return answer(405, { allow: "GET, HEAD", "content-type": "text/plain" }, "method not allowed");
    if (pathname === "/demo/config.json" && config) {
      return answer(200, { "content-type": "application/json" }, JSON.stringify(config));
    }
    for (const [prefix, dir] of mounts) {
      if (!pathname.startsWith(prefix)) continue;
      const file = fileIn(dir, pathname.slice(prefix.length));
      if (!file) break;
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      return answer(200, { "content-type": type, "content-length": statSync(file).size }, createReadStream(file));
    }
    answer(404, { "content-type": "text/plain" }, "not found");
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        url: `${origin}/`,
        log,
        stop: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
