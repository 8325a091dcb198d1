#!/usr/bin/env node
// Manual experiment (not part of `make bench`): builds the wasm core in other configurations, in a
// separate target dir (/tmp/ec2-wasm-variants, so it never locks or touches target/), and measures each
// with the same micro-benchmarks and size measure as the benchmark. Answers "what would speed cost in
// bytes?". Usage: node bench/profile/variants.mjs [name ...]   (after `make pkg` and one `make bench`)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { BENCH, OUT, ROOT, gzipSize } from "../lib/size.mjs";
import { runJson } from "../lib/procs.mjs";
import { median } from "../lib/common.mjs";

const TARGET = "/tmp/ec2-wasm-variants";
const OPT_FLAGS = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
const VARIANTS = {
  "as shipped (opt-level z, compact SHA-256, wasm-opt -Oz)": { env: {}, wasmOpt: "-Oz" },
  "opt-level 3, compact SHA-256, wasm-opt -O3": { env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "3" }, wasmOpt: "-O3" },
  "opt-level 3, unrolled SHA-256, wasm-opt -O3": { env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "3", RUSTFLAGS: "--cfg=ec2_wasm_bench_variant" }, wasmOpt: "-O3" },
  "opt-level s, compact SHA-256, wasm-opt -Os": { env: { CARGO_PROFILE_RELEASE_OPT_LEVEL: "s" }, wasmOpt: "-Os" },
};
const pick = process.argv.slice(2);
const ops = ["ec2-wasm Core.sign (wasm)", "ec2-wasm Core.build = serialize + sign (wasm)", "ec2-wasm serialize (wasm)", "ec2-wasm parseOutput (wasm → JS object)"];
const built = [];
for (const [name, v] of Object.entries(VARIANTS)) {
  if (pick.length && !pick.some((p) => name.includes(p))) continue;
  const dir = path.join(OUT, "variants", name.replace(/[^\w]+/g, "_"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, CARGO_TARGET_DIR: TARGET, ...v.env };
  execFileSync("cargo", ["build", "--lib", "--release", "--target", "wasm32-unknown-unknown"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dir, "--out-name", "ec2_wasm", path.join(TARGET, "wasm32-unknown-unknown", "release", "ec2_wasm.wasm")]);
  execFileSync(path.join(ROOT, "node_modules", ".bin", "wasm-opt"), [v.wasmOpt, ...OPT_FLAGS, path.join(dir, "ec2_wasm_bg.wasm"), "-o", path.join(dir, "opt.wasm")]);
  for (const f of readdirSync(path.join(OUT, "core-src"))) if (/\.mjs$/.test(f)) cpSync(path.join(OUT, "core-src", f), path.join(dir, f));
  await esbuild.build({ entryPoints: [path.join(dir, "node-bench.mjs")], bundle: true, format: "esm", platform: "node", minify: true, logLevel: "error", outfile: path.join(dir, "core", "node-bench.mjs") });
  cpSync(path.join(dir, "opt.wasm"), path.join(dir, "core", "ec2_wasm_bg.wasm"));
  const wasm = readFileSync(path.join(dir, "opt.wasm"));
  built.push({ name, entry: path.join(dir, "core", "node-bench.mjs"), raw: wasm.length, gzip: gzipSize(wasm), runs: Object.fromEntries(ops.map((o) => [o, []])) });
  console.error(`built: ${name} (${wasm.length} B)`);
}
// Interleaved: every repetition runs every variant's micro-benchmark process once, in rotated order.
const REPS = Number(process.env.REPS ?? 4);
for (let r = 0; r < REPS; r++) {
  for (let k = 0; k < built.length; k++) {
    const b = built[(k + r) % built.length];
    const micro = await runJson([path.join(BENCH, "sections", "node-micro.mjs"), b.entry, "5"]);
    for (const o of ops) b.runs[o].push(...micro[o].opsPerSec);
  }
  console.error(`repetition ${r + 1}/${REPS}`);
}
console.log(`Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end; µs per op = median over ${REPS} interleaved processes × 5 rounds.`);
console.log("");
console.log("| Build | wasm raw | wasm gzip | Core.sign µs | Core.build µs | serialize µs | parseOutput µs |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const b of built) console.log(`| ${b.name} | ${b.raw} | ${b.gzip} | ${ops.map((o) => (1e6 / median(b.runs[o])).toFixed(2)).join(" | ")} |`);
