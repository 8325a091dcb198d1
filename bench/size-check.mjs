#!/usr/bin/env node
// The size budgets (`make test-size`, part of `make test`): bundles bench/apps/ec2-wasm.mjs (one CreateSnapshot)
// and bench/apps/ec2-wasm-wait.mjs (CreateSnapshot, then waitUntilSnapshotCompleted) with esbuild for the browser
// against pkg/ (as built by `make pkg`), and fails when gzip -9 of either's JS bundle + the .wasm it loads
// exceeds its figure in bench/size-budget.json. Lower the budgets as the package shrinks (measured + ~1%).
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
if (!(total <= limit)) {
  console.error(`size check FAILED: the browser app (one CreateSnapshot with ec2-wasm) is ${total} B gzip, over the budget of ${limit} B by ${total - limit} B.\n  ${detail}`);
  process.exit(1);
}
console.log(`size check ok: ${detail} (${limit - total} B headroom)`);
// The app of the main job: create a snapshot and wait for it to complete (issue 14's size goal), budgeted too.
const w = await bundleApp("ec2-wasm", "browser", { pkgDir: path.join(ROOT, "pkg"), outDir: path.join(OUT, "size-check"), app: "ec2-wasm-wait.mjs" });
const waitLimit = budget.createAndWaitAppGzipBytes;
const waitDetail = `JS ${w.js.gzip} B + wasm ${w.wasm.reduce((s, x) => s + x.gzip, 0)} B = ${w.total.gzip} B (${w.total.gzip - total} B more than create-only); budget ${waitLimit} B; goal ${budget.goalGzipBytes} B`;
if (!(w.total.gzip <= waitLimit)) {
  console.error(`size check FAILED: the create + wait app (bench/apps/ec2-wasm-wait.mjs) is ${w.total.gzip} B gzip, over its budget of ${waitLimit} B.\n  ${waitDetail}`);
  process.exit(1);
}
console.log(`size check ok: create + wait app ${waitDetail} (${waitLimit - w.total.gzip} B headroom)`);
for (const [what, size, lim] of [["browserAppGzipBytes", total, limit], ["createAndWaitAppGzipBytes", w.total.gzip, waitLimit]]) {
  if (size < lim * 0.97) console.log(`  the package shrank: lower ${what} to about ${Math.ceil(size * 1.01)} B`);
}
