// The Rust client on wasm32, end to end (scripts/test-rust-wasm.sh runs this): moto with signature
// checks on (behind the CORS proxy, for the browser), the fault stub, then
//   1. tests/wasm/client.rs under wasm-bindgen-test-runner in Node, then in headless Chromium;
//   2. the port check (examples/port-check/src/check.rs, written against aws-sdk-ec2) on wasm32 in Node;
//   3. the Rust Worker example (examples/worker-rs) in workerd, checked in moto afterwards.
// The runner's own output is printed as it comes. A run fails when a runner fails, prints no summary or
// reports 0 tests executed (wasm-bindgen-test skips tests silently in some setups: that is not a pass).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startCorsProxy } from "../support/cors-proxy.mjs";
import { startMoto } from "../support/moto.mjs";
import { startStub } from "./stub.mjs";
import { runWorker } from "./worker.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const only = new Set((process.env.RUST_WASM_ONLY ?? "node,browser,port-check,worker").split(","));

/** Runs a command, echoing its output; resolves { code, output }. */
function run(label, command, args, { cwd = ROOT, env = {} } = {}) {
  console.log(`\n==> ${label}: ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.setEncoding("utf8").on("data", keep(process.stdout));
    child.stderr.setEncoding("utf8").on("data", keep(process.stderr));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * The runner's summary: `test result: ok. N passed; F failed; I ignored; …`. Fails unless there is one,
 * with N > 0 and F = 0 and nothing ignored or filtered.
 */
function summary(label, { code, output }) {
  const lines = output.split("\n").filter((l) => /test result: /.test(l));
  const counts = lines.map((l) => {
    const n = (k) => Number((new RegExp(`(\\d+) ${k}`).exec(l) ?? [])[1] ?? NaN);
    return { passed: n("passed"), failed: n("failed"), ignored: n("ignored"), filtered: n("filtered out") };
  });
  const passed = counts.reduce((a, c) => a + c.passed, 0);
  const bad = counts.reduce((a, c) => a + c.failed + (c.ignored || 0), 0);
  console.log(`rust-wasm summary (${label}): ${lines.map((l) => l.trim()).join(" | ") || "NO SUMMARY LINE"}`);
  if (code !== 0) throw new Error(`${label}: exit code ${code}`);
  if (lines.length === 0) throw new Error(`${label}: the runner printed no "test result" summary`);
  if (!(passed > 0)) throw new Error(`${label}: 0 tests executed (skipped tests are not a pass)`);
  if (bad !== 0 || counts.some((c) => Number.isNaN(c.passed))) throw new Error(`${label}: ${bad} failed or ignored`);
  return passed;
}

const RUNNER = { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner", CARGO_BUILD_JOBS: "2" };
const TEST = ["-n", "10", "cargo", "test", "--target", "wasm32-unknown-unknown", "--features", "client", "--test", "wasm_client"];

let moto, proxy, stub;
const results = [];
try {
  moto = await startMoto();
  proxy = await startCorsProxy(moto.endpoint);
  stub = await startStub();
  const env = {
    ...RUNNER,
    EC2_WASM_TEST_MOTO: proxy.endpoint,
    EC2_WASM_TEST_STUB: stub.endpoint,
    EC2_WASM_TEST_VOLUME: moto.volumeId,
    EC2_WASM_TEST_KEY: moto.accessKeyId,
    EC2_WASM_TEST_SECRET: moto.secretAccessKey,
    WASM_BINDGEN_TEST_TIMEOUT: "120",
  };
  if (only.has("node")) {
    results.push(["wasm-bindgen-test in Node", summary("node", await run("wasm_client in Node", "nice", TEST, { env }))]);
  }
  if (only.has("browser")) {
    if (!existsSync("/usr/bin/chromedriver")) throw new Error("/usr/bin/chromedriver is missing: scripts/setup.sh browser");
    const browserEnv = { ...env, WASM_BINDGEN_USE_BROWSER: "1", CHROMEDRIVER: "/usr/bin/chromedriver" };
    results.push(["wasm-bindgen-test in headless Chromium", summary("chromium", await run("wasm_client in headless Chromium", "nice", TEST, { env: browserEnv }))]);
  }
  if (only.has("port-check")) {
    // The port check's own crate (its own workspace), built in the root target directory.
    const portEnv = { ...env, CARGO_TARGET_DIR: path.join(ROOT, "target", "port-check-wasm") };
    const args = ["-n", "10", "cargo", "test", "--target", "wasm32-unknown-unknown", "--test", "port_check"];
    results.push(["port check on wasm32 (Node)", summary("port-check", await run("port check on wasm32 in Node", "nice", args, { cwd: path.join(ROOT, "examples", "port-check", "wasm"), env: portEnv }))]);
  }
  if (only.has("worker")) {
    const r = await runWorker({ moto, run });
    results.push([`Rust Worker in workerd (snapshot ${r.snapshotId} found in moto; wasm ${r.gzipBytes} B gzip -9 after wasm-opt -Oz)`, 1]);
  }
  console.log("\nrust-wasm: all passed");
  for (const [what, n] of results) console.log(`  ${what}: ${n} passed`);
} catch (error) {
  console.error(`\nrust-wasm: FAILED: ${error.message}`);
  if (moto) console.error(`--- moto output (tail) ---\n${moto.output().slice(-2000)}`);
  process.exitCode = 1;
} finally {
  await stub?.stop();
  await proxy?.stop();
  await moto?.stop();
}
