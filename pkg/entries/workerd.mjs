// Cloudflare Workers (workerd): the runtime cannot compile wasm from bytes, so the module is imported.
import wasmModule from "./ec2_wasm_bg.wasm";
import { initSync } from "./ec2_wasm.js";
initSync({ module: wasmModule });
export * from "./client.mjs";
export { EC2 } from "./aggregated.mjs";
