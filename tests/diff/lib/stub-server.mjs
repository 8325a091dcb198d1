// The stub EC2 endpoint: an in-process node:http server on 127.0.0.1 (free port)
// that records every raw request and answers from a script of responses.
import http from 'node:http';

export async function startStub() {
  let script = [];
  let recorded = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      recorded.push({
        method: req.method,
        url: req.url,
        httpVersion: req.httpVersion,
        rawHeaders: req.rawHeaders.slice(),
        headers: { ...req.headers },
        body: Buffer.concat(chunks),
      });
      // One scripted response per request; the last one repeats.
      const r = script.length > 1 ? script.shift() : script[0];
      // No Date header: the SDK would use it to correct its clock (NOTES.md).
      res.sendDate = false;
      if (!r) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end('stub: no response scripted');
        return;
      }
      const body = r.body ?? Buffer.alloc(0);
      const headers = r.headers.slice();
      if (!r.chunks) headers.push(['Content-Length', String(body.length)]);
      res.writeHead(r.status, r.reason ?? http.STATUS_CODES[r.status] ?? 'Unknown', headers.flat());
      if (r.chunks) {
        // Transfer-Encoding: chunked, cut at the given byte offsets (even inside a UTF-8 sequence).
        let at = 0;
        for (const cut of [...r.chunks, body.length]) {
          if (cut > at) res.write(body.subarray(at, cut));
          at = cut;
        }
      } else if (body.length) {
        res.write(body);
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    /** Sets the responses for the next requests: [{ status, headers: [[k, v]], body: Buffer, chunks?: number[] }]. */
    respond(responses) {
      script = responses.slice();
    },
    /** Returns and forgets the requests recorded since the last call. */
    take() {
      const out = recorded;
      recorded = [];
      return out;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
