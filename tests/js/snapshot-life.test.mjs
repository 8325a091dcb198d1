// The snapshot's whole life beyond send: the SnapshotCompleted waiter, the DescribeSnapshots paginator
// and the aggregated client EC2, each run side by side with @aws-sdk/client-ec2 on a scripted stub.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { SAMPLE_INVALID_VOLUME, SAMPLE_OK } from "./stub.mjs";
import { creds, gaps, ours, page, runBoth, serviceError, sdk } from "./life-stub.mjs";

const PENDING = page([{ progress: "10%" }]);
const DONE = page([{ state: "completed", progress: "100%" }]);
const NOT_FOUND = serviceError("InvalidSnapshot.NotFound", "The snapshot 'snap-1' does not exist.");
const INPUT = { SnapshotIds: ["snap-1"] };
const FAST = { minDelay: 0.05, maxDelay: 0.2, maxWaitTime: 5 };
// Polls at 0, 0.4 and 0.8 s; the next would end past 1 s: a timeout after 3 calls.
const STEADY = { minDelay: 0.4, maxDelay: 0.4, maxWaitTime: 1 };
const script = (...responses) => (_, n) => responses[Math.min(n, responses.length) - 1];
const pick = (run) => (run.threw ? { threw: run.threw } : { value: run.value });

/** Same outcome, same request bodies, and `calls` DescribeSnapshots calls for both. */
function assertParity(runs, calls) {
  assert.deepEqual(pick(runs.ours), pick(runs.sdk));
  assert.deepEqual(runs.ours.bodies, runs.sdk.bodies);
  assert.equal(runs.sdk.bodies.length, calls, "calls made by the SDK");
}

const NOT_FOUND_SEEN = "400: The snapshot 'snap-1' does not exist.";
const timedOut = (seen) => ({
  name: "TimeoutError",
  message: JSON.stringify({ state: "TIMEOUT", observedResponses: seen, reason: "Waiter has timed out" }),
});
const FAILURE_MESSAGE = /^\{"state":"FAILURE","reason":\{"Snapshots":\[\{.*"State":"error".*\},"final":"\[Circular\]","observedResponses":\{"200: OK":2\}\}$/;

// [name, responses (the last repeats), params, DescribeSnapshots calls, check of ec2-wasm's outcome]
const WAITER_CASES = [
  ["completes after 3 polls", [PENDING, page([{ progress: "60%" }]), DONE], FAST, 3, (r) => {
    assert.deepEqual([r.value.state, r.value.observedResponses], ["SUCCESS", { "200: OK": 3 }]);
  }],
  ["goes to error", [PENDING, page([{ state: "error", progress: "40%" }])], FAST, 2, (r) => {
    assert.equal(r.threw.name, "Error");
    assert.match(r.threw.message, FAILURE_MESSAGE);
  }],
  ["a service error on a poll, then completes", [PENDING, NOT_FOUND, DONE], FAST, 3, (r) => {
    assert.deepEqual(r.value.observedResponses, { "200: OK": 2, [NOT_FOUND_SEEN]: 1 });
  }],
  ["InvalidSnapshot.NotFound on every poll", [NOT_FOUND], STEADY, 3, (r) => {
    assert.deepEqual(r.threw, timedOut({ [NOT_FOUND_SEEN]: 3 }));
  }],
  ["an empty snapshotSet never succeeds", [page([])], STEADY, 3, (r) => assert.deepEqual(r.threw, timedOut({ "200: OK": 3 }))],
  ["never completes within maxWaitTime", [PENDING], STEADY, 3, (r) => assert.deepEqual(r.threw, timedOut({ "200: OK": 3 }))],
];

for (const [name, responses, params, calls, check] of WAITER_CASES) {
  test(`waiter parity: ${name}`, async () => {
    const runs = await runBoth(script(...responses), (M, client) => M.waitUntilSnapshotCompleted({ client, ...params }, { ...INPUT }));
    assertParity(runs, calls);
    check(runs.ours);
  });
}

test("waiter parity: waitForSnapshotCompleted resolves to the failure and timeout results", async () => {
  for (const [responses, params, state] of [[[PENDING, page([{ state: "error" }])], FAST, "FAILURE"], [[PENDING], STEADY, "TIMEOUT"]]) {
    const runs = await runBoth(script(...responses), (M, client) => M.waitForSnapshotCompleted({ client, ...params }, { ...INPUT }));
    assertParity(runs, responses.length === 1 ? 3 : 2);
    assert.equal(runs.ours.value.state, state);
  }
});

test("waiter parity: the delay schedule (backoff, jitter with Math.random pinned, clipping near the deadline)", async () => {
  // minDelay 0.1 s, maxDelay 1.6 s, random 0.5: delays 100, 150, 250, 450 ms; the next (850) would end past
  // the deadline, so it is clipped to 500 ms before it; then maxDelay is past it: timeout.
  const params = { minDelay: 0.1, maxDelay: 1.6, maxWaitTime: 1.6 };
  const runs = await runBoth(script(PENDING), (M, client) => M.waitUntilSnapshotCompleted({ client, ...params }, { ...INPUT }));
  assertParity(runs, 6);
  const [s, o] = [gaps(runs.sdk.times), gaps(runs.ours.times)];
  for (const [i, nominal] of [100, 150, 250, 450].entries()) {
    for (const g of [s[i], o[i]]) assert.ok(g >= nominal - 5 && g < nominal + 90, `gap ${i}: ${g} ms, nominal ${nominal} (sdk ${s}, ours ${o})`);
  }
  assert.ok(o[4] < 400 && Math.abs(o[4] - s[4]) < 90, `clipped gap: sdk ${s[4]} ms, ours ${o[4]} ms`);
  assert.ok(runs.ours.times.at(-1) - runs.ours.times[0] < 1600 - 400, "the clipped poll comes about 500 ms before the deadline");
});

test("waiter parity: option checks reject before any call", async () => {
  const cases = [
    { maxWaitTime: 0 },
    { maxWaitTime: 10, minDelay: 0 },
    { maxWaitTime: 10, minDelay: 1, maxDelay: -1 },
    { maxWaitTime: 5 }, // under the default minDelay of 15 s
    { maxWaitTime: 100, minDelay: 5, maxDelay: 2 },
  ];
  for (const params of cases) {
    const runs = await runBoth(script(DONE), (M, client) => M.waitUntilSnapshotCompleted({ client, ...params }, { ...INPUT }));
    assertParity(runs, 0);
    assert.match(runs.ours.threw.message, /^WaiterConfiguration\.\w+ /);
  }
  const runs = await runBoth(script(DONE), (M, client) => M.waitUntilSnapshotCompleted({ client, maxWaitTime: 100, minDelay: 5, maxDelay: 2 }, {}));
  assert.equal(runs.ours.threw.message, "WaiterConfiguration.maxDelay [2] must be greater than WaiterConfiguration.minDelay [5] for this waiter");
});

test("waiter parity: abort mid-wait settles at once; the loop finishes its sleep and one more poll", async () => {
  let ac;
  let progressCalls;
  const respond = (_, n) => {
    if (n === 2) setTimeout(() => ac.abort(), 50);
    return PENDING;
  };
  const runs = await runBoth(respond, async (M, client, stub) => {
    ac = new AbortController();
    progressCalls = 0;
    const t0 = Date.now();
    const params = { client, minDelay: 0.3, maxDelay: 0.3, maxWaitTime: 10, abortSignal: ac.signal, onProgress: () => progressCalls++ };
    const e = await M.waitUntilSnapshotCompleted(params, { ...INPUT }).then(() => assert.fail("no abort"), (err) => err);
    const [ms, atAbort] = [Date.now() - t0, stub.requests.length];
    await sleep(600);
    return { name: e.name, message: e.message, fast: ms < 550, atAbort, later: stub.requests.length };
  });
  assertParity(runs, 3);
  assert.deepEqual(runs.ours.value, { name: "AbortError", message: '{"state":"ABORTED","reason":"Request was aborted"}', fast: true, atAbort: 2, later: 3 });
  assert.equal(progressCalls, 2, "onProgress is not called after the abort");
});

test("waiter parity: an already-aborted signal still polls once (abortController, the deprecated form)", async () => {
  for (const [response, expected] of [
    [PENDING, { threw: { name: "AbortError", message: '{"state":"ABORTED","observedResponses":{"200: OK":1,"AbortController signal aborted.":1},"reason":"Request was aborted"}' } }],
    [DONE, "SUCCESS"],
  ]) {
    const runs = await runBoth(script(response), (M, client) => {
      const abortController = new AbortController();
      abortController.abort();
      return M.waitUntilSnapshotCompleted({ client, ...FAST, abortController }, { ...INPUT });
    });
    assertParity(runs, 1);
    if (expected === "SUCCESS") assert.equal(runs.ours.value.state, "SUCCESS");
    else assert.deepEqual(pick(runs.ours), expected);
  }
});

test("onProgress gets each poll's snapshots and their Progress as numbers", async () => {
  const two = (a, b, state = "pending") => page([{ id: "snap-a", state, progress: a }, { id: "snap-b", state, progress: b }]);
  const odd = ["0%", "100%", "37.5%", "101%", "-1%", "37", "abc", "5 %", "", "150%", "1e2%", " 37%"];
  const seen = [];
  const onProgress = (snapshots, info) => {
    const out = info.output.Snapshots === snapshots;
    seen.push({ ids: snapshots.map((s) => s.SnapshotId), progress: info.progress, polls: info.polls, out });
  };
  const responses = script(two("10%", "abc"), two("55%", ""), NOT_FOUND, two("100%", "100%", "completed"));
  // The SDK gets onProgress too, and ignores it.
  const runs = await runBoth(responses, (M, client) => M.waitUntilSnapshotCompleted({ client, ...FAST, onProgress }, { ...INPUT }));
  assertParity(runs, 4);
  const ids = ["snap-a", "snap-b"];
  assert.deepEqual(seen, [
    { ids, progress: [10, undefined], polls: 1, out: true },
    { ids, progress: [55, undefined], polls: 2, out: true },
    { ids, progress: [100, 100], polls: 4, out: true },
  ]);
  seen.length = 0;
  const body = new TextEncoder().encode(page(odd.map((progress) => ({ state: "completed", progress }))).body);
  const handle = async () => ({ response: { statusCode: 200, headers: {}, body } });
  const client = new ours.EC2Client({ region: "us-east-1", credentials: creds, requestHandler: { handle } });
  await ours.waitUntilSnapshotCompleted({ client, ...FAST, onProgress }, {});
  assert.deepEqual(seen[0].progress, [0, 100, 37.5, ...Array(odd.length - 3).fill(undefined)]);
  await assert.rejects(ours.waitUntilSnapshotCompleted({ client, ...FAST, onProgress: "bar" }, {}), {
    name: "TypeError",
    message: "onProgress: must be a function",
  });
  const boom = new Error("boom");
  const throwing = () => {
    throw boom;
  };
  await assert.rejects(ours.waitUntilSnapshotCompleted({ client, ...FAST, onProgress: throwing }, {}), (e) => e === boom);
});

// ---- Paginator ------------------------------------------------------------------------------

const CHAIN = { "": page([{ id: "snap-a" }], "t2"), t2: page([{ id: "snap-b" }], "t3"), t3: page([{ id: "snap-c", state: "completed" }]) };
function byToken(r) {
  const q = new URLSearchParams(r.body);
  const token = q.get("NextToken") ?? "";
  if (q.get("Owner.1") === "loop") return page([{ id: `snap-${token || "first"}` }], "same");
  if (q.get("Owner.1") === "fail" && token) return NOT_FOUND;
  return CHAIN[token];
}
const PAGE_CASES = [
  ["a NextToken chain", {}, {}, 3],
  ["pageSize → MaxResults", { pageSize: 5 }, {}, 3],
  ["the input's MaxResults wins over pageSize", { pageSize: 5 }, { MaxResults: 7 }, 3],
  ["startingToken", { startingToken: "t2" }, {}, 2],
  ["startingToken wins over the input's NextToken", { startingToken: "t3" }, { NextToken: "t2" }, 1],
  ["the input's NextToken", {}, { NextToken: "t2" }, 2],
  ["a repeated token with stopOnSameToken", { stopOnSameToken: true }, { OwnerIds: ["loop"] }, 2],
  ["a repeated token without stopOnSameToken (the caller stops at 4 pages)", {}, { OwnerIds: ["loop"] }, 4],
  ["withCommand returning a replacement", { withCommand: (c) => new c.constructor({ ...c.input, DryRun: false }) }, {}, 3],
  ["withCommand returning undefined", { withCommand: (c) => void (c.input.RestorableByUserIds = ["all"]) }, {}, 3],
  ["a service error on page 2", {}, { OwnerIds: ["fail"] }, 2],
];

for (const [name, config, input, calls] of PAGE_CASES) {
  test(`paginator parity: ${name}`, async () => {
    const runs = await runBoth(byToken, async (M, client) => {
      const mine = structuredClone(input);
      const pages = [];
      try {
        for await (const p of M.paginateDescribeSnapshots({ ...config, client }, mine)) if (pages.push(p) === 4) break;
      } catch (e) {
        return { pages, error: { name: e.name, message: e.message }, input: mine };
      }
      return { pages, input: mine };
    });
    assertParity(runs, calls);
    assert.equal(runs.ours.value.pages.length, runs.ours.value.error ? calls - 1 : calls);
    // The input object carries the paging state afterwards, undefined members included.
    assert.deepEqual(Object.entries(runs.ours.raw.input), Object.entries(runs.sdk.raw.input));
  });
}

test("paginator parity: a foreign client fails on the first page; extra arguments go to send", async () => {
  for (const client of [{}, new sdk.EC2Client({ region: "us-east-1" })]) {
    const g = ours.paginateDescribeSnapshots({ client }, {});
    await assert.rejects(g.next(), { name: "Error", message: "Invalid client, expected instance of EC2Client" });
  }
  await assert.rejects(sdk.paginateDescribeSnapshots({ client: new ours.EC2Client({}) }, {}).next(), { message: "Invalid client, expected instance of EC2Client" });
  const runs = await runBoth(byToken, async (M, client) => {
    const pages = M.paginateDescribeSnapshots({ client }, {}, { abortSignal: AbortSignal.abort() });
    return pages.next();
  });
  assertParity(runs, 0);
  assert.equal(runs.ours.threw.name, "AbortError");
});

// ---- The aggregated client ------------------------------------------------------------------

test("EC2: a method per command, paginator and waiter, as the SDK's EC2 has them", () => {
  const names = ["createSnapshot", "describeSnapshots", "paginateDescribeSnapshots", "waitUntilSnapshotCompleted"];
  assert.deepEqual(Object.getOwnPropertyNames(ours.EC2.prototype).filter((n) => n !== "constructor"), names);
  for (const n of names) {
    const [o, s] = [Object.getOwnPropertyDescriptor(ours.EC2.prototype, n), Object.getOwnPropertyDescriptor(sdk.EC2.prototype, n)];
    assert.deepEqual([o.writable, o.value.constructor.name], [s.writable, s.value.constructor.name], n);
    // A documented difference (README: EC2): class methods, so not enumerable (the SDK assigns them at
    // load time, which would keep EC2 in every app's bundle).
    assert.deepEqual([o.enumerable, s.enumerable], [false, true], n);
  }
  const ec2 = new ours.EC2({ region: "us-east-1" });
  assert.ok(ec2 instanceof ours.EC2Client);
  assert.equal(ours.EC2.name, "EC2");
});

async function count(pages) {
  let n = 0;
  for await (const _ of pages) n++;
  return n;
}

test("EC2 parity: promise and callback forms; errors through the callback", async () => {
  const respond = (r) => {
    if (!r.body.includes("CreateSnapshot")) return byToken(r);
    return r.body.includes("vol-bad") ? { status: 400, body: SAMPLE_INVALID_VOLUME } : { body: SAMPLE_OK };
  };
  // What the callback got, and what the call returned (the SDK's methods are async: a promise of undefined).
  const viaCallback = async (call) => {
    let returned;
    const got = await new Promise((resolve) => {
      returned = call((err, data) => resolve({ err: err && { name: err.name, message: err.message }, id: data?.SnapshotId, n: data?.Snapshots?.length }));
    });
    return { ...got, returned: [returned instanceof Promise, await returned] };
  };
  const runs = await runBoth(respond, async (M, _, stub) => {
    const ec2 = new M.EC2({ region: "us-east-1", endpoint: stub.endpoint, credentials: creds });
    const badOptions = await ec2.createSnapshot({ VolumeId: "vol-1" }, "x", () => assert.fail("no callback")).catch((e) => e.message);
    return {
      created: (await ec2.createSnapshot({ VolumeId: "vol-1" })).SnapshotId,
      listed: (await ec2.describeSnapshots({}, { abortSignal: new AbortController().signal })).Snapshots,
      cb: await viaCallback((cb) => ec2.createSnapshot({ VolumeId: "vol-1" }, cb)),
      optionsCb: await viaCallback((cb) => ec2.describeSnapshots({ NextToken: "t2" }, {}, cb)),
      nullOptionsCb: await viaCallback((cb) => ec2.describeSnapshots({}, null, cb)),
      errCb: await viaCallback((cb) => ec2.createSnapshot({ VolumeId: "vol-bad" }, cb)),
      errPromise: await ec2.createSnapshot({ VolumeId: "vol-bad" }).catch((e) => e.name),
      badOptions,
      pages: await count(ec2.paginateDescribeSnapshots(undefined, { pageSize: 2 })),
      waited: (await ec2.waitUntilSnapshotCompleted({ NextToken: "t3" }, 30)).state,
    };
  });
  assertParity(runs, 11);
  const v = runs.ours.value;
  assert.match(v.created, /^snap-/);
  assert.deepEqual(runs.ours.raw.cb.returned, [true, undefined]);
  assert.equal(v.errCb.err.name, "InvalidVolume.NotFound");
  assert.equal(v.badOptions, "Expected http options but got string");
  assert.deepEqual([v.pages, v.waited], [3, "SUCCESS"]);
});

test("EC2: a validation error reaches the callback, not a throw", async () => {
  const ec2 = new ours.EC2({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: creds });
  const err = await new Promise((resolve) => ec2.createSnapshot({ VolumeId: 7 }, (e) => resolve(e)));
  assert.deepEqual([err.name, err.field], ["ValidationError", "VolumeId"]);
});
