// Deno (npm package "deno"): the shared scenario in `deno run`, with only net and read permissions.
import { defineScriptRuntimeTest } from "../support/script-runtime-test.mjs";

defineScriptRuntimeTest({
  runtime: "deno",
  label: "Deno",
  argsFor: (runner, ...args) => ["run", "--allow-net", "--allow-read", "--no-prompt", runner, ...args],
});
