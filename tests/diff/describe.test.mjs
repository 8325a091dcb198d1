// Differential test for DescribeSnapshots: ec2-wasm against @aws-sdk/client-ec2 over
// real HTTP to the stub (same harness as differential.test.mjs; see NOTES.md).
//
//   node --test tests/diff/describe.test.mjs
//
// Environment: EC2_IMPL_UNDER_TEST, DIFF_SELF_CHECK, DIFF_SEED, DIFF_ONLY (e.g. "describe-request:3",
// "describe-response:fixed-1", "describe-edge:2"), DIFF_MODE, DIFF_SHRINK, DIFF_REPORT as there;
// DIFF_DESCRIBE_CASES: random cases per phase (default 120; coverage goals checked from 300).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

import { isolateEnvironment, installFixedClock, uninstallFixedClock, installFixedUuid, uninstallFixedUuid } from './lib/determinism.mjs';
import { Rng } from './lib/prng.mjs';
import { startStub } from './lib/stub-server.mjs';
import { loadSdk, loadImpl } from './lib/impls.mjs';
import { compareRequests, compareOutcomes, observe, show } from './lib/compare.mjs';
import { caseEnvFor, runBoth, stubResponse, secretFor, shrink, responseCandidates } from './lib/harness.mjs';
import { genDescribeInput, FIXED_DESCRIBE_INPUTS, EDGE_DESCRIBE_INPUTS, describeInputFeatures, DESCRIBE_COVERAGE_GOALS, describeInputCandidates } from './lib/gen-describe-input.mjs';
import { el, text, XMLNS } from './lib/gen-response.mjs';
import { genDescribeResponse, describeResponseFeatures, DESCRIBE_RESPONSE_GOALS } from './lib/gen-describe-response.mjs';

isolateEnvironment();

const SEED = process.env.DIFF_SEED === 'random' ? randomBytes(6).toString('hex') : (process.env.DIFF_SEED ?? 'ec2-wasm-diff');
const CASES = Number(process.env.DIFF_DESCRIBE_CASES ?? 120);
const ONLY = process.env.DIFF_ONLY ?? null;
const SHRINK_BUDGET = Number(process.env.DIFF_SHRINK ?? 150);
const REPORT = Number(process.env.DIFF_REPORT ?? 3);
const SELF_CHECK_OK = process.env.DIFF_SELF_CHECK === '1';
const MODES = process.env.DIFF_MODE ? [process.env.DIFF_MODE] : ['plain', 'fixed-ua'];
const COMMAND = 'DescribeSnapshotsCommand';
const VECTORS = new URL('../vectors/model/', import.meta.url);

let stub;
let sdk;
let impl;
before(async () => {
  stub = await startStub();
  sdk = loadSdk();
  impl = await loadImpl();
  for (const side of [sdk, impl]) assert.equal(typeof side.DescribeSnapshotsCommand, 'function', `${side.label} does not export DescribeSnapshotsCommand`);
  installFixedClock();
  installFixedUuid();
  console.log(`# describe differential: ${sdk.label} vs ${impl.label}; seed ${JSON.stringify(SEED)}; ${CASES} random cases per phase`);
});
after(async () => {
  uninstallFixedUuid();
  uninstallFixedClock();
  await stub?.close();
});

const sides = () => ({ sdk, impl });
const selected = (id) => ONLY === null || ONLY === id;

const caseEnv = (id, extra) => caseEnvFor(SEED, id, { command: COMMAND, ...extra });

const mismatchesOf = (r) => [
  ...compareRequests(r.sdk.requests, r.impl.requests, secretFor, { uaFree: r.env.mode === 'plain' }),
  ...compareOutcomes(observe(r.sdk.result, sdk), observe(r.impl.result, impl)),
];
const shapeOf = (ms, res) => `${[...new Set(ms.map((m) => m.category))].sort()}|${res.ok ? 'resolved' : `${res.value?.constructor?.name}:${res.value?.name}`}`;
const says = (res) => (res.ok ? 'resolved' : `rejected with ${res.value?.constructor?.name} ${res.value?.name}: ${show(res.value?.message)}`);

/** Failure text: replay line, then per case (the first one shrunk) the env, input/response and the differences. */
async function report(phase, failures, total, shrinker) {
  const lines = [`${failures.length} of ${total} ${phase} runs differ (${sdk.label} vs ${impl.label}); seed ${JSON.stringify(SEED)}`, `replay: DIFF_SEED=${JSON.stringify(SEED)} DIFF_ONLY=<id> DIFF_MODE=<mode> node --test tests/diff/describe.test.mjs`];
  const seen = new Set();
  const shown = failures.filter((f) => { const k = f.mismatches.map((m) => m.category).join(); return seen.has(k) ? false : seen.add(k); }).slice(0, REPORT);
  for (const [i, f] of shown.entries()) {
    lines.push('', `--- ${f.id} [${f.env.mode}] ${f.label ?? ''}: ${f.mismatches.map((m) => m.category).join(', ')}`, `    sdk ${says(f.sdk)}; impl ${says(f.impl)}`, ...f.describe.map((l) => `    ${l}`));
    if (i === 0 && SHRINK_BUDGET > 0 && shrinker) lines.push(...(await shrinker(f)).map((l) => `    ${l}`));
    lines.push('    differences:', ...f.mismatches.flatMap((m) => m.detail.split('\n').map((l) => `      ${l}`)));
  }
  lines.push('', `all failing: ${failures.slice(0, 60).map((f) => `${f.id}/${f.env.mode}`).join(' ')}`);
  return lines.join('\n');
}

const SAMPLE = readFileSync(new URL('samples/describe-snapshots-response.xml', VECTORS));
const OK_RESPONSE = { status: 200, headers: [['Content-Type', 'text/xml;charset=UTF-8']], body: Buffer.from('<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><snapshotSet/></DescribeSnapshotsResponse>') };

/** Runs every case in every mode; returns the failures. */
async function runCases(cases, responsesOf, check) {
  const failures = [];
  for (const c of cases) {
    for (const mode of MODES) {
      const env = caseEnv(c.id, { mode, responses: responsesOf(c), ...(c.spec || c.response ? { maxAttempts: 1 } : {}) });
      const r = await runBoth(sides(), stub, c.input, env);
      const mismatches = [...check(c, r), ...mismatchesOf(r)];
      if (mismatches.length) failures.push({ ...c, env, mismatches, shape: shapeOf(mismatches, r.impl.result), sdk: r.sdk.result, impl: r.impl.result, describe: c.describe(r) });
    }
  }
  return failures;
}

const isValidationError = (res) => !res.ok && res.value?.name === 'ValidationError';

test('describe requests: byte-identical bodies and signed headers', async (t) => {
  const cases = [
    ...FIXED_DESCRIBE_INPUTS.map(([label, input], i) => ({ id: `describe-request:fixed-${i}`, label, input })),
    ...Array.from({ length: CASES }, (_, i) => ({ id: `describe-request:${i}`, label: 'random', input: genDescribeInput(new Rng(`${SEED}/describe-request:${i}`)) })),
  ].filter((c) => selected(c.id)).map((c) => ({ ...c, describe: () => [`input: ${show(c.input)}`] }));
  if (!cases.length) return t.skip(`DIFF_ONLY=${ONLY}`);
  const coverage = new Set(cases.flatMap((c) => [...describeInputFeatures(c.input)]));
  const failures = await runCases(cases, () => [OK_RESPONSE], (c, r) =>
    !r.sdk.result.ok || r.sdk.requests.length !== 1 ? [{ category: 'harness', detail: `SDK: ${r.sdk.requests.length} request(s), ${says(r.sdk.result)}` }] : []);
  t.diagnostic(`${cases.length} request cases × modes ${MODES.join(', ')}; ${failures.length} differing runs`);
  if (failures.length) {
    assert.fail(await report('describe request', failures, cases.length * MODES.length, async (f) => {
      const fails = async (input) => { const r = await runBoth(sides(), stub, input, f.env); return shapeOf(mismatchesOf(r), r.impl.result) === f.shape; };
      const { value, tries } = await shrink(f.input, describeInputCandidates, fails, SHRINK_BUDGET);
      const r = await runBoth(sides(), stub, value, f.env);
      return [`shrunk input (${tries} replays): ${show(value)}`, `  sdk body : ${show(r.sdk.requests[0]?.body.toString('utf8'))}`, `  impl body: ${show(r.impl.requests[0]?.body.toString('utf8'))}`];
    }));
  }
  if (ONLY === null && CASES >= 300) assert.deepEqual(DESCRIBE_COVERAGE_GOALS.filter((g) => !coverage.has(g)), [], 'input coverage goals not reached');
});

// A Date where a string is expected: JSON.stringify writes its ISO 8601 form, which ec2-wasm sends; the
// SDK sends Date.prototype.toString(). Documented in the README as a difference on purpose.
const KNOWN_DIFFERENCES = new Map([
  ['NextToken a Date', 'NextToken=1970-01-01T00%3A00%3A00.000Z'],
  ['SnapshotIds with a Date', 'SnapshotId.1=1970-01-01T00%3A00%3A00.000Z'],
]);

test('describe edge inputs: ValidationError before any request, or the same bytes as the SDK', async (t) => {
  const cases = EDGE_DESCRIBE_INPUTS.map(([label, input], i) => ({ id: `describe-edge:${i}`, label, input })).filter((c) => selected(c.id));
  if (!cases.length) return t.skip(`DIFF_ONLY=${ONLY}`);
  const failures = [];
  for (const c of cases) {
    const env = caseEnv(c.id, { mode: 'fixed-ua', responses: [OK_RESPONSE] });
    const r = await runBoth(sides(), stub, c.input, env);
    const sdkBody = r.sdk.requests[0]?.body.toString('utf8') ?? `(no request: ${says(r.sdk.result)})`;
    if (isValidationError(r.impl.result)) {
      // Refused by design (README): must happen before any network call and name the field.
      t.diagnostic(`rejected by design: ${c.label}: ${r.impl.result.value.message} (SDK sends ${show(sdkBody)})`);
      if (r.impl.requests.length) failures.push(`${c.id} ${c.label}: ValidationError after ${r.impl.requests.length} request(s)`);
      if (typeof r.impl.result.value.field !== 'string') failures.push(`${c.id} ${c.label}: ValidationError without a field`);
      continue;
    }
    const known = KNOWN_DIFFERENCES.get(c.label);
    if (known) {
      // Differs on purpose (README): asserted, not skipped.
      const body = r.impl.requests[0]?.body.toString('utf8') ?? '';
      t.diagnostic(`differs on purpose: ${c.label}: ec2-wasm sends ${show(body)}, the SDK ${show(sdkBody)}`);
      if (!body.includes(known)) failures.push(`${c.id} ${c.label}: expected ${known} in ${show(body)}`);
      continue;
    }
    const ms = mismatchesOf(r);
    t.diagnostic(`accepted: ${c.label}: ${ms.length ? 'DIFFERS' : 'same bytes'} (SDK body ${show(sdkBody)})`);
    if (ms.length) failures.push(`${c.id} ${c.label}: input ${show(c.input)}\n  sdk  ${says(r.sdk.result)} body ${show(sdkBody)}\n  impl ${says(r.impl.result)} body ${show(r.impl.requests[0]?.body.toString('utf8'))}\n${ms.map((m) => `  ${m.detail}`).join('\n')}`);
  }
  if (failures.length) assert.fail(failures.join('\n'));
});

/** A DescribeSnapshots body with n similar snapshots (dates, numbers, booleans, escaped tag values). */
function bigSpec(n) {
  const t = (name, v) => el(name, [text(v)]);
  const item = (i) => el('item', [t('snapshotId', `snap-${i}`), t('startTime', '2024-02-29T23:59:59.999Z'), t('volumeSize', String(i)), t('encrypted', i % 2 ? 'true' : 'false'), t('fullSnapshotSizeInBytes', String(2 ** 40 + i)), el('tagSet', [el('item', [t('key', 'k'), t('value', `v&<${i}>`)])])]);
  const root = el('DescribeSnapshotsResponse', [t('requestId', 'req-big'), el('snapshotSet', Array.from({ length: n }, (_, i) => item(i))), t('nextToken', 'next+/=')], { attrs: [['xmlns', XMLNS]] });
  return { kind: 'success', status: 200, headers: [['x-amzn-requestid', 'req-big']], decl: true, pretty: false, root, renderSeed: 'big' };
}

const FIXED_RESPONSES = [
  ['sample describe-snapshots-response.xml', () => ({ status: 200, headers: [['x-amzn-requestid', 'req-sample']], body: SAMPLE })],
  ['1000 snapshots', () => stubResponse(bigSpec(1000))],
  ['no snapshotSet, no nextToken', () => ({ status: 200, headers: [], body: Buffer.from('<DescribeSnapshotsResponse><requestId>r</requestId></DescribeSnapshotsResponse>') })],
  ['empty body 200', () => ({ status: 200, headers: [], body: Buffer.alloc(0) })],
  ['InvalidSnapshot.NotFound 400', () => ({ status: 400, headers: [['x-amzn-requestid', 'r400']], body: Buffer.from("<Response><Errors><Error><Code>InvalidSnapshot.NotFound</Code><Message>The snapshot 'snap-1' does not exist.</Message></Error></Errors><RequestID>r400</RequestID></Response>") })],
  ['empty body 404', () => ({ status: 404, headers: [], body: Buffer.alloc(0) })],
];

test('describe responses: deep-equal outputs and errors', async (t) => {
  const cases = [
    ...FIXED_RESPONSES.map(([label, make], i) => ({ id: `describe-response:fixed-${i}`, label, response: make(), spec: null })),
    ...Array.from({ length: CASES }, (_, i) => {
      const spec = genDescribeResponse(new Rng(`${SEED}/describe-response:${i}`));
      return { id: `describe-response:${i}`, label: `${spec.kind}${spec.kind === 'success' ? ` (${spec.snapshots} snapshots)` : ''}`, spec, response: stubResponse(spec) };
    }),
  ].filter((c) => selected(c.id)).map((c) => ({ ...c, input: { MaxResults: 1000 }, describe: () => [`response: HTTP ${c.response.status} ${show(c.response.headers)}${c.response.chunks ? ` chunked at ${c.response.chunks}` : ''}`, `body (${c.response.body.length} bytes): ${show(c.response.body.toString('utf8'))}`] }));
  if (!cases.length) return t.skip(`DIFF_ONLY=${ONLY}`);
  const coverage = new Set(cases.flatMap((c) => (c.spec ? [...describeResponseFeatures(c.spec)] : [])));
  const tally = {};
  const failures = await runCases(cases, (c) => [c.response], (c, r) => {
    const o = r.sdk.result;
    if (r.env.mode === MODES[0]) tally[`${c.spec?.kind ?? 'fixed'} -> ${o.ok ? 'resolved' : o.value?.constructor?.name}`] = (tally[`${c.spec?.kind ?? 'fixed'} -> ${o.ok ? 'resolved' : o.value?.constructor?.name}`] ?? 0) + 1;
    if (c.spec?.kind === 'success' && !o.ok) return [{ category: 'harness', detail: `generated success body made the SDK reject: ${says(o)}` }];
    if (c.spec && c.spec.kind !== 'success' && (o.ok || !(o.value instanceof sdk.EC2ServiceException))) return [{ category: 'harness', detail: `generated error body: ${says(o)}` }];
    return [];
  });
  t.diagnostic(`${cases.length} response cases × modes ${MODES.join(', ')}; outcomes: ${Object.entries(tally).sort().map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  if (failures.length) {
    assert.fail(await report('describe response', failures, cases.length * MODES.length, async (f) => {
      if (!f.spec) return [];
      const fails = async (spec) => { const r = await runBoth(sides(), stub, f.input, { ...f.env, responses: [stubResponse(spec)] }); return shapeOf(mismatchesOf(r), r.impl.result) === f.shape; };
      const { value, tries } = await shrink(f.spec, responseCandidates, fails, SHRINK_BUDGET);
      const resp = stubResponse(value);
      const r = await runBoth(sides(), stub, f.input, { ...f.env, responses: [resp] });
      return [`shrunk response (${tries} replays): HTTP ${resp.status} ${show(resp.headers)}`, `shrunk body: ${show(resp.body.toString('utf8'))}`, ...mismatchesOf(r).flatMap((m) => m.detail.split('\n').map((l) => `  ${l}`))];
    }));
  }
  if (ONLY === null && CASES >= 300) assert.deepEqual(DESCRIBE_RESPONSE_GOALS.filter((g) => !coverage.has(g)), [], 'response coverage goals not reached');
});

test('the implementation under test is not the SDK itself', () => {
  if (impl.selfCheck && !SELF_CHECK_OK) assert.fail(`pkg/ not built: compared the SDK with itself (${impl.label}); set DIFF_SELF_CHECK=1 to accept`);
});
