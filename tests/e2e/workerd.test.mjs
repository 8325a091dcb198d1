// workerd (npm package "workerd"): a worker whose modules are the shared scenario and the implementation runs
// the scenario on a fetch; its outbound `internet` network is allowed to reach moto on 127.0.0.1.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { IMPL, OUT, ROOT, modulesForWorkerd } from "../support/impl.mjs";
import { freePort, startChild, waitFor } from "../support/processes.mjs";
import { assertScenario } from "../support/assert-scenario.mjs";

const WORKERD = path.join(ROOT, "node_modules", ".bin", "workerd");
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

const capnpString = (s) => JSON.stringify(s); // capnp text strings use the same escapes for what we write

test(`workerd (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(WORKERD), `${WORKERD} is missing: run npm install (the "workerd" dev dependency)`);
  const { modules, entryName } = await modulesForWorkerd();
  t.diagnostic(`modules: ${modules.map((m) => `${m.name} (${m.type})`).join(", ")}`);

  configDir = path.join(OUT, `workerd-${process.pid}`);
  mkdirSync(configDir, { recursive: true });
  writeFileSync(path.join(configDir, "impl.mjs"), `export * from ${capnpString(`./${entryName}`)};\n`);
  const rel = (file) => path.relative(configDir, file);
  const list = [
    { name: "worker.mjs", type: "esModule", file: WORKER },
    { name: "scenario.mjs", type: "esModule", file: SCENARIO },
    { name: "impl.mjs", type: "esModule", file: path.join(configDir, "impl.mjs") },
    ...modules,
  ];
  const port = await freePort();
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (
      modules = [
${list.map((m) => `        (name = ${capnpString(m.name)}, ${m.type} = embed ${capnpString(rel(m.file))}),`).join("\n")}
      ],
      compatibilityDate = "2025-01-01",
    )),
    # the default globalOutbound: allowed to reach moto on 127.0.0.1
    (name = "internet", network = (allow = ["public", "local"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`;
  const configFile = path.join(configDir, "config.capnp");
  writeFileSync(configFile, config);

  server = startChild(WORKERD, ["serve", configFile, "--verbose"], { cwd: configDir });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitFor("workerd", async () => (await fetch(url, { method: "HEAD" })).status > 0, {
      timeoutMs: 30_000,
      alive: () => server.child.exitCode === null,
    });
  } catch (error) {
    assert.fail(`${error.message}\n--- workerd output ---\n${server.output()}\n--- config ---\n${config}`);
  }

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
