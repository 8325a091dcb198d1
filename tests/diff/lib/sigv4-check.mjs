// Recomputes a SigV4 signature from a request as it arrived at the stub,
// written from the AWS Signature Version 4 specification. Used to check that
// what each client signed is exactly what it put on the wire, and to show the
// canonical request when two signatures differ.
import { createHash, createHmac } from 'node:crypto';

const sha256hex = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data, 'utf8').digest();

/** "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x;y, Signature=hex" -> parts. */
export function parseAuthorization(value) {
  if (typeof value !== 'string') return null;
  const m = /^(\S+) Credential=([^,]*), ?SignedHeaders=([^,]*), ?Signature=([0-9a-f]*)$/.exec(value);
  if (!m) return { raw: value, malformed: true };
  const [accessKeyId, date, region, service, terminator] = m[2].split('/');
  return {
    raw: value,
    algorithm: m[1],
    credential: m[2],
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders: m[3].split(';'),
    signature: m[4],
  };
}

function canonicalUri(url) {
  const path = url.split('?')[0] || '/';
  // Each segment encoded once more (non-S3 services double-encode), '/' kept.
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()))
    .join('/');
}

function canonicalQuery(url) {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  if (!q) return '';
  return q
    .split('&')
    .map((p) => {
      const [k, v = ''] = p.split('=');
      return [k, v];
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The canonical request for `req` (as recorded by the stub) over the given signed header names. */
export function canonicalRequest(req, signedHeaders) {
  const lines = [req.method, canonicalUri(req.url), canonicalQuery(req.url)];
  for (const name of signedHeaders) {
    const v = req.headers[name];
    lines.push(`${name}:${v === undefined ? '<MISSING>' : String(v).trim().replace(/\s+/g, ' ')}`);
  }
  lines.push('');
  lines.push(signedHeaders.join(';'));
  lines.push(req.headers['x-amz-content-sha256'] ?? sha256hex(req.body));
  return lines.join('\n');
}

/**
 * Verifies the request's Authorization against its own headers and body.
 * Returns { ok, problems: [...], canonical, expected }.
 */
export function verifySignature(req, secretFor) {
  const problems = [];
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) return { ok: false, problems: ['no authorization header'] };
  if (auth.malformed) return { ok: false, problems: [`malformed authorization: ${auth.raw}`] };
  const secret = secretFor(auth.accessKeyId);
  if (secret === undefined) problems.push(`unknown access key id ${auth.accessKeyId}`);
  const amzDate = req.headers['x-amz-date'];
  if (!amzDate) problems.push('no x-amz-date header');
  else if (auth.scope.date !== amzDate.slice(0, 8)) problems.push(`scope date ${auth.scope.date} != x-amz-date ${amzDate}`);
  const bodyHash = sha256hex(req.body);
  if (req.headers['x-amz-content-sha256'] !== undefined && req.headers['x-amz-content-sha256'] !== bodyHash) {
    problems.push(`x-amz-content-sha256 ${req.headers['x-amz-content-sha256']} != sha256(body) ${bodyHash}`);
  }
  const sorted = [...auth.signedHeaders].sort();
  if (sorted.join(';') !== auth.signedHeaders.join(';')) problems.push('SignedHeaders not sorted');
  for (const h of ['host', 'x-amz-date']) if (!auth.signedHeaders.includes(h)) problems.push(`${h} not signed`);
  for (const h of auth.signedHeaders) if (req.headers[h] === undefined) problems.push(`signed header ${h} not sent`);
  const canonical = canonicalRequest(req, auth.signedHeaders);
  const scope = `${auth.scope.date}/${auth.scope.region}/${auth.scope.service}/${auth.scope.terminator}`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  let expected = null;
  if (secret !== undefined) {
    let key = hmac('AWS4' + secret, auth.scope.date);
    key = hmac(key, auth.scope.region);
    key = hmac(key, auth.scope.service);
    key = hmac(key, auth.scope.terminator);
    expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
    if (expected !== auth.signature) problems.push(`signature ${auth.signature} does not verify (expected ${expected})`);
  }
  return { ok: problems.length === 0, problems, canonical, stringToSign, expected };
}

/**
 * The signature `req` would carry if some header values were different (e.g. the other client's
 * x-amz-user-agent), with the same scope, SignedHeaders, date and body.
 */
export function signatureWith(req, secretFor, overrides) {
  const headers = { ...req.headers, ...overrides };
  return verifySignature({ ...req, headers }, secretFor);
}
