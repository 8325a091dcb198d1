// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): pages from the bench server's
// site origin (cross-origin isolated, so performance.now() is fine-grained), the API on another origin
// (real CORS; preflights cached by the browser for 10 minutes, as the server allows).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CREDENTIALS, INPUT, REGION, SNAPSHOT_ID, rotate } from "../lib/common.mjs";
import { NAMES } from "../lib/contenders.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions"];

export async function launch() {
  const { chromium } = await import("playwright-core");
  const dir = mkdtempSync(path.join(tmpdir(), "ec2-wasm-bench-chromium-"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
  return { browser, version: browser.version(), close: async () => (await browser.close().catch(() => {}), rmSync(dir, { recursive: true, force: true })) };
}

async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.stack ?? e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(url);
  if (!url.endsWith("import.html")) {
    try {
      await page.waitForFunction(() => window.READY === true, null, { timeout: 30_000 });
    } catch (e) {
      throw new Error(`${url} did not load: ${problems.join("\n") || e.message}`);
    }
  }
  return { page, context, problems };
}

/** Per call: sequential latency and 32-in-flight throughput, interleaved like the Node section. */
export async function chromiumPerCall(browser, site, api, { rounds, seqN, concN, inflight, log }) {
  const { page, context } = await openPage(browser, `${site}/percall.html`);
  const info = await page.evaluate((e) => window.B.init(e), api);
  for (const [n, id] of Object.entries(info.ids)) if (id !== SNAPSHOT_ID) throw new Error(`Chromium ${n}: answered ${id}`);
  for (const n of NAMES) {
    await page.evaluate(([n, k]) => window.B.seq(n, k), [n, 200]);
    await page.evaluate(([n, t, f]) => window.B.conc(n, t, f), [n, concN, inflight]);
  }
  const res = Object.fromEntries(NAMES.map((n) => [n, { seq: [], seqRoundMedian: [], concPerSec: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const n of rotate(NAMES, r)) {
      const lat = await page.evaluate(([n, k]) => window.B.seq(n, k), [n, seqN]);
      res[n].seq.push(...lat);
      res[n].seqRoundMedian.push(lat.slice().sort((a, b) => a - b)[lat.length >> 1]);
    }
    for (const n of rotate(NAMES, r)) {
      const ms = await page.evaluate(([n, t, f]) => window.B.conc(n, t, f), [n, concN, inflight]);
      res[n].concPerSec.push((concN * 1000) / ms);
    }
    log(`chromium per-call round ${r + 1}/${rounds}`);
  }
  await context.close();
  return { crossOriginIsolated: info.crossOriginIsolated, userAgent: info.userAgent, results: res };
}

/** Micro-benchmarks in the page (WebCrypto for the JS signers). */
export async function chromiumMicro(browser, site, rounds) {
  const { page, context } = await openPage(browser, `${site}/micro.html`);
  const out = await page.evaluate((r) => window.B.run(r), rounds);
  delete out.__sink;
  await context.close();
  return out;
}

/**
 * Instantiation: each sample in a fresh browser context (so no compiled-module cache is shared):
 * compile / instantiate / first call on the bench-only glue, then the package itself: import of
 * pkg/web.mjs (fetch + streaming compile + instantiate) → client constructed → first CreateSnapshot.
 */
export async function chromiumInstantiate(browser, site, api, samples, log) {
  const res = { compileMs: [], instantiateMs: [], firstParseMs: [], perInstanceMs: [], importMs: [], constructedMs: [], firstCallMs: [] };
  for (let i = 0; i < samples; i++) {
    {
      const { page, context } = await openPage(browser, `${site}/inst.html`);
      const r = await page.evaluate((n) => window.B.measure(n), 50);
      if (r.ok !== SNAPSHOT_ID) throw new Error(`inst page: ${JSON.stringify(r)}`);
      for (const k of ["compileMs", "instantiateMs", "firstParseMs", "perInstanceMs"]) if (r[k] !== null) res[k].push(r[k]);
      await context.close();
    }
    {
      const { page, context } = await openPage(browser, `${site}/import.html`);
      const r = await page.evaluate(
        async ([api, input, creds, region]) => {
          const t0 = performance.now();
          const m = await import("./pkg/web.mjs");
          const t1 = performance.now();
          const client = new m.EC2Client({ region, endpoint: api, credentials: creds });
          const t2 = performance.now();
          const out = await client.send(new m.CreateSnapshotCommand(input));
          return { importMs: t1 - t0, constructedMs: t2 - t0, firstCallMs: performance.now() - t0, id: out.SnapshotId };
        },
        [api, INPUT, CREDENTIALS, REGION],
      );
      if (r.id !== SNAPSHOT_ID) throw new Error(`import page: ${JSON.stringify(r)}`);
      res.importMs.push(r.importMs);
      res.constructedMs.push(r.constructedMs);
      res.firstCallMs.push(r.firstCallMs);
      await context.close();
    }
  }
  log(`chromium instantiation: ${samples} samples`);
  return res;
}
