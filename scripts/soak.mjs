#!/usr/bin/env node
// Soak: many operations with mixed outcomes against a stub HTTP server in its own process, in Node and
// in workerd, checking that every promise settles with an outcome its kind allows, that wasm objects
// are freed (counted at the FinalizationRegistry the wasm-bindgen glue registers them with), and that
// wasm memory and the JS heap stay flat after warm-up.
//
//   node scripts/soak.mjs [--sends=100000] [--concurrency=64] [--runtime=node,workerd,worker-rs]
//                         [--pkg=pkg] [--json=out.json] [--request-timeout=500] [--fresh-clients]
//                         [--samples=10]
//   make soak
//
// The mix, by operation number i (i % 100; opPlan below is the one place it is written):
//   0–54  CreateSnapshot, success                     55–61  service error (400 InvalidVolume.NotFound)
//   62–67 throttled once (503 RequestLimitExceeded, then 200)    68–71  a transient 503, then 200
//   72–74 a response slower than requestTimeout on every attempt (TimeoutError, throwOnRequestTimeout)
//   75–86 paginateDescribeSnapshots (pageSize 5): 2 or 3 pages chained by NextToken, the last 1–4
//         items, every third run with one page throttled once; the SnapshotIds seen must be exactly
//         the ones the stub served, in order
//   87–92 waitUntilSnapshotCompleted that completes: pending (37%, …) for 1–3 polls, then completed;
//         every fourth has its first poll throttled once
//   93–95 a wait that fails: pending, then State "error" (the SDK's FAILURE: a plain Error)
//   96–97 a wait that never completes: maxWaitTime 1 s (TimeoutError, state TIMEOUT)
//   98–99 a wait aborted through abortSignal 40–130 ms in (AbortError, state ABORTED)
// Waits poll with minDelay 10 ms and maxDelay 50 ms; the others' maxWaitTime is 20 s. Clients use
// maxAttempts 2 and the standard retry mode (so the retry quota drains and refills as in production):
// a throttled call may therefore still fail with its throttling error. Four clients are shared by all
// operations; --fresh-clients makes a new client per operation instead and never destroys it (the
// per-request pattern of a Worker), to show whether abandoned clients are reclaimed. An operation not
// settled 30 s after it started counts as "unsettled"; that, any outcome its kind does not allow, a
// kind that never ran, or memory that is not flat after warm-up (memoryProblems) fails the run (exit 1).
//
// --runtime=worker-rs serves the Rust client's example Worker (examples/worker-rs, built as
// tests/wasm/worker.mjs builds it) in workerd in front of the stub and sends it the requests
// (CreateSnapshot: 80% success, 10% service error, 10% throttled once; a new Client per request, as
// the example makes it, dropped when the request ends); it samples workerd's RSS, the Worker's wasm
// memory and wasm-bindgen's externref table every 5,000 requests.
//
// Measurements: Node reports JS heap after a full GC, RSS, external/arrayBuffers and the wasm linear
// memory. The package does not expose its WebAssembly.Memory, so the soak captures the instance by
// wrapping WebAssembly.Instance before the package is imported (the package's entries instantiate with
// `new WebAssembly.Instance`; workerd and the web entry alike). workerd has no heap API: its figures are
// the process RSS (read from /proc between chunks) and the wasm memory measured inside the worker.
//
// Also exported for tests/js/soak.test.mjs: opPlan, ALLOWED, runOps, summarize, memoryProblems, growth,
// startStubProcess, clientConfig, soakNode, soakWorkerd; and instrument, for other tests.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createInterface } from "node:readline";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SAMPLE_OK = readFileSync(path.join(ROOT, "tests/vectors/model/samples/create-snapshot-response.xml"), "utf8");
const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The mix. `opPlan` and `pageItemId` are also serialized into the workerd worker, so they use nothing
// but ECMAScript. The stub reads each operation's plan from its request (VolumeId, the "tag:soak-plan"
// filter, the snapshot id), so the stub needs no copy of the mix.

/** What operation `i` does (see the header). */
export function opPlan(i) {
  const slot = i % 100;
  const create = (kind) => ({ op: "create", kind: `create.${kind}`, volume: `vol-${kind}-${i}` });
  if (slot < 55) return create("ok");
  if (slot < 62) return create("err");
  if (slot < 68) return create("throttle");
  if (slot < 72) return create("flaky");
  if (slot < 75) return create("timeout");
  if (slot < 87) {
    const pages = 2 + (i % 2);
    const last = 1 + (i % 4);
    const throttled = i % 3 === 0 ? 1 << i % pages : 0; // a bit per page: its first attempt gets a 503
    return { op: "pages", kind: "pages", pages, last, pageSize: 5, plan: `pages.${pages}.${last}.${throttled}.${i}` };
  }
  // maxWaitTime 20 s where the wait must not time out (they end within a second, even on a loaded machine).
  const wait = (kind, mode, polls, extra) => ({ op: "wait", kind: `wait.${kind}`, polls, id: `snap-${mode}-${polls}-${i % 4 === 0 ? 1 : 0}-${i}`, maxWaitTime: 20, ...extra });
  if (slot < 93) return wait("done", "done", 2 + (i % 3));
  if (slot < 96) return wait("fail", "fail", 2 + (i % 2));
  if (slot < 98) return wait("timeout", "never", 0, { maxWaitTime: 1 });
  return wait("abort", "never", 0, { abortAfterMs: 40 + (i % 4) * 30 });
}

/** The id of item `j` of page `k` of pagination run `i`. */
export function pageItemId(i, k, j) {
  return `snap-${i}-${k}-${j}`;
}

// ---------------------------------------------------------------------------------------------
// The stub (runs in its own process: `node scripts/soak.mjs --stub`)

const errorBody = (code, message) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>soak-req</RequestID></Response>`;

const snapshotItem = (id, state, progress) =>
  `<item><snapshotId>${id}</snapshotId><volumeId>vol-soak</volumeId><status>${state}</status><startTime>2026-01-01T00:00:00.000Z</startTime>` +
  `<progress>${progress}</progress><ownerId>111122223333</ownerId><volumeSize>8</volumeSize><encrypted>false</encrypted></item>`;

const describeBody = (items, next) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>soak-req</requestId>` +
  `${items.length ? `<snapshotSet>${items.join("")}</snapshotSet>` : "<snapshotSet/>"}${next ? `<nextToken>${next}</nextToken>` : ""}</DescribeSnapshotsResponse>`;

const THROTTLED = [503, errorBody("RequestLimitExceeded", "Request limit exceeded.")];

/** A CreateSnapshot answer: the kind is the VolumeId's second part (vol-<kind>-<i>). */
function createAnswer(form, attempt, delayMs, reply) {
  const volume = form.get("VolumeId") ?? "";
  switch (volume.split("-")[1]) {
    case "err":
      return reply(400, errorBody("InvalidVolume.NotFound", `The volume '${volume}' does not exist.`));
    case "throttle":
      return attempt === 1 ? reply(...THROTTLED) : reply(200, SAMPLE_OK);
    case "flaky":
      return attempt === 1 ? reply(503, errorBody("Unavailable", "The server is overloaded.")) : reply(200, SAMPLE_OK);
    case "timeout":
      return void setTimeout(() => reply(200, SAMPLE_OK), delayMs);
    default:
      return reply(200, SAMPLE_OK);
  }
}

/**
 * A DescribeSnapshots answer. Pagination (filter tag:soak-plan = pages.<n>.<last>.<throttled>.<i>):
 * page k of n, chosen by NextToken soak-<i>-<k>, holds MaxResults items (`last` on the last page).
 * Waits (SnapshotId.1 = snap-<mode>-<polls>-<throttleFirst>-<i>): "never" stays pending; "done" and "fail"
 * are pending until their polls-th answered poll, then completed or error (and stay so).
 */
function describeAnswer(form, attempt, polls, reply) {
  const plan = form.get("Filter.1.Name") === "tag:soak-plan" ? /^pages\.(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(form.get("Filter.1.Value.1") ?? "") : null;
  if (plan) {
    const [pages, last, throttled, i] = plan.slice(1).map(Number);
    const token = form.get("NextToken");
    const k = token === null ? 0 : Number(/^soak-(\d+)-(\d+)$/.exec(token)?.[1] === String(i) ? token.split("-")[2] : NaN);
    if (!(k >= 0 && k < pages)) return reply(400, errorBody("InvalidParameterValue", `Invalid NextToken ${token} for run ${i}`));
    if (throttled & (1 << k) && attempt === 1) return reply(...THROTTLED);
    const count = k < pages - 1 ? Number(form.get("MaxResults")) || 0 : last;
    const items = Array.from({ length: count }, (_, j) => snapshotItem(pageItemId(i, k, j), "completed", "100%"));
    return reply(200, describeBody(items, k < pages - 1 ? `soak-${i}-${k + 1}` : undefined));
  }
  const id = form.get("SnapshotId.1") ?? "";
  const wait = /^snap-(done|fail|never)-(\d+)-([01])-\d+$/.exec(id);
  if (!wait) return reply(400, errorBody("InvalidParameterValue", `No soak plan in ${form.toString().slice(0, 200)}`));
  const [, mode, target, throttleFirst] = wait;
  const seen = polls.get(id) ?? 0;
  if (throttleFirst === "1" && seen === 0 && attempt === 1) return reply(...THROTTLED);
  const n = seen + 1;
  // Kept after the end (a few thousand short keys): an answer lost to a client's timeout must not
  // send the snapshot back to pending.
  if (mode !== "never") polls.set(id, n);
  if (mode === "never" || n < Number(target)) return reply(200, describeBody([snapshotItem(id, "pending", `${Math.min(99, 37 + 20 * (n - 1))}%`)]));
  return reply(200, describeBody([snapshotItem(id, mode === "done" ? "completed" : "error", mode === "done" ? "100%" : "37%")]));
}

function runStub(delayMs) {
  const polls = new Map(); // answered polls per waited-for snapshot id
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("error", () => {});
    res.on("error", () => {});
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const attempt = Number(/attempt=(\d+)/.exec(req.headers["amz-sdk-request"] ?? "")?.[1] ?? 1);
      const reply = (status, text) => {
        if (res.destroyed) return;
        res.writeHead(status, { "content-type": "text/xml;charset=UTF-8", "x-amzn-requestid": "soak" });
        res.end(text);
      };
      switch (form.get("Action")) {
        case "CreateSnapshot":
          return createAnswer(form, attempt, delayMs, reply);
        case "DescribeSnapshots":
          return describeAnswer(form, attempt, polls, reply);
        default:
          return reply(400, errorBody("InvalidAction", `The action ${form.get("Action")} is not valid for this web service.`));
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
  });
  process.stdin.on("end", () => process.exit(0)); // the parent went away
  process.stdin.resume();
}

/** Starts the stub in a child process; `stop()` kills it by PID. */
export async function startStubProcess({ delayMs = 1000 } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--stub", `--delay=${delayMs}`], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once("line", (l) => {
      rl.close();
      resolve(l);
    });
    child.once("exit", (code) => reject(new Error(`soak stub exited with ${code} before listening`)));
  });
  const { port } = JSON.parse(line);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(child.pid, "SIGTERM");
      } catch {}
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Instrumentation and the operation loop. `instrument` and `runOps` are also serialized into the workerd
// worker (Function.prototype.toString), so they use nothing but ECMAScript and their arguments.

/**
 * Wraps WebAssembly.Instance (to find the package's linear memory) and FinalizationRegistry (to count
 * wasm-bindgen objects: registered on creation, unregistered by free(), finalized by GC). Must run
 * before the package is imported. Returns a probe: { wasmMemoryBytes(), wasmTables(), objects() }.
 */
export function instrument(g) {
  if (g.__soakProbe) return g.__soakProbe;
  // The newest instance strongly (its memory is measured), every instance weakly where WeakRef exists
  // (so a test can see replaced instances being collected).
  let latest = null;
  let instanceCount = 0;
  const weakInstances = [];
  // Per wasm-bindgen class: created (a `<class>_new…` export returned a pointer) and freed
  // (`__wbg_<class>_free` called with a live pointer, by free() or by a finalizer). A free of a pointer
  // the instance never handed out (`foreignFrees`) would corrupt its memory: an object of a replaced
  // instance freed into the new one.
  const created = {};
  const freed = {};
  let foreignFrees = 0;
  const wrapExports = (exports) => {
    const names = Object.keys(exports);
    const classes = new Set(names.map((n) => /^__wbg_(\w+)_free$/.exec(n)?.[1]).filter(Boolean));
    const ptrs = new Set();
    const out = {};
    for (const name of names) {
      const f = exports[name];
      const free = /^__wbg_(\w+)_free$/.exec(name);
      const ctor = /^([a-z0-9]+)_new([A-Z]\w*)?$/.exec(name);
      const cls = ctor && (ctor[2] ? ctor[2].toLowerCase() : ctor[1]);
      if (typeof f === "function" && free) {
        out[name] = (ptr, ...rest) => {
          if (ptr) {
            freed[free[1]] = (freed[free[1]] ?? 0) + 1;
            if (!ptrs.delete(ptr >>> 0)) foreignFrees++;
          }
          return f(ptr, ...rest);
        };
      } else if (typeof f === "function" && cls && classes.has(cls)) {
        out[name] = (...args) => {
          const r = f(...args);
          const ptr = Array.isArray(r) ? r[0] : r;
          const failed = Array.isArray(r) && r.length > 1 && r[r.length - 1];
          if (ptr && !failed) {
            created[cls] = (created[cls] ?? 0) + 1;
            ptrs.add(ptr >>> 0);
          }
          return r;
        };
      } else {
        out[name] = f;
      }
    }
    return out;
  };
  const RealInstance = g.WebAssembly.Instance;
  g.WebAssembly.Instance = new Proxy(RealInstance, {
    construct(target, args) {
      const real = Reflect.construct(target, args);
      latest = real;
      instanceCount++;
      if (typeof g.WeakRef === "function") weakInstances.push(new g.WeakRef(real));
      // The glue only reads `instance.exports`; hand it counting wrappers.
      const shim = Object.create(RealInstance.prototype);
      Object.defineProperty(shim, "exports", { value: wrapExports(real.exports), enumerable: true });
      return shim;
    },
  });
  const counts = { registered: 0, unregistered: 0, finalized: 0 };
  const RealFR = g.FinalizationRegistry;
  if (RealFR) {
    // Only the glue's registries are counted (their cleanup frees a wasm object: `__wbg_<class>_free`);
    // the platform has its own (undici registers response bodies).
    g.FinalizationRegistry = class CountingFinalizationRegistry extends RealFR {
      constructor(cleanup) {
        const ours = /__wbg_\w+_free/.test(String(cleanup));
        super((held) => {
          if (ours) counts.finalized++;
          cleanup(held);
        });
        this.ours = ours;
      }
      register(target, held, token) {
        if (this.ours) counts.registered++;
        return super.register(target, held, token);
      }
      unregister(token) {
        const removed = super.unregister(token);
        if (removed && this.ours) counts.unregistered++;
        return removed;
      }
    };
  }
  const probe = {
    instances: () => instanceCount,
    /** Instances not yet garbage-collected (null without WeakRef). */
    liveInstances: () => (typeof g.WeakRef === "function" ? weakInstances.filter((w) => w.deref() !== undefined).length : null),
    /**
     * Length of each table the instance exports. wasm-bindgen's `__wbindgen_externrefs` holds every JS
     * value Rust code keeps (freed slots are reused), so its length is the high-water mark of those: it
     * grows without end when JS values leak, in runtimes without a heap API too.
     */
    wasmTables() {
      const out = {};
      if (latest) for (const [name, e] of Object.entries(latest.exports)) if (e instanceof g.WebAssembly.Table) out[name] = e.length;
      return out;
    },
    wasmMemoryBytes() {
      const mem = latest && Object.values(latest.exports).find((e) => e instanceof g.WebAssembly.Memory);
      return mem ? mem.buffer.byteLength : null;
    },
    /** live: created and not yet freed; finalized: freed by GC rather than free() (needs FinalizationRegistry). */
    objects() {
      let live = 0;
      for (const c of Object.keys(created)) live += created[c] - (freed[c] ?? 0);
      return { created: { ...created }, freed: { ...freed }, live, foreignFrees, finalized: counts.finalized, finalizationRegistry: Boolean(RealFR) };
    },
  };
  g.__soakProbe = probe;
  return probe;
}

/**
 * Runs operations number `from` to `from + count - 1` (see opPlan) with at most `concurrency` in
 * flight, on `clients` (reused round-robin), or on a new client per operation when `freshClient` is
 * given. Resolves when every operation has settled (or been given up as "unsettled" after
 * `unsettledMs`): { byKind: { kind: { outcome: n } }, examples, settled, ms }. `onProgress(done)` is
 * awaited every `progressEvery` settled operations (the caller may measure there; operations keep
 * flowing meanwhile). Uses only its arguments, ECMAScript and `opPlan`/`pageItemId` (serialized beside
 * it into the workerd worker).
 */
export async function runOps({ sdk, clients, from, count, concurrency, onProgress, progressEvery = 1000, freshClient, unsettledMs = 30_000 }) {
  const WAIT_DELAYS = { minDelay: 0.01, maxDelay: 0.05 };
  const byKind = {};
  const examples = {};
  let settled = 0;
  let aborts = 0;
  let next = from;
  const end = from + count;
  const start = Date.now();
  const note = (kind, outcome, detail) => {
    const k = (byKind[kind] ??= {});
    k[outcome] = (k[outcome] ?? 0) + 1;
    if (detail !== undefined) examples[`${kind} → ${outcome}`] ??= String(detail).slice(0, 300);
  };
  // The waiter's errors carry their result as JSON in the message: name and state together say which.
  const waiterResult = (e) => {
    try {
      return JSON.parse(e.message);
    } catch {
      return {};
    }
  };
  const create = async (p, client, i) => {
    const input = { VolumeId: p.volume, Description: `soak ${i}`, TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "n", Value: String(i) }] }] };
    const out = await client.send(new sdk.CreateSnapshotCommand(input));
    return out && out.SnapshotId ? ["ok"] : ["ok-without-SnapshotId", JSON.stringify(out)];
  };
  const pages = async (p, client, i) => {
    const seen = [];
    let n = 0;
    const input = { Filters: [{ Name: "tag:soak-plan", Values: [p.plan] }] };
    for await (const page of sdk.paginateDescribeSnapshots({ client, pageSize: p.pageSize }, input)) {
      n++;
      for (const s of page.Snapshots ?? []) seen.push(s.SnapshotId);
    }
    const expected = [];
    for (let k = 0; k < p.pages; k++) for (let j = 0; j < (k < p.pages - 1 ? p.pageSize : p.last); j++) expected.push(pageItemId(i, k, j));
    if (n === p.pages && seen.join(",") === expected.join(",")) return ["ok"];
    return ["items-differ", `${n} pages, saw ${seen.join(",")}; the stub served ${expected.join(",")}`];
  };
  const wait = async (p, client) => {
    const ac = new AbortController();
    const timer = p.abortAfterMs === undefined ? undefined : setTimeout(() => ac.abort(), p.abortAfterMs);
    if (timer !== undefined) aborts++;
    try {
      const r = await sdk.waitUntilSnapshotCompleted({ client, ...WAIT_DELAYS, maxWaitTime: p.maxWaitTime, abortSignal: ac.signal }, { SnapshotIds: [p.id] });
      const snap = r && r.reason && r.reason.Snapshots && r.reason.Snapshots[0];
      const ok200 = (r && r.observedResponses && r.observedResponses["200: OK"]) || 0;
      // Every answered poll is one "200: OK"; the stub answers `polls` of them (some may be lost to a timeout).
      if (r.state === "SUCCESS" && snap && snap.SnapshotId === p.id && snap.State === "completed" && ok200 >= 1 && ok200 <= p.polls) return ["SUCCESS"];
      return ["SUCCESS-unlike-served", JSON.stringify(r)];
    } catch (e) {
      const result = waiterResult(e);
      const label = `${(e && e.name) || "non-error rejection"}:${result.state ?? "?"}`;
      if (label === "Error:FAILURE") {
        const snap = result.reason && result.reason.Snapshots && result.reason.Snapshots[0];
        return snap && snap.SnapshotId === p.id && snap.State === "error" ? [label] : [`${label}-unlike-served`, e.message];
      }
      return [label, e && e.message];
    } finally {
      clearTimeout(timer);
    }
  };
  const RUN = { create, pages, wait };
  let progressChain = Promise.resolve();
  const one = async (i) => {
    const p = opPlan(i);
    // freshClient: a new client per operation, never destroyed (the per-request pattern in a Worker).
    const client = freshClient ? freshClient() : clients[i % clients.length];
    let watchdog;
    const unsettled = new Promise((resolve) => {
      watchdog = setTimeout(() => resolve(["unsettled", `operation ${i} (${p.kind}) had not settled after ${unsettledMs} ms`]), unsettledMs);
    });
    const running = RUN[p.op](p, client, i).catch((e) => [(e && e.name) || "non-error rejection", (e && e.message) || e]);
    const [outcome, detail] = await Promise.race([running, unsettled]);
    clearTimeout(watchdog);
    note(p.kind, outcome, detail);
    settled++;
    if (onProgress && settled % progressEvery === 0) {
      const done = settled;
      progressChain = progressChain.then(() => onProgress(done));
    }
  };
  const worker = async () => {
    while (next < end) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  await progressChain;
  // An abort settles a wait at once while its loop ends its sleep and one more poll in the background
  // (as the SDK's does): let those finish before the caller measures or a Worker's request ends.
  if (aborts) await new Promise((resolve) => setTimeout(resolve, 300));
  return { byKind, examples, settled, ms: Date.now() - start };
}

/**
 * What each kind may end in. A request slower than requestTimeout on a loaded machine (TimeoutError) is
 * tolerated for single calls and pages; a wait's own outcome is "<error name>:<state>" or SUCCESS.
 */
export const ALLOWED = {
  "create.ok": ["ok"],
  "create.err": ["InvalidVolume.NotFound"],
  "create.throttle": ["ok", "RequestLimitExceeded"],
  "create.flaky": ["ok", "Unavailable"],
  // On a loaded machine a timer can fire after the stub's late answer arrives: then the send succeeds.
  "create.timeout": ["TimeoutError", "ok"],
  pages: ["ok", "RequestLimitExceeded"],
  "wait.done": ["SUCCESS"],
  "wait.fail": ["Error:FAILURE"], // the SDK throws a plain Error for a FAILURE result
  "wait.timeout": ["TimeoutError:TIMEOUT"],
  "wait.abort": ["AbortError:ABORTED"],
};
const SPURIOUS_TIMEOUT_OK = (kind) => kind.startsWith("create.") || kind === "pages";

/** Totals, the outcomes no kind allows, and the kinds that never ran (when the run covered the mix). */
export function summarize(byKind) {
  const unexpected = [];
  let total = 0;
  for (const [kind, outcomes] of Object.entries(byKind)) {
    for (const [outcome, n] of Object.entries(outcomes)) {
      total += n;
      const allowed = (ALLOWED[kind] ?? []).includes(outcome) || (outcome === "TimeoutError" && SPURIOUS_TIMEOUT_OK(kind));
      if (!allowed) unexpected.push(`${kind} → ${outcome} ×${n}`);
    }
  }
  const missing = total >= 100 ? Object.keys(ALLOWED).filter((k) => !byKind[k]) : [];
  return { total, unexpected, missing };
}

export function mergeKinds(a, b) {
  for (const [kind, outcomes] of Object.entries(b)) {
    const k = (a[kind] ??= {});
    for (const [o, n] of Object.entries(outcomes)) k[o] = (k[o] ?? 0) + n;
  }
  return a;
}

export function clientConfig(endpoint, requestTimeout) {
  return {
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "AKIDSOAK", secretAccessKey: "soak-secret", sessionToken: "soak-token" },
    maxAttempts: 2,
    requestHandler: { requestTimeout, throwOnRequestTimeout: true },
  };
}

// ---------------------------------------------------------------------------------------------
// Node

function gcFunction() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  return import("node:v8").then(async (v8) => {
    v8.setFlagsFromString("--expose-gc");
    const vm = await import("node:vm");
    return vm.runInNewContext("gc");
  });
}

/** The Node soak in this process; `pkgEntry` is a file URL or path of the package's node.mjs. */
export async function soakNode({ sends, concurrency, pkgEntry, requestTimeout = 500, checkpoints = 10, fresh = false, log = () => {} }) {
  const probe = instrument(globalThis);
  const sdk = await import(pkgEntry.startsWith("file:") ? pkgEntry : pathToFileURL(path.resolve(pkgEntry)).href);
  const gc = await gcFunction();
  const stub = await startStubProcess({ delayMs: requestTimeout * 3 });
  const samples = [];
  const sample = (done) => {
    gc();
    gc();
    const m = process.memoryUsage();
    const s = { done, heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, wasmMemory: probe.wasmMemoryBytes(), objects: probe.objects() };
    samples.push(s);
    log(`node ${String(done).padStart(7)} ops: heap ${mb(s.heapUsed)} MiB, rss ${mb(s.rss)} MiB, wasm ${mb(s.wasmMemory)} MiB, live wasm objects ${s.objects.live}`);
  };
  try {
    const clients = Array.from({ length: 4 }, () => new sdk.EC2Client(clientConfig(stub.endpoint, requestTimeout)));
    sample(0);
    const every = Math.max(1, Math.floor(sends / checkpoints));
    const freshClient = fresh ? () => new sdk.EC2Client(clientConfig(stub.endpoint, requestTimeout)) : undefined;
    const r = await runOps({ sdk, clients, from: 0, count: sends, concurrency, onProgress: sample, progressEvery: every, freshClient });
    if (samples.at(-1).done !== sends) sample(sends);
    for (const c of clients) c.destroy();
    gc();
    await new Promise((res) => setTimeout(res, 50)); // let finalizers of destroyed clients run
    gc();
    return { runtime: fresh ? "node (a client per operation)" : "node", ...r, ...summarize(r.byKind), samples, objectsAfterDestroy: probe.objects(), instances: probe.instances() };
  } finally {
    await stub.stop();
  }
}

const mb = (b) => (b === null || b === undefined ? "?" : (b / MiB).toFixed(1));

// ---------------------------------------------------------------------------------------------
// workerd

function workerSource() {
  return `// Generated by scripts/soak.mjs: the soak loop inside workerd.
const instrument = ${instrument.toString()};
export const probe = instrument(globalThis);
`;
}

function workerMain() {
  return `// Generated by scripts/soak.mjs.
import { probe } from "./probe.mjs";
import * as sdk from "./impl.mjs";
const opPlan = ${opPlan.toString()};
const pageItemId = ${pageItemId.toString()};
const runOps = ${runOps.toString()};
const clientConfig = ${clientConfig.toString()};
let clients;
export default {
  async fetch(request) {
    const job = await request.json();
    if (job.op === "probe") return Response.json({ wasmMemory: probe.wasmMemoryBytes(), objects: probe.objects(), instances: probe.instances() });
    clients ??= Array.from({ length: 4 }, () => new sdk.EC2Client(clientConfig(job.endpoint, job.requestTimeout)));
    try {
      const freshClient = job.fresh ? () => new sdk.EC2Client(clientConfig(job.endpoint, job.requestTimeout)) : undefined;
      const r = await runOps({ sdk, clients, from: job.from, count: job.count, concurrency: job.concurrency, freshClient });
      return Response.json({ ...r, wasmMemory: probe.wasmMemoryBytes(), objects: probe.objects() });
    } catch (e) {
      return new Response(String(e && e.stack || e), { status: 500 });
    }
  },
};
`;
}

function procRssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function soakWorkerd({ sends, concurrency, pkgDir, requestTimeout = 500, chunks = 10, fresh = false, log = () => {} }) {
  process.env.EC2_IMPL = "wasm";
  process.env.EC2_PKG_DIR = pkgDir;
  const { modulesForWorkerd, OUT } = await import(pathToFileURL(path.join(ROOT, "tests/support/impl.mjs")).href);
  const { startWorkerd } = await import(pathToFileURL(path.join(ROOT, "tests/support/workerd.mjs")).href);
  const { modules, entryName } = await modulesForWorkerd();
  const dir = path.join(OUT, `soak-workerd-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "probe.mjs"), workerSource());
  writeFileSync(path.join(dir, "worker.mjs"), workerMain());
  writeFileSync(path.join(dir, "impl.mjs"), `export * from ${JSON.stringify(`./${entryName}`)};\n`);
  const list = [
    { name: "worker.mjs", type: "esModule", file: path.join(dir, "worker.mjs") },
    { name: "probe.mjs", type: "esModule", file: path.join(dir, "probe.mjs") },
    { name: "impl.mjs", type: "esModule", file: path.join(dir, "impl.mjs") },
    ...modules,
  ];
  const stub = await startStubProcess({ delayMs: requestTimeout * 3 });
  const server = await startWorkerd({
    dir,
    workers: [{ name: "main", modules: list }],
    ready: async (u) => (await fetch(u, { method: "POST", body: '{"op":"probe"}' })).status === 200,
  });
  const url = server.url;
  const call = async (job) => {
    const r = await fetch(url, { method: "POST", body: JSON.stringify(job) });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`workerd: ${r.status} ${text}\n${server.output().slice(-2000)}`);
    return JSON.parse(text);
  };
  try {
    const byKind = {};
    const examples = {};
    const samples = [];
    const pid = server.child.pid;
    const first = await call({ op: "probe" });
    samples.push({ done: 0, rss: procRssKiB(pid) * 1024, wasmMemory: first.wasmMemory, objects: first.objects });
    const per = Math.ceil(sends / chunks);
    const start = Date.now();
    for (let from = 0; from < sends; from += per) {
      const count = Math.min(per, sends - from);
      const r = await call({ endpoint: stub.endpoint, requestTimeout, from, count, concurrency, fresh });
      mergeKinds(byKind, r.byKind);
      for (const [k, v] of Object.entries(r.examples)) examples[k] ??= v;
      const s = { done: from + count, rss: procRssKiB(pid) * 1024, wasmMemory: r.wasmMemory, objects: r.objects, settled: r.settled };
      samples.push(s);
      log(`workerd ${String(s.done).padStart(7)} ops: rss ${mb(s.rss)} MiB, wasm ${mb(s.wasmMemory)} MiB, live wasm objects ${s.objects.live}`);
      if (r.settled !== count) throw new Error(`workerd chunk settled ${r.settled} of ${count}`);
    }
    const settled = samples.slice(1).reduce((a, s) => a + s.settled, 0);
    return { runtime: fresh ? "workerd (a client per operation)" : "workerd", byKind, examples, settled, ms: Date.now() - start, ...summarize(byKind), samples };
  } finally {
    await server.stop();
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The Rust client's example Worker (examples/worker-rs) in workerd

/** Worker request `i`: a CreateSnapshot that succeeds (80%), meets a service error (10%) or is throttled once (10%). */
export function workerRsKind(i) {
  const slot = i % 10;
  return slot < 8 ? "rs.ok" : slot === 8 ? "rs.err" : "rs.throttle";
}

const RS_ALLOWED = { "rs.ok": ["ok"], "rs.err": ["InvalidVolume.NotFound"], "rs.throttle": ["ok", "RequestLimitExceeded"] };

function workerRsEntry() {
  return `// Generated by scripts/soak.mjs: the example Worker, with the soak's probe installed before it loads.
import { probe } from "./soak-probe.mjs";
import worker from "./worker.mjs";
export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__soak/probe") return Response.json({ wasmMemory: probe.wasmMemoryBytes(), tables: probe.wasmTables(), instances: probe.instances() });
    return worker.fetch(request, env, ctx);
  },
};
`;
}

/** Runs a command with its output on stderr; resolves { code }. */
function runCommand(label, command, args, { cwd = ROOT, env = {} } = {}) {
  console.error(`==> ${label}: ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code) => resolve({ code }));
  });
}

/**
 * `sends` POSTs to the example Worker (a new ec2_wasm::Client per request) in workerd, in front of the
 * stub, `concurrency` at a time, in chunks of `every`; after each chunk, workerd's RSS and the Worker's
 * wasm memory are sampled.
 */
export async function soakWorkerRs({ sends, concurrency, every = 5000, log = () => {} }) {
  const { build, workerModules } = await import(pathToFileURL(path.join(ROOT, "tests/wasm/worker.mjs")).href);
  const { startWorkerd } = await import(pathToFileURL(path.join(ROOT, "tests/support/workerd.mjs")).href);
  await build(runCommand);
  const dir = path.join(ROOT, "target", "worker-rs", `soak-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "soak-probe.mjs"), workerSource());
  writeFileSync(path.join(dir, "soak-entry.mjs"), workerRsEntry());
  const modules = [
    { name: "soak-entry.mjs", type: "esModule", file: path.join(dir, "soak-entry.mjs") },
    { name: "soak-probe.mjs", type: "esModule", file: path.join(dir, "soak-probe.mjs") },
    ...workerModules(),
  ];
  const stub = await startStubProcess();
  const bindings = { AWS_REGION: "us-east-1", EC2_ENDPOINT: stub.endpoint, AWS_ACCESS_KEY_ID: "AKIDSOAK", AWS_SECRET_ACCESS_KEY: "soak-secret" };
  const server = await startWorkerd({ dir, workers: [{ name: "main", modules, bindings }] });
  const base = server.url.replace(/\/$/, "");
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (volume) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${base}/snapshots?volume=${volume}`, { method: "POST", agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  try {
    const byKind = {};
    const examples = {};
    const samples = [];
    const pid = server.child.pid;
    const first = await (await fetch(`${base}/__soak/probe`)).json();
    samples.push({ done: 0, rss: procRssKiB(pid) * 1024, wasmMemory: first.wasmMemory, externrefs: first.tables.__wbindgen_externrefs ?? null });
    const note = (kind, outcome, detail) => {
      const k = (byKind[kind] ??= {});
      k[outcome] = (k[outcome] ?? 0) + 1;
      if (!RS_ALLOWED[kind].includes(outcome)) examples[`${kind} → ${outcome}`] ??= String(detail).slice(0, 300);
    };
    const start = Date.now();
    let settled = 0;
    for (let from = 0; from < sends; from += every) {
      const end = Math.min(sends, from + every);
      let next = from;
      const one = async (i) => {
        const kind = workerRsKind(i);
        try {
          const { status, text } = await post(`vol-${kind.slice(3)}-${i}`);
          let body = {};
          try {
            body = JSON.parse(text);
          } catch {}
          if (status === 200 && /^snap-/.test(body.snapshotId ?? "")) note(kind, "ok");
          else note(kind, body.error ?? `HTTP ${status}`, text);
        } catch (e) {
          note(kind, e.name ?? "non-error rejection", e.message);
        }
        settled++;
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, end - from) }, async () => {
        while (next < end) await one(next++);
      }));
      const p = await (await fetch(`${base}/__soak/probe`)).json();
      const s = { done: end, rss: procRssKiB(pid) * 1024, wasmMemory: p.wasmMemory, externrefs: p.tables.__wbindgen_externrefs ?? null, instances: p.instances };
      samples.push(s);
      log(`worker-rs ${String(s.done).padStart(7)} requests: rss ${mb(s.rss)} MiB, wasm ${mb(s.wasmMemory)} MiB, externref table ${s.externrefs}`);
    }
    const unexpected = [];
    let total = 0;
    for (const [kind, outcomes] of Object.entries(byKind)) {
      for (const [o, n] of Object.entries(outcomes)) {
        total += n;
        if (!RS_ALLOWED[kind].includes(o)) unexpected.push(`${kind} → ${o} ×${n}`);
      }
    }
    const missing = total >= 10 ? Object.keys(RS_ALLOWED).filter((k) => !byKind[k]) : [];
    return { runtime: "worker-rs (examples/worker-rs in workerd, a Client per request)", byKind, examples, settled, total, unexpected, missing, samples, ms: Date.now() - start };
  } finally {
    agent.destroy();
    await server.stop();
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The samples as a table: requests, RSS and wasm memory (MiB). */
function sampleTable(samples) {
  const heap = samples[0].heapUsed !== undefined;
  const refs = samples[0].externrefs !== undefined;
  const rows = [`  ${"ops".padStart(7)}  ${"rss MiB".padStart(8)}  ${"wasm MiB".padStart(8)}${heap ? `  ${"heap MiB".padStart(8)}` : ""}${refs ? `  ${"externrefs".padStart(10)}` : ""}`];
  for (const s of samples) {
    rows.push(`  ${String(s.done).padStart(7)}  ${mb(s.rss).padStart(8)}  ${mb(s.wasmMemory).padStart(8)}${heap ? `  ${mb(s.heapUsed).padStart(8)}` : ""}${refs ? `  ${String(s.externrefs).padStart(10)}` : ""}`);
  }
  return rows.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Report

/** Growth between the sample at ~`warm` of the run and the last one. */
export function growth(samples, key, warm = 0.2) {
  const last = samples.at(-1);
  const base = samples.find((s) => s.done >= last.done * warm) ?? samples[0];
  const pick = (s) => (key === "live" ? s.objects?.live : s[key]);
  if (pick(base) == null || pick(last) == null) return null;
  return { from: pick(base), to: pick(last), delta: pick(last) - pick(base), atDone: base.done };
}

/** A sample's value as text: counts as they are, bytes in MiB. */
const amount = (key, v) => (key === "live" || key === "externrefs" ? String(v) : `${mb(v)} MiB`);

/**
 * The flat-after-warm-up criterion: from the sample at 20% of the run to the last, wasm memory grows by
 * at most 1 MiB, live wasm objects stay at most 64, the Node heap (after a full GC) grows by at most
 * 8 MiB, the Rust Worker's externref table by at most 1,024 slots, and, in runs of 20,000 operations or
 * more (shorter ones end inside the warm-up), RSS by at most 32 MiB from the sample at 40% of the run
 * (a leak of 500 bytes per operation over 60,000 operations). RSS needs the longer warm-up: workerd's
 * grows until 20,000–35,000 requests, then stays within 270–289 MiB up to 300,000 (worker-rs, 300,000
 * requests). Returns what broke it.
 */
export function memoryProblems(r) {
  const limits = { wasmMemory: 1 * MiB, live: 64, heapUsed: 8 * MiB, externrefs: 1024, ...(r.settled >= 20_000 ? { rss: 32 * MiB } : {}) };
  const problems = [];
  for (const [key, limit] of Object.entries(limits)) {
    const g = growth(r.samples, key, key === "rss" ? 0.4 : 0.2);
    if (g && g.delta > limit) problems.push(`${key} grew ${amount(key, g.delta)} after warm-up (limit ${amount(key, limit)})`);
  }
  return problems;
}

function report(r) {
  const lines = [];
  lines.push(`${r.runtime}: ${r.settled} of ${r.total} operations settled in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.settled / (r.ms / 1000))}/s)`);
  for (const [kind, outcomes] of Object.entries(r.byKind).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${kind.padEnd(15)} ${Object.entries(outcomes).map(([o, n]) => `${o} ${n}`).join(", ")}`);
  for (const key of ["heapUsed", "rss", "wasmMemory", "live", "externrefs"]) {
    const g = growth(r.samples, key, key === "rss" ? 0.4 : 0.2);
    if (g) lines.push(`  ${key.padEnd(10)} after warm-up (${g.atDone} ops): ${amount(key, g.from)} → ${amount(key, g.to)} (${g.delta >= 0 ? "+" : ""}${amount(key, g.delta)})`);
  }
  lines.push(sampleTable(r.samples));
  if (r.objectsAfterDestroy) lines.push(`  wasm objects after destroy(): ${JSON.stringify(r.objectsAfterDestroy)}`);
  lines.push(r.memory.length ? `  MEMORY NOT FLAT: ${r.memory.join("; ")}` : "  memory flat after warm-up (wasm ≤ 1 MiB, live objects ≤ 64, heap ≤ 8 MiB, externrefs ≤ 1,024, RSS ≤ 32 MiB from 40% in long runs)");
  if (r.missing?.length) lines.push(`  NEVER RAN: ${r.missing.join(", ")}`);
  if (r.unexpected.length) {
    lines.push(`  UNEXPECTED: ${r.unexpected.join("; ")}`);
    for (const [name, message] of Object.entries(r.examples ?? {})) lines.push(`    e.g. ${name}: ${message}`);
  }
  return lines.join("\n");
}

async function main() {
  const args = Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const [k, v] = a.replace(/^--/, "").split("=");
      return [k, v ?? "true"];
    }),
  );
  if (args.stub) return runStub(Number(args.delay ?? 600));
  const sends = Number(args.sends ?? 100_000);
  const concurrency = Number(args.concurrency ?? 64);
  const requestTimeout = Number(args["request-timeout"] ?? 500);
  const pkgDir = path.resolve(args.pkg ?? path.join(ROOT, "pkg"));
  const runtimes = (args.runtime ?? "node,workerd").split(",");
  const fresh = args["fresh-clients"] === "true";
  const samples = Number(args.samples ?? 10); // memory samples per runtime (20 for 100,000 sends: every 5,000)
  const log = (s) => console.log(s);
  const results = [];
  for (const runtime of runtimes) {
    log(`\n== ${runtime}: ${sends} ${runtime === "worker-rs" ? "requests" : "operations"}, concurrency ${concurrency}${runtime === "worker-rs" ? "" : `, requestTimeout ${requestTimeout} ms`}`);
    const r =
      runtime === "node"
        ? await soakNode({ sends, concurrency, requestTimeout, fresh, checkpoints: samples, pkgEntry: path.join(pkgDir, "dist/node.mjs"), log })
        : runtime === "workerd"
          ? await soakWorkerd({ sends, concurrency, requestTimeout, fresh, chunks: samples, pkgDir, log })
          : runtime === "worker-rs"
            ? await soakWorkerRs({ sends, concurrency, every: Math.min(5000, Math.max(1, Math.ceil(sends / samples))), log })
            : null;
    if (!r) throw new Error(`--runtime: ${runtime} is not one of node, workerd, worker-rs`);
    r.memory = memoryProblems(r);
    results.push(r);
    log(report(r));
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => r.settled !== r.total || r.settled !== sends || r.unexpected.length || r.missing?.length || r.memory.length);
  if (failed.length) {
    console.error(`soak FAILED: ${failed.map((r) => r.runtime).join(", ")}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
