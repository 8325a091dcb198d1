// workerd (npm package "workerd", binary from @cloudflare/workerd-linux-64): wasm instantiation of the
// package's module, and the cold start of each contender's Workers bundle (the size section's esbuild
// output with the workerd/worker/browser conditions): `workerd serve` spawned → first CreateSnapshot
// answered through the worker (an empty worker for reference). Contenders interleaved per round.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as esbuild from "esbuild";
import { OUT, ROOT, BENCH } from "../lib/size.mjs";
import { SNAPSHOT_ID, rotate } from "../lib/common.mjs";
import { freePort } from "../../tests/support/processes.mjs";
import { WORKERD, workerdConfig } from "../../tests/support/workerd.mjs";

export { WORKERD };
export const workerdVersion = () => execFileSync(WORKERD, ["--version"], { encoding: "utf8" }).trim();
/** The newest compatibility date this workerd knows (its release date): today's Workers defaults. */
let compat;
const compatibilityDate = () => (compat ??= workerdVersion().match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? "2025-06-01");

/** Writes a workerd config for `modules` ([{name, type, file}]) in `dir`; returns { file, port }. */
async function config(dir, modules) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const file = path.join(dir, "config.capnp");
  writeFileSync(file, workerdConfig(dir, [{ name: "main", modules, compatibilityDate: compatibilityDate() }], [{ name: "http", port, service: "main" }]));
  return { file, port };
}

/** Spawns workerd and polls `path` every 2 ms until it answers; returns { ms, body, stop }. */
async function serveAndAsk(cfg, pathAndQuery, timeoutMs = 30_000) {
  const t0 = performance.now();
  const child = spawn(WORKERD, ["serve", cfg.file], { stdio: ["ignore", "ignore", "pipe"], cwd: path.dirname(cfg.file) });
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
  const stop = () =>
    new Promise((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once("exit", r);
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        r();
      }
    });
  const url = `http://127.0.0.1:${cfg.port}${pathAndQuery}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited: ${err.slice(-3000)}`);
    if (performance.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`workerd: no answer in ${timeoutMs} ms: ${err.slice(-3000)}`);
    }
    try {
      const res = await fetch(url);
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) {
        await stop();
        throw new Error(`workerd ${pathAndQuery}: HTTP ${res.status} ${body.slice(0, 500)} ${err.slice(-2000)}`);
      }
      return { ms, body, stop, url };
    } catch (e) {
      if (String(e.message).startsWith("workerd ")) throw e;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Wasm instantiation in workerd: `samples` fresh workerd processes, each: initSync + 200 instances. */
export async function workerdInstantiate(coreSrc, wasmFile, samples, log) {
  const dir = path.join(OUT, "workerd", "inst");
  mkdirSync(dir, { recursive: true });
  await esbuild.build({ entryPoints: [path.join(coreSrc, "web-bench.mjs")], bundle: true, format: "esm", platform: "neutral", target: "es2022", minify: true, keepNames: true, logLevel: "error", outfile: path.join(dir, "core.mjs") });
  cpSync(wasmFile, path.join(dir, "ec2_wasm_bg.wasm"));
  cpSync(path.join(ROOT, "tests/vectors/model/samples/create-snapshot-response.xml"), path.join(dir, "sample.xml"));
  cpSync(path.join(BENCH, "workerd", "inst-worker.mjs"), path.join(dir, "worker.mjs"));
  const cfg = await config(dir, [
    { name: "worker.mjs", type: "esModule", file: path.join(dir, "worker.mjs") },
    { name: "core.mjs", type: "esModule", file: path.join(dir, "core.mjs") },
    { name: "ec2_wasm_bg.wasm", type: "wasm", file: path.join(dir, "ec2_wasm_bg.wasm") },
    { name: "sample.xml", type: "text", file: path.join(dir, "sample.xml") },
  ]);
  const res = { initSyncMs: [], firstParseMs: [], perInstanceMs: [] };
  for (let i = 0; i < samples; i++) {
    const r = await serveAndAsk(cfg, "/?n=0");
    const first = JSON.parse(r.body).first;
    if (first.id !== SNAPSHOT_ID) throw new Error(`workerd inst: ${r.body}`);
    const again = JSON.parse(await (await fetch(`${r.url.split("?")[0]}?n=200`)).text());
    await r.stop();
    res.initSyncMs.push(first.initSyncMs);
    res.firstParseMs.push(first.firstParseMs);
    if (again.perInstanceMs !== null) res.perInstanceMs.push(again.perInstanceMs);
  }
  log(`workerd instantiation: ${samples} samples`);
  return res;
}

/** Cold start of each contender's Workers bundle (bundles: { name: {outfile, wasm:[{name}]} }). */
export async function workerdColdStart(bundles, api, rounds, log) {
  const cfgs = {};
  const emptyDir = path.join(OUT, "workerd", "empty");
  mkdirSync(emptyDir, { recursive: true });
  cpSync(path.join(BENCH, "workerd", "empty-worker.mjs"), path.join(emptyDir, "worker.mjs"));
  cfgs["empty worker"] = await config(emptyDir, [{ name: "worker.mjs", type: "esModule", file: path.join(emptyDir, "worker.mjs") }]);
  for (const [name, b] of Object.entries(bundles)) {
    const dir = path.join(OUT, "workerd", name.replace(/[^\w]+/g, "_"));
    mkdirSync(dir, { recursive: true });
    cpSync(b.outfile, path.join(dir, "worker.mjs"));
    const mods = [{ name: "worker.mjs", type: "esModule", file: path.join(dir, "worker.mjs") }];
    for (const w of b.wasm) {
      cpSync(path.join(path.dirname(b.outfile), w.name), path.join(dir, w.name));
      mods.push({ name: w.name, type: "wasm", file: path.join(dir, w.name) });
    }
    cfgs[name] = await config(dir, mods);
  }
  const q = `/?endpoint=${encodeURIComponent(api)}`;
  const failed = {};
  for (const n of Object.keys(cfgs)) {
    // one warm-up start each (page cache); a bundle that cannot do the call in workerd is reported, not timed
    try {
      await (await serveAndAsk(cfgs[n], q)).stop();
    } catch (e) {
      failed[n] = (e.message.match(/(\w*Error: [^\n]*)/)?.[1] ?? e.message).slice(0, 200);
      log(`workerd: the ${n} bundle fails: ${failed[n]}`);
    }
  }
  const names = Object.keys(cfgs).filter((n) => !failed[n]);
  const res = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of rotate(names, r)) {
      const x = await serveAndAsk(cfgs[n], q);
      await x.stop();
      if (n !== "empty worker" && n !== "fetch floor" && x.body !== SNAPSHOT_ID) throw new Error(`workerd ${n}: answered ${x.body}`);
      res[n].push(x.ms);
    }
  }
  log(`workerd cold start: ${rounds} rounds`);
  return { times: res, failed };
}
