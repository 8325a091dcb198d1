#!/usr/bin/env node
// The size budget (`make test-size`, part of `make test`): bundles bench/apps/ec2-wasm.mjs — an app doing
// one CreateSnapshot — with esbuild for the browser against pkg/ (as built by `make pkg`), and fails when
// gzip -9 of the JS bundle + the .wasm it loads exceeds bench/size-budget.json. Lower the budget as the
// package shrinks (it is meant to follow the size down: measured size + ~3%).
import { readFileSync } from "node:fs";
import path from "node:path";
import { BENCH, OUT, ROOT, bundleApp, gzipTool } from "./lib/size.mjs";

const budgetFile = path.join(BENCH, "size-budget.json");
const budget = JSON.parse(readFileSync(budgetFile, "utf8"));
const r = await bundleApp("ec2-wasm", "browser", { pkgDir: path.join(ROOT, "pkg"), outDir: path.join(OUT, "size-check") });
const wasm = r.wasm.reduce((s, w) => s + w.gzip, 0);
const total = r.total.gzip;
const limit = budget.browserAppGzipBytes;
const detail = `JS ${r.js.gzip} B + wasm ${wasm} B = ${total} B (${gzipTool()}); budget ${limit} B in bench/size-budget.json; goal ${budget.goalGzipBytes} B`;
if (total > limit) {
  console.error(`size check FAILED: the browser app (one CreateSnapshot with ec2-wasm) is ${total} B gzip, over the budget of ${limit} B by ${total - limit} B.\n  ${detail}`);
  process.exit(1);
}
console.log(`size check ok: ${detail} (${limit - total} B headroom)`);
// Beside it, the app of the main job: create a snapshot and wait for it to complete (reported, not budgeted).
const w = await bundleApp("ec2-wasm", "browser", { pkgDir: path.join(ROOT, "pkg"), outDir: path.join(OUT, "size-check"), app: "ec2-wasm-wait.mjs" });
console.log(`  create + wait app: JS ${w.js.gzip} B + wasm ${w.wasm.reduce((s, x) => s + x.gzip, 0)} B = ${w.total.gzip} B (${w.total.gzip - total} B more)`);
if (total < limit * 0.9) console.log(`  the package shrank: lower browserAppGzipBytes to about ${Math.ceil(total * 1.03)} B`);
