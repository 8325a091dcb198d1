// Generated HTTP responses for CreateSnapshot: success bodies built from the
// wire table (tests/vectors/model/create-snapshot-wire.json) and EC2 error bodies.
// A response is a small tree (so a failing one can be shrunk) rendered to bytes.
import { readFileSync } from 'node:fs';
import { Rng } from './prng.mjs';
import { genString, word } from './strings.mjs';

const WIRE = JSON.parse(readFileSync(new URL('../../vectors/model/create-snapshot-wire.json', import.meta.url), 'utf8'));
export const OUTPUT_MEMBERS = WIRE.response.members;
export const XMLNS = WIRE.response.xmlns;

// ---- tree + rendering ------------------------------------------------------

export const el = (name, children = [], opts = {}) => ({ el: name, children, ...opts });
export const text = (value, mode = 'escape') => ({ text: value, mode });

function escapeText(s, rng) {
  // & and < must be escaped; the rest is a free choice of the writer.
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (rng ? rng.chance(0.5) : true) out = out.replace(/>/g, '&gt;');
  else out = out.replace(/]]>/g, ']]&gt;');
  if (rng && rng.chance(0.3)) out = out.replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return out;
}

/** Character references, decimal or hex, for BMP characters only (the SDK truncates astral ones: NOTES.md). */
function charRefs(s, rng) {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (cp <= 0xffff && cp >= 0x20 && rng.chance(0.5)) out += rng.chance(0.5) ? `&#${cp};` : `&#x${cp.toString(16)};`;
    else out += escapeText(ch);
  }
  return out;
}

function renderNode(node, rng, pretty, depth, out) {
  if ('text' in node) {
    if (node.mode === 'cdata') out.push(`<![CDATA[${node.text}]]>`);
    else if (node.mode === 'charref') out.push(charRefs(node.text, rng));
    else if (node.mode === 'raw') out.push(node.text);
    else out.push(escapeText(node.text, rng));
    return;
  }
  if ('comment' in node) {
    out.push(`<!--${node.comment}-->`);
    return;
  }
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${v}"`).join('');
  if (node.selfClose) {
    out.push(`<${node.el}${attrs}/>`);
    return;
  }
  out.push(`<${node.el}${attrs}>`);
  const elementChildren = node.children.length > 0 && node.children.every((c) => 'el' in c);
  for (const c of node.children) {
    if (pretty && elementChildren) out.push('\n' + '  '.repeat(depth + 1));
    renderNode(c, rng, pretty, depth + 1, out);
  }
  if (pretty && elementChildren) out.push('\n' + '  '.repeat(depth));
  out.push(`</${node.el}>`);
}

/**
 * Renders the body once and caches it on the spec, so a case replays byte-identically
 * for both clients (and while shrinking, where the cache is dropped on purpose).
 */
export function renderBody(spec) {
  if (spec.bodyBytes) return spec.bodyBytes;
  let body = '';
  if (spec.root) {
    const out = [];
    // The writer's free choices (which '>' to escape...) come from the spec's own stream.
    renderNode(spec.root, new Rng(spec.renderSeed), spec.pretty, 0, out);
    body = (spec.decl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') + out.join('') + (spec.pretty ? '\n' : '');
  } else if (typeof spec.rawBody === 'string') {
    body = spec.rawBody;
  }
  spec.bodyBytes = Buffer.from(body, 'utf8');
  return spec.bodyBytes;
}

// ---- value generators --------------------------------------------------------

export function xmlString(rng) {
  return genString(rng, { allowControls: false, maxLen: 200 });
}

export function timestampText(rng) {
  const y = rng.weighted([[1, () => rng.range(1970, 1999)], [6, () => rng.range(2000, 2030)], [1, () => rng.range(2031, 2099)]])();
  const p2 = (n) => String(n).padStart(2, '0');
  const mo = rng.range(1, 12);
  const d = rng.range(1, 28);
  const h = rng.range(0, 23);
  const mi = rng.range(0, 59);
  const s = rng.range(0, 59);
  const frac = rng.weighted([
    [3, ''],
    [4, '.000'],
    [2, () => '.' + String(rng.range(0, 999)).padStart(3, '0')],
    [2, () => '.' + Array.from({ length: rng.range(1, 9) }, () => rng.range(0, 9)).join('')],
  ]);
  const fracText = typeof frac === 'function' ? frac() : frac;
  const zone = rng.weighted([
    [6, 'Z'],
    [1, 'z'],
    [2, () => `${rng.pick(['+', '-'])}${p2(rng.range(0, 14))}:${rng.pick(['00', '30', '45'])}`],
    [1, '+00:00'],
  ]);
  const T = rng.chance(0.9) ? 'T' : 't';
  return `${y}-${p2(mo)}-${p2(d)}${T}${p2(h)}:${p2(mi)}:${p2(s)}${fracText}${typeof zone === 'function' ? zone() : zone}`;
}

export function memberValue(rng, m) {
  switch (m.type) {
    case 'string':
      if (m.enum) return rng.chance(0.8) ? rng.pick(m.enum) : rng.pick(['future-value', m.enum[0].toUpperCase(), word(rng), xmlString(rng)]);
      switch (m.member) {
        case 'SnapshotId':
          return rng.chance(0.8) ? `snap-${rng.hex(17)}` : xmlString(rng);
        case 'VolumeId':
          return rng.chance(0.8) ? `vol-${rng.hex(17)}` : xmlString(rng);
        case 'OwnerId':
          return rng.chance(0.8) ? String(rng.range(0, 999999999999)).padStart(12, '0') : xmlString(rng);
        case 'Progress':
          return rng.pick(['', '0%', '42%', '100%', xmlString(rng)]);
        case 'AvailabilityZone':
          return rng.pick(['us-east-1a', 'eu-west-3c', xmlString(rng)]);
        default:
          return xmlString(rng);
      }
    case 'integer':
      return intValue(rng);
    case 'long':
      return rng.weighted([
        [1, () => '0'],
        [4, () => String(rng.range(1, 2 ** 31))],
        [3, () => String(BigInt(rng.u32()) * 2097152n + BigInt(rng.int(2097152)))],
        [1, () => '9007199254740993'],
        [1, () => '9223372036854775807'],
      ])();
    case 'boolean':
      return rng.pick(['true', 'false']);
    case 'timestamp':
      return timestampText(rng);
    default:
      throw new Error(`no generator for ${m.type}`);
  }
}

export function intValue(rng) {
  return String(rng.weighted([[1, () => 0], [6, () => rng.range(1, 16384)], [1, () => rng.range(16385, 2147483647)], [1, () => -1]])());
}

/** The text of a scalar element, in one of the forms a writer may choose. */
export function scalarElement(rng, name, value) {
  const mode = rng.weighted([[20, 'escape'], [2, 'charref'], [1, 'cdata'], [1, 'split']]);
  if (mode === 'cdata' && !value.includes(']]>')) return el(name, [text(value, 'cdata')]);
  if (mode === 'split' && value.length >= 2) {
    // Text, CDATA and a comment interleaved: the parser must join the pieces.
    const cut = rng.range(1, value.length - 1);
    const a = value.slice(0, cut);
    const b = value.slice(cut);
    if (/[\uD800-\uDBFF]$/.test(a) || b.includes(']]>')) return el(name, [text(value)]);
    return el(name, rng.chance(0.5) ? [text(a), text(b, 'cdata')] : [text(a), { comment: ' c ' }, text(b)]);
  }
  if (mode === 'charref') return el(name, [text(value, 'charref')]);
  return value === '' ? el(name, []) : el(name, [text(value)]);
}

export function emptyForm(rng, name) {
  return rng.weighted([[2, el(name, [])], [2, el(name, [], { selfClose: true })], [1, el(name, [text('\n  ', 'raw')])]]);
}

export function unknownElement(rng) {
  return rng.weighted([
    [3, () => el(rng.pick(['futureField', 'newThing', 'snapshotArn', 'isArchived']), [text(word(rng))])],
    [1, () => el('emptyUnknown', [], { selfClose: true })],
    [2, () => el('unknownSet', [el('item', [el('a', [text('1')]), el('b', [text(xmlString(rng))])]), el('item', [])])],
    [1, () => el('nested', [el('deeper', [el('deepest', [text('x')])])])],
  ])();
}

export function tagSetElement(rng) {
  const form = rng.weighted([[2, 'empty'], [2, 'self'], [1, 'ws'], [6, 'one'], [6, 'many'], [1, 'fifty']]);
  if (form === 'empty') return el('tagSet', []);
  if (form === 'self') return el('tagSet', [], { selfClose: true });
  if (form === 'ws') return el('tagSet', [text('\n    ', 'raw')]);
  const n = form === 'one' ? 1 : form === 'fifty' ? 50 : rng.range(2, 12);
  const items = [];
  for (let i = 0; i < n; i++) {
    const kids = [];
    const hasKey = rng.chance(0.95);
    const hasValue = rng.chance(0.9);
    if (hasKey) kids.push(rng.chance(0.05) ? emptyForm(rng, 'key') : scalarElement(rng, 'key', rng.chance(0.5) ? word(rng) : xmlString(rng)));
    if (hasValue) kids.push(rng.chance(0.1) ? emptyForm(rng, 'value') : scalarElement(rng, 'value', xmlString(rng)));
    if (rng.chance(0.05)) kids.push(unknownElement(rng));
    items.push(el('item', rng.chance(0.2) ? rng.shuffle(kids) : kids, kids.length === 0 && rng.chance(0.5) ? { selfClose: true } : {}));
  }
  return el('tagSet', items);
}

export function requestIdHeaders(rng) {
  const headers = [];
  const id = rng.chance(0.5) ? `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}` : word(rng, 1, 40);
  const which = rng.weighted([[4, null], [4, 'x-amzn-requestid'], [1, 'x-amzn-request-id'], [1, 'x-amz-request-id'], [1, 'X-Amzn-RequestId']]);
  if (which) headers.push([which, id]);
  if (rng.chance(0.15)) headers.push(['x-amz-id-2', `${rng.hex(20)}/${rng.hex(10)}=`]);
  if (rng.chance(0.15)) headers.push(['x-amz-cf-id', rng.hex(24)]);
  if (rng.chance(0.7)) headers.push(['Content-Type', rng.pick(['text/xml;charset=UTF-8', 'text/xml', 'application/xml'])]);
  if (rng.chance(0.2)) headers.push(['Server', 'AmazonEC2']);
  if (rng.chance(0.1)) headers.push(['Vary', 'accept-encoding']);
  return headers;
}

export function chunking(rng, length) {
  if (length < 2 || rng.chance(0.6)) return null;
  const cuts = new Set();
  const n = rng.range(1, Math.min(6, length - 1));
  for (let i = 0; i < n; i++) cuts.add(rng.range(1, length - 1));
  return [...cuts].sort((a, b) => a - b);
}

export const ERROR_CODES = [
  ['DryRunOperation', 412, 'Request would have succeeded, but DryRun flag is set.'],
  ['InvalidVolume.NotFound', 400, "The volume 'vol-1234567890abcdef0' does not exist."],
  ['AuthFailure', 401, 'AWS was not able to validate the provided access credentials'],
  ['UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'],
  ['RequestLimitExceeded', 503, 'Request limit exceeded.'],
  ['InternalError', 500, 'An internal error has occurred'],
  ['Unavailable', 503, 'The server is overloaded and can\u2019t handle the request.'],
  ['IncorrectState', 400, "The volume 'vol-1' is not in the 'available' state."],
  ['SnapshotCreationPerVolumeRateExceeded', 400, 'The maximum per volume CreateSnapshot request rate has been exceeded.'],
  ['InvalidParameterValue', 400, 'Value (x) for parameter volumeId is invalid.'],
  ['MissingParameter', 400, 'The request must contain the parameter volumeId'],
  ['OptInRequired', 403, 'You are not subscribed to this service.'],
  ['SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided.'],
  ['ThrottlingException', 400, 'Rate exceeded'],
  ['InvalidClientTokenId', 403, 'The security token included in the request is invalid.'],
];

const ERROR_STATUSES = [400, 401, 403, 404, 409, 412, 413, 429, 500, 502, 503, 504];

// ---- response specs ------------------------------------------------------------

function successSpec(rng) {
  const children = [];
  if (rng.chance(0.8)) children.push(el('requestId', [text(`${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`)]));
  const presence = rng.weighted([[1, 0.1], [3, 0.5], [3, 0.8], [1, 1]]);
  for (const m of rng.chance(0.3) ? rng.shuffle(OUTPUT_MEMBERS) : OUTPUT_MEMBERS) {
    if (!rng.chance(presence)) continue;
    if (m.type === 'list') children.push(tagSetElement(rng));
    else if (m.type !== 'timestamp' && rng.chance(0.08)) children.push(emptyForm(rng, m.xmlElement));
    else {
      const v = memberValue(rng, m);
      children.push(m.type === 'string' ? scalarElement(rng, m.xmlElement, v) : el(m.xmlElement, [text(v)]));
    }
    if (rng.chance(0.05)) children.push(unknownElement(rng));
  }
  if (rng.chance(0.15)) children.splice(rng.int(children.length + 1), 0, { comment: ' generated ' });
  const rootAttrs = rng.weighted([[6, [['xmlns', XMLNS]]], [1, []], [1, [['xmlns', XMLNS], ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance']]]]);
  const root = children.length === 0 && rng.chance(0.5) ? el('CreateSnapshotResponse', [], { attrs: rootAttrs, selfClose: true }) : el('CreateSnapshotResponse', children, { attrs: rootAttrs });
  return { kind: 'success', status: 200, headers: requestIdHeaders(rng), decl: rng.chance(0.8), pretty: rng.chance(0.6), root };
}

export function errorSpec(rng) {
  if (rng.chance(0.1)) {
    const status = rng.weighted([[4, 404], [1, 400], [1, 403], [1, 500], [1, 503]]);
    return { kind: 'error-empty', status, headers: requestIdHeaders(rng), rawBody: '', root: null };
  }
  const [code, typicalStatus, typicalMessage] = rng.pick(ERROR_CODES);
  const status = rng.chance(0.7) ? typicalStatus : rng.pick(ERROR_STATUSES);
  const wrapper = rng.pick(['Response', 'ErrorResponse/Errors', 'ErrorResponse/Error']);
  const errKids = [];
  if (wrapper === 'ErrorResponse/Error' && rng.chance(0.5)) errKids.push(el('Type', [text(rng.pick(['Sender', 'Receiver']))]));
  const codeForm = rng.weighted([[18, 'known'], [1, 'other'], [1, 'absent']]);
  if (codeForm === 'known') errKids.push(el('Code', [text(code)]));
  else if (codeForm === 'other') errKids.push(el('Code', [text(`${word(rng, 3, 10)}.${word(rng, 3, 10)}`)]));
  const msgForm = rng.weighted([[12, 'typical'], [4, 'random'], [1, 'empty'], [2, 'absent']]);
  if (msgForm === 'typical') errKids.push(scalarElement(rng, 'Message', typicalMessage));
  else if (msgForm === 'random') errKids.push(scalarElement(rng, 'Message', xmlString(rng) || 'x'));
  else if (msgForm === 'empty') errKids.push(el('Message', []));
  // An <Error> with no child at all makes the SDK itself throw a TypeError (NOTES.md): not generated.
  if (errKids.length === 0 || (errKids.length === 1 && errKids[0].el === 'Type')) errKids.push(el('Message', [text(typicalMessage)]));
  if (rng.chance(0.2)) errKids.reverse();
  const requestId = rng.chance(0.85) ? [el(wrapper === 'ErrorResponse/Error' ? 'RequestId' : 'RequestID', [text(`${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`)])] : [];
  const error = el('Error', errKids);
  let root;
  if (wrapper === 'Response') root = el('Response', [el('Errors', [error]), ...requestId]);
  else if (wrapper === 'ErrorResponse/Errors') root = el('ErrorResponse', [el('Errors', [error]), ...requestId], rng.chance(0.3) ? { attrs: [['xmlns', XMLNS]] } : {});
  else root = el('ErrorResponse', [error, ...requestId], rng.chance(0.5) ? { attrs: [['xmlns', 'http://webservices.amazon.com/AWSFault/2005-15-09']] } : {});
  return { kind: `error:${wrapper}`, status, headers: requestIdHeaders(rng), decl: rng.chance(0.8), pretty: rng.chance(0.4), root };
}

/** A random response: about 55% success bodies, 45% errors. */
export function genResponse(rng) {
  const spec = rng.chance(0.55) ? successSpec(rng) : errorSpec(rng);
  spec.renderSeed = rng.hex(8);
  const len = renderBody(spec).length;
  spec.chunks = chunking(rng, len);
  return spec;
}

/** Labels describing a response; the run checks COVERAGE_GOALS_RESPONSE all appear. */
export function responseFeatures(spec) {
  const f = new Set([`kind:${spec.kind}`, `status:${spec.status >= 500 ? '5xx' : spec.status >= 400 ? '4xx' : spec.status}`]);
  if (spec.kind === 'error-empty' && spec.status === 404) f.add('empty-404');
  if (spec.headers.some(([k]) => k.toLowerCase() === 'x-amzn-requestid')) f.add('x-amzn-requestid');
  else f.add('no-x-amzn-requestid');
  if (spec.chunks) f.add('chunked');
  const walk = (node, parent) => {
    if (!node || !('el' in node)) return;
    if (parent === 'CreateSnapshotResponse') {
      const m = OUTPUT_MEMBERS.find((x) => x.xmlElement === node.el);
      if (m) {
        f.add(`member:${m.member}`);
        if (node.selfClose || node.children.length === 0) f.add('empty-element');
        if (m.type === 'timestamp' && /[+-]\d\d:\d\d$/.test(node.children[0]?.text ?? '')) f.add('timestamp-offset');
        if (m.type === 'timestamp' && /\.\d{4,}/.test(node.children[0]?.text ?? '')) f.add('timestamp-long-fraction');
        if (m.enum && node.children[0] && !m.enum.includes(node.children[0].text)) f.add('unknown-enum');
      } else if (node.el !== 'requestId') f.add('unknown-element');
    }
    if (node.el === 'tagSet') {
      const n = node.children.filter((c) => 'el' in c).length;
      f.add(`tagSet:${n === 0 ? 'empty' : n === 1 ? 'one' : 'many'}`);
    }
    for (const c of node.children ?? []) walk(c, node.el);
  };
  walk(spec.root, null);
  return f;
}

export const COVERAGE_GOALS_RESPONSE = [
  'kind:success',
  'kind:error:Response',
  'kind:error:ErrorResponse/Errors',
  'kind:error:ErrorResponse/Error',
  'empty-404',
  'status:4xx',
  'status:5xx',
  'x-amzn-requestid',
  'no-x-amzn-requestid',
  'chunked',
  ...OUTPUT_MEMBERS.map((m) => `member:${m.member}`),
  'empty-element',
  'timestamp-offset',
  'timestamp-long-fraction',
  'unknown-enum',
  'unknown-element',
  'tagSet:empty',
  'tagSet:one',
  'tagSet:many',
];

