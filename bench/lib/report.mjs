// Turns bench/out/results.json into bench/RESULTS.md.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { median, p99 } from "./common.mjs";

const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x >= 1000 ? Math.round(x).toLocaleString("en-US") : x.toFixed(d));
const B = (n) => n.toLocaleString("en-US");
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "–");
const table = (head, rows) => [`| ${head.join(" | ")} |`, `|${head.map((h, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
const ok = (b) => (b ? "✓" : "✗");

/** The median over rounds of (contender's round median ÷ floor's round median). */
function roundRatio(res, name, floor = "fetch floor") {
  const a = res[name].seqRoundMedian;
  const b = res[floor].seqRoundMedian;
  return median(a.map((x, i) => x / b[i]));
}
function concRatio(res, name, floor = "fetch floor") {
  const a = res[name].concPerSec;
  const b = res[floor].concPerSec;
  return median(a.map((x, i) => b[i] / x));
}

/**
 * The goals of issue 14 ("Speed and size, round 2"), each read from this one run. Time goals are ratios
 * (to a floor or a peer measured in the same interleaved rounds), so they travel between machines; the
 * sign/parse goals are absolute µs, shown beside the SDK's own pieces measured in the same rounds.
 */
export function goals(R) {
  const out = [];
  const add = (g) => out.push(g);
  const sz = R.size?.browser?.["ec2-wasm"];
  const wait = R.size?.waitApp;
  if (sz && wait) {
    const wasmOf = (x) => x.wasm.reduce((a, w) => a + w.gzip, 0);
    add({ goal: "An app that creates a snapshot and waits for it ≤ 40 KB (40,960 B) gzip JS + wasm, browser build", measured: `${B(wait.total.gzip)} B = JS ${B(wait.js.gzip)} + wasm ${B(wasmOf(wait))}; create-only app ${B(sz.total.gzip)} B (SDK create-only ${B(R.size.browser["@aws-sdk/client-ec2"].total.gzip)}, aws4fetch ${B(R.size.browser.aws4fetch.total.gzip)})`, ratio: `${(wait.total.gzip / 40960).toFixed(2)}× the goal`, pass: wait.total.gzip <= 40960 });
  }
  if (R.nodeTransport) {
    const T = R.nodeTransport.results;
    const own = "ec2-wasm (node:http)";
    const floor = R.nodeTransport.floor;
    const r = roundRatio(T, own, floor);
    const peers = Object.keys(T).filter((k) => !k.startsWith("ec2-wasm") && !k.includes("floor"));
    const slowerPeers = peers.filter((k) => median(T[k].seq) <= median(T[own].seq));
    add({ goal: "Node per call ≤ 1.25× the bare node:http floor", measured: `${f(median(T[own].seq) * 1000, 0)} µs vs floor ${f(median(T[floor].seq) * 1000, 0)} µs`, ratio: ratio(r), pass: r <= 1.25 });
    add({ goal: "Node per call faster than every peer (any transport)", measured: `ec2-wasm ${f(median(T[own].seq) * 1000, 0)} µs; ${peers.map((k) => `${k} ${f(median(T[k].seq) * 1000, 0)}`).join(", ")}`, ratio: slowerPeers.length ? `not faster than ${slowerPeers.join(", ")}` : "faster than every peer", pass: slowerPeers.length === 0 });
    for (const [client, fl] of [["ec2-wasm (node:http)", floor], ["ec2-wasm (fetch)", "fetch floor (fetch)"]]) {
      if (!T[client] || !T[fl]) continue;
      const over = median(T[client].seqCpuUs) - median(T[fl].seqCpuUs);
      const sdk = T[client.replace("ec2-wasm", "@aws-sdk/client-ec2")];
      const sdkOver = sdk ? median(sdk.seqCpuUs) - median(T[fl].seqCpuUs) : NaN;
      add({ goal: `Client CPU per call ≤ 60 µs over the ${fl.replace(/ \(.*/, "")} (same transport)`, measured: `${f(median(T[client].seqCpuUs), 0)} µs vs floor ${f(median(T[fl].seqCpuUs), 0)} µs (SDK on the same transport: +${f(sdkOver, 0)} µs)`, ratio: `+${f(over, 0)} µs`, pass: over <= 60 });
    }
  }
  if (R.cold) {
    const d = (n) => median(R.cold[n].done);
    const own = d("ec2-wasm");
    const peers = ["@aws-lite/client", "aws4fetch"].filter((n) => R.cold[n]);
    const slower = peers.filter((n) => own > d(n));
    add({ goal: "Node start → first call done no slower than aws-lite's and aws4fetch's", measured: `${f(own, 0)} ms (${peers.map((n) => `${n} ${f(d(n), 0)}`).join(", ")}, SDK ${f(d("@aws-sdk/client-ec2"), 0)}, fetch floor ${f(d("fetch floor"), 0)}, empty node ${f(d("empty node"), 0)})`, ratio: peers.map((n) => `${(own / d(n)).toFixed(2)}× ${n}`).join(", "), pass: slower.length === 0 });
  }
  if (R.chromiumPerCall) {
    const P = R.chromiumPerCall;
    const r = roundRatio(P.results, "ec2-wasm");
    add({ goal: "Chromium per call ≤ 1.05× the bare fetch floor", measured: `${f(median(P.results["ec2-wasm"].seq), 3)} ms vs floor ${f(median(P.results["fetch floor"].seq), 3)} ms`, ratio: `${ratio(r)} (SDK ${ratio(roundRatio(P.results, "@aws-sdk/client-ec2"))}, aws4fetch ${ratio(roundRatio(P.results, "aws4fetch"))})`, pass: r <= 1.05 });
  }
  const us = (m, name) => (m && m[name] ? 1e6 / median(m[name].opsPerSec) : NaN);
  const SIGN = "ec2-wasm Core.sign (wasm)";
  const PARSE = "ec2-wasm parseOutput (wasm → JS object)";
  const XML = "SDK XML parser only (@aws-sdk/xml-builder parseXML)";
  const PAGE = Object.keys(R.nodeMicro ?? {}).find((k) => k.startsWith("ec2-wasm parseOutput, DescribeSnapshots page"));
  const SDK_PAGE = Object.keys(R.nodeMicro ?? {}).find((k) => k.startsWith("SDK deserializer, DescribeSnapshots page"));
  for (const [env, m, sdkSign] of [["Node", R.nodeMicro, "@smithy/signature-v4 (Node crypto)"], ["Chromium", R.chromiumMicro, "@smithy/signature-v4 (WebCrypto)"]]) {
    if (!m) continue;
    const s = us(m, SIGN);
    add({ goal: `Sign ≤ 6 µs per call including the boundary (${env})`, measured: `${f(s)} µs (SDK signer ${f(us(m, sdkSign))} µs, aws4fetch ${f(us(m, "aws4fetch AwsV4Signer (WebCrypto)"))} µs)`, ratio: `${(s / 6).toFixed(1)}× the goal; ${(s / us(m, sdkSign)).toFixed(3)}× the SDK signer`, pass: s <= 6 });
    const p = us(m, PARSE);
    add({ goal: `Parse ≤ 3 µs per call including the boundary (${env})`, measured: `${f(p)} µs (SDK parseXML ${f(us(m, XML))} µs, SDK full deserializer ${f(us(m, "SDK deserializer (AwsEc2QueryProtocol.deserializeResponse → output)"))} µs)`, ratio: `${(p / 3).toFixed(1)}× the goal; ${(p / us(m, XML)).toFixed(3)}× SDK parseXML`, pass: p <= 3 });
    if (PAGE && SDK_PAGE && m[PAGE] && m[SDK_PAGE]) {
      const a = us(m, PAGE) / 1000;
      const b = us(m, SDK_PAGE) / 1000;
      add({ goal: `A 1,000-snapshot DescribeSnapshots page, parsed into the output object, against the SDK's deserializer (${env})`, measured: `${f(a)} ms vs SDK ${f(b)} ms`, ratio: `${(a / b).toFixed(2)}× the SDK`, pass: a < b });
    }
  }
  const mem = R.memory?.["ec2-wasm"];
  if (mem) {
    const a = mem.points[0];
    const z = mem.points[mem.points.length - 1];
    const heapGrowth = z.heapUsed - a.heapUsed;
    const pass = z.wasmMemory === a.wasmMemory && heapGrowth <= Math.max(1 << 20, 0.1 * a.heapUsed);
    add({ goal: `Memory flat over ${B(mem.total)} sends (after warm-up)`, measured: `wasm memory ${B(a.wasmMemory)} → ${B(z.wasmMemory)} B; JS heap ${f(a.heapUsed / 1048576)} → ${f(z.heapUsed / 1048576)} MiB`, ratio: `wasm ×${(z.wasmMemory / a.wasmMemory).toFixed(2)}, heap ×${(z.heapUsed / a.heapUsed).toFixed(2)} (criterion: wasm memory unchanged, heap within max(1 MiB, 10%))`, pass });
  }
  return out;
}

export function report(R, { analysis, profile } = {}) {
  const L = [];
  const p = (s = "") => L.push(s);
  p("# ec2-wasm benchmark results");
  p();
  p(`Written by \`make bench\` (bench/run.mjs) on ${R.meta.date}, in ${f(R.meta.elapsedSeconds / 60, 1)} minutes. All numbers below come from this one run;`);
  p("in every timed section the contenders are interleaved (rotated order, repeated rounds) and medians are reported.");
  p("Only the local machine is measured: the server is a separate Node process on 127.0.0.1 answering the fixed");
  p("CreateSnapshot sample, so these numbers are about the client libraries, not about EC2.");
  p();
  p("## Goals of issue 14");
  p();
  p("✓/✗ is the goal as written in the issue, judged on this run. Time goals are ratios to a floor or a peer measured in the");
  p("same interleaved rounds; sign and parse are absolute µs with the SDK's own pieces beside them.");
  p();
  p(["| Goal | Measured here | Ratio | |", "|---|---|---|---|", ...goals(R).map((g) => `| ${g.goal} | ${g.measured} | ${g.ratio} | ${ok(g.pass)} |`)].join("\n"));
  p();
  p("## Machine, versions, commands");
  p();
  const m = R.meta;
  p(`- Machine: ${m.cpu}, ${m.cores} cores, ${f(m.memGiB, 1)} GiB memory, ${m.os}`);
  if (m.loadStart) {
    const busy = Math.max(m.loadStart[0], m.loadEnd?.[0] ?? 0) > m.cores * 0.75;
    p(`- Load average (1/5/15 min) at the start: ${m.loadStart.map((x) => x.toFixed(1)).join(" / ")}; at the end: ${(m.loadEnd ?? []).map((x) => x.toFixed(1)).join(" / ")}.${busy ? " **The machine was busy with other work during this run** (other processes share its cores): absolute times are inflated and noisy; the ratios, taken between interleaved contenders, are the numbers to read." : ""}`);
  }
  p(`- Node ${m.node}; Chromium ${m.chromium ?? "–"} (headless, playwright-core ${m.versions["playwright-core"]}); ${m.workerd ?? "workerd –"}`);
  p(`- ec2-wasm ${m.ec2wasm.version} (${m.ec2wasm.git}), wasm ${B(m.ec2wasm.wasmBytes)} B; ${Object.entries(m.versions).filter(([k]) => k !== "playwright-core").map(([k, v]) => `${k} ${v}`).join(", ")}; ${m.rustc}`);
  p(`- Sizes: gzip = \`${m.gzipTool}\`, brotli = node:zlib at quality 11, window 24. Bundler: esbuild ${m.versions.esbuild}, \`--bundle --minify --format=esm\`.`);
  p("- Commands: `make bench` = `make pkg` (which runs `scripts/setup.sh wasm` and `node`) + `scripts/setup.sh browser` + `cargo install twiggy` (if missing) + `node bench/run.mjs`;");
  p("  `make test-size` = `make pkg` + `node bench/size-check.mjs`; `node bench/profile/variants.mjs` for the build-variant table in the analysis");
  p(`  (parameters: ${Object.entries(R.params).map(([k, v]) => `${k}=${v}`).join(", ")}).`);
  p();

  // 1. Size
  p("## 1. Size: an app doing one CreateSnapshot");
  p();
  p("bench/apps/*.mjs bundled with esbuild; for Workers with wrangler's resolution (platform browser, conditions");
  p("`workerd, worker, browser`, .wasm kept as a module). JS + every .wasm the bundle loads, in bytes.");
  for (const t of ["browser", "workers"]) {
    const S = R.size?.[t];
    if (!S) continue;
    p();
    p(`**${t === "browser" ? "Browser" : "Cloudflare Workers"}**`);
    p();
    const sdk = S["@aws-sdk/client-ec2"].total.gzip;
    p(table(["Contender", "JS raw", "JS gzip", "JS brotli", "wasm raw", "wasm gzip", "wasm brotli", "**total gzip**", "total brotli", "total raw", "gzip vs SDK"], Object.values(S).map((s) => {
      const w = (k) => (s.wasm.length ? B(s.wasm.reduce((a, x) => a + x[k], 0)) : "–");
      return [s.contender, B(s.js.raw), B(s.js.gzip), B(s.js.brotli), w("raw"), w("gzip"), w("brotli"), `**${B(s.total.gzip)}**`, B(s.total.brotli), B(s.total.raw), ratio(s.total.gzip / sdk)];
    })));
    const W = R.size.waitApp;
    if (t === "browser" && W) {
      p();
      p(`The main job as an app (bench/apps/ec2-wasm-wait.mjs: CreateSnapshot, then \`waitUntilSnapshotCompleted\`), browser build: JS ${B(W.js.gzip)} + wasm ${B(W.wasm.reduce((a, x) => a + x.gzip, 0))} = **${B(W.total.gzip)} B gzip** (${B(W.total.brotli)} B brotli), ${B(W.total.gzip - S["ec2-wasm"].total.gzip)} B more than the create-only app.`);
    }
  }
  if (R.workerdCold?.failed && Object.keys(R.workerdCold.failed).length) {
    p();
    for (const [n, e] of Object.entries(R.workerdCold.failed)) p(`Note: the ${n} Workers bundle does not run in workerd: \`${e}\` (its XML parser for the \`browser\` condition uses DOMParser, which Workers lack).`);
  }
  p();

  // 2. Cold start
  p("## 2. Cold start");
  p();
  if (R.cold) {
    const e = median(R.cold["empty node"].done);
    p(`**Node** (bench/cold/*.mjs; time from \`spawn()\` to the child's marker lines; ${R.cold["empty node"].done.length} runs each, interleaved):`);
    p();
    p(table(["Contender", "start → client constructed", "start → first call done", "p90 first call", "first call − empty node"], Object.entries(R.cold).map(([n, v]) => [n, `${f(median(v.constructed), 1)} ms`, `${f(median(v.done), 1)} ms`, `${f(quant(v.done, 0.9), 1)} ms`, n === "empty node" ? "–" : `+${f(median(v.done) - e, 1)} ms`])));
    p();
  }
  if (R.chromiumInst) {
    const c = R.chromiumInst;
    p(`**Chromium** (${c.compileMs.length} samples, each in a fresh browser context):`);
    p();
    p(table(["Step", "median", "p90"], [
      ["WebAssembly.compile(bytes)", ...ms2(c.compileMs)],
      ["instantiate through the glue (initSync: new Instance + start)", ...ms2(c.instantiateMs)],
      ["first core call (parseOutput) after instantiation", ...ms2(c.firstParseMs)],
      ["one more `new WebAssembly.Instance` of the compiled module", ...ms2(c.perInstanceMs)],
      ["`import(\"pkg/web.mjs\")` (fetch + streaming compile + instantiate), local server", ...ms2(c.importMs)],
      ["… + `new EC2Client()`", ...ms2(c.constructedMs)],
      ["… + first CreateSnapshot done (incl. CORS preflight)", ...ms2(c.firstCallMs)],
    ]));
    p();
  }
  if (R.workerdInst) {
    const w = R.workerdInst;
    p(`**workerd** (${w.initSyncMs.length} fresh workerd processes; workerd's clock advances in 1 ms steps, so single steps read 0 or 1 ms, the per-instance figure is 200 instantiations ÷ 200):`);
    p();
    p(table(["Step", "median", "p90"], [
      ["initSync (instantiate + start) of the imported module", ...ms2(w.initSyncMs)],
      ["first core call (parseOutput)", ...ms2(w.firstParseMs)],
      ["one more `new WebAssembly.Instance`", ...ms2(w.perInstanceMs)],
    ]));
    p();
  }
  if (R.workerdCold) {
    const T = R.workerdCold.times;
    const e = median(T["empty worker"]);
    p(`**workerd cold start** (\`workerd serve\` spawned → first CreateSnapshot answered through the worker; ${T["empty worker"].length} runs each, interleaved):`);
    p();
    p(table(["Worker", "median", "p90", "− empty worker"], Object.entries(T).map(([n, v]) => [n, `${f(median(v), 1)} ms`, `${f(quant(v, 0.9), 1)} ms`, n === "empty worker" ? "–" : `+${f(median(v) - e, 1)} ms`])));
    for (const [n, err] of Object.entries(R.workerdCold.failed ?? {})) p(`| ${n} | fails: ${err.replace(/\|/g, "\\|")} | | |`);
    p();
  }

  // 3. Per call
  p("## 3. Per call");
  p();
  for (const [env, P] of [["Node", R.nodePerCall], ["Chromium", R.chromiumPerCall]]) {
    if (!P) continue;
    const res = P.results;
    const n = res["fetch floor"].seq.length;
    p(`**${env}**: sequential latency over ${B(n)} calls per contender (${P.rounds ?? R.params.chromiumRounds} rounds); throughput with ${P.inflight ?? R.params.inflight} in flight${env === "Chromium" ? " (Chromium opens at most 6 HTTP/1.1 connections per origin: the rest queue, for every contender alike)" : ""}.${env === "Chromium" ? ` crossOriginIsolated: ${P.crossOriginIsolated}.` : ""}`);
    p();
    const head = ["Contender", "median", "p99", "× floor (median)", "calls/s (32 in flight)", "× floor (time per call)"];
    if (env === "Node") head.push("CPU µs/call (sequential)", "CPU µs/call (32 in flight)", "CPU × floor");
    p(table(head, Object.keys(res).map((k) => {
      const v = res[k];
      const row = [k, `${f(median(v.seq), 3)} ms`, `${f(p99(v.seq), 3)} ms`, ratio(roundRatio(res, k)), f(median(v.concPerSec), 0), ratio(concRatio(res, k))];
      if (env === "Node") row.push(f(median(v.seqCpuUs), 0), f(median(v.concCpuUs), 0), ratio(median(v.concCpuUs) / median(res["fetch floor"].concCpuUs)));
      return row;
    })));
    p();
  }
  if (R.nodeTransport) {
    const T = R.nodeTransport.results;
    const fl = R.nodeTransport.floor;
    p(`**Node by transport** (bench/sections/node-transport.mjs): ${B(R.nodeTransport.seqN)} sequential calls per contender per round, ${R.nodeTransport.rounds} rounds; the floors replay one request signed once.`);
    p();
    p(table(["Contender", "transport", "median µs/call", "p99 µs", "× node:http floor", "CPU µs/call", "CPU over the same transport's floor"], Object.keys(T).map((k) => {
      const v = T[k];
      const sameFloor = v.transport === "fetch" ? "fetch floor (fetch)" : fl;
      return [v.name, v.transport, f(median(v.seq) * 1000, 0), f(p99(v.seq) * 1000, 0), ratio(roundRatio(T, k, fl)), f(median(v.seqCpuUs), 0), T[sameFloor] ? f(median(v.seqCpuUs) - median(T[sameFloor].seqCpuUs), 0) : "–"];
    })));
    p();
  }
  if (R.nodePerCall?.checks) {
    p(`Checked before timing: every contender got \`${Object.values(R.nodePerCall.checks)[0].snapshotId}\` back, and the form body the server received decodes to the same parameters for all four.`);
    p();
  }

  // 4. Micro
  p("## 4. Micro: sign, serialize, parse");
  p();
  p("ec2-wasm is measured through a bench-only entry (bench/entries/*-bench.mjs), bundled by esbuild from the");
  p("wasm-bindgen glue and JS shell `scripts/build-pkg.sh` leaves in `target/pkg-tmp`, with the shipped `pkg/dist` wasm:");
  p("the public package bundles these calls away. `Core.sign` is the call the client makes when middleware is present,");
  p("`Core.build` the one it makes per attempt otherwise (serialize + sign + headers object). All sign with a cached signing key.");
  for (const [env, M] of [["Node", R.nodeMicro], ["Chromium", R.chromiumMicro]]) {
    if (!M) continue;
    p();
    p(`**${env}** (median of ${R.params.microRounds} interleaved rounds of ~40 ms batches)`);
    p();
    const rows = [];
    for (const g of ["sign", "serialize", "parse"]) {
      const ops = Object.entries(M).filter(([, v]) => v.group === g);
      const base = ops.find(([k]) => k.startsWith("ec2-wasm"));
      for (const [k, v] of ops) {
        const us = 1e6 / median(v.opsPerSec);
        rows.push([g, k, f(us, 2), B(Math.round(median(v.opsPerSec))), base ? ratio(us / (1e6 / median(base[1].opsPerSec))) : "–"]);
      }
    }
    p(table(["", "Operation", "µs/op", "ops/s", "time vs ec2-wasm"], rows));
  }
  p();

  // 5. Memory
  if (R.memory) {
    p(`## 5. Memory: ${B(R.memory["ec2-wasm"].total)} sends in one client instance`);
    p();
    p("32 in flight; after each checkpoint `global.gc()` twice (`node --expose-gc`), then `process.memoryUsage()`; for ec2-wasm also");
    p("the instance's `WebAssembly.Memory` size (the bench-only entry holds the same client; the public package does not expose it).");
    p();
    for (const [n, mm] of Object.entries(R.memory)) {
      p(`**${n}** (${f(mm.seconds, 0)} s):`);
      p();
      p(table(["after sends", "JS heap used", "heap total", "external", "rss", "wasm memory"], mm.points.map((x) => [B(x.sends) + (x.sends === mm.warmup ? " (warm-up)" : ""), `${f(x.heapUsed / 1048576)} MiB`, `${f(x.heapTotal / 1048576)} MiB`, `${f(x.external / 1048576)} MiB`, `${f(x.rss / 1048576)} MiB`, x.wasmMemory === null ? "–" : `${B(x.wasmMemory)} B`])));
      p();
    }
  }

  if (analysis) {
    p(analysis.trim());
    p();
  }
  if (profile) {
    p(profile.trim());
    p();
  }
  p("## How it is measured");
  p();
  p("- Same input everywhere (VolumeId, Description, one tag: bench/lib/common.mjs), static credentials, region us-east-1,");
  p("  endpoint `http://127.0.0.1:<port>`. ec2-wasm and the SDK run with their default configuration (retries on, SDK");
  p("  Node version warning silenced with `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true`). aws4fetch gets the");
  p("  EC2 form body built by hand and the snapshot id read with indexOf. The floor replays one request built and signed");
  p("  once (by aws4fetch's signer) with a bare `fetch`, reading the body but not parsing it.");
  p("- The server (bench/lib/server.mjs) is its own Node process: fixed response, CORS preflights allowed and cacheable");
  p("  (`Access-Control-Max-Age: 600`), keep-alive. The Chromium pages come from a second port (another origin),");
  p("  served with COOP/COEP so `performance.now()` is not coarsened.");
  p("- Per call: each round runs every contender (rotated order) for a sequential block, then every contender for a");
  p("  32-in-flight block; \"× floor\" is the median over rounds of the per-round ratio, so slow drift of the machine");
  p("  cancels out. p99 is over all sequential calls. CPU is `process.cpuUsage()` of the client process only.");
  p("- Nothing here asserts timings: `make test` only runs the size budget check (bench/size-check.mjs).");
  return `${L.join("\n")}\n`;
}

function quant(xs, q) {
  const s = Float64Array.from(xs).sort();
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}
const ms2 = (xs) => (xs.length ? [`${f(median(xs), 3)} ms`, `${f(quant(xs, 0.9), 3)} ms`] : ["–", "–"]);

export function loadText(file) {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
export const _path = path;
