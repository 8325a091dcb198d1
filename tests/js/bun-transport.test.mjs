// Bun loads the package's Node entry (the `bun` condition) but keeps fetch as its default transport
// (fetch measures faster there than Bun's node:http); NodeHttpHandler still selects node:http. The child
// (bun-transport-child.mjs) counts calls of the global fetch against a local stub.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startStub } from "./stub.mjs";

const BUN = fileURLToPath(new URL("../../node_modules/.bin/bun", import.meta.url));

test("Bun: the default transport is fetch; FetchHttpHandler is fetch; NodeHttpHandler is node:http", { timeout: 60_000 }, async () => {
  assert.ok(existsSync(BUN), `${BUN} is missing: run npm install (the "bun" dev dependency)`);
  const stub = await startStub(() => undefined);
  try {
    const child = fileURLToPath(new URL("./bun-transport-child.mjs", import.meta.url));
    const { stdout } = await promisify(execFile)(BUN, ["run", child, stub.endpoint], { timeout: 50_000, env: { ...process.env, NO_COLOR: "1", DO_NOT_TRACK: "1" } });
    const out = JSON.parse(stdout.trim().split("\n").pop());
    assert.equal(typeof out.bun, "string", "ran in Bun");
    assert.equal(out.default.fetchCalls, 1, JSON.stringify(out));
    assert.match(out.default.snapshotId ?? "", /^snap-/, JSON.stringify(out));
    assert.equal(out.FetchHttpHandler.fetchCalls, 1, JSON.stringify(out));
    assert.equal(out.NodeHttpHandler.fetchCalls, 0, JSON.stringify(out));
    assert.match(out.NodeHttpHandler.snapshotId ?? "", /^snap-/, JSON.stringify(out));
    assert.equal(stub.requests.length, 3);
  } finally {
    await stub.close();
  }
});
