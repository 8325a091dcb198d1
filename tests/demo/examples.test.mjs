// Every script example in examples/ against one moto with signature verification on: Node (ESM and
// CommonJS), Deno, Bun, and the Cloudflare Worker under workerd (its HTTP route and its cron handler).
// Each gets a fresh volume, prints or returns the snapshot it made, and boto3 reads that snapshot back.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { IMPL, modulesForWorkerd } from "../support/impl.mjs";
import { runChild, waitFor } from "../support/processes.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { BIN, EXAMPLES, OUT, ROOT, assertReadBack, envFor, linkPackage, motoEnv, parseCreated } from "./lib/examples.mjs";
import { parseWranglerToml } from "./lib/wrangler-toml.mjs";

let moto;
before(async () => {
  assert.equal(IMPL, "wasm", "the examples run the package in pkg/: unset EC2_IMPL");
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test("examples/node/create-snapshot.mjs (ESM): volume from argv", { timeout: 60_000 }, async () => {
  linkPackage("node");
  const volumeId = await moto.createVolume();
  const result = await runChild(process.execPath, ["create-snapshot.mjs", volumeId], { cwd: path.join(EXAMPLES, "node"), env: motoEnv(moto) });
  const created = parseCreated("node ESM", result);
  assert.equal(created.volumeId, volumeId);
  assert.equal(created.size, 8);
  await assertReadBack(moto, "node ESM", { ...created, createdBy: "ec2-wasm-example-node-esm", description: /^ec2-wasm example \(Node ESM\) at / });

  // an EC2 error is reported with its code and request id, and a non-zero exit
  const missing = await runChild(process.execPath, ["create-snapshot.mjs", "vol-0123456789abcdef0"], { cwd: path.join(EXAMPLES, "node"), env: motoEnv(moto) });
  assert.equal(missing.code, 1, missing.stderr);
  assert.match(missing.stderr, /^InvalidVolume\.NotFound: .+ \(request id \S+\)$/m);
});

test("examples/node/create-snapshot.cjs (CommonJS): volume from VOLUME_ID", { timeout: 60_000 }, async () => {
  linkPackage("node");
  const volumeId = await moto.createVolume();
  const result = await runChild(process.execPath, ["create-snapshot.cjs"], { cwd: path.join(EXAMPLES, "node"), env: motoEnv(moto, { VOLUME_ID: volumeId }) });
  const created = parseCreated("node CJS", result);
  assert.equal(created.volumeId, volumeId);
  await assertReadBack(moto, "node CJS", { ...created, createdBy: "ec2-wasm-example-node-cjs", description: /^ec2-wasm example \(Node CommonJS\) at / });
});

test("examples/node without a region: a clear message, nothing sent", { timeout: 30_000 }, async () => {
  linkPackage("node");
  const env = motoEnv(moto);
  delete env.AWS_REGION;
  const result = await runChild(process.execPath, ["create-snapshot.mjs", moto.volumeId], { cwd: path.join(EXAMPLES, "node"), env });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /Region is missing/);
});

test("examples/deno/main.ts: type-checks, then runs with the permissions its deno.json task grants", { timeout: 90_000 }, async () => {
  linkPackage("deno");
  const dir = path.join(EXAMPLES, "deno");
  const denoEnv = { DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  const check = await runChild(path.join(BIN, "deno"), ["check", "main.ts"], { cwd: dir, env: envFor(denoEnv), timeoutMs: 60_000 });
  assert.equal(check.code, 0, `deno check main.ts:\n${check.stdout}${check.stderr}`);

  // The task's own command line (deno task itself is not used: run from inside a repo whose
  // node_modules/.bin holds the npm build of deno, it would pick that up as a script).
  const task = JSON.parse(readFileSync(path.join(dir, "deno.json"), "utf8")).tasks.snapshot.split(/\s+/);
  assert.equal(task[0], "deno");
  const volumeId = await moto.createVolume();
  const result = await runChild(path.join(BIN, "deno"), [task[1], "--no-prompt", ...task.slice(2), volumeId], { cwd: dir, env: motoEnv(moto, denoEnv) });
  const created = parseCreated("deno", result);
  assert.equal(created.volumeId, volumeId);
  await assertReadBack(moto, "deno", { ...created, createdBy: "ec2-wasm-example-deno", description: /^ec2-wasm example \(Deno 2\.[\d.]+\) at / });
});

test("examples/bun/index.ts", { timeout: 60_000 }, async () => {
  linkPackage("bun");
  const volumeId = await moto.createVolume();
  const result = await runChild(path.join(BIN, "bun"), ["run", "index.ts", volumeId], { cwd: path.join(EXAMPLES, "bun"), env: motoEnv(moto, { DO_NOT_TRACK: "1" }) });
  const created = parseCreated("bun", result);
  assert.equal(created.volumeId, volumeId);
  await assertReadBack(moto, "bun", { ...created, createdBy: "ec2-wasm-example-bun", description: /^ec2-wasm example \(Bun 1\.[\d.]+\) at / });
});

test("examples/worker under workerd: POST /snapshot and the cron trigger", { timeout: 90_000 }, async (t) => {
  const dir = path.join(EXAMPLES, "worker");
  const wrangler = parseWranglerToml(readFileSync(path.join(dir, "wrangler.toml"), "utf8"));
  assert.equal(wrangler.main, "src/index.js");
  const [cron] = wrangler.triggers.crons;
  assert.ok(cron, "wrangler.toml has a cron trigger");

  const fetchVolume = await moto.createVolume();
  const cronVolume = await moto.createVolume();
  const token = `test-token-${process.pid}`;
  // [vars] from wrangler.toml, then what `wrangler secret put` would hold, then the test's volume
  const bindings = {
    ...wrangler.vars,
    AWS_REGION: moto.region,
    AWS_ACCESS_KEY_ID: moto.accessKeyId,
    AWS_SECRET_ACCESS_KEY: moto.secretAccessKey,
    API_TOKEN: token,
    EC2_ENDPOINT: moto.endpoint,
    VOLUME_ID: cronVolume,
  };

  // The modules wrangler would upload: the entry, and "ec2-wasm" as its "workerd" export resolves
  // (the .wasm as a compiled module).
  const configDir = path.join(OUT, `workerd-example-${process.pid}`);
  mkdirSync(configDir, { recursive: true });
  t.after(() => rmSync(configDir, { recursive: true, force: true }));
  const { modules, entryName } = await modulesForWorkerd();
  writeFileSync(path.join(configDir, "ec2-wasm.mjs"), `export * from ${JSON.stringify(`./${entryName}`)};\n`);
  const list = [
    { name: path.basename(wrangler.main), type: "esModule", file: path.join(dir, wrangler.main) },
    { name: "ec2-wasm", type: "esModule", file: path.join(configDir, "ec2-wasm.mjs") },
    ...modules,
  ];
  const date = wrangler.compatibility_date;
  const trigger = { name: "trigger.mjs", type: "esModule", file: path.join(ROOT, "tests", "demo", "lib", "workerd-trigger.mjs") };
  const server = await startWorkerd({
    dir: configDir,
    workers: [
      { name: "example", modules: list, compatibilityDate: date, bindings },
      { name: "trigger", modules: [trigger], compatibilityDate: date, compatibilityFlags: ["service_binding_extra_handlers"], bindings: { WORKER: { service: "example" } } },
    ],
    sockets: [
      { name: "http", service: "example" },
      { name: "trigger", service: "trigger" },
    ],
    args: ["--verbose", "--experimental"],
    ready: async (u) => (await fetch(u)).status === 404,
  });
  t.after(() => server.stop());
  const base = server.urls.http.replace(/\/$/, "");
  const logs = () => `\n--- workerd ---\n${server.output().slice(-4000)}`;

  // the route refuses callers without the token, and creates nothing for them
  const denied = await fetch(`${base}/snapshot?volume=${fetchVolume}`, { method: "POST" });
  assert.equal(denied.status, 401, logs());
  const wrongToken = await fetch(`${base}/snapshot?volume=${fetchVolume}`, { method: "POST", headers: { authorization: "Bearer nope" } });
  assert.equal(wrongToken.status, 401, logs());
  assert.deepEqual(await moto.listSnapshots(fetchVolume), []);

  // POST /snapshot?volume=… -> 201 and the snapshot
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${base}/snapshot?volume=${fetchVolume}`, { method: "POST", headers: auth });
  const body = await res.text();
  assert.equal(res.status, 201, body + logs());
  const snapshot = JSON.parse(body);
  assert.match(snapshot.SnapshotId, /^snap-[0-9a-f]{8,}$/, body);
  assert.equal(snapshot.VolumeId, fetchVolume, body);
  assert.equal(snapshot.VolumeSize, 8, body);
  assert.ok(snapshot.RequestId, body);
  await assertReadBack(moto, "worker fetch", { snapshotId: snapshot.SnapshotId, volumeId: fetchVolume, createdBy: "ec2-wasm-worker/fetch", description: /^ec2-wasm worker, on request at / });

  // an EC2 error comes back with its code, request id and status
  const missing = await fetch(`${base}/snapshot?volume=vol-0123456789abcdef0`, { method: "POST", headers: auth });
  const missingBody = await missing.json();
  assert.equal(missing.status, 400, JSON.stringify(missingBody));
  assert.equal(missingBody.error, "InvalidVolume.NotFound", JSON.stringify(missingBody));
  assert.ok(missingBody.requestId, JSON.stringify(missingBody));

  // the cron trigger snapshots VOLUME_ID
  const time = Date.UTC(2026, 0, 2, 3, 0, 0);
  const fired = await fetch(`${server.urls.trigger}?cron=${encodeURIComponent(cron)}&time=${time}`);
  const outcome = await fired.json();
  assert.equal(outcome.outcome, "ok", JSON.stringify(outcome) + logs());
  const [scheduled] = await moto.listSnapshots(cronVolume);
  assert.ok(scheduled, `no snapshot of ${cronVolume} after the cron trigger${logs()}`);
  await assertReadBack(moto, "worker scheduled", {
    snapshotId: scheduled.SnapshotId,
    volumeId: cronVolume,
    createdBy: "ec2-wasm-worker/scheduled",
    description: new RegExp(`^ec2-wasm worker, cron "${cron.replace(/\*/g, "\\*")}" at 2026-01-02T03:00:00\\.000Z$`),
  });
  await waitFor("the scheduled handler's log line", () => server.output().includes(`scheduled snapshot ${scheduled.SnapshotId} of ${cronVolume}`), { timeoutMs: 5_000 }).catch(
    (error) => assert.fail(error.message + logs()),
  );
});
