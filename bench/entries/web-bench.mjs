// BENCH-ONLY entry for the browser and workerd bundles: the glue of target/pkg-tmp (its
// __wbg_get_imports exported by the bench's copy, so an instantiation can be timed on its own) and the
// core's calls. Nothing runs at import: the page decides when to compile and instantiate.
export { default as init, initSync } from "./ec2_wasm.js";
export * as calls from "./calls.mjs";
export * as glue from "./ec2_wasm.js";
