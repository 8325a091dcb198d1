// BENCH-ONLY entry (never published): the same client and wasm-bindgen glue as pkg/dist/node.mjs, built by
// esbuild from the files scripts/build-pkg.sh leaves in target/pkg-tmp, plus what the public package does
// not export: the core's own calls as the client makes them (calls.mjs: build, sign, serialize, parseOutput) for the micro-benchmarks and
// the instance's WebAssembly.Memory for the memory section.
import { readFileSync } from "node:fs";
import { initSync } from "./ec2_wasm.js";

const exports = initSync({ module: readFileSync(new URL("./ec2_wasm_bg.wasm", import.meta.url)) });
export const memory = exports.memory;
export * as calls from "./calls.mjs";
export * from "./client.mjs";
