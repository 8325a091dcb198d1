// Browsers (native ESM), bundlers and Deno: fetch and instantiate the module beside this file. A failure
// (a Content-Security-Policy without 'wasm-unsafe-eval', a missing .wasm) leaves the exports loadable;
// sends reject with the reason (platform.mjs).
import init from "./ec2_wasm.js";
import { wasmFailed } from "./platform.mjs";
try {
  await init({ module_or_path: new URL("./ec2_wasm_bg.wasm", import.meta.url) });
} catch (e) {
  wasmFailed(e);
}
export * from "./client.mjs";
export { EC2 } from "./aggregated.mjs";
