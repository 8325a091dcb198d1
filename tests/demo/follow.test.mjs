// The console follows a snapshot, in headless Chromium against a scripted endpoint (lib/snapshot-stub.mjs):
// the progress bar walks 0% → 37% → 82% → completed; another snapshot ends in `error` with its
// StateMessage; the volume's snapshots are listed newest first, page by page, and a row can be followed.
// All along (every DOM change while it follows), the secret access key is looked for in every element's
// attributes and text, the URL, history state, title, storage and cookies; and in every console message
// the page logs at any level, and every request the page makes.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { startConsoleServer } from "../../scripts/demo/stack.mjs";
import { OUT } from "./lib/examples.mjs";
import { openBrowser } from "./lib/browser.mjs";
import { startSnapshotStub } from "./lib/snapshot-stub.mjs";

const VOLUME = "vol-0abc1234def567890";
const CREATED = { SnapshotId: "snap-0f0110w0000000001", VolumeId: VOLUME, State: "pending", Progress: "0%", StartTime: "2026-12-02T12:00:00.000Z", OwnerId: "123456789012", VolumeSize: 8, Description: "followed", Encrypted: false };
// six older snapshots of the volume: with five to a page, "More" brings the sixth
const OLDER = Array.from({ length: 6 }, (_, i) => ({ ...CREATED, SnapshotId: `snap-0${String(i + 1).padStart(16, "0")}`, State: "completed", Progress: "100%", StartTime: `2026-11-2${i + 1}T08:00:00.000Z`, Description: `older ${i + 1}` }));

const SECRET = "stub-secret/FOLLOW+MARKER7f3a9c";
const NEEDLES = [SECRET, encodeURIComponent(SECRET), "FOLLOW+MARKER", "MARKER7f3a9c"];
let site, browser, page;
const stubs = [];
const consoleMessages = [];
const requests = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  site = await startConsoleServer({ config: { region: "us-east-1", accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, volumeId: VOLUME, note: "A scripted endpoint." } });
  browser = await openBrowser();
  page = browser.page;
  page.on("console", (msg) => consoleMessages.push(`${msg.type()}: ${msg.text()} ${JSON.stringify(msg.location())}`));
  page.on("request", (req) => requests.push(`${req.method()} ${req.url()} ${req.postData() ?? ""}`));
  await page.goto(site.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  // the secret watch: a scan on every DOM change (attributes, nodes, text) for the rest of the file
  await page.evaluate((needles) => {
    window.leaks = [];
    window.scans = 0;
    const check = (where, value) => {
      for (const s of needles) if (value != null && String(value).includes(s)) window.leaks.push(where);
    };
    window.scanForSecret = () => {
      window.scans++;
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) check(`${el.tagName.toLowerCase()}#${el.id} [${a.name}]`, a.value);
        if (el.childElementCount === 0) check(`${el.tagName.toLowerCase()}#${el.id} text`, el.textContent);
      }
      check("location.href", location.href);
      check("history.state", JSON.stringify(history.state));
      check("document.title", document.title);
      check("document.cookie", document.cookie);
      for (const store of [localStorage, sessionStorage]) for (let i = 0; i < store.length; i++) check("storage", store.key(i) + store.getItem(store.key(i)));
    };
    new MutationObserver(window.scanForSecret).observe(document.documentElement, { attributes: true, childList: true, characterData: true, subtree: true });
  }, NEEDLES);
  // every value the bar takes, in order
  await page.evaluate(() => {
    window.seen = [];
    const bar = document.querySelector("#follow [role=progressbar]");
    new MutationObserver(() => {
      const now = bar.getAttribute("aria-valuenow");
      if (now !== null && window.seen.at(-1) !== Number(now)) window.seen.push(Number(now));
    }).observe(bar, { attributes: true, attributeFilter: ["aria-valuenow"] });
  });
});

after(async () => {
  await browser?.close();
  await site?.stop();
  for (const stub of stubs) await stub.stop();
});

async function createAgainst(options) {
  const stub = await startSnapshotStub(options);
  stubs.push(stub);
  await page.fill("#endpoint", stub.endpoint);
  await page.evaluate(() => (window.seen = []));
  await page.click("#submit");
  await page.waitForFunction(() => document.getElementById("progress").dataset.state === "done", null, { timeout: 30_000 });
  return stub;
}

const followState = () => page.getAttribute("#follow", "data-state");
const waitForFollow = (state) => page.waitForFunction((s) => document.getElementById("follow").dataset.state === s, state, { timeout: 60_000 });

test("the bar walks 0% → 37% → 82% → completed, with state and elapsed time", { timeout: 90_000 }, async () => {
  const steps = [{ Progress: "0%" }, { Progress: "37%" }, { Progress: "82%" }, { State: "completed", Progress: "100%" }];
  const stub = await createAgainst({ snapshot: CREATED, steps, others: OLDER });
  assert.equal(await page.isVisible("#follow"), true);
  assert.equal(await page.innerText("#follow [data-role=follow-id]"), CREATED.SnapshotId);
  await page.waitForFunction(() => window.seen.includes(37), null, { timeout: 30_000 });
  assert.equal(await followState(), "pending");
  assert.equal(await page.innerText("#follow [data-role=follow-percent]"), "37%");
  assert.equal(await page.isVisible("#follow [data-role=follow-stop]"), true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(OUT, "follow-1-pending.png"), fullPage: true });
  await waitForFollow("completed");
  assert.deepEqual(await page.evaluate(() => window.seen), [0, 37, 82, 100]);
  assert.equal(await page.getAttribute("#follow [role=progressbar]", "aria-valuenow"), "100");
  assert.equal(await page.innerText("#follow-title"), "Snapshot completed");
  assert.equal(await page.innerText("#follow [data-role=follow-state]"), "completed");
  assert.match(await page.innerText("#follow [data-role=follow-elapsed]"), /^0:(0[4-9]|[1-5]\d)$/);
  assert.equal(await page.isVisible("#follow [data-role=follow-stop]"), false);
  const polls = stub.requests.filter((p) => p.get("Action") === "DescribeSnapshots" && p.get("SnapshotId.1"));
  assert.equal(polls.length, 4);

  // the table: the stub's first page (the new one, then the four oldest, oldest first) shown newest
  // first, the followed row updated by the polls
  const list = stub.requests.find((p) => p.get("Filter.1.Name") === "volume-id");
  assert.equal(list.get("Filter.1.Value.1"), VOLUME);
  assert.equal(list.get("Owner.1"), "self");
  const ids = () => page.$$eval("#snapshots tbody tr", (rows) => rows.map((r) => r.dataset.snapshotId));
  assert.deepEqual(await ids(), [CREATED, ...OLDER.slice(0, 4).toReversed()].map((s) => s.SnapshotId));
  assert.equal(await page.innerText(`#snapshots tr[data-snapshot-id="${CREATED.SnapshotId}"] td:nth-child(2)`), "completed");
  assert.equal(await page.innerText(`#snapshots tr[data-snapshot-id="${CREATED.SnapshotId}"] [data-col=progress]`), "100%");
  await page.click("#snapshots [data-role=snapshots-more]");
  await page.waitForFunction(() => document.querySelectorAll("#snapshots tbody tr").length === 7);
  assert.deepEqual(await ids(), [CREATED, ...OLDER.toReversed()].map((s) => s.SnapshotId));
  assert.equal(await page.isVisible("#snapshots [data-role=snapshots-more]"), false);
  assert.equal(stub.requests.at(-1).get("NextToken"), "5");

  // a row is followed with the same panel
  await page.click(`#snapshots tr[data-snapshot-id="${OLDER[0].SnapshotId}"] td:nth-child(5)`);
  await page.waitForFunction((id) => document.querySelector("#follow [data-role=follow-id]").textContent === id, OLDER[0].SnapshotId);
  await waitForFollow("completed");
  assert.equal(stub.requests.at(-1).get("SnapshotId.1"), OLDER[0].SnapshotId);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(OUT, "follow-2-completed.png"), fullPage: true });
});

test("an `error` state shows the snapshot's StateMessage", { timeout: 90_000 }, async () => {
  const message = "Snapshot failed: the volume was deleted <during> the copy & more";
  const steps = [{ Progress: "12%" }, { State: "error", Progress: "12%", StateMessage: message }];
  await createAgainst({ snapshot: { ...CREATED, SnapshotId: "snap-0e0000000000000e1" }, steps });
  await waitForFollow("error");
  assert.deepEqual(await page.evaluate(() => window.seen), [12]);
  assert.equal(await page.innerText("#follow-title"), "Snapshot failed");
  assert.equal(await page.innerText("#follow [data-role=follow-state]"), "error");
  assert.equal(await page.innerText("#follow [data-role=follow-message]"), message);
  assert.equal(await page.getAttribute("#follow [data-role=follow-message]", "role"), "alert");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(OUT, "follow-3-error.png"), fullPage: true });
});

test("Stop following aborts the wait; nothing is polled after it", { timeout: 60_000 }, async () => {
  const stub = await createAgainst({ snapshot: { ...CREATED, SnapshotId: "snap-05000000000000005" }, steps: [{ Progress: "5%" }] });
  await page.waitForFunction(() => window.seen.includes(5), null, { timeout: 30_000 });
  await page.click("#follow [data-role=follow-stop]");
  await waitForFollow("stopped");
  assert.equal(await page.innerText("#follow-title"), "Stopped following");
  const polls = () => stub.requests.filter((p) => p.get("SnapshotId.1")).length;
  const n = polls();
  await new Promise((r) => setTimeout(r, 3000));
  assert.ok(polls() <= n + 1, `${polls()} polls after ${n}`); // at most the one already under way
});

test("the secret stays out of markup, attributes, text, URL, storage, console and requests while following; no page errors", async () => {
  await page.evaluate(() => window.scanForSecret());
  const found = await page.evaluate(async () => ({
    leaks: window.leaks,
    scanned: window.scans >= 20 || window.scans,
    storage: localStorage.length + sessionStorage.length,
    cookie: document.cookie,
    dbs: ((await indexedDB.databases?.()) ?? []).length,
  }));
  assert.deepEqual(found, { leaks: [], scanned: true, storage: 0, cookie: "", dbs: 0 });
  // the watch can see the secret: the password field holds it as a property (never as an attribute)
  assert.equal(await page.inputValue("#secret-access-key"), SECRET);
  // and the watch would have seen it in an attribute (a probe, removed at once)
  const probe = await page.evaluate((secret) => {
    const before = window.leaks.length;
    document.body.dataset.probe = secret;
    window.scanForSecret();
    delete document.body.dataset.probe;
    const hit = window.leaks.slice(before);
    window.leaks.length = before;
    return hit;
  }, SECRET);
  assert.ok(probe.some((w) => w.includes("[data-probe]")), JSON.stringify(probe));
  for (const m of consoleMessages) for (const s of NEEDLES) assert.ok(!m.includes(s), `console: ${m}`);
  assert.ok(requests.some((r) => r.startsWith("POST ")), "the page made EC2 requests");
  for (const r of requests) for (const s of NEEDLES) assert.ok(!r.includes(s), `request: ${r.slice(0, 200)}`);
  assert.deepEqual(browser.problems, []);
});
