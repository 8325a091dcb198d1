// Source of dist/node.cjs (bundled by esbuild to CommonJS, where `__dirname` exists).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "./ec2_wasm.js";
// The SDK's Node defaults: credential chain, shared config files (Node and Bun only).
import "./node-defaults.mjs";
initSync({ module: readFileSync(join(__dirname, "ec2_wasm_bg.wasm")) });
export * from "./client.mjs";
export { EC2 } from "./aggregated.mjs";
