// Node, CommonJS: a child `node` process require()s the implementation and runs the shared scenario.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startMoto } from "../support/moto.mjs";
import { IMPL, cjsEntry } from "../support/impl.mjs";
import { runChild } from "../support/processes.mjs";
import { parseRunnerOutput } from "../support/runner-output.mjs";
import { assertFromPackage, assertScenario } from "../support/assert-scenario.mjs";

const RUNNER = fileURLToPath(new URL("./runners/cjs-runner.cjs", import.meta.url));

let moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test(`Node CommonJS require (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
  const env = {
    endpoint: moto.endpoint,
    region: moto.region,
    accessKeyId: moto.accessKeyId,
    secretAccessKey: moto.secretAccessKey,
    volumeId: moto.volumeId,
  };
  const output = await runChild(process.execPath, [RUNNER, cjsEntry(), JSON.stringify(env)], { timeoutMs: 60_000 });
  const { runtime, scenario } = parseRunnerOutput("Node CommonJS", output);
  t.diagnostic(`loaded ${runtime.resolved}`);
  assert.equal(runtime.commonjs, true);
  assert.equal(runtime.node, process.versions.node);
  assert.ok(runtime.resolved, `require() loaded nothing through the stub: ${JSON.stringify(runtime)}`);
  assertFromPackage(runtime.resolved, "Node CommonJS");
  await assertScenario(scenario, moto, "Node CommonJS");
});
