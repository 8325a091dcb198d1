// The workerd main module. The test's capnp config lists this file as "worker.mjs", the shared scenario as
// "scenario.mjs" and the implementation under "impl/…" (for ec2-wasm, with its .wasm as a wasm module);
// "impl" below is an alias module the config generates, re-exporting the chosen entry.
// POST / with the env JSON -> { runtime, scenario } JSON.
import * as sdk from "./impl.mjs";
import { run } from "./scenario.mjs";

export default {
  async fetch(request) {
    try {
      const env = await request.json();
      const scenario = await run(sdk, env);
      const runtime = { userAgent: globalThis.navigator?.userAgent ?? null, importMetaUrl: typeof import.meta.url };
      return Response.json({ runtime, scenario });
    } catch (error) {
      return new Response(`worker failed: ${error && error.stack ? error.stack : error}`, { status: 500 });
    }
  },
};
