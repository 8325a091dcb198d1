// Bun (npm package "bun"): the shared scenario in `bun run`.
import { defineScriptRuntimeTest } from "../support/script-runtime-test.mjs";

defineScriptRuntimeTest({
  runtime: "bun",
  label: "Bun",
  argsFor: (runner, ...args) => ["run", runner, ...args],
});
