// Node and Bun (ESM): read and compile the module synchronously from disk.
import { readFileSync } from "node:fs";
import { initSync } from "./ec2_wasm.js";
// The SDK's Node defaults: credential chain, shared config files (Node and Bun only).
import "./node-defaults.mjs";
initSync({ module: readFileSync(new URL("./ec2_wasm_bg.wasm", import.meta.url)) });
export * from "./client.mjs";
export { EC2 } from "./aggregated.mjs";
