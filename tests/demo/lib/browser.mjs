// Headless Chromium (Debian's /usr/bin/chromium) through playwright-core, with the flags SETUP.md lists,
// a fresh profile, and every console error, page error and failed request collected for the assertions.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const CHROMIUM = "/usr/bin/chromium";
// headless and a fresh --user-data-dir come from playwright's launchPersistentContext
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Resolves { context, page, problems, close() }. `problems` lists console errors and warnings, page
 * errors and failed requests, except what `expected(message)` accepts (e.g. the console error Chromium
 * logs for every HTTP 4xx an error scenario provokes).
 */
export async function openBrowser({ viewport = { width: 1280, height: 900 }, expected = () => false } = {}) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh browser`);
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(path.join(tmpdir(), "ec2-wasm-demo-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport, timeout: 30_000 });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  const note = (text) => {
    if (!expected(text)) problems.push(text);
  };
  page.on("pageerror", (error) => note(`pageerror: ${error.stack ?? error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") note(`console.${msg.type()}: ${msg.text()} (${msg.location()?.url ?? ""})`);
  });
  page.on("requestfailed", (req) => note(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
