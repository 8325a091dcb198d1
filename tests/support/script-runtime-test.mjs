// The Deno and Bun tests: same runner, different binary from node_modules/.bin.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "./moto.mjs";
import { IMPL, ROOT, entryForScriptRuntime } from "./impl.mjs";
import { runChild } from "./processes.mjs";
import { parseRunnerOutput } from "./runner-output.mjs";
import { assertFromPackage, assertScenario } from "./assert-scenario.mjs";

const RUNNER = path.join(ROOT, "tests", "e2e", "runners", "esm-runner.mjs");

/** runtime: "deno" | "bun"; argsFor(runner, ...rest) builds the command line after the binary. */
export function defineScriptRuntimeTest({ runtime, label, argsFor }) {
  const binary = path.join(ROOT, "node_modules", ".bin", runtime);
  let moto;
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test(`${label} (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
    assert.ok(existsSync(binary), `${binary} is missing: run npm install (the "${runtime}" dev dependency)`);
    const { entry, where, resolved } = await entryForScriptRuntime(runtime);
    const env = {
      endpoint: moto.endpoint,
      region: moto.region,
      accessKeyId: moto.accessKeyId,
      secretAccessKey: moto.secretAccessKey,
      volumeId: moto.volumeId,
    };
    const output = await runChild(binary, argsFor(RUNNER, entry, where ?? "-", JSON.stringify(env)), {
      cwd: ROOT,
      timeoutMs: 90_000,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" },
    });
    const result = parseRunnerOutput(label, output);
    t.diagnostic(`${runtime} ${result.runtime[runtime]} loaded ${result.runtime.resolved ?? entry}`);
    assert.equal(typeof result.runtime[runtime], "string", `${label}: not running in ${runtime}: ${JSON.stringify(result.runtime)}`);
    if (IMPL === "wasm") assertFromPackage(result.runtime.resolved, label);
    else assert.equal(resolved, entry);
    await assertScenario(result.scenario, moto, label);
  });
}
