// Reads a V8 .cpuprofile (from `node --cpu-prof`) and the measured loop's window (sends-child.mjs) and sums
// the self time of the samples inside the window per bucket and per function:
//   JS shell (pkg/src; the Node bundle keeps function names, mapped back to their module by name),
//   boundary (wasm-bindgen glue: string/byte copies, TextEncoder/Decoder), wasm-bindgen call wrappers,
//   wasm, transport (node:http, net, streams), other Node internals (timers, ticks), GC, V8 native
//   ("(program)"), the benchmark loop. Time in V8 builtins without a script (JSON.parse, Promise
//   machinery, encodeInto…) counts for the nearest caller that has one. "(idle)" is waiting, not client CPU.
// CLI: `node analyze.mjs PROFILE.cpuprofile WINDOW.json` prints JSON.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { SourceMap } from "node:module";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = new URL("../../", import.meta.url);

/** function name → module (pkg/src/*.mjs and the wasm-bindgen glue), from their definitions. */
export function nameMap() {
  const map = new Map();
  const add = (file, text) => {
    const defs = [
      ...text.matchAll(/(?:function\s*\*?\s*|(?:const|let)\s+)([A-Za-z_$][\w$]*)/g),
      ...text.matchAll(/^\s+(?:static\s+)?(?:async\s+)?([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*\{/gm),
    ];
    for (const [, name] of defs) {
      const had = map.get(name);
      if (!had) map.set(name, file);
      else if (!had.split("|").includes(file)) map.set(name, `${had}|${file}`);
    }
  };
  const src = new URL("pkg/src/", ROOT);
  for (const f of readdirSync(src)) if (f.endsWith(".mjs")) add(f, readFileSync(new URL(f, src), "utf8"));
  const glue = new URL("target/pkg-tmp/ec2_wasm.js", ROOT);
  if (existsSync(glue)) {
    const text = readFileSync(glue, "utf8");
    const exported = new Set([...text.matchAll(/^export function ([\w$]+)/gm)].map((m) => m[1]));
    for (const [, name] of text.matchAll(/^\s*function ([\w$]+)/gm)) map.set(name, exported.has(name) ? "glue:wrapper" : "glue:boundary");
    for (const name of exported) map.set(name, "glue:wrapper");
  }
  return map;
}

/** Adds to `names` a source map of `bundle` (the profiled file): made by bundling the same inputs with the
 * same esbuild flags plus --sourcemap, used only when the code comes out byte-identical. */
export function withSourceMap(names, bundle) {
  const tmp = new URL("target/pkg-tmp/node.mjs", ROOT);
  if (!existsSync(tmp)) return names;
  const out = new URL("target/profile/node-map.mjs", ROOT);
  // scripts/build-pkg.sh's flags for the Node ESM bundle.
  const r = spawnSync(new URL("node_modules/.bin/esbuild", ROOT).pathname, [
    "--bundle", "--minify-whitespace", "--minify-syntax", "--log-level=warning", "--legal-comments=none",
    fileURLToPath(tmp), "--format=esm", "--platform=node", "--target=node20", "--sourcemap", `--outfile=${fileURLToPath(out)}`,
  ], { stdio: "inherit" });
  if (r.status !== 0) return names;
  const code = readFileSync(out, "utf8").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");
  if (code !== readFileSync(bundle, "utf8")) {
    console.error("analyze: the re-bundle differs from the profiled bundle; modules are guessed by function name");
    return names;
  }
  names.sourceMap = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(out)}.map`, "utf8")));
  names.bundleUrl = pathToFileURL(bundle).href;
  return names;
}

/** The module of a bundled function: esbuild renames clashing names with a number suffix (build2);
 * wasm-bindgen's import shims (`__wbg_…`) copy across the boundary. */
function moduleOf(names, name, frame) {
  if (frame && names.sourceMap && frame.url === names.bundleUrl) {
    const e = names.sourceMap.findEntry(frame.lineNumber, frame.columnNumber);
    const file = e?.originalSource?.split("/").at(-1);
    if (file === "ec2_wasm.js") {
      const kind = names.get(name) ?? names.get(name.replace(/\d+$/, ""));
      return kind?.startsWith("glue:") ? kind : "glue:boundary";
    }
    if (file) return file;
  }
  if (name.startsWith("__wbg_")) return "glue:boundary";
  return names.get(name) ?? names.get(name.replace(/\d+$/, ""));
}

export const BUCKETS = [
  "JS shell (pkg/src)",
  "boundary copies (wasm-bindgen glue, TextEncoder/Decoder)",
  "wasm-bindgen call wrappers",
  "wasm (sign, build, parse)",
  "transport (node:http, net, streams)",
  "other Node internals (timers, ticks, events)",
  "GC",
  "V8 native / unattributed ((program))",
  "benchmark loop",
];

/** Chromium's renderer-side fetch work: builtins without a script that are the transport, not their caller. */
const FETCH_BUILTINS = new Set(["fetch", "arrayBuffer", "text", "json", "body", "getReader", "read"]);

/** With `{ browser: true }` (a Chromium profile) the transport is fetch's renderer-side builtins and the
 * runtime's other internals are the renderer's, so two buckets read differently (labels in `BROWSER_LABELS`). */
export const BROWSER_LABELS = {
  "transport (node:http, net, streams)": "transport (fetch and Response body, renderer side)",
  "other Node internals (timers, ticks, events)": "other runtime internals",
};

export function analyze(profile, window, names = nameMap(), { browser = false } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cf = (id) => nodes.get(id).callFrame;
  // The node whose bucket a sample counts for: itself, or for a script-less builtin its nearest scripted caller.
  const owner = new Map();
  const ownerOf = (id) => {
    if (owner.has(id)) return owner.get(id);
    const f = cf(id);
    let o = id;
    if (f.url === "" && !f.functionName.startsWith("(") && !(browser && FETCH_BUILTINS.has(f.functionName))) {
      const p = parent.get(id);
      o = p === undefined ? id : ownerOf(p);
      if (o !== id && cf(o).functionName === "(root)") o = id;
    }
    owner.set(id, o);
    return o;
  };
  const bucketOf = (id) => {
    const f = cf(id);
    const name = f.functionName;
    if (name === "(garbage collector)") return "GC";
    if (name === "(program)" || name === "(root)") return "V8 native / unattributed ((program))";
    if (name === "(idle)") return "(idle)";
    // Node names wasm frames wasm://…; Chromium gives the module's URL, and wasm-function[i] without a name section.
    if (f.url.startsWith("wasm://") || f.url.endsWith(".wasm") || name.startsWith("wasm-function[")) return "wasm (sign, build, parse)";
    if (f.url.includes("bench/profile")) return "benchmark loop";
    if (f.url.startsWith("node:")) {
      return /http|net|stream|socket|agent|tcp|dns|buffer|string_decoder|internal\/url/.test(f.url)
        ? "transport (node:http, net, streams)"
        : "other Node internals (timers, ticks, events)";
    }
    if (browser && f.url === "" && FETCH_BUILTINS.has(name)) return "transport (node:http, net, streams)";
    if (f.url === "") return "V8 native / unattributed ((program))";
    const mod = moduleOf(names, name, f);
    if (mod === "glue:boundary") return "boundary copies (wasm-bindgen glue, TextEncoder/Decoder)";
    if (mod === "glue:wrapper") return "wasm-bindgen call wrappers";
    return "JS shell (pkg/src)";
  };
  let t = profile.startTime;
  const times = profile.samples.map((_, i) => (t += profile.timeDeltas[i]));
  if (window.start > times.at(-1) || window.end < times[0]) {
    throw new Error(`the loop's window [${window.start}, ${window.end}] is outside the profile [${times[0]}, ${times.at(-1)}]: clocks differ`);
  }
  const buckets = new Map([...BUCKETS, "(idle)"].map((b) => [b, 0]));
  const shellFns = new Map();
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length - 1; i++) {
    if (times[i] < window.start || times[i] > window.end) continue;
    const dt = times[i + 1] - times[i];
    const id = profile.samples[i];
    const o = ownerOf(id);
    const b = bucketOf(o);
    buckets.set(b, buckets.get(b) + dt);
    inWindow += dt;
    if (b === "JS shell (pkg/src)") {
      const f = cf(o);
      const mod = moduleOf(names, f.functionName, f) ?? "?";
      const key = `${f.functionName || "(anonymous)"} (${mod}:${f.lineNumber + 1}:${f.columnNumber + 1})`;
      const self = cf(id).url === "" ? ` + ${cf(id).functionName}` : "";
      const e = shellFns.get(key) ?? { total: 0, via: new Map() };
      e.total += dt;
      if (self) e.via.set(cf(id).functionName, (e.via.get(cf(id).functionName) ?? 0) + dt);
      shellFns.set(key, e);
    }
  }
  const n = window.n;
  const cpu = inWindow - buckets.get("(idle)");
  return {
    n,
    sampledUs: inWindow,
    clientCpuPerCall: cpu / n,
    buckets: BUCKETS.map((b) => ({ bucket: (browser && BROWSER_LABELS[b]) || b, perCall: buckets.get(b) / n, share: buckets.get(b) / cpu })),
    idlePerCall: buckets.get("(idle)") / n,
    topShell: [...shellFns.entries()]
      .sort((a, b) => b[1].total - a[1].total)
      .slice(0, 10)
      .map(([fn, e]) => ({ fn, perCall: e.total / n, share: e.total / cpu, builtins: [...e.via.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, v]) => `${k} ${(v / n).toFixed(1)}`) })),
  };
}

/**
 * The bucket table as markdown: one column pair per operation (`rows`: { op: analyze()'s result }), then
 * the sampled CPU, the idle line and `extra` lines ([label, op => cell]).
 */
export function bucketTable(rows, { cpuLabel, shareLabel, idleLabel, extra = [] }) {
  const ops = Object.keys(rows);
  const f1 = (x) => x.toFixed(1);
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  const out = [`| bucket | ${ops.map((op) => `${op} µs/call | % of ${shareLabel}`).join(" | ")} |`, `|---|${ops.map(() => "---:|---:").join("|")}|`];
  rows[ops[0]].buckets.forEach((b, i) => out.push(`| ${b.bucket} | ${ops.map((op) => `${f1(rows[op].buckets[i].perCall)} | ${pct(rows[op].buckets[i].share)}`).join(" | ")} |`));
  out.push(`| **${cpuLabel}** | ${ops.map((op) => `**${f1(rows[op].clientCpuPerCall)}** | 100 %`).join(" | ")} |`);
  out.push(`| ${idleLabel} | ${ops.map((op) => `${f1(rows[op].idlePerCall)} | –`).join(" | ")} |`);
  for (const [label, cell] of extra) out.push(`| ${label} | ${ops.map((op) => `${cell(op)} | –`).join(" | ")} |`);
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [p, w] = process.argv.slice(2);
  const names = withSourceMap(nameMap(), fileURLToPath(new URL("pkg/dist/node.mjs", ROOT)));
  console.log(JSON.stringify(analyze(JSON.parse(readFileSync(p, "utf8")), JSON.parse(readFileSync(w, "utf8")), names), null, 1));
}
