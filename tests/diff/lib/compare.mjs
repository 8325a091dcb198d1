// What "the same" means between the SDK and the implementation under test, and
// how a difference is shown.
import { inspect } from 'node:util';
import { parseAuthorization, verifySignature, canonicalRequest, signatureWith } from './sigv4-check.mjs';

/** Headers that differ by design (user agent) or belong to the HTTP stack (fetch vs node:http). */
export const UNCOMPARED_UNSIGNED = new Set(['user-agent', 'x-amz-user-agent']);

export const show = (v) => inspect(v, { depth: 6, breakLength: Infinity, maxStringLength: 400, maxArrayLength: 60 });

// ---- requests -----------------------------------------------------------------

function bodyDiff(a, b) {
  const lines = [];
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 40);
  lines.push(`bodies differ at byte ${i} (sdk ${a.length} bytes, impl ${b.length} bytes)`);
  lines.push(`  sdk : …${show(a.subarray(from, i + 60).toString('latin1'))}`);
  lines.push(`  impl: …${show(b.subarray(from, i + 60).toString('latin1'))}`);
  const pa = a.toString('latin1').split('&');
  const pb = b.toString('latin1').split('&');
  let shown = 0;
  for (let k = 0; k < Math.max(pa.length, pb.length) && shown < 6; k++) {
    if (pa[k] !== pb[k]) {
      lines.push(`  param #${k}: sdk ${show(pa[k])} | impl ${show(pb[k])}`);
      shown++;
    }
  }
  return lines.join('\n');
}

/**
 * Compares the requests two clients sent for one case. Returns a list of
 * { category, detail } (empty when they agree).
 *
 * `uaFree`: each client sent its own x-amz-user-agent (no middleware added, so the impl's fast
 * path runs). That header's value is then not compared, and instead of equal Authorization
 * headers the impl's request, with the SDK's x-amz-user-agent value put in, must carry exactly
 * the SDK's signature (and its own signature must verify against its own bytes).
 */
export function compareRequests(sdkReqs, implReqs, secretFor, { uaFree = false } = {}) {
  const out = [];
  if (sdkReqs.length !== implReqs.length) {
    out.push({ category: 'request-count', detail: `sdk sent ${sdkReqs.length} request(s), impl sent ${implReqs.length}` });
  }
  const n = Math.min(sdkReqs.length, implReqs.length);
  for (let i = 0; i < n; i++) {
    const a = sdkReqs[i];
    const b = implReqs[i];
    const at = n > 1 ? ` (attempt ${i + 1})` : '';
    if (a.method !== b.method) out.push({ category: 'method', detail: `method${at}: sdk ${a.method} impl ${b.method}` });
    if (a.url !== b.url) out.push({ category: 'path', detail: `path${at}: sdk ${show(a.url)} impl ${show(b.url)}` });
    if (!a.body.equals(b.body)) out.push({ category: 'body', detail: bodyDiff(a.body, b.body) });

    const authA = parseAuthorization(a.headers.authorization);
    const authB = parseAuthorization(b.headers.authorization);
    const signedA = authA?.signedHeaders ?? [];
    const signedB = authB?.signedHeaders ?? [];
    if (signedA.join(';') !== signedB.join(';')) {
      out.push({
        category: 'signed-headers',
        detail: `SignedHeaders${at}: only sdk [${signedA.filter((h) => !signedB.includes(h))}] only impl [${signedB.filter((h) => !signedA.includes(h))}] (sdk ${signedA.join(';')} | impl ${signedB.join(';')})`,
      });
    }
    for (const h of new Set([...signedA, ...signedB])) {
      if (uaFree && h === 'x-amz-user-agent') continue;
      if (a.headers[h] !== b.headers[h]) out.push({ category: `header:${h}`, detail: `${h}${at}: sdk ${show(a.headers[h])} | impl ${show(b.headers[h])}` });
    }
    if (authA && authB && !authA.malformed && !authB.malformed) {
      for (const part of uaFree ? ['algorithm', 'credential'] : ['algorithm', 'credential', 'signature']) {
        if (authA[part] !== authB[part]) out.push({ category: `authorization:${part}`, detail: `Authorization ${part}${at}: sdk ${authA[part]} | impl ${authB[part]}` });
      }
      if (uaFree) {
        const swapped = signatureWith(b, secretFor, { 'x-amz-user-agent': a.headers['x-amz-user-agent'] });
        if (swapped.expected !== authA.signature) {
          out.push({
            category: 'authorization:signature',
            detail: `Authorization signature${at}, impl request re-signed with the SDK's x-amz-user-agent: ${swapped.expected} | sdk ${authA.signature}`,
          });
        }
      }
    }
    if (!uaFree && a.headers.authorization !== b.headers.authorization) {
      if (!out.some((m) => m.category.startsWith('authorization:'))) {
        out.push({ category: 'authorization', detail: `Authorization${at}: sdk ${show(a.headers.authorization)} | impl ${show(b.headers.authorization)}` });
      }
    }
    const va = verifySignature(a, secretFor);
    const vb = verifySignature(b, secretFor);
    if (!va.ok) out.push({ category: 'sdk-signature-invalid', detail: `SDK request${at} does not verify (harness bug?): ${va.problems.join('; ')}` });
    if (!vb.ok) {
      out.push({
        category: 'impl-signature-invalid',
        detail:
          `impl request${at} does not verify against its own wire bytes: ${vb.problems.join('; ')}\n` +
          `  canonical request of the impl's wire request:\n${indent(vb.canonical ?? '')}\n` +
          `  canonical request of the SDK's wire request:\n${indent(va.canonical ?? '')}`,
      });
    } else if (out.some((m) => m.category.startsWith('authorization')) && !out.some((m) => /^(body|header:|signed-headers|method|path)/.test(m.category))) {
      // Same wire bytes, different signature: show what each side's signature covers.
      out.push({ category: 'canonical', detail: `canonical requests:\n  sdk:\n${indent(canonicalRequest(a, signedA))}\n  impl:\n${indent(canonicalRequest(b, signedB))}` });
    }
  }
  return out;
}

const indent = (s) => s.split('\n').map((l) => `      ${l}`).join('\n');

/** Headers that are neither signed nor user-agent, per side: informational only (fetch and node:http add their own). */
export function unsignedHeaderNames(req) {
  const signed = parseAuthorization(req.headers.authorization)?.signedHeaders ?? [];
  return Object.keys(req.headers).filter((h) => h !== 'authorization' && !signed.includes(h)).sort();
}

// ---- outcomes (resolved outputs / rejected errors) ---------------------------------

const META_FIELDS = ['httpStatusCode', 'requestId', 'extendedRequestId', 'cfId', 'attempts', 'totalRetryDelay'];

/**
 * Reduces what `send` gave (output or error) to comparable plain data.
 * `pkg` is the module the client came from (for `instanceof EC2ServiceException`).
 * `ignoreRetryDelay` drops totalRetryDelay (random jitter) when retries happened.
 */
export function observe(result, pkg, { ignoreRetryDelay = false } = {}) {
  const meta = (m) => {
    if (m === undefined || m === null || typeof m !== 'object') return m;
    const o = {};
    for (const k of new Set([...META_FIELDS, ...Object.keys(m)])) o[k] = m[k];
    if (ignoreRetryDelay) o.totalRetryDelay = typeof m.totalRetryDelay === 'number' ? '<number>' : m.totalRetryDelay;
    return o;
  };
  if (result.ok) {
    const out = result.value;
    const { $metadata, ...members } = out ?? {};
    return {
      resolved: true,
      keys: Object.keys(out ?? {}).sort(),
      members: plain(members),
      $metadata: meta($metadata),
    };
  }
  const e = result.value;
  if (e === null || typeof e !== 'object') return { resolved: false, thrown: plain(e) };
  const fields = {};
  for (const k of Object.keys(e)) if (k !== '$metadata') fields[k] = plain(e[k]);
  return {
    resolved: false,
    isError: e instanceof Error,
    isServiceException: typeof pkg.EC2ServiceException === 'function' && e instanceof pkg.EC2ServiceException,
    constructor: e.constructor?.name,
    name: e.name,
    message: e.message,
    Code: e.Code,
    $fault: e.$fault,
    $retryable: e.$retryable,
    $metadata: meta(e.$metadata),
    ownEnumerableKeys: Object.keys(e).sort(),
    fields,
    $response: '$response' in e
      ? { enumerable: Object.prototype.propertyIsEnumerable.call(e, '$response'), statusCode: e.$response?.statusCode }
      : undefined,
  };
}

/** Plain-data copy: Dates become { $date: ms }, class instances are tagged with their class name. */
function plain(v) {
  if (v instanceof Date) return { $date: v.getTime() };
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    const o = {};
    if (proto !== Object.prototype && proto !== null) o.$class = v.constructor?.name ?? '?';
    for (const k of Object.keys(v)) o[k] = plain(v[k]);
    return o;
  }
  if (typeof v === 'number' && Number.isNaN(v)) return { $number: 'NaN' };
  return v;
}

/**
 * Structural diff; a missing key and an `undefined` value count as the same except
 * where key lists are compared explicitly (`keys`, `ownEnumerableKeys`).
 */
export function diffValues(a, b, path = '', out = []) {
  if (out.length >= 20) return out;
  const isObj = (x) => x !== null && typeof x === 'object';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path || '.'}: array length sdk ${a.length} impl ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffValues(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffValues(a[k], b[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  if (!Object.is(a, b)) out.push(`${path || '.'}: sdk ${show(a)} | impl ${show(b)}`);
  return out;
}

/** Compares two observations; returns [{ category, detail }]. */
export function compareOutcomes(sdkObs, implObs) {
  if (sdkObs.resolved !== implObs.resolved) {
    const say = (o) => (o.resolved ? `resolved (keys ${o.keys.join(', ')})` : `rejected with ${o.constructor} ${show(o.name)}: ${show(o.message)}`);
    return [{ category: 'outcome', detail: `sdk ${say(sdkObs)} | impl ${say(implObs)}` }];
  }
  const diffs = diffValues(sdkObs, implObs);
  if (!diffs.length) return [];
  const category = sdkObs.resolved !== implObs.resolved ? 'outcome' : sdkObs.resolved ? 'output' : 'error';
  return [{ category, detail: diffs.join('\n') }];
}
