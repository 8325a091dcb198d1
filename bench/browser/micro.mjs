// Chromium page: sign / serialize / parse micro-benchmarks (bench/lib/micro-ops.mjs) with WebCrypto.
import * as core from "bench-core";
import { makeOps, runOps } from "../lib/micro-ops.mjs";

window.B = {
  async run(rounds) {
    await core.init({ module_or_path: new URL("./ec2_wasm_bg.wasm", location.href) });
    const bytes = new Uint8Array(await (await fetch("./sample.xml")).arrayBuffer());
    const ops = await makeOps(core, bytes);
    return runOps(ops, { now: () => performance.now(), rounds });
  },
};
window.READY = true;
