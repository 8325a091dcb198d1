// A local EC2 stand-in for the per-call profile, run in its OWN process: `node bench/profile/stub.mjs`.
// Answers every POST by its Action with the recorded sample response (DescribeSnapshots or CreateSnapshot,
// from tests/vectors/model/samples/), keep-alive on. Prints {"port":N} when listening; exits when stdin ends.
import http from "node:http";
import { readFileSync } from "node:fs";

const sample = (name) => readFileSync(new URL(`../../tests/vectors/model/samples/${name}`, import.meta.url));
const BODIES = { DescribeSnapshots: sample("describe-snapshots-response.xml"), CreateSnapshot: sample("create-snapshot-response.xml") };

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const action = /(?:^|&)Action=([^&]*)/.exec(Buffer.concat(chunks).toString("latin1"))?.[1];
    const body = BODIES[action];
    if (!body) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`stub: no sample for Action ${action}`);
      return;
    }
    res.writeHead(200, { "content-type": "text/xml;charset=UTF-8", "content-length": String(body.length), "x-amzn-requestid": "stub" });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
