// Chromium page: wasm compile and instantiation of the package's module (fresh browser context per sample).
import * as core from "bench-core";

window.B = {
  async measure(extra) {
    const bytes = await (await fetch("./ec2_wasm_bg.wasm")).arrayBuffer();
    const sample = new Uint8Array(await (await fetch("./sample.xml")).arrayBuffer());
    const t0 = performance.now();
    const mod = await WebAssembly.compile(bytes);
    const t1 = performance.now();
    core.initSync({ module: mod }); // the glue's instantiate + __wbindgen_start, as the package does
    const t2 = performance.now();
    const out = core.calls.parseOutput("CreateSnapshot", sample); // first call: lazily compiled functions run for the first time
    const t3 = performance.now();
    let perInstance = null;
    if (typeof core.glue.__wbg_get_imports === "function") {
      const t4 = performance.now();
      for (let i = 0; i < extra; i++) new WebAssembly.Instance(mod, core.glue.__wbg_get_imports());
      perInstance = (performance.now() - t4) / extra;
    }
    return { compileMs: t1 - t0, instantiateMs: t2 - t1, firstParseMs: t3 - t2, perInstanceMs: perInstance, ok: out.SnapshotId };
  },
};
window.READY = true;
