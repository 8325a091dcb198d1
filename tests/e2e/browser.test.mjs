// Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): a page on a local static server
// imports the implementation as native ESM with <script type="module"> together with the shared scenario,
// which then talks to moto through a CORS proxy (moto with auth on cannot answer a preflight).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { startCorsProxy } from "../support/cors-proxy.mjs";
import { startStaticServer } from "../support/static-server.mjs";
import { IMPL, ROOT, entryForBrowser } from "../support/impl.mjs";
import { assertScenario } from "../support/assert-scenario.mjs";

const CHROMIUM = "/usr/bin/chromium";
// SETUP.md: flags that work as root on this network (headless and a fresh profile come from playwright)
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let moto, proxy, site, browser;
const cleanup = [];
before(async () => {
  moto = await startMoto();
  proxy = await startCorsProxy(moto.endpoint);
});
after(async () => {
  await browser?.close().catch(() => {});
  await site?.stop();
  await proxy?.stop();
  await moto?.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

test(`Chromium native ESM (EC2_IMPL=${IMPL}) against moto with auth`, { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh browser`);
  const { chromium } = await import("playwright-core");
  const { dir, entry } = await entryForBrowser();
  const page_ = `<!doctype html>
<meta charset="utf-8">
<title>ec2-wasm end to end</title>
<script type="module" onerror="window.__e2eError = 'a module failed to load'">
import * as sdk from "/impl/${entry}";
import { run } from "/e2e/scenario.mjs";
window.__e2e = { sdk, run };
</script>
`;
  site = await startStaticServer({
    pages: { "/": page_ },
    mounts: { "/impl/": dir, "/e2e/": path.join(ROOT, "tests", "e2e") },
  });

  const userDataDir = mkdtempSync(path.join(tmpdir(), "ec2-wasm-chromium-"));
  cleanup.push(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timeout: 30_000,
  });
  browser = context;
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => problems.push(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`));

  await page.goto(`${site.origin}/`);
  try {
    await page.waitForFunction(() => window.__e2e || window.__e2eError, null, { timeout: 30_000 });
  } catch (error) {
    problems.push(error.message);
  }
  const loadError = await page.evaluate(() => window.__e2eError ?? (window.__e2e ? null : "module never ran"));
  assert.equal(loadError, null, `the page could not import ${entry}:\n${problems.join("\n")}\nserved: ${JSON.stringify(site.log)}`);

  const env = {
    endpoint: proxy.endpoint,
    region: moto.region,
    accessKeyId: moto.accessKeyId,
    secretAccessKey: moto.secretAccessKey,
    volumeId: moto.volumeId,
  };
  const { runtime, scenario } = await page.evaluate(async (env) => {
    const { sdk, run } = window.__e2e;
    return { runtime: { userAgent: navigator.userAgent, hasWindow: typeof window }, scenario: await run(sdk, env) };
  }, env);

  t.diagnostic(`${runtime.userAgent} loaded ${path.join(dir, entry)}`);
  assert.match(runtime.userAgent, /Chrome\//, `not Chromium: ${runtime.userAgent}`);
  // every call crossed origins through the proxy, from this page
  assert.deepEqual([...proxy.stats.origins], [site.origin], JSON.stringify(proxy.stats));
  // create, DryRun, one waiter poll (moto completes snapshots at once), DescribeSnapshots, one page, wrong secret
  assert.equal(proxy.stats.forwarded, 6, `expected 6 requests through the CORS proxy: ${JSON.stringify(proxy.stats)}`);
  assert.ok(proxy.stats.preflights >= 1, `no CORS preflight: ${JSON.stringify(proxy.stats)}`);
  await assertScenario(scenario, { ...moto, endpoint: proxy.endpoint }, `Chromium\n${problems.join("\n")}`);
});
