// examples/vite: `vite build` bundles the app with ec2-wasm as an ordinary dependency (the .wasm becomes a
// hashed asset); the build is served on its own and run in headless Chromium against moto (through the
// CORS proxy), and the snapshot it reports is read back with boto3.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startMoto } from "../support/moto.mjs";
import { startCorsProxy } from "../support/cors-proxy.mjs";
import { startStaticServer } from "../support/static-server.mjs";
import { runChild } from "../support/processes.mjs";
import { BIN, EXAMPLES, OUT, assertReadBack, envFor, linkPackage } from "./lib/examples.mjs";
import { openBrowser } from "./lib/browser.mjs";

const APP = path.join(EXAMPLES, "vite");
const DIST = path.join(OUT, `vite-dist-${process.pid}`);

let moto, proxy, site, browser;
before(async () => {
  moto = await startMoto();
  proxy = await startCorsProxy(moto.endpoint);
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await proxy?.stop();
  await moto?.stop();
  rmSync(DIST, { recursive: true, force: true });
});

test("examples/vite: vite build, then the bundle creates a snapshot in Chromium", { timeout: 120_000 }, async () => {
  linkPackage("vite");
  mkdirSync(OUT, { recursive: true });
  const build = await runChild(path.join(BIN, "vite"), ["build", "--outDir", DIST, "--emptyOutDir", "--logLevel", "warn"], { cwd: APP, env: envFor({}), timeoutMs: 90_000 });
  assert.equal(build.code, 0, `vite build:\n${build.stdout}\n${build.stderr}`);
  assert.equal(build.stderr.trim(), "", `vite build warned:\n${build.stderr}`);

  // the package's JS is in the bundle and its .wasm is an emitted asset; nothing points back at pkg/
  const assets = readdirSync(path.join(DIST, "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  const js = assets.filter((f) => f.endsWith(".js"));
  assert.equal(wasm.length, 1, assets.join());
  assert.equal(js.length, 1, assets.join());
  const bundle = readFileSync(path.join(DIST, "assets", js[0]), "utf8");
  assert.ok(bundle.includes(wasm[0]), `the bundle does not reference ${wasm[0]}`);
  assert.ok(!/pkg\/dist|node_modules/.test(bundle), "the bundle refers to pkg/dist or node_modules");
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  assert.ok(html.includes(`/assets/${js[0]}`), html);

  site = await startStaticServer({ pages: { "/": html }, mounts: { "/": DIST } });
  browser = await openBrowser(); // every request must succeed: no expected errors

  const { page } = browser;
  await page.goto(`${site.origin}/`);
  const volumeId = await moto.createVolume();
  await page.fill('input[name="endpoint"]', proxy.endpoint);
  await page.fill('input[name="region"]', moto.region);
  await page.fill('input[name="accessKeyId"]', moto.accessKeyId);
  await page.fill('input[name="secretAccessKey"]', moto.secretAccessKey);
  await page.fill('input[name="volumeId"]', volumeId);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => /^(Created|\w+:)/.test(document.querySelector("#result").textContent), null, { timeout: 30_000 });
  const output = await page.textContent("#result");
  assert.match(output, /^Created snapshot snap-[0-9a-f]{8,} from vol-/, `${output}\n${browser.problems.join("\n")}`);
  const snapshotId = await page.getAttribute("#result", "data-snapshot-id");
  assert.ok(output.startsWith(`Created snapshot ${snapshotId} from ${volumeId} (8 GiB)`), output);
  await page.screenshot({ path: path.join(OUT, "vite-created.png") });
  await assertReadBack(moto, "vite", { snapshotId, volumeId, description: /^ec2-wasm example \(Vite\)$/ });

  // only the build was served: the page, its bundle and its wasm
  assert.deepEqual(site.log.map((e) => `${e.path} ${e.status}`).sort(), ["/ 200", `/assets/${js[0]} 200`, `/assets/${wasm[0]} 200`].sort());
  assert.equal(proxy.stats.forwarded, 1, JSON.stringify(proxy.stats));
  assert.deepEqual(browser.problems, []);
  assert.ok(existsSync(path.join(OUT, "vite-created.png")));
});
