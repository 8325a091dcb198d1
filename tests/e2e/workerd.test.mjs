// workerd (npm package "workerd"): a worker whose modules are the shared scenario and the implementation runs
// the scenario on a fetch; its outbound `internet` network is allowed to reach moto on 127.0.0.1.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { IMPL, OUT, ROOT, modulesForWorkerd } from "../support/impl.mjs";
import { WORKERD, startWorkerd } from "../support/workerd.mjs";
import { assertScenario } from "../support/assert-scenario.mjs";

const WORKER = path.join(ROOT, "tests", "e2e", "runners", "workerd-worker.mjs");
const SCENARIO = path.join(ROOT, "tests", "e2e", "scenario.mjs");

let moto, server, configDir;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await server?.stop();
  await moto?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

test(`workerd (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(WORKERD), `${WORKERD} is missing: run npm install (the "workerd" dev dependency)`);
  const { modules, entryName } = await modulesForWorkerd();
  t.diagnostic(`modules: ${modules.map((m) => `${m.name} (${m.type})`).join(", ")}`);

  configDir = path.join(OUT, `workerd-${process.pid}`);
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, "impl.mjs"), `export * from ${JSON.stringify(`./${entryName}`)};\n`);
  const list = [
    { name: "worker.mjs", type: "esModule", file: WORKER },
    { name: "scenario.mjs", type: "esModule", file: SCENARIO },
    { name: "impl.mjs", type: "esModule", file: path.join(configDir, "impl.mjs") },
    ...modules,
  ];
  // the worker's outbound network may reach moto on 127.0.0.1
  server = await startWorkerd({ dir: configDir, workers: [{ name: "main", modules: list }], args: ["--verbose"] });
  const url = server.url;

  const env = {
    endpoint: moto.endpoint,
    region: moto.region,
    accessKeyId: moto.accessKeyId,
    secretAccessKey: moto.secretAccessKey,
    volumeId: moto.volumeId,
  };
  const response = await fetch(url, { method: "POST", body: JSON.stringify(env), headers: { "content-type": "application/json" } });
  const text = await response.text();
  assert.equal(response.status, 200, `${text}\n--- workerd output ---\n${server.output()}`);
  const { runtime, scenario } = JSON.parse(text);
  assert.equal(runtime.userAgent, "Cloudflare-Workers", JSON.stringify(runtime));
  await assertScenario(scenario, moto, `workerd\n--- workerd output ---\n${server.output().slice(-3000)}`);
});
