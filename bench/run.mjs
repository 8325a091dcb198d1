#!/usr/bin/env node
// `make bench`: the whole benchmark in one run, writing bench/RESULTS.md (and bench/out/results.json).
// Sections: size, cold start (Node, Chromium, workerd), per call (Node, Chromium), micro (Node, Chromium),
// memory (100,000 sends), then the profile of the wasm module. BENCH_QUICK=1 shrinks every count (a smoke
// run, minutes → seconds; its numbers are not worth reading). See bench/README.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepare } from "./lib/prepare.mjs";
import { startChild, runJson } from "./lib/procs.mjs";
import { APPS, BENCH, OUT, ROOT, bundleApp, gzipTool } from "./lib/size.mjs";
import { coldStart } from "./sections/cold.mjs";
import { launch, chromiumPerCall, chromiumMicro, chromiumInstantiate } from "./sections/chromium.mjs";
import { workerdInstantiate, workerdColdStart, workerdVersion } from "./sections/workerd.mjs";
import { report, loadText } from "./lib/report.mjs";
import { profile } from "./profile/profile.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const QUICK = process.env.BENCH_QUICK === "1";
const P = QUICK
  ? { coldRounds: 3, nodeRounds: 2, seqN: 50, concN: 300, inflight: 32, microRounds: 3, chromiumRounds: 2, chromiumSeqN: 30, chromiumConcN: 100, instSamples: 2, workerdRounds: 2, memorySends: 6000, memorySdkSends: 0 }
  : { coldRounds: 30, nodeRounds: 10, seqN: 300, concN: 1500, inflight: 32, microRounds: 15, chromiumRounds: 10, chromiumSeqN: 150, chromiumConcN: 500, instSamples: 15, workerdRounds: 10, memorySends: 100000, memorySdkSends: 30000 };

const t0 = Date.now();
const log = (m) => process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
};
const pkgVersion = (name) => JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;

if (process.argv.includes("--report-only")) {
  // Re-renders bench/RESULTS.md from the last run's bench/out/results.json (e.g. after editing ANALYSIS.md).
  const R = JSON.parse(readFileSync(path.join(OUT, "results.json"), "utf8"));
  writeFileSync(path.join(BENCH, "RESULTS.md"), report(R, { analysis: loadText(path.join(BENCH, "ANALYSIS.md")), profile: R.profileMd }));
  log("re-rendered bench/RESULTS.md from bench/out/results.json");
  process.exit(0);
}
const prep = await prepare(log);
const server = await startChild(process.execPath, [path.join(BENCH, "lib", "server.mjs"), prep.site], {
  ready: (out) => (out.includes("\n") ? JSON.parse(out.split("\n")[0]) : null),
});
const { api, site } = server.value;
log(`server ${api} (site ${site}), pid ${server.child.pid}`);

const cpuModel = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
const R = {
  params: P,
  meta: {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: `${cpuModel}${sh("lscpu", []) ?.match(/Hypervisor vendor:\s*(\S+)/) ? ` (${sh("lscpu", []).match(/Hypervisor vendor:\s*(\S+)/)[1]} VM)` : ""}`,
    cores: os.cpus().length,
    memGiB: os.totalmem() / 2 ** 30,
    loadStart: os.loadavg(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    rustc: sh("rustc", ["--version"]) ?? "rustc –",
    gzipTool: null,
    versions: Object.fromEntries(["@aws-sdk/client-ec2", "@smithy/signature-v4", "@aws-sdk/xml-builder", "aws4fetch", "fast-xml-parser", "esbuild", "binaryen", "playwright-core", "workerd"].map((n) => [n, pkgVersion(n)])),
    ec2wasm: {
      version: JSON.parse(readFileSync(path.join(prep.pkg, "package.json"), "utf8")).version,
      git: `${sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]) ?? "no git"}${sh("git", ["-C", ROOT, "status", "--porcelain", "--", "src", "pkg/src", "pkg/entries", "Cargo.toml", "scripts"]) ? ", with uncommitted changes" : ""}`,
      wasmBytes: readFileSync(prep.wasmFile).length,
    },
  },
};

let prof = null;
try {
  // 1. Size
  R.size = { browser: {}, workers: {} };
  for (const t of ["browser", "workers"]) for (const c of Object.keys(APPS)) R.size[t][c] = await bundleApp(c, t, { pkgDir: prep.pkg, outDir: path.join(OUT, "size") });
  // The main job as an app (create a snapshot and wait for it), the subject of issue 14's size goal.
  R.size.waitApp = await bundleApp("ec2-wasm", "browser", { pkgDir: prep.pkg, outDir: path.join(OUT, "size"), app: "ec2-wasm-wait.mjs" });
  R.meta.gzipTool = gzipTool();
  log(`size: ec2-wasm browser app ${R.size.browser["ec2-wasm"].total.gzip} B gzip`);

  // 2. Cold start, Node
  R.cold = await coldStart(api, P.coldRounds, log);
  log("cold start (Node) done");

  // 3 + 4. Node per call and micro, each in its own process
  R.nodePerCall = await runJson([path.join(BENCH, "sections", "node-percall.mjs"), api, P.nodeRounds, P.seqN, P.concN, P.inflight].map(String), { onLine: log });
  // Node per call by transport (node:http and fetch, aws-lite, the node:http floor), its own process
  R.nodeTransport = await runJson([path.join(BENCH, "sections", "node-transport.mjs"), api, P.nodeRounds, P.seqN].map(String), { onLine: log });
  R.nodeMicro = await runJson([path.join(BENCH, "sections", "node-micro.mjs"), prep.core, String(P.microRounds)], { onLine: log });

  // Chromium: instantiation, per call, micro
  const chromium = await launch();
  R.meta.chromium = chromium.version;
  try {
    R.chromiumInst = await chromiumInstantiate(chromium.browser, site, api, P.instSamples, log);
    R.chromiumPerCall = await chromiumPerCall(chromium.browser, site, api, { rounds: P.chromiumRounds, seqN: P.chromiumSeqN, concN: P.chromiumConcN, inflight: P.inflight, log });
    R.chromiumMicro = await chromiumMicro(chromium.browser, site, P.microRounds);
    log("chromium done");
  } finally {
    await chromium.close();
  }

  // workerd
  R.meta.workerd = workerdVersion();
  R.workerdInst = await workerdInstantiate(path.join(OUT, "core-src"), prep.wasmFile, P.instSamples, log);
  const workersBundles = Object.fromEntries(Object.entries(R.size.workers).map(([k, v]) => [k, v]));
  R.workerdCold = await workerdColdStart(workersBundles, api, P.workerdRounds, log);

  // 5. Memory
  R.memory = {};
  R.memory["ec2-wasm"] = await runJson(["--expose-gc", path.join(BENCH, "sections", "memory.mjs"), prep.core, api, "ec2-wasm", String(P.memorySends)], { onLine: log });
  // the SDK's JS heap over fewer sends, for reference (time budget of `make bench`)
  if (P.memorySdkSends) R.memory["@aws-sdk/client-ec2"] = await runJson(["--expose-gc", path.join(BENCH, "sections", "memory.mjs"), prep.core, api, "sdk", String(P.memorySdkSends)], { onLine: log });
  log("memory done");

  // Profile of the wasm module (twiggy) and of the hot calls (V8's sampling profiler on a build with names).
  if (process.env.BENCH_PROFILE !== "0") {
    try {
      prof = await profile({ log, api, quick: QUICK });
    } catch (e) {
      prof = `## Profile\n\nThe profiling step failed: ${e.message}\n`;
    }
    log("profile done");
  }
} finally {
  await server.stop();
}
R.meta.elapsedSeconds = (Date.now() - t0) / 1000;
R.meta.loadEnd = os.loadavg();
R.profileMd = prof;
mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, "results.json"), JSON.stringify(R, null, 1));
const md = report(R, { analysis: loadText(path.join(BENCH, "ANALYSIS.md")), profile: prof });
writeFileSync(path.join(BENCH, QUICK ? "out/RESULTS.quick.md" : "RESULTS.md"), md);
log(`wrote ${QUICK ? "bench/out/RESULTS.quick.md" : "bench/RESULTS.md"} (${(R.meta.elapsedSeconds / 60).toFixed(1)} min)`);
process.exit(0);
