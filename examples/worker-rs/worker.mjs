// The Worker's entry module: wasm-bindgen's `--target web` output initialised from the wasm module
// that workerd imports (it cannot compile bytes at run time), and its `fetch` export as the handler.
import wasmModule from "./ec2_wasm_worker_rs_bg.wasm";
import { initSync, fetch as handle } from "./ec2_wasm_worker_rs.js";

initSync({ module: wasmModule });

export default {
  fetch(request, env, ctx) {
    return handle(request, env, ctx);
  },
};
