// Differential test: ec2-wasm against the real @aws-sdk/client-ec2, both talking
// over real HTTP to a stub EC2 endpoint started here. See NOTES.md for how to run it
// and for the SDK behaviour it pins down.
//
//   node --test tests/diff/
//
// Environment:
//   EC2_IMPL_UNDER_TEST  module file or package directory to compare with the SDK
//                        (default: pkg/ through tests/diff/node_modules/ec2-wasm; if pkg/ is not
//                        built, a second SDK instance, and the last test fails unless DIFF_SELF_CHECK=1)
//   DIFF_SELF_CHECK=1    accept the SDK-against-itself fallback (to prove the harness)
//   DIFF_SEED            run seed (default "ec2-wasm-diff"; "random" picks one and prints it)
//   DIFF_CASES           random cases per phase (default 300; the fixed cases come on top)
//   DIFF_ONLY            run one case, e.g. "request:17", "request:fixed-3", "response:42"
//   DIFF_MODE            "plain" or "fixed-ua" to run one mode only (default both, see NOTES.md)
//   DIFF_SHRINK          shrinking budget, in case replays, for the first failing case (default 150; 0 = off)
//   DIFF_REPORT          failing cases shown in full (default 3)
//   DIFF_STRICT_QUIRKS=1 fail on differences in the SDK-quirk parser corners too (lib/corners.mjs)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

import { isolateEnvironment, installFixedClock, uninstallFixedClock, installFixedUuid, uninstallFixedUuid, RealDate } from './lib/determinism.mjs';
import { Rng } from './lib/prng.mjs';
import { startStub } from './lib/stub-server.mjs';
import { loadSdk, loadImpl } from './lib/impls.mjs';
import { genInput, FIXED_INPUTS, inputFeatures, COVERAGE_GOALS } from './lib/gen-input.mjs';
import { genResponse, responseFeatures, COVERAGE_GOALS_RESPONSE } from './lib/gen-response.mjs';
import { compareRequests, compareOutcomes, observe, show, unsignedHeaderNames } from './lib/compare.mjs';
import { PARSER_CORNERS, err } from './lib/corners.mjs';
import { caseEnvFor, runBoth, stubResponse, CREDENTIALS, secretFor, shrink, inputCandidates, responseCandidates, FIXED_UA } from './lib/harness.mjs';

isolateEnvironment();

const SEED = process.env.DIFF_SEED === 'random' ? randomBytes(6).toString('hex') : (process.env.DIFF_SEED ?? 'ec2-wasm-diff');
const CASES = Number(process.env.DIFF_CASES ?? 300);
const ONLY = process.env.DIFF_ONLY ?? null;
const SHRINK_BUDGET = Number(process.env.DIFF_SHRINK ?? 150);
const REPORT = Number(process.env.DIFF_REPORT ?? 3);
const SELF_CHECK_OK = process.env.DIFF_SELF_CHECK === '1';
const STRICT_QUIRKS = process.env.DIFF_STRICT_QUIRKS === '1';
// plain: no middleware on either client (the impl's fast path); each sends its own x-amz-user-agent.
// fixed-ua: both clients get a build-step middleware that sets x-amz-user-agent to one value.
const MODES = process.env.DIFF_MODE ? [process.env.DIFF_MODE] : ['plain', 'fixed-ua'];
for (const m of MODES) if (m !== 'plain' && m !== 'fixed-ua') throw new Error(`DIFF_MODE must be "plain" or "fixed-ua", got ${JSON.stringify(m)}`);

const VECTORS = new URL('../vectors/model/', import.meta.url);
const readVector = (name) => readFileSync(new URL(name, VECTORS));

let stub;
let sdk;
let impl;

before(async () => {
  stub = await startStub();
  sdk = loadSdk();
  impl = await loadImpl();
  installFixedClock();
  installFixedUuid();
  console.log(`# differential test: ${sdk.label} vs ${impl.label}; seed ${JSON.stringify(SEED)}; ${CASES} random cases per phase`);
});

after(async () => {
  uninstallFixedUuid();
  uninstallFixedClock();
  await stub?.close();
});

const sides = () => ({ sdk, impl });

/** Clock, invocation id and credentials of one case, from the case's own stream. */
const caseEnv = (id, extra = {}) => caseEnvFor(SEED, id, extra);

const describeEnv = (env) =>
  `clock ${new RealDate(env.clockMs).toISOString()}; invocation ids ${env.uuidPrefix}-0000-4000-8000-…; ` +
  `credentials ${env.credentials.accessKeyId} (session token: ${env.credentials.sessionToken ? 'yes' : 'no'})` +
  (env.maxAttempts !== undefined ? `; maxAttempts ${env.maxAttempts}` : '') +
  `; mode ${env.mode ?? 'fixed-ua'}`;

const selected = (id) => ONLY === null || ONLY === id;

function mismatchesOf(r, opts = {}) {
  return [
    ...compareRequests(r.sdk.requests, r.impl.requests, secretFor, { uaFree: r.env?.mode === 'plain' }),
    ...compareOutcomes(observe(r.sdk.result, sdk, opts), observe(r.impl.result, impl, opts)),
  ];
}

/** What a failure looks like, for shrinking: a smaller case must fail the same way, not some other way. */
function failureShape(mismatches, implResult) {
  const kind = implResult.ok ? 'resolved' : `${implResult.value?.constructor?.name}:${implResult.value?.name}`;
  return `${[...new Set(mismatches.map((m) => m.category))].sort().join(',')}|${kind}`;
}

function describeResult(result) {
  if (result.ok) return 'resolved';
  const e = result.value;
  return `rejected with ${e?.constructor?.name ?? typeof e} ${e?.name}: ${show(e?.message)}`;
}

/** Builds the failure message: seed, how to replay, input, shrunk input, minimal differences. */
async function report(phase, failures, total, shrinker) {
  const lines = [
    `${failures.length} of ${total} ${phase} runs (case × mode) differ between ${sdk.label} and ${impl.label}`,
    `seed ${JSON.stringify(SEED)} — replay one: DIFF_SEED=${JSON.stringify(SEED)} DIFF_ONLY=<id> DIFF_MODE=<mode> node --test tests/diff/`,
    `categories: ${[...new Set(failures.flatMap((f) => f.mismatches.map((m) => m.category)))].join(', ')}`,
  ];
  // One example per distinct set of categories first: those are usually distinct bugs.
  const bySignature = new Map();
  for (const f of failures) {
    const sig = `${f.env.mode}:${f.mismatches.map((m) => m.category).join(',')}`;
    if (!bySignature.has(sig)) bySignature.set(sig, f);
  }
  const shown = [...bySignature.values(), ...failures.filter((f) => !new Set(bySignature.values()).has(f))].slice(0, REPORT);
  for (const [i, f] of shown.entries()) {
    lines.push('', `--- ${f.id} [${f.env.mode}]${f.label ? ` (${f.label})` : ''}: ${f.mismatches.map((m) => m.category).join(', ')}`);
    lines.push(`    ${describeEnv(f.env)}`);
    lines.push(`    sdk ${f.sdkResult}; impl ${f.implResult}`);
    lines.push(...f.describe.map((l) => `    ${l}`));
    if (i === 0 && SHRINK_BUDGET > 0 && shrinker) {
      const s = await shrinker(f);
      if (s) lines.push(...s.map((l) => `    ${l}`));
    }
    lines.push('    differences:');
    for (const m of f.mismatches) lines.push(...m.detail.split('\n').map((l) => `      ${l}`));
  }
  const rest = failures.filter((f) => !shown.includes(f));
  if (rest.length) {
    const listed = rest.slice(0, 40).map((f) => `${f.id}/${f.env.mode} [${f.mismatches.map((m) => m.category).join(',')}]`);
    lines.push('', `other failing cases: ${listed.join(' ')}${rest.length > 40 ? ` … and ${rest.length - 40} more` : ''}`);
  }
  return lines.join('\n');
}

const SUCCESS_XML = readVector('samples/create-snapshot-response.xml');
const SUCCESS_RESPONSE = { status: 200, headers: [['Content-Type', 'text/xml;charset=UTF-8']], body: SUCCESS_XML };

// ---------------------------------------------------------------------------------------------

test('requests: byte-identical bodies, identical signed headers and Authorization', async (t) => {
  const cases = [
    ...FIXED_INPUTS.map(([label, input], i) => ({ id: `request:fixed-${i}`, label, input })),
    ...Array.from({ length: CASES }, (_, i) => ({ id: `request:${i}`, label: 'random', input: genInput(new Rng(`${SEED}/request:${i}`)) })),
  ].filter((c) => selected(c.id));
  if (cases.length === 0) return t.skip(`DIFF_ONLY=${ONLY}`);

  const failures = [];
  const coverage = new Set();
  const unsigned = { sdk: new Set(), impl: new Set() };
  const firstSeen = {};
  for (const c of cases) {
    for (const f of inputFeatures(c.input)) coverage.add(f);
    for (const mode of MODES) {
      const env = caseEnv(c.id, { mode, responses: [SUCCESS_RESPONSE] });
      const r = await runBoth(sides(), stub, c.input, env);
      firstSeen[mode] ??= r;
      for (const side of ['sdk', 'impl']) for (const req of r[side].requests) for (const h of unsignedHeaderNames(req)) unsigned[side].add(h);
      const mismatches = mismatchesOf(r);
      if (!r.sdk.result.ok || r.sdk.requests.length !== 1) {
        mismatches.unshift({ category: 'harness', detail: `the SDK should have sent 1 request and resolved: ${r.sdk.requests.length} request(s), ${describeResult(r.sdk.result)}` });
      }
      if (mismatches.length) {
        failures.push({
          ...c,
          env,
          mismatches,
          shape: failureShape(mismatches, r.impl.result),
          sdkResult: describeResult(r.sdk.result),
          implResult: describeResult(r.impl.result),
          describe: [`input: ${show(c.input)}`],
        });
      }
    }
  }

  for (const [mode, r] of Object.entries(firstSeen)) {
    for (const side of ['sdk', 'impl']) {
      const req = r[side].requests[0];
      if (!req) continue;
      t.diagnostic(`[${mode}] ${side} headers on the wire, in order: ${req.rawHeaders.filter((_, i) => i % 2 === 0).join(', ')}`);
      t.diagnostic(`[${mode}] ${side} x-amz-user-agent: ${req.headers['x-amz-user-agent']}; user-agent: ${req.headers['user-agent']}`);
    }
  }
  t.diagnostic(`unsigned headers (not compared): sdk [${[...unsigned.sdk].sort()}] impl [${[...unsigned.impl].sort()}]`);
  t.diagnostic(`${cases.length} request cases × modes ${MODES.join(', ')}`);

  if (failures.length) {
    assert.fail(
      await report('request', failures, cases.length * MODES.length, async (f) => {
        const stillFails = async (input) => {
          const r = await runBoth(sides(), stub, input, f.env);
          return failureShape(mismatchesOf(r), r.impl.result) === f.shape;
        };
        const { value, tries } = await shrink(f.input, inputCandidates, stillFails, SHRINK_BUDGET);
        const r = await runBoth(sides(), stub, value, f.env);
        return [`shrunk input (${tries} replays): ${show(value)}`, 'differences for the shrunk input:', ...mismatchesOf(r).flatMap((m) => m.detail.split('\n').map((l) => `  ${l}`))];
      }),
    );
  }
  if (ONLY === null && CASES >= 300) {
    const missing = COVERAGE_GOALS.filter((g) => !coverage.has(g));
    assert.deepEqual(missing, [], `the generated inputs never exercised: ${missing.join(', ')}`);
  }
});

// ---------------------------------------------------------------------------------------------

/** Reads an HTTP/1.1 response file: status line, headers, blank line, body. */
function httpFile(name) {
  const raw = readVector(name).toString('latin1');
  const sep = raw.indexOf('\n\n');
  const [statusLine, ...headerLines] = raw.slice(0, sep).split('\n');
  const status = Number(statusLine.split(' ')[1]);
  // Transfer-Encoding is the stub's business; a Date header would move the SDK's clock (NOTES.md).
  const headers = headerLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]).filter(([k]) => !/^(transfer-encoding|date|content-length)$/i.test(k));
  return { status, headers, body: Buffer.from(raw.slice(sep + 2), 'latin1') };
}

const FIXED_RESPONSES = [
  ['sample success + x-amzn-requestid', () => ({ ...SUCCESS_RESPONSE, headers: [...SUCCESS_RESPONSE.headers, ['x-amzn-requestid', '59dbff89-35bd-4eac-99ed-be587EXAMPLE']] })],
  ['sample DryRunOperation 412 (real EC2 body)', () => httpFile('samples/error-dryrun-412.http')],
  ['sample InvalidVolume.NotFound 400', () => ({ status: 400, headers: [], body: readVector('samples/error-invalid-volume.xml') })],
  ['sample RequestLimitExceeded 503', () => ({ status: 503, headers: [], body: readVector('samples/error-throttled-503.xml') })],
  ['empty body 404', () => ({ status: 404, headers: [], body: Buffer.alloc(0) })],
  ['empty body 404 + x-amzn-requestid', () => ({ status: 404, headers: [['x-amzn-requestid', 'req-404']], body: Buffer.alloc(0) })],
  ['empty body 500', () => ({ status: 500, headers: [], body: Buffer.alloc(0) })],
  ['empty body 200', () => ({ status: 200, headers: [], body: Buffer.alloc(0) })],
];

test('responses: deep-equal outputs and errors for generated bodies', async (t) => {
  const cases = [
    ...FIXED_RESPONSES.map(([label, make], i) => ({ id: `response:fixed-${i}`, label, response: make(), spec: null })),
    ...Array.from({ length: CASES }, (_, i) => {
      const rng = new Rng(`${SEED}/response:${i}`);
      const spec = genResponse(rng);
      // Plain inputs here, so that a difference in this phase is about the response (the request phase covers inputs).
      const input = rng.pick([{ VolumeId: `vol-${rng.hex(17)}` }, { VolumeId: `vol-${rng.hex(17)}`, DryRun: true }, { VolumeId: 'vol-1', Description: 'd', TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'k', Value: 'v' }] }] }]);
      return { id: `response:${i}`, label: spec.kind, spec, response: stubResponse(spec), input };
    }),
  ].filter((c) => selected(c.id));
  if (cases.length === 0) return t.skip(`DIFF_ONLY=${ONLY}`);

  const failures = [];
  const coverage = new Set();
  const tally = {};
  for (const c of cases) {
    if (c.spec) for (const f of responseFeatures(c.spec)) coverage.add(f);
    for (const mode of MODES) {
      const input = c.input ?? { VolumeId: 'vol-1234567890abcdef0' };
      const env = caseEnv(c.id, { mode, maxAttempts: 1, responses: [c.response] });
      const r = await runBoth(sides(), stub, input, env);
      const mismatches = mismatchesOf(r);
      const o = r.sdk.result;
      const key = `${c.label} -> sdk ${o.ok ? 'resolved' : o.value?.constructor?.name}`;
      if (mode === MODES[0]) tally[key] = (tally[key] ?? 0) + 1;
      // The generator must stay inside what the SDK accepts: success bodies resolve, error bodies give EC2ServiceException.
      if (c.spec?.kind === 'success' && !o.ok) mismatches.unshift({ category: 'harness', detail: `generated success body made the SDK reject: ${describeResult(o)}` });
      if (c.spec && c.spec.kind !== 'success' && (o.ok || !(o.value instanceof sdk.EC2ServiceException))) {
        mismatches.unshift({ category: 'harness', detail: `generated error body did not give an EC2ServiceException: ${describeResult(o)}` });
      }
      if (mismatches.length) {
        failures.push({
          ...c,
          env,
          input,
          mismatches,
          shape: failureShape(mismatches, r.impl.result),
          sdkResult: describeResult(r.sdk.result),
          implResult: describeResult(r.impl.result),
          describe: [`input: ${show(input)}`, `response: HTTP ${c.response.status} ${show(c.response.headers)}${c.response.chunks ? ` chunked at ${c.response.chunks}` : ''}`, `body: ${show(c.response.body.toString('utf8'))}`],
        });
      }
    }
  }
  t.diagnostic(`outcomes: ${Object.entries(tally).sort().map(([k, v]) => `${k}: ${v}`).join('; ')}`);

  if (failures.length) {
    assert.fail(
      await report('response', failures, cases.length * MODES.length, async (f) => {
        if (!f.spec) return null;
        const stillFails = async (spec) => {
          const r = await runBoth(sides(), stub, f.input, { ...f.env, responses: [stubResponse(spec)] });
          return failureShape(mismatchesOf(r), r.impl.result) === f.shape;
        };
        const { value, tries } = await shrink(f.spec, responseCandidates, stillFails, SHRINK_BUDGET);
        const resp = stubResponse(value);
        const stillFailsInput = async (input) => {
          const r = await runBoth(sides(), stub, input, { ...f.env, responses: [resp] });
          return failureShape(mismatchesOf(r), r.impl.result) === f.shape;
        };
        const shrunkInput = await shrink(f.input, inputCandidates, stillFailsInput, SHRINK_BUDGET);
        const r = await runBoth(sides(), stub, shrunkInput.value, { ...f.env, responses: [resp] });
        return [
          `shrunk input (${shrunkInput.tries} replays): ${show(shrunkInput.value)}`,
          `shrunk response (${tries} replays): HTTP ${resp.status} ${show(resp.headers)}${resp.chunks ? ` chunked at ${resp.chunks}` : ''}`,
          `shrunk body: ${show(resp.body.toString('utf8'))}`,
          'differences for the shrunk response:',
          ...mismatchesOf(r).flatMap((m) => m.detail.split('\n').map((l) => `  ${l}`)),
        ];
      }),
    );
  }
  if (ONLY === null && CASES >= 300) {
    const missing = COVERAGE_GOALS_RESPONSE.filter((g) => !coverage.has(g));
    assert.deepEqual(missing, [], `the generated responses never exercised: ${missing.join(', ')}`);
  }
});

// ---------------------------------------------------------------------------------------------

test('captured SDK results (vectors/model/samples/js-v3-observed-results.json) hold here, and the impl matches', async () => {
  const observed = JSON.parse(readVector('samples/js-v3-observed-results.json'));
  const dryRun = httpFile('samples/error-dryrun-412.http');
  const internal = {
    status: 500,
    headers: [],
    body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred</Message></Error></Errors><RequestID>a1b2c3d4-example</RequestID></Response>'),
  };
  // How each run was produced (the file's _comment).
  const setups = {
    success: { responses: [{ ...SUCCESS_RESPONSE, headers: [['x-amzn-requestid', '59dbff89-35bd-4eac-99ed-be587EXAMPLE']] }] },
    'success-session-token': { responses: [SUCCESS_RESPONSE], credentials: CREDENTIALS[1] },
    'minimal-input': { responses: [SUCCESS_RESPONSE] },
    'empty-tag-specifications': { responses: [SUCCESS_RESPONSE] },
    'all-members': { responses: [dryRun] },
    'dry-run-412': { responses: [dryRun] },
    'invalid-volume-400': { responses: [{ status: 400, headers: [], body: readVector('samples/error-invalid-volume.xml') }] },
    'throttled-503-then-success': { responses: [{ status: 503, headers: [], body: readVector('samples/error-throttled-503.xml') }, SUCCESS_RESPONSE] },
    'server-500-exhausted': { responses: [internal, internal], maxAttempts: 2 },
    'empty-body-404': { responses: [{ status: 404, headers: [], body: Buffer.alloc(0) }] },
  };
  const problems = [];
  for (const run of observed.runs) for (const mode of MODES) {
    const id = `observed:${run.name}`;
    if (!selected(id) && ONLY !== 'observed') continue;
    const setup = setups[run.name];
    assert.ok(setup, `no stub setup for observed run ${run.name}`);
    const env = { ...caseEnv(id), credentials: CREDENTIALS[0], mode, ...setup };
    const r = await runBoth(sides(), stub, run.input, env);

    // 1. The SDK, in this harness, still does what was captured.
    const got = r.sdk;
    const sdkProblems = [];
    if (got.requests.length !== run.attempts) sdkProblems.push(`attempts: ${got.requests.length} != ${run.attempts}`);
    const bodies = [...new Set(got.requests.map((q) => q.body.toString('utf8')))];
    if (JSON.stringify(bodies) !== JSON.stringify(run.bodies)) sdkProblems.push(`bodies ${show(bodies)} != ${show(run.bodies)}`);
    const amz = got.requests.map((q) => q.headers['amz-sdk-request']);
    if (JSON.stringify(amz) !== JSON.stringify(run.amzSdkRequestHeaders)) sdkProblems.push(`amz-sdk-request ${show(amz)} != ${show(run.amzSdkRequestHeaders)}`);
    const retried = run.attempts > 1;
    const scrubDelay = (m) => (retried ? { ...m, totalRetryDelay: '<jitter>' } : m);
    if (run.result.ok) {
      if (!got.result.ok) sdkProblems.push(`expected to resolve, ${describeResult(got.result)}`);
      else {
        const json = JSON.parse(JSON.stringify(got.result.value));
        const want = { ...run.result.output, $metadata: scrubDelay(run.result.output.$metadata) };
        json.$metadata = scrubDelay(json.$metadata);
        if (JSON.stringify(json) !== JSON.stringify(want)) sdkProblems.push(`output ${JSON.stringify(json)} != ${JSON.stringify(want)}`);
      }
    } else {
      const e = got.result.value;
      const want = run.result.error;
      const have = {
        name: e?.name,
        constructor: e?.constructor?.name,
        $fault: e?.$fault,
        message: e?.message,
        ownKeys: e ? Object.keys(e) : [],
        $metadata: scrubDelay(JSON.parse(JSON.stringify(e?.$metadata ?? {}))),
        Code: e?.Code,
        hasResponse: e?.$response !== undefined,
      };
      const wantCmp = { ...want, $metadata: scrubDelay(want.$metadata) };
      for (const k of Object.keys(have)) {
        if (JSON.stringify(have[k]) !== JSON.stringify(wantCmp[k])) sdkProblems.push(`${k}: ${JSON.stringify(have[k])} != ${JSON.stringify(wantCmp[k])}`);
      }
    }
    if (sdkProblems.length) problems.push(`${id} [${mode}]: the SDK no longer matches the capture (harness or SDK changed): ${sdkProblems.join('; ')}`);

    // 2. The impl matches the SDK.
    const m = mismatchesOf(r, { ignoreRetryDelay: retried });
    if (m.length) problems.push(`${id} [${mode}]: impl differs from the SDK (${describeEnv(env)}; input ${show(run.input)}):\n${m.map((x) => x.detail).join('\n')}`);
  }
  assert.ok(problems.length === 0, `seed ${JSON.stringify(SEED)}\n\n${problems.join('\n\n')}`);
});

// ---------------------------------------------------------------------------------------------

test('SDK parsing corners (fixed list): the impl does the same', async (t) => {
  const problems = [];
  const quirks = [];
  for (const [i, [label, response, opts = {}]] of PARSER_CORNERS.entries()) for (const mode of MODES) {
    const id = `corner:${i}`;
    if (!selected(id) && ONLY !== 'corner') continue;
    const env = caseEnv(id, { mode, maxAttempts: 1, responses: [response], credentials: CREDENTIALS[0] });
    const r = await runBoth(sides(), stub, { VolumeId: 'vol-1' }, env);
    let m = mismatchesOf(r);
    if (opts.relaxed) {
      const coarse = (res, pkg) => {
        const o = observe(res, pkg);
        return { resolved: o.resolved, isServiceException: o.isServiceException, $metadata: o.$metadata };
      };
      m = [...compareRequests(r.sdk.requests, r.impl.requests, secretFor, { uaFree: mode === 'plain' }), ...compareOutcomes(coarse(r.sdk.result, sdk), coarse(r.impl.result, impl))];
    }
    if (m.length) {
      const text = `${id} [${mode}] ${label}: sdk ${describeResult(r.sdk.result)}; impl ${describeResult(r.impl.result)}\n  body: ${show(response.body.toString('utf8'))}\n${m.map((x) => x.detail.replace(/^/gm, '  ')).join('\n')}`;
      (opts.quirk ? quirks : problems).push(text);
    }
  }
  if (quirks.length) {
    t.diagnostic(`${quirks.length} SDK quirk corner(s) differ (informational unless DIFF_STRICT_QUIRKS=1):`);
    for (const q of quirks) t.diagnostic(q.split('\n')[0]);
    if (STRICT_QUIRKS) problems.push(...quirks);
  }
  assert.ok(problems.length === 0, `${problems.length} parser corner run(s) differ (seed ${JSON.stringify(SEED)}):\n\n${problems.join('\n\n')}`);
});

// ---------------------------------------------------------------------------------------------

const authFailure = '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>skew-1</RequestID></Response>';
const withDate = (resp, ms) => ({ ...resp, headers: [...resp.headers, ['Date', new RealDate(ms).toUTCString()]] });

test('clock skew: a response Date header moves the clock of the next request the same way', async () => {
  const problems = [];
  const scenarios = [
    ['200 with a Date one hour ahead, then a second send', 2, 1, (ms) => [withDate(SUCCESS_RESPONSE, ms + 3600_000)]],
    ['200 with a Date 2 minutes behind, then a second send', 2, 1, (ms) => [withDate(SUCCESS_RESPONSE, ms - 120_000)]],
    ['AuthFailure 401 with a Date 20 minutes ahead (default retries)', 1, undefined, (ms) => [withDate(err(401, authFailure), ms + 1200_000), SUCCESS_RESPONSE]],
    ['AuthFailure 401 with a Date 20 minutes ahead, maxAttempts 1, then a second send', 2, 1, (ms) => [withDate(err(401, authFailure), ms + 1200_000), SUCCESS_RESPONSE]],
    ['a Date header that does not parse', 2, 1, () => [{ ...SUCCESS_RESPONSE, headers: [['Date', 'yesterday']] }]],
    ['a Date one hour ahead with an Age header (ignored)', 2, 1, (ms) => [{ ...withDate(SUCCESS_RESPONSE, ms + 3600_000), headers: [['Date', new RealDate(ms + 3600_000).toUTCString()], ['Age', '5']] }]],
  ];
  for (const [i, [label, sends, maxAttempts, responses]] of scenarios.entries()) for (const mode of MODES) {
    const id = `skew:${i}`;
    if (!selected(id) && ONLY !== 'skew') continue;
    const base = caseEnv(id, { credentials: CREDENTIALS[0], mode });
    const env = { ...base, sends, maxAttempts, responses: responses(base.clockMs) };
    const r = await runBoth(sides(), stub, { VolumeId: 'vol-1' }, env);
    const m = [
      ...compareRequests(r.sdk.requests, r.impl.requests, secretFor, { uaFree: mode === 'plain' }),
      ...r.sdk.results.flatMap((res, k) => compareOutcomes(observe(res, sdk, { ignoreRetryDelay: true }), observe(r.impl.results[k] ?? { ok: false, value: 'no result' }, impl, { ignoreRetryDelay: true }))),
    ];
    if (m.length) {
      problems.push(
        `${id} ${label} (${describeEnv(env)}): x-amz-date sdk [${r.sdk.requests.map((q) => q.headers['x-amz-date'])}] impl [${r.impl.requests.map((q) => q.headers['x-amz-date'])}]\n` +
          m.map((x) => x.detail.replace(/^/gm, '  ')).join('\n'),
      );
    }
  }
  assert.ok(problems.length === 0, `seed ${JSON.stringify(SEED)}\n\n${problems.join('\n\n')}`);
});

// ---------------------------------------------------------------------------------------------

test('harness sanity: a client that changes the body, a header or the output is caught', async () => {
  // The SDK against itself plus one tampering middleware: every comparison must fire.
  const tamper = {
    body: (client) =>
      client.middlewareStack.add((next) => (args) => {
        args.request.body += '&Extra=1';
        return next(args);
      }, { step: 'build', priority: 'high', name: 'tamperBody' }),
    header: (client) =>
      client.middlewareStack.add((next) => (args) => {
        args.request.headers['x-amz-extra'] = '1';
        return next(args);
      }, { step: 'build', priority: 'high', name: 'tamperHeader' }),
    output: (client) =>
      client.middlewareStack.add((next) => async (args) => {
        const res = await next(args);
        res.output.Description = 'tampered';
        return res;
      }, { step: 'initialize', name: 'tamperOutput' }),
  };
  const expect = { body: ['body', 'header:content-length', 'authorization:signature'], header: ['signed-headers', 'header:x-amz-extra', 'authorization:signature'], output: ['output'] };
  for (const [what, mw] of Object.entries(tamper)) {
    const env = caseEnv(`sanity:${what}`, { responses: [SUCCESS_RESPONSE], extraMiddleware: { impl: mw } });
    const r = await runBoth({ sdk, impl: sdk }, stub, { VolumeId: 'vol-1', Description: 'd' }, env);
    const categories = mismatchesOf(r).map((m) => m.category);
    for (const c of expect[what]) assert.ok(categories.includes(c), `tampered ${what}: expected a "${c}" difference, got [${categories}]`);
  }
  for (const mode of ['plain', 'fixed-ua']) {
    const env = caseEnv('sanity:none', { mode, responses: [SUCCESS_RESPONSE] });
    const r = await runBoth({ sdk, impl: sdk }, stub, { VolumeId: 'vol-1' }, env);
    assert.deepEqual(mismatchesOf(r), [], `[${mode}] the SDK against itself must show no difference`);
    assert.equal(r.sdk.requests[0].headers['x-amz-user-agent'] === FIXED_UA, mode === 'fixed-ua');
  }
  // plain mode: another x-amz-user-agent is accepted by design, but not one changed after signing,
  // nor another signed header.
  const plainTamper = {
    'ua-after-signing': [
      (client) =>
        client.middlewareStack.add((next) => (args) => {
          args.request.headers['x-amz-user-agent'] = 'changed after signing';
          return next(args);
        }, { step: 'finalizeRequest', priority: 'low', name: 'tamperUa' }),
      ['impl-signature-invalid'],
    ],
    'ua-before-signing': [
      (client) =>
        client.middlewareStack.add((next) => (args) => {
          args.request.headers['x-amz-user-agent'] = 'another user agent';
          return next(args);
        }, { step: 'build', priority: 'low', name: 'otherUa' }),
      [],
    ],
    'date-header': [
      (client) =>
        client.middlewareStack.add((next) => (args) => {
          args.request.headers['x-amz-date'] = '20000101T000000Z';
          return next(args);
        }, { step: 'finalizeRequest', priority: 'low', name: 'tamperDate' }),
      ['header:x-amz-date', 'impl-signature-invalid'],
    ],
  };
  for (const [what, [mw, want]] of Object.entries(plainTamper)) {
    const env = caseEnv(`sanity:plain:${what}`, { mode: 'plain', responses: [SUCCESS_RESPONSE], extraMiddleware: { impl: mw } });
    const r = await runBoth({ sdk, impl: sdk }, stub, { VolumeId: 'vol-1' }, env);
    const categories = mismatchesOf(r).map((m) => m.category);
    if (want.length === 0) assert.deepEqual(categories, [], `plain mode, ${what}: expected no difference`);
    for (const c of want) assert.ok(categories.includes(c), `plain mode, ${what}: expected a "${c}" difference, got [${categories}]`);
  }
});

// ---------------------------------------------------------------------------------------------

test('the implementation under test is ec2-wasm, not the SDK itself', () => {
  if (!impl.selfCheck) return;
  if (SELF_CHECK_OK) {
    console.log('# DIFF_SELF_CHECK=1: pkg/ not built; the SDK was compared with a second instance of itself');
    assert.notEqual(impl.EC2ServiceException, sdk.EC2ServiceException, 'the second SDK instance must have its own classes');
    return;
  }
  assert.fail('pkg/ not built: differential test compared the SDK with itself (build pkg/ with `make pkg`, set EC2_IMPL_UNDER_TEST, or set DIFF_SELF_CHECK=1 to accept)');
});
