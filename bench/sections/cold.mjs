// Node cold start, measured from the benchmark process: time from spawn() of a fresh `node` to the child's
// "C" line (module imported, client constructed) and to its "D" line (first CreateSnapshot done).
// Contenders are interleaved: every round spawns each script once, in an order rotated per round.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { rotate } from "../lib/common.mjs";

export const COLD = { "empty node": "empty.mjs", "ec2-wasm": "ec2-wasm.mjs", "@aws-sdk/client-ec2": "sdk.mjs", "@aws-lite/client": "aws-lite.mjs", aws4fetch: "aws4fetch.mjs", "fetch floor": "floor.mjs" };
const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "cold");

function once(script, api) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(DIR, script), api], { stdio: ["ignore", "pipe", "pipe"] });
    const r = { constructed: null, done: null, answer: null };
    let buf = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      const t = performance.now() - t0;
      buf += d;
      if (r.constructed === null && /^C$/m.test(buf)) r.constructed = t;
      const m = buf.match(/^D ?(.*)$/m);
      if (r.done === null && m) {
        r.done = t;
        r.answer = m[1];
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
    child.on("exit", (code) => {
      r.exit = performance.now() - t0;
      if (code !== 0 || r.done === null) reject(new Error(`${script} failed (${code}): ${err.slice(-2000)}`));
      else resolve(r);
    });
  });
}

export async function coldStart(api, rounds, log) {
  const names = Object.keys(COLD);
  const res = Object.fromEntries(names.map((n) => [n, { constructed: [], done: [], exit: [] }]));
  for (const n of names) await once(COLD[n], api); // warm the OS page cache
  for (let r = 0; r < rounds; r++) {
    for (const n of rotate(names, r)) {
      const x = await once(COLD[n], api);
      res[n].constructed.push(x.constructed);
      res[n].done.push(x.done);
      res[n].exit.push(x.exit);
      res[n].answer = x.answer;
    }
    if ((r + 1) % 10 === 0) log(`cold start round ${r + 1}/${rounds}`);
  }
  return res;
}
