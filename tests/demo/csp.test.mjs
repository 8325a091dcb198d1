// The package in headless Chromium on pages with a Content-Security-Policy: without 'wasm-unsafe-eval'
// the module still imports and every send rejects with WebAssemblyUnavailableError naming
// 'wasm-unsafe-eval' (nothing is sent); with it, the same page's send goes through.
import assert from "node:assert/strict";
import { createReadStream, existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { openBrowser } from "./lib/browser.mjs";

const DIST = fileURLToPath(new URL("../../pkg/dist/", import.meta.url));
const APP = `import { EC2Client, DescribeSnapshotsCommand } from "/pkg/web.mjs";
const client = new EC2Client({ region: "us-east-1", endpoint: location.origin + "/ec2", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "csp-test-secret" } });
client.send(new DescribeSnapshotsCommand({})).then(
  (out) => (window.result = { ok: true, snapshots: out.Snapshots.length }),
  (e) => (window.result = { ok: false, name: e.name, message: e.message }),
);`;
const XML = `<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><snapshotSet/></DescribeSnapshotsResponse>`;

let server, origin, browser, ec2Posts = 0;
before(async () => {
  assert.ok(existsSync(path.join(DIST, "web.mjs")), "pkg/dist/web.mjs is missing: run make pkg");
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const csp = url.searchParams.get("csp");
    if (url.pathname === "/page.html") {
      res.writeHead(200, { "content-type": "text/html", "content-security-policy": csp });
      return res.end(`<!doctype html><title>csp</title><link rel="icon" href="data:,"><script type="module" src="/app.mjs"></script>`);
    }
    if (url.pathname === "/app.mjs") {
      res.writeHead(200, { "content-type": "text/javascript" });
      return res.end(APP);
    }
    if (url.pathname.startsWith("/pkg/")) {
      const name = path.basename(url.pathname);
      if (!["web.mjs", "ec2_wasm_bg.wasm"].includes(name)) return res.writeHead(404).end();
      res.writeHead(200, { "content-type": name.endsWith(".wasm") ? "application/wasm" : "text/javascript" });
      return createReadStream(path.join(DIST, name)).pipe(res);
    }
    if (url.pathname === "/ec2/" && req.method === "POST") {
      ec2Posts++;
      req.resume();
      res.writeHead(200, { "content-type": "text/xml" });
      return res.end(XML);
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  // Chromium reports the refused compilation on the console: that is the scenario, not a problem
  browser = await openBrowser({ expected: (m) => /Content Security Policy|wasm-unsafe-eval|unsafe-eval/i.test(m) });
});
after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

// Resolves how the page's request for the wasm ended ({ outcome: "finished" | "failed", error }). On a page
// whose CSP refuses the module, Chromium may abort that download once it refuses to compile it, and may
// report it late (after the next navigation), so each load waits for its own wasm request to settle.
function wasmRequestSettles(page) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the page's request for ec2_wasm_bg.wasm did not settle within 15 s")), 15_000);
    const on = (outcome) => (req) => {
      if (!req.url().endsWith("/pkg/ec2_wasm_bg.wasm")) return;
      clearTimeout(timer);
      page.off("requestfinished", finished);
      page.off("requestfailed", failed);
      resolve({ outcome, error: req.failure()?.errorText, url: req.url() });
    };
    const finished = on("finished");
    const failed = on("failed");
    page.on("requestfinished", finished);
    page.on("requestfailed", failed);
  });
}

async function resultUnder(csp) {
  const { page } = browser;
  const wasm = wasmRequestSettles(page);
  await page.goto(`${origin}/page.html?csp=${encodeURIComponent(csp)}`);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
  return { result: await page.evaluate(() => window.result), wasm: await wasm };
}

test("a CSP without 'wasm-unsafe-eval': sends reject with an error naming it, nothing is sent", async (t) => {
  const before = ec2Posts;
  const { result: r, wasm } = await resultUnder("default-src 'self'; script-src 'self'");
  // the download of a module the page refused to compile may be cut short: that is this scenario
  if (wasm.outcome === "failed") {
    assert.equal(wasm.error, "net::ERR_ABORTED");
    const i = browser.problems.indexOf(`requestfailed: GET ${wasm.url} net::ERR_ABORTED`);
    assert.ok(i >= 0, `the aborted download was not among the problems: ${JSON.stringify(browser.problems)}`);
    browser.problems.splice(i, 1);
  }
  t.diagnostic(`wasm download on the refusing page: ${wasm.outcome}`);
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.name, "WebAssemblyUnavailableError", r.message);
  assert.match(r.message, /Content-Security-Policy refuses it\. Add 'wasm-unsafe-eval' to script-src/);
  assert.equal(ec2Posts, before);
  t.diagnostic(r.message);
});

test("the same page with 'wasm-unsafe-eval': the send goes through", async () => {
  const before = ec2Posts;
  const { result: r, wasm } = await resultUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  assert.deepEqual(r, { ok: true, snapshots: 0 });
  assert.deepEqual(wasm.outcome, "finished", wasm.error);
  assert.equal(ec2Posts, before + 1);
  assert.deepEqual(browser.problems, []);
});
