// Node, CommonJS: loads the implementation with require() (through a stub .cjs whose module.exports is
// require("ec2-wasm") or require("@aws-sdk/client-ec2")) and runs the shared scenario with it.
// Usage: node cjs-runner.cjs STUB.cjs ENV_JSON      Prints one line: E2E_RESULT <json>
"use strict";
const path = require("node:path");
const { pathToFileURL } = require("node:url");

async function main() {
  const [stub, envJson] = process.argv.slice(2);
  const sdk = require(stub);
  const stubModule = require.cache[require.resolve(stub)];
  const loaded = stubModule.children.map((m) => m.filename);
  const { run } = await import(pathToFileURL(path.join(__dirname, "..", "scenario.mjs")).href);
  const scenario = await run(sdk, JSON.parse(envJson));
  const runtime = {
    node: process.versions.node,
    commonjs: typeof module === "object" && typeof require === "function",
    resolved: loaded[0] ?? null,
  };
  process.stdout.write(`E2E_RESULT ${JSON.stringify({ runtime, scenario })}\n`);
}

main().catch((error) => {
  process.stderr.write(`cjs-runner failed: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
