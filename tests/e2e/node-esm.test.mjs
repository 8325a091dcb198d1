// Node, ESM: `import` of the implementation in this process, scenario against moto with signature verification.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { IMPL, importForNode } from "../support/impl.mjs";
import { assertFromPackage, assertScenario } from "../support/assert-scenario.mjs";
import { run } from "./scenario.mjs";

let moto;
before(async () => {
  moto = await startMoto();
});
after(async () => {
  await moto?.stop();
});

test(`Node ESM import (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
  const { sdk, resolved } = await importForNode();
  t.diagnostic(`loaded ${resolved}`);
  assertFromPackage(resolved, "Node ESM");
  const result = await run(sdk, {
    endpoint: moto.endpoint,
    region: moto.region,
    accessKeyId: moto.accessKeyId,
    secretAccessKey: moto.secretAccessKey,
    volumeId: moto.volumeId,
  });
  assert.ok(process.versions.node);
  await assertScenario(result, moto, "Node ESM");
});
