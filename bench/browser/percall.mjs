// Chromium page: the four contenders (browser builds of each package), driven by bench/sections/chromium.mjs.
import { makeContenders, sequential, concurrent } from "../lib/contenders.mjs";

const now = () => performance.now();
let byName;
window.B = {
  async init(endpoint) {
    const cs = await makeContenders(endpoint);
    byName = Object.fromEntries(cs.map((c) => [c.name, c]));
    const ids = {};
    for (const c of cs) ids[c.name] = await c.call();
    return { ids, crossOriginIsolated: globalThis.crossOriginIsolated === true, userAgent: navigator.userAgent };
  },
  async seq(name, n) {
    return Array.from(await sequential(byName[name], n, now));
  },
  async conc(name, total, inflight) {
    return concurrent(byName[name], total, inflight, now);
  },
};
window.READY = true;
