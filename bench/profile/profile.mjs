// The profile step of `make bench`: where the wasm bytes go (twiggy, on the module before wasm-opt and on
// the same module after `wasm-opt -Oz -g`, i.e. what ships plus its names) and where the CPU goes in the
// hot calls (V8's sampling profiler, bench/profile/cpu.mjs). Returns a Markdown section.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { OUT, ROOT, BENCH } from "../lib/size.mjs";
import { runJson } from "../lib/procs.mjs";
import { dataSegments } from "./wasm-data.mjs";

// The flags scripts/build-pkg.sh gives wasm-opt.
const WASM_OPT_FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];

const run = (cmd, args, input) => execFileSync(cmd, args, { encoding: "utf8", input, maxBuffer: 64 << 20, stdio: ["pipe", "pipe", "pipe"] });
function twiggyPath() {
  for (const p of [process.env.TWIGGY, "twiggy", path.join(process.env.HOME ?? "", ".cargo", "bin", "twiggy")]) {
    if (!p) continue;
    try {
      execFileSync(p, ["--version"], { stdio: "ignore" });
      return p;
    } catch {}
  }
  return null;
}
const block = (s) => `\`\`\`\n${s.replace(/::h[0-9a-f]{16}/g, "").replace(/\[[0-9a-f]{16}\]/g, "").trimEnd()}\n\`\`\``;

export async function profile({ log, api = null, quick = false }) {
  const dir = path.join(OUT, "profile");
  mkdirSync(dir, { recursive: true });
  const pre = path.join(OUT, "core-src", "ec2_wasm_bg.pre-opt.wasm");
  const named = path.join(dir, "ec2_wasm_bg.wasm");
  run(path.join(ROOT, "node_modules", ".bin", "wasm-opt"), [...WASM_OPT_FLAGS, "-g", pre, "-o", named]);
  const L = ["## Profile", ""];
  const shipped = readFileSync(path.join(OUT, "pkg", "dist", "ec2_wasm_bg.wasm")).length;
  L.push(`Modules: before wasm-opt \`target/pkg-tmp/ec2_wasm_bg.wasm\` (${readFileSync(pre).length.toLocaleString("en-US")} B, with names); the same after \`wasm-opt ${WASM_OPT_FLAGS.join(" ")} -g\``);
  L.push(`(${readFileSync(named).length.toLocaleString("en-US")} B: the shipped ${shipped.toLocaleString("en-US")} B plus its name section). Hashes and crate disambiguators are removed from the names below.`, "");

  const tw = twiggyPath();
  if (!tw) {
    L.push("twiggy is not installed (`cargo install twiggy`; `make bench` installs it): no size profile in this run.", "");
  } else {
    L.push(`### Where the shipped wasm bytes go (${run(tw, ["--version"]).trim()}, on the optimized module with names)`, "");
    L.push(run(process.execPath, [path.join(BENCH, "profile", "twiggy-summary.mjs")], run(tw, ["top", "-n", "100000", "-f", "csv", named])).trim(), "");
    L.push("`twiggy top -n 30` (optimized module with names):", "", block(run(tw, ["top", "-n", "30", named])), "");
    L.push("`twiggy dominators -d 1 -r 40` (module before wasm-opt): the roots of the dominator tree and what each keeps alive", "", block(run(tw, ["dominators", "-d", "1", "-r", "40", pre])), "");
    L.push("`twiggy dominators 'elem[0]' -d 2 -r 25` (module before wasm-opt): the function table — functions reached only by indirect calls (formatting trait objects, panic payloads, wasm-bindgen closure shims), which no optimizer can drop", "", block(run(tw, ["dominators", pre, "elem[0]", "-d", "2", "-r", "25"])), "");
    L.push("`twiggy dominators -d 3 -r 45` (optimized module with names): the largest subtree opened", "", block(run(tw, ["dominators", "-d", "3", "-r", "45", named])), "");
    L.push("`twiggy top -n 20` on the module before wasm-opt:", "", block(run(tw, ["top", "-n", "20", pre])), "");
  }
  L.push("### What the data segments hold (bench/profile/wasm-data.mjs, optimized module)", "", block(dataSegments(readFileSync(named), 8)), "");

  if (api) {
    const core = path.join(dir, "core");
    mkdirSync(core, { recursive: true });
    cpSync(path.join(OUT, "core", "node-bench.mjs"), path.join(core, "node-bench.mjs"));
    cpSync(named, path.join(core, "ec2_wasm_bg.wasm"));
    const cpu = await runJson([path.join(BENCH, "profile", "cpu.mjs"), path.join(core, "node-bench.mjs"), api, quick ? "0.5" : "2"], { onLine: log });
    L.push("### Where the CPU goes (V8 sampling profiler in Node, 40 µs interval, on the build with names)", "");
    for (const [job, r] of Object.entries(cpu)) {
      L.push(`**${job}**: ${r.usPerCall.toFixed(1)} µs per call while profiled (${r.calls.toLocaleString("en-US")} calls). Self time by place: ${r.groups.map(([k, v]) => `${k} ${v}%`).join(", ")}.`, "");
      L.push(block(r.top.map(([k, v]) => `${String(v).padStart(5)}%  ${k}`).join("\n")), "");
    }
  }
  return L.join("\n");
}
