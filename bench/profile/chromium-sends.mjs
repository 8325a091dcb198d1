// Profiles N sequential client.send calls per operation (DescribeSnapshots, CreateSnapshot) in headless
// Chromium with the package's web build, against the bench server (bench/lib/server.mjs: the API on another
// origin, real CORS), under V8's sampling profiler (CDP Profiler, 50 µs), and prints analyze.mjs's table as
// markdown. The profiled bundle is pkg's web entry built like scripts/build-pkg.sh builds it but without
// identifier minification (so functions keep their names; the code is otherwise the same), served beside the
// package's wasm. Renderer-side only: the network stack runs in Chromium's other processes, so "transport"
// is the renderer's part of fetch (the builtin and what it calls), not the socket work.
//   node bench/profile/chromium-sends.mjs [--n 10000] [--warm 1000]   (after `make pkg`)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { prepare } from "../lib/prepare.mjs";
import { startChild } from "../lib/procs.mjs";
import { launch } from "../sections/chromium.mjs";
import { CREDENTIALS, INPUT, REGION } from "../lib/common.mjs";
import { analyze, bucketTable, nameMap } from "./analyze.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const { values: o } = parseArgs({ options: { n: { type: "string", default: "10000" }, warm: { type: "string", default: "1000" } } });
const N = Number(o.n);
const WARM = Number(o.warm);
const log = (m) => process.stderr.write(`[chromium profile] ${m}\n`);

const prep = await prepare(log);
// The named build of the web entry, beside the site's copy of the package.
const named = path.join(prep.site, "pkg-named");
mkdirSync(named, { recursive: true });
execFileSync(path.join(ROOT, "node_modules/.bin/esbuild"), ["--bundle", "--minify-whitespace", "--minify-syntax", "--log-level=warning", "--legal-comments=none", path.join(ROOT, "target/pkg-tmp/web.mjs"), "--format=esm", "--platform=neutral", "--target=es2022", `--outfile=${path.join(named, "web.mjs")}`], { stdio: "inherit" });
cpSync(prep.wasmFile, path.join(named, "ec2_wasm_bg.wasm"));

const server = await startChild(process.execPath, [path.join(ROOT, "bench/lib/server.mjs"), prep.site], { ready: (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null) });
const { api, site } = server.value;
const chromium = await launch();
const loadBefore = loadavg().map((x) => x.toFixed(2)).join(", ");
const rows = {};
try {
  for (const op of ["DescribeSnapshots", "CreateSnapshot"]) {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site}/import.html`);
    await page.evaluate(async ([api, creds, region, input, op, warm]) => {
      const m = await import("./pkg-named/web.mjs");
      const client = new m.EC2Client({ region, endpoint: api, credentials: creds });
      const command = op === "CreateSnapshot" ? () => new m.CreateSnapshotCommand(input) : () => new m.DescribeSnapshotsCommand({ SnapshotIds: ["snap-1"] });
      window.P = async (n) => {
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await client.send(command());
        return performance.now() - t0;
      };
      await window.P(warm);
    }, [api, CREDENTIALS, REGION, INPUT, op, WARM]);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
    await cdp.send("Profiler.start");
    const wallMs = await page.evaluate((n) => window.P(n), N);
    const { profile } = await cdp.send("Profiler.stop");
    await context.close();
    const window_ = { start: profile.startTime, end: profile.endTime, n: N };
    rows[op] = { ...analyze(profile, window_, nameMap(), { browser: true }), wallPerCall: (wallMs * 1000) / N };
    log(`${op}: ${N} sends, ${(wallMs / N).toFixed(3)} ms per call`);
  }
} finally {
  await chromium.close();
  await server.stop();
}

const f1 = (x) => x.toFixed(1);
const out = [];
out.push(`Chromium ${chromium.version} (headless), ${N} sequential sends per operation after ${WARM} warm-up sends; load average ${loadBefore} → ${loadavg().map((x) => x.toFixed(2)).join(", ")}.`, "");
out.push(bucketTable(rows, { cpuLabel: "renderer CPU (sampled, all but idle)", shareLabel: "renderer CPU", idleLabel: "idle (waiting for the network process and the server)", extra: [["wall per call", (op) => f1(rows[op].wallPerCall)]] }), "");
for (const [op, r] of Object.entries(rows)) out.push(`Top shell functions, ${op} (self µs per call): ${r.topShell.map((t) => `\`${t.fn.replace(/ \(.*/, "")}\` ${f1(t.perCall)}${t.builtins.length ? ` (${t.builtins.join(", ")})` : ""}`).join(", ")}`, "");
console.log(out.join("\n"));
process.exit(0);
