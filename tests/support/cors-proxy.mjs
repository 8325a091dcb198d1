// A tiny CORS proxy in front of moto for the browser test. With auth on, moto answers a CORS preflight with
// 500 (SETUP.md), so: OPTIONS is answered here with permissive CORS; every other request is forwarded to moto
// unchanged — method, path, body and all headers including Host, which the client signed — and the response
// comes back unchanged plus the CORS headers that let the page read it.
import { createServer, request } from "node:http";

const EXPOSE = [
  "x-amzn-requestid",
  "x-amzn-request-id",
  "x-amz-request-id",
  "x-amz-id-2",
  "x-amz-cf-id",
  "x-amzn-errortype",
  "date",
  "content-length",
  "content-type",
].join(", ");

function corsHeaders(req) {
  return {
    "access-control-allow-origin": req.headers.origin ?? "*",
    "access-control-expose-headers": EXPOSE,
    vary: "Origin",
  };
}

/**
 * startCorsProxy(targetEndpoint) -> { endpoint, stats: { preflights, forwarded, origins }, stop() }
 * Listens on a free port on 127.0.0.1.
 */
export function startCorsProxy(target) {
  const upstream = new URL(target);
  const stats = { preflights: 0, forwarded: 0, origins: new Set(), requests: [] };
  const server = createServer((req, res) => {
    if (req.headers.origin) stats.origins.add(req.headers.origin);
    if (req.method === "OPTIONS") {
      stats.preflights++;
      res.writeHead(204, {
        ...corsHeaders(req),
        "access-control-allow-methods": "GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "600",
        "access-control-allow-private-network": "true",
      });
      res.end();
      return;
    }
    stats.forwarded++;
    stats.requests.push({ method: req.method, url: req.url, headers: Object.keys(req.headers) });
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.rawHeaders, // every header as sent (names, order, duplicates), Host included
        setHost: false,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode, upstreamRes.statusMessage, { ...upstreamRes.headers, ...corsHeaders(req) });
        upstreamRes.pipe(res);
      },
    );
    forward.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { ...corsHeaders(req), "content-type": "text/plain" });
      res.end(`cors-proxy: ${error.message}`);
    });
    req.pipe(forward);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        stats,
        stop: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
