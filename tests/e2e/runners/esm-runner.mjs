// Deno and Bun: imports the implementation as ESM and runs the shared scenario with it.
// Usage: deno run --allow-net --allow-read esm-runner.mjs ENTRY_URL WHERE_URL|- ENV_JSON
//        bun run esm-runner.mjs ENTRY_URL WHERE_URL|- ENV_JSON
// WHERE_URL is a module whose default export is where the runtime resolved "ec2-wasm" ("-": none).
// Prints one line: E2E_RESULT <json>
import { run } from "../scenario.mjs";

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const [entry, where, envJson] = args;

const sdk = await import(entry);
const resolved = where === "-" ? null : (await import(where)).default;
const runtime = {
  deno: globalThis.Deno?.version?.deno ?? null,
  bun: globalThis.Bun?.version ?? null,
  resolved,
};
const scenario = await run(sdk, JSON.parse(envJson));
console.log(`E2E_RESULT ${JSON.stringify({ runtime, scenario })}`);
