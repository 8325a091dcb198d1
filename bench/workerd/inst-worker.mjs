// workerd: times the wasm instantiation of the package's module. The module is imported (workerd compiles
// it when it loads the worker; it refuses to compile wasm at run time). The first request instantiates it
// through the glue's initSync (instantiate + start) and times one first call; ?n=N then times N further
// `new WebAssembly.Instance` of the compiled module. workerd's clock has 1 ms steps: N makes it precise.
import wasmModule from "./ec2_wasm_bg.wasm";
import * as core from "./core.mjs";
import sample from "./sample.xml";

let first = null;
export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n") ?? "0");
    if (first === null) {
      const t0 = performance.now();
      core.initSync({ module: wasmModule });
      const t1 = performance.now();
      const out = core.calls.parseOutput("CreateSnapshot", new TextEncoder().encode(sample));
      first = { initSyncMs: t1 - t0, firstParseMs: performance.now() - t1, id: out.SnapshotId };
    }
    let perInstanceMs = null;
    if (n > 0 && typeof core.glue.__wbg_get_imports === "function") {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) new WebAssembly.Instance(wasmModule, core.glue.__wbg_get_imports());
      perInstanceMs = (performance.now() - t0) / n;
    }
    return Response.json({ first, n, perInstanceMs });
  },
};
