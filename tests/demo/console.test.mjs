// The www/ console in headless Chromium against moto (signature verification on, behind the CORS proxy),
// served exactly as `make demo` serves it (scripts/demo/stack.mjs). One page, one test per state, in
// order; a screenshot of each state goes to tests/out/demo/.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { startDemoStack } from "../../scripts/demo/stack.mjs";
import { freePort } from "../support/processes.mjs";
import { OUT, ROOT } from "./lib/examples.mjs";
import { openBrowser } from "./lib/browser.mjs";

const NOT_FOUND_VOLUME = "vol-0123456789abcdef0";
const DESCRIPTION = "nightly ✓ — ü/é (a+b)=100% & more";
const TAGS = [
  { Key: "Name", Value: "console ✓ snapshot" },
  { Key: "team/ü", Value: "a+b=c & d;e,f %20" },
];

let stack, browser, page, closedEndpoint;
/** Every request the page sent to the EC2 endpoint, with the response's request id. */
const sent = [];
async function shot(name) {
  await page.evaluate(() => window.scrollTo(0, 0)); // the outcome column is sticky: show it at the top
  await page.screenshot({ path: path.join(OUT, `console-${name}.png`), fullPage: true });
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  stack = await startDemoStack();
  closedEndpoint = `http://127.0.0.1:${await freePort()}`; // nothing listens there
  // Chromium logs every 4xx, and every refused connection, that the error scenarios provoke
  const endpoints = [stack.proxy.endpoint, closedEndpoint];
  const expected = (text) =>
    (/Failed to load resource/.test(text) || /requestfailed: POST .* net::ERR_CONNECTION_REFUSED/.test(text)) && endpoints.some((e) => text.includes(e));
  browser = await openBrowser({ expected });
  page = browser.page;
  page.on("request", (req) => {
    if (req.method() === "POST" && endpoints.some((e) => req.url().startsWith(e))) sent.push({ url: req.url(), body: req.postData() ?? "", requestId: null, req });
  });
  page.on("response", async (res) => {
    const entry = sent.find((s) => s.req === res.request());
    if (entry) entry.requestId = (await res.allHeaders())["x-amzn-requestid"] ?? null;
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Clicks "Create snapshot" (or presses `key` on the focused element) and waits for the outcome. */
async function submit({ key } = {}) {
  await page.evaluate(() => {
    const p = document.getElementById("progress");
    p.textContent = "";
    p.dataset.state = "idle";
  });
  if (key) await page.keyboard.press(key);
  else await page.click("#submit");
  await page.waitForFunction(() => !["idle", "busy"].includes(document.getElementById("progress").dataset.state), null, { timeout: 30_000 });
  return page.evaluate(() => ({ state: document.getElementById("progress").dataset.state, text: document.getElementById("progress").textContent }));
}

const text = (selector) => page.locator(selector).innerText();
const action = (entry) => new URLSearchParams(entry.body).get("Action");
/** Waits until the follow panel has settled and the snapshots table has loaded. */
async function followed() {
  await page.waitForFunction(
    () => ["completed", "error", "stopped", "timeout"].includes(document.getElementById("follow").dataset.state) && !document.getElementById("snapshots").hidden && document.querySelector("#snapshots [data-role=snapshots-status]").textContent !== "Loading…",
    null,
    { timeout: 60_000 },
  );
}
const counts = () => ({ forwarded: stack.proxy.stats.forwarded, preflights: stack.proxy.stats.preflights, sent: sent.length });

test("loads the package as native ESM and prefills the demo config, in properties only", { timeout: 60_000 }, async () => {
  await page.goto(stack.console.url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 }).catch(() => {
    assert.fail(`the page never became ready:\n${browser.problems.join("\n")}\nserved: ${JSON.stringify(stack.console.log)}`);
  });
  const served = stack.console.log.map((e) => `${e.path} ${e.status}`);
  assert.ok(served.includes("/pkg/dist/web.mjs 200"), served.join("\n"));
  assert.ok(served.includes("/pkg/dist/ec2_wasm_bg.wasm 200"), served.join("\n"));
  assert.ok(served.includes("/demo/config.json 200"), served.join("\n"));
  const values = await page.evaluate(() =>
    Object.fromEntries(["region", "endpoint", "access-key-id", "secret-access-key", "volume-id"].map((id) => [id, document.getElementById(id).value])),
  );
  assert.deepEqual(values, {
    region: stack.moto.region,
    endpoint: stack.proxy.endpoint,
    "access-key-id": stack.moto.accessKeyId,
    "secret-access-key": stack.moto.secretAccessKey,
    "volume-id": stack.moto.volumeId,
  });
  assert.equal(await page.getAttribute("#secret-access-key", "type"), "password");
  assert.equal(await page.getAttribute("#secret-access-key", "autocomplete"), "off");
  assert.equal(await page.getAttribute("#snapshot-form", "autocomplete"), "off");
  assert.ok(await page.isVisible("#demo-banner"));
  await shot("1-prefilled");
});

test("accessible: labelled controls, legends, live regions, keyboard focus is visible", { timeout: 30_000 }, async () => {
  const report = await page.evaluate(() => {
    const unlabelled = [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim())))
      .map((el) => el.outerHTML);
    const noLegend = [...document.querySelectorAll("fieldset")].filter((f) => f.firstElementChild?.tagName !== "LEGEND").map((f) => f.id);
    return {
      unlabelled,
      noLegend,
      live: document.getElementById("outcome").getAttribute("aria-live"),
      status: document.getElementById("progress").getAttribute("role"),
      lang: document.documentElement.lang,
      h1: document.querySelectorAll("h1").length,
    };
  });
  assert.deepEqual(report, { unlabelled: [], noLegend: [], live: "polite", status: "status", lang: "en", h1: 1 });

  // Tab from the top reaches the form's first field with a visible focus ring
  await page.focus("body");
  await page.keyboard.press("Tab"); // the skip link
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return { id: el.id, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.equal(focus.id, "region");
  assert.notEqual(focus.outline, "none");
  assert.ok(focus.width >= 2, JSON.stringify(focus));
});

test("creates a snapshot: progress, then a result card with every output member", { timeout: 60_000 }, async () => {
  const before = counts();
  await page.fill("#volume-id", "");
  await page.locator("#volume-id").pressSequentially(stack.moto.volumeId);
  await page.fill("#description", DESCRIPTION);
  // tags: three rows added (the second by keyboard), the middle one removed
  await page.click("#add-tag");
  await page.keyboard.type(TAGS[0].Key); // "Add tag" focuses the new row's key
  await page.keyboard.press("Tab");
  await page.keyboard.type(TAGS[0].Value);
  await page.click("#add-tag");
  await page.keyboard.type("temporary");
  await page.focus("#add-tag");
  await page.keyboard.press("Enter");
  await page.keyboard.type(TAGS[1].Key);
  await page.keyboard.press("Tab");
  await page.keyboard.type(TAGS[1].Value);
  await page.click('button[aria-label="Remove tag 2"]');
  assert.deepEqual(await page.$$eval(".tag-row .tag-key", (els) => els.map((e) => e.value)), TAGS.map((t) => t.Key));
  await page.check('input[name="location"][value="regional"]');

  // hold the request until the progress state is on screen
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(`${stack.proxy.endpoint}/**`, async (route) => {
    await gate;
    await route.continue();
  });
  await page.evaluate(() => (document.getElementById("progress").dataset.state = "idle"));
  await page.focus("#submit");
  await page.keyboard.press("Enter"); // keyboard submit
  await page.waitForSelector('#snapshot-form[aria-busy="true"]');
  assert.equal(await text("#submit"), "Creating snapshot…");
  assert.equal(await page.getAttribute("#submit", "aria-disabled"), "true");
  assert.match(await text("#progress"), /Sending CreateSnapshot to http:\/\/127\.0\.0\.1:\d+…/);
  assert.ok(await page.isVisible("#cancel"));
  await shot("2-progress");
  release();
  await page.waitForFunction(() => document.getElementById("progress").dataset.state !== "busy" && document.getElementById("progress").dataset.state !== "idle");
  await page.unroute(`${stack.proxy.endpoint}/**`);
  assert.equal(await page.getAttribute("#progress", "data-state"), "done", await text("#progress"));
  // then the page follows the snapshot and lists the volume's snapshots (DescribeSnapshots)
  await followed();

  // one CreateSnapshot, signed and accepted by moto; the form's fields became the query parameters
  const created = sent.slice(before.sent).filter((s) => action(s) === "CreateSnapshot");
  assert.equal(created.length, 1);
  assert.equal(stack.proxy.stats.forwarded - before.forwarded, sent.length - before.sent, "every request went through the proxy");
  const body = new URLSearchParams(created[0].body);
  assert.equal(body.get("Action"), "CreateSnapshot");
  assert.equal(body.get("VolumeId"), stack.moto.volumeId);
  assert.equal(body.get("Description"), DESCRIPTION);
  assert.equal(body.get("Location"), "regional");
  assert.equal(body.get("TagSpecification.1.ResourceType"), "snapshot");
  assert.equal(body.get("TagSpecification.1.Tag.2.Value"), TAGS[1].Value);
  assert.equal(body.get("DryRun"), null);

  const snapshotId = await text("#result-card [data-role=snapshot-id]");
  assert.match(snapshotId, /^snap-[0-9a-f]{8,}$/);
  assert.equal(await text("#progress"), `Snapshot ${snapshotId} created (${await text('[data-member="State"] dd')}).`);

  // what boto3 reads back is what the card shows
  const [s, ...rest] = await stack.moto.describeSnapshot(snapshotId);
  assert.equal(rest.length, 0);
  assert.equal(s.SnapshotId, snapshotId);
  assert.equal(s.VolumeId, stack.moto.volumeId);
  assert.equal(s.Description, DESCRIPTION);
  assert.deepEqual(s.Tags, TAGS);
  const card = await page.$$eval("#result-card [data-member]", (els) => Object.fromEntries(els.map((el) => [el.dataset.member, el.querySelector("dd")?.innerText ?? null])));
  for (const key of Object.keys(s)) assert.ok(key in card, `the card has no row for ${key} (boto3 returned it): ${JSON.stringify(card)}`);
  assert.equal(card.SnapshotId, snapshotId);
  assert.equal(card.VolumeId, stack.moto.volumeId);
  assert.equal(card.VolumeSize, `${s.VolumeSize} GiB`);
  assert.equal(card.Description, DESCRIPTION);
  assert.equal(card.OwnerId, s.OwnerId);
  assert.equal(card.Encrypted, s.Encrypted ? "Yes" : "No");
  assert.ok(["pending", "completed"].includes(card.State), card.State);
  // StartTime in the viewer's local time, the exact instant in <time datetime>
  const startIso = new Date(s.StartTime).toISOString();
  assert.equal(await page.getAttribute('[data-member="StartTime"] time', "datetime"), startIso);
  assert.equal(card.StartTime, await page.evaluate((iso) => new Date(iso).toLocaleString(), startIso));
  const tags = await page.$$eval("#result-card table.tags tbody tr", (rows) => rows.map((r) => ({ Key: r.cells[0].innerText, Value: r.cells[1].innerText })));
  assert.deepEqual(tags, TAGS);
  // the response's request id, and every member the response lacked is named
  assert.equal(await text('#result-card [data-meta="requestId"] dd'), created[0].requestId);
  assert.equal(await text('#result-card [data-meta="httpStatusCode"] dd'), "200");
  const absent = await page.$$eval("#result-card details.absent code", (els) => els.map((e) => e.textContent));
  assert.ok(absent.includes("FullSnapshotSizeInBytes"), absent.join());
  assert.equal(absent.length + Object.keys(card).length, 23, `shown ${Object.keys(card)} + absent ${absent}`);
  await shot("3-created");
  // and on a phone-sized screen: one column, nothing overflowing sideways
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "the page scrolls sideways at 390 px");
  await shot("3-created-narrow");
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("follows the created snapshot: moto completes it, the table lists it", { timeout: 60_000 }, async () => {
  const snapshotId = await text("#result-card [data-role=snapshot-id]");
  assert.equal(await page.getAttribute("#follow", "data-state"), "completed");
  assert.equal(await text("#follow [data-role=follow-id]"), snapshotId);
  assert.equal(await text("#follow-title"), "Snapshot completed");
  assert.equal(await page.getAttribute("#follow [role=progressbar]", "aria-valuenow"), "100");
  assert.equal(await text("#follow [data-role=follow-percent]"), "100%");
  const polls = sent.filter((s) => action(s) === "DescribeSnapshots" && new URLSearchParams(s.body).get("SnapshotId.1") === snapshotId);
  assert.ok(polls.length >= 1);
  // the table: DescribeSnapshots by volume-id, own snapshots; the new one is listed first
  const list = new URLSearchParams(sent.findLast((s) => action(s) === "DescribeSnapshots" && s.body.includes("Filter.1.Name")).body);
  assert.equal(list.get("Filter.1.Name"), "volume-id");
  assert.equal(list.get("Filter.1.Value.1"), stack.moto.volumeId);
  assert.equal(list.get("Owner.1"), "self");
  const rows = await page.$$eval("#snapshots tbody tr", (trs) => trs.map((tr) => ({ id: tr.dataset.snapshotId, cells: [...tr.cells].map((c) => c.innerText) })));
  const expected = await stack.moto.listSnapshots(stack.moto.volumeId);
  assert.equal(rows.length, expected.length);
  assert.equal(rows[0].id, snapshotId);
  assert.deepEqual(rows[0].cells.slice(1, 3), ["completed", "100%"]);
  assert.equal(rows[0].cells[4], DESCRIPTION);
  await shot("3-followed");
});

test("a missing Volume ID is caught in the form with the SDK's message, and nothing is sent", { timeout: 30_000 }, async () => {
  // the message the package itself gives for this input
  const { EC2Client, CreateSnapshotCommand } = await import(pathToFileURL(path.join(ROOT, "pkg", "dist", "node.mjs")).href);
  const client = new EC2Client({ region: "us-east-1", endpoint: closedEndpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" }, maxAttempts: 1 });
  const sdkError = await client.send(new CreateSnapshotCommand({ VolumeId: undefined })).then(() => null, (e) => e);
  assert.equal(sdkError?.name, "ValidationError", String(sdkError));

  const before = counts();
  await page.fill("#volume-id", "   ");
  const { state, text: progressText } = await submit();
  assert.equal(state, "invalid", progressText);
  assert.equal(progressText, "Not sent: the SDK rejected the input.");
  assert.equal(await text("#volume-id-error"), sdkError.message);
  assert.equal(await page.getAttribute("#volume-id", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "volume-id");
  assert.equal(await page.$$eval("#outcome > *", (els) => els.length), 0);
  assert.deepEqual(counts(), before, "a request left the page");
  await shot("4-missing-volume-id");
});

test("required fields are checked before the SDK is asked", { timeout: 30_000 }, async () => {
  const before = counts();
  const secret = await page.inputValue("#secret-access-key");
  await page.fill("#secret-access-key", "");
  const { state } = await submit();
  assert.equal(state, "invalid");
  assert.equal(await text("#secret-access-key-error"), "Enter the secret access key.");
  assert.equal(await page.evaluate(() => document.activeElement.id), "secret-access-key");
  assert.deepEqual(counts(), before);
  await page.fill("#secret-access-key", secret);
});

test("a volume that does not exist: the InvalidVolume.NotFound panel", { timeout: 30_000 }, async () => {
  await page.fill("#volume-id", NOT_FOUND_VOLUME);
  const { state } = await submit();
  assert.equal(state, "failed");
  assert.equal(await page.getAttribute("#volume-id", "aria-invalid"), null, "the earlier field error is cleared");
  assert.equal(await page.getAttribute("#error-panel", "data-error-name"), "InvalidVolume.NotFound");
  assert.equal(await text("#error-title"), "InvalidVolume.NotFound");
  assert.match(await text("#error-panel [data-role=error-message]"), new RegExp(NOT_FOUND_VOLUME));
  assert.equal(await text('#error-panel [data-meta="requestId"] dd'), sent.at(-1).requestId);
  assert.ok(sent.at(-1).requestId);
  assert.equal(await text('#error-panel [data-meta="httpStatusCode"] dd'), "400");
  assert.match(await text("#error-panel [data-role=hint]"), /Check the volume ID, and pick the region the volume is in/);
  await shot("5-not-found");
});

test("DryRun: DryRunOperation is shown as a dry run that would have succeeded", { timeout: 30_000 }, async () => {
  const snapshotsBefore = await stack.moto.listSnapshots(stack.moto.volumeId);
  await page.fill("#volume-id", stack.moto.volumeId);
  await page.focus("#dry-run");
  await page.keyboard.press("Space"); // the switch works from the keyboard
  assert.equal(await page.isChecked("#dry-run"), true);
  const { state, text: progressText } = await submit();
  assert.equal(state, "done", progressText);
  assert.equal(progressText, "Dry run succeeded: you have permission.");
  assert.equal(new URLSearchParams(sent.at(-1).body).get("DryRun"), "true");
  assert.equal(await page.getAttribute("#error-panel", "data-error-name"), "DryRunOperation");
  assert.match(await page.getAttribute("#error-panel", "class"), /card-success/);
  assert.equal(await text("#error-title"), "Dry run succeeded: you have permission");
  assert.equal(await text('#error-panel [data-meta="httpStatusCode"] dd'), "412");
  assert.equal(await text('#error-panel [data-meta="requestId"] dd'), sent.at(-1).requestId);
  assert.deepEqual(await stack.moto.listSnapshots(stack.moto.volumeId), snapshotsBefore, "a dry run created a snapshot");
  await shot("6-dry-run");
  await page.uncheck("#dry-run");
});

test("a wrong secret: the AuthFailure panel says to check the keys", { timeout: 30_000 }, async () => {
  const secret = await page.inputValue("#secret-access-key");
  await page.fill("#secret-access-key", `${secret}-wrong`);
  const { state } = await submit();
  assert.equal(state, "failed");
  assert.equal(await page.getAttribute("#error-panel", "data-error-name"), "AuthFailure");
  assert.equal(await text('#error-panel [data-meta="httpStatusCode"] dd'), "401");
  assert.match(await text("#error-panel [data-role=hint]"), /Check the access key ID and secret access key/);
  await shot("7-auth-failure");
  await page.fill("#secret-access-key", secret);
});

test("an endpoint that does not answer: the network error panel", { timeout: 60_000 }, async () => {
  const endpoint = await page.inputValue("#endpoint");
  await page.fill("#endpoint", closedEndpoint);
  const { state } = await submit();
  assert.equal(state, "failed");
  assert.equal(await text("#error-title"), "Could not reach the endpoint");
  assert.match(await text("#error-panel [data-role=hint]"), /cross-origin/);
  assert.equal(await text('#error-panel [data-meta="requestId"] dd'), "none (no response)");
  await shot("8-network-error");
  await page.fill("#endpoint", endpoint);
});

test("an endpoint that is not a URL: the SDK's configuration error at the field", { timeout: 30_000 }, async () => {
  const endpoint = await page.inputValue("#endpoint");
  const before = counts();
  await page.fill("#endpoint", "ftp://example.com");
  const { state } = await submit();
  assert.equal(state, "invalid");
  assert.match(await text("#endpoint-error"), /Endpoint/);
  assert.deepEqual(counts(), before);
  await page.fill("#endpoint", endpoint);
});

test("the secret never left memory: no storage, cookies, URL or markup holds it", { timeout: 30_000 }, async () => {
  const secrets = [stack.moto.secretAccessKey, `${stack.moto.secretAccessKey}-wrong`];
  const found = await page.evaluate(async (secrets) => {
    const hits = [];
    const check = (where, value) => {
      for (const s of secrets) if (String(value).includes(s)) hits.push(where);
    };
    for (let i = 0; i < localStorage.length; i++) check("localStorage", localStorage.key(i) + localStorage.getItem(localStorage.key(i)));
    for (let i = 0; i < sessionStorage.length; i++) check("sessionStorage", sessionStorage.key(i) + sessionStorage.getItem(sessionStorage.key(i)));
    check("document.cookie", document.cookie);
    check("location.href", location.href);
    check("history.state", JSON.stringify(history.state));
    check("outerHTML", document.documentElement.outerHTML);
    for (const el of document.querySelectorAll("[value]")) check(`value attribute of ${el.id || el.tagName}`, el.getAttribute("value"));
    const dbs = (await indexedDB.databases?.()) ?? [];
    const cacheNames = (await globalThis.caches?.keys()) ?? [];
    return { hits, storage: [localStorage.length, sessionStorage.length], cookie: document.cookie, dbs: dbs.length, caches: cacheNames.length, href: location.href };
  }, secrets);
  assert.deepEqual(found, { hits: [], storage: [0, 0], cookie: "", dbs: 0, caches: 0, href: stack.console.url });
  assert.deepEqual(await browser.context.cookies(), []);
  // and the page never sent it anywhere but in signed EC2 requests' Authorization (never the secret itself)
  for (const entry of stack.console.log) for (const s of secrets) assert.ok(!entry.path.includes(s), entry.path);
  for (const entry of sent) for (const s of secrets) assert.ok(!entry.body.includes(s) && !entry.url.includes(s));
  assert.ok(stack.console.log.every((e) => e.method === "GET"), JSON.stringify(stack.console.log));
});

test("no console errors, page errors or unexpected failed requests", () => {
  assert.deepEqual(browser.problems, []);
});
