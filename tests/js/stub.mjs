// A tiny HTTP stub on 127.0.0.1 (free port) for API tests that need a server: it records requests
// and answers from a queue of canned responses. Not used as proof that requests are right (the
// differential test and moto do that); only to drive the client's control flow.
import http from "node:http";
import { readFileSync } from "node:fs";

export const SAMPLE_OK = readFileSync(new URL("../vectors/model/samples/create-snapshot-response.xml", import.meta.url), "utf8");
export const SAMPLE_INVALID_VOLUME = readFileSync(new URL("../vectors/model/samples/error-invalid-volume.xml", import.meta.url), "utf8");

export async function startStub(respond) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const r = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(r);
      const out = (await respond(r, requests.length)) ?? { status: 200, body: SAMPLE_OK };
      if (out.destroy) {
        req.socket.destroy();
        return;
      }
      if (out.hang) return;
      res.writeHead(out.status ?? 200, out.headers ?? {});
      res.end(out.body ?? "");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  return {
    endpoint,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(r);
      }),
  };
}
