// Browsers (native ESM), bundlers and Deno: fetch and instantiate the module beside this file.
import init from "./ec2_wasm.js";
await init({ module_or_path: new URL("./ec2_wasm_bg.wasm", import.meta.url) });
export * from "./client.mjs";
