// Profiles N sequential client.send calls per operation (DescribeSnapshots, CreateSnapshot) in Node with the
// built package (default transport node:http) against bench/profile/stub.mjs in its own process, each run
// in a child under `node --cpu-prof` (sends-child.mjs), and prints analyze.mjs's table as markdown.
//   node bench/profile/node-sends.mjs [--n 10000] [--entry pkg/dist/node.mjs] [--out target/profile]
// With `--compare OTHER_ENTRY --rounds R`, instead measures (no profiler) OTHER_ENTRY and --entry in R
// interleaved rounds of N calls per operation (alternating which goes first) and prints median wall and
// process CPU µs per call of each, and their ratio.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { analyze, bucketTable, nameMap, withSourceMap } from "./analyze.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const { values: o } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    entry: { type: "string", default: "pkg/dist/node.mjs" },
    out: { type: "string", default: "target/profile" },
    ops: { type: "string", default: "DescribeSnapshots,CreateSnapshot" },
    compare: { type: "string" },
    rounds: { type: "string", default: "5" },
  },
});
const N = Number(o.n);
const OPS = o.ops.split(",");
const OUT = path.resolve(ROOT, o.out);
mkdirSync(OUT, { recursive: true });
const entryUrl = (e) => pathToFileURL(path.resolve(ROOT, e)).href;

const stub = spawn(process.execPath, [path.join(HERE, "stub.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
const stop = () => {
  if (stub.exitCode === null) stub.kill("SIGTERM");
};
process.on("exit", stop);
const { port } = JSON.parse(await new Promise((resolve, reject) => {
  createInterface({ input: stub.stdout }).once("line", resolve);
  stub.once("exit", (c) => reject(new Error(`stub exited (${c}) before listening`)));
}));
const endpoint = `http://127.0.0.1:${port}`;

function run(entry, op, name, profile) {
  const windowFile = path.join(OUT, `${name}.window.json`);
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${OUT}`, `--cpu-prof-name=${name}.cpuprofile`, "--cpu-prof-interval=50"] : [];
  const r = spawnSync(process.execPath, [...flags, path.join(HERE, "sends-child.mjs"), entryUrl(entry), endpoint, op, String(N), windowFile], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${name}: child exited with ${r.status}`);
  return JSON.parse(readFileSync(windowFile, "utf8"));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f1 = (x) => x.toFixed(1);
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");
const loadBefore = load();

try {
  if (o.compare) {
    const variants = { before: o.compare, after: o.entry };
    const got = {};
    for (let r = 0; r < Number(o.rounds); r++) {
      const order = r % 2 === 0 ? ["before", "after"] : ["after", "before"];
      for (const op of OPS) for (const v of order) ((got[`${op}/${v}`] ??= []).push(run(variants[v], op, `cmp-${v}-${op}`, false)));
    }
    console.log(`Interleaved: ${o.rounds} rounds × ${N} sequential sends per operation and variant; medians. Load average ${loadBefore} → ${load()} (${cpus().length} cores, shared).\n`);
    console.log("| operation | before wall µs/call | after wall µs/call | after/before (median of rounds) | before CPU µs/call | after CPU µs/call | after/before (median of rounds) |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const op of OPS) {
      const m = (v, k) => median(got[`${op}/${v}`].map((x) => x[k]));
      const r = (k) => median(got[`${op}/after`].map((a, i) => a[k] / got[`${op}/before`][i][k]));
      const [bw, aw, bc, ac] = [m("before", "wallPerCall"), m("after", "wallPerCall"), m("before", "cpuPerCall"), m("after", "cpuPerCall")];
      console.log(`| ${op} | ${f1(bw)} | ${f1(aw)} | ${r("wallPerCall").toFixed(3)} | ${f1(bc)} | ${f1(ac)} | ${r("cpuPerCall").toFixed(3)} |`);
    }
    // The per-round ratios, so the spread is visible.
    for (const op of OPS) {
      const ratios = got[`${op}/after`].map((a, i) => (a.cpuPerCall / got[`${op}/before`][i].cpuPerCall).toFixed(3));
      console.log(`\n${op}: per-round CPU ratio after/before: ${ratios.join(", ")}`);
    }
  } else {
    const names = withSourceMap(nameMap(), path.resolve(ROOT, o.entry));
    const results = {};
    for (const op of OPS) {
      for (const f of readdirSync(OUT)) if (f.startsWith(`prof-${op}`)) rmSync(path.join(OUT, f));
      const w = run(o.entry, op, `prof-${op}`, true);
      const prof = JSON.parse(readFileSync(path.join(OUT, `prof-${op}.cpuprofile`), "utf8"));
      results[op] = { w, a: analyze(prof, w, names) };
    }
    console.log(`${N} sequential sends per operation, ${o.entry}, node:http, stub in its own process; node --cpu-prof (50 µs sampling) around the measured loop only. Load average ${loadBefore} → ${load()} (${cpus().length} cores, shared).\n`);
    const rows = Object.fromEntries(OPS.map((op) => [op, results[op].a]));
    console.log(bucketTable(rows, { cpuLabel: "client CPU (sampled, all but idle)", shareLabel: "client CPU", idleLabel: "idle (waiting for the stub)", extra: [["wall per call, profiled (process CPU)", (op) => `${f1(results[op].w.wallPerCall)} (${f1(results[op].w.cpuPerCall)})`]] }));
    for (const op of OPS) {
      console.log(`\nTop 10 shell functions, ${op} (self time, with the script-less builtins they call; module by function name):\n`);
      console.log("| function (module:line:col in the bundle) | µs/call | % of client CPU | of which builtins (µs) |");
      console.log("|---|---:|---:|---|");
      for (const t of results[op].a.topShell) console.log(`| \`${t.fn}\` | ${f1(t.perCall)} | ${pct(t.share)} | ${t.builtins.join(", ")} |`);
    }
  }
} finally {
  stop();
}
