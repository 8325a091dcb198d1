// Generated DescribeSnapshots responses: a snapshotSet of 0..1000 <item>s (Snapshot
// members from the botocore model), nextToken present or not, and EC2 error bodies
// (the CreateSnapshot generator's, whose value and element writers are reused).
import { readFileSync } from 'node:fs';
import { el, text, renderBody, XMLNS, memberValue, scalarElement, emptyForm, unknownElement, tagSetElement, requestIdHeaders, chunking, errorSpec } from './gen-response.mjs';
import { genString } from './strings.mjs';

const MODEL = JSON.parse(readFileSync(new URL('../../vectors/model/describe-snapshots-model.json', import.meta.url), 'utf8'));
const SHAPES = MODEL.shapes;

/** Snapshot members in model order: { member, type, xmlElement, enum? } (the shape gen-response's writers take). */
export const SNAPSHOT_MEMBERS = Object.entries(SHAPES.Snapshot.members).map(([member, ref]) => {
  const shape = SHAPES[ref.shape];
  return { member, type: shape.type, xmlElement: ref.locationName, ...(shape.enum ? { enum: shape.enum } : {}) };
});

const uuid = (rng) => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;

/** One snapshot <item>. `light`: fewer members and tags (for the big responses). */
function snapshotItem(rng, presence, light) {
  const kids = [];
  for (const m of rng.chance(0.1) ? rng.shuffle(SNAPSHOT_MEMBERS) : SNAPSHOT_MEMBERS) {
    if (!rng.chance(presence)) continue;
    if (m.type === 'list') {
      if (light) {
        const n = rng.range(0, 2);
        kids.push(el('tagSet', Array.from({ length: n }, (_, i) => el('item', [el('key', [text(`k${i}`)]), el('value', [text(genString(rng, { allowControls: false, maxLen: 20 }))])]))));
      } else kids.push(tagSetElement(rng));
    } else if (m.type !== 'timestamp' && rng.chance(light ? 0.02 : 0.06)) kids.push(emptyForm(rng, m.xmlElement));
    else {
      const v = memberValue(rng, m);
      kids.push(m.type === 'string' && !light ? scalarElement(rng, m.xmlElement, v) : el(m.xmlElement, v === '' ? [] : [text(v)]));
    }
    if (!light && rng.chance(0.03)) kids.push(unknownElement(rng));
  }
  return el('item', kids, kids.length === 0 && rng.chance(0.5) ? { selfClose: true } : {});
}

function snapshotCount(rng) {
  const n = rng.weighted([[3, 0], [6, 1], [10, () => rng.range(2, 8)], [3, () => rng.range(9, 60)], [0.4, () => rng.range(200, 999)], [0.15, 1000]]);
  return typeof n === 'function' ? n() : n;
}

export function describeSuccessSpec(rng) {
  const children = [];
  if (rng.chance(0.85)) children.push(el('requestId', [text(uuid(rng))]));
  const n = snapshotCount(rng);
  const light = n > 60;
  const presence = light ? rng.pick([0.5, 0.9]) : rng.weighted([[1, 0.1], [3, 0.5], [3, 0.8], [2, 1]]);
  const setForm = n > 0 ? 'items' : rng.weighted([[2, 'empty'], [2, 'self'], [1, 'ws'], [1, 'absent']]);
  let set = null;
  if (setForm === 'items') set = el('snapshotSet', Array.from({ length: n }, () => snapshotItem(rng, presence, light)));
  else if (setForm === 'empty') set = el('snapshotSet', []);
  else if (setForm === 'self') set = el('snapshotSet', [], { selfClose: true });
  else if (setForm === 'ws') set = el('snapshotSet', [text('\n  ', 'raw')]);
  const token = rng.weighted([[5, null], [4, 'value'], [1, 'empty']]);
  const tokenEl = token === 'value' ? scalarElement(rng, 'nextToken', Buffer.from(rng.hex(rng.range(8, 200))).toString('base64')) : token === 'empty' ? emptyForm(rng, 'nextToken') : null;
  // EC2 writes snapshotSet then nextToken; the other order must parse the same.
  const body = [set, tokenEl].filter(Boolean);
  children.push(...(rng.chance(0.2) ? body.reverse() : body));
  if (rng.chance(0.05)) children.push(unknownElement(rng));
  if (rng.chance(0.1)) children.splice(rng.int(children.length + 1), 0, { comment: ' generated ' });
  const attrs = rng.weighted([[6, [['xmlns', XMLNS]]], [1, []]]);
  const root = children.length === 0 && rng.chance(0.5) ? el('DescribeSnapshotsResponse', [], { attrs, selfClose: true }) : el('DescribeSnapshotsResponse', children, { attrs });
  return { kind: 'success', status: 200, headers: requestIdHeaders(rng), decl: rng.chance(0.8), pretty: !light && rng.chance(0.6), root, snapshots: n, setForm, token: token ?? 'absent' };
}

/** A random DescribeSnapshots response: about 65% success, 35% errors. */
export function genDescribeResponse(rng) {
  const spec = rng.chance(0.65) ? describeSuccessSpec(rng) : errorSpec(rng);
  spec.renderSeed = rng.hex(8);
  spec.chunks = chunking(rng, renderBody(spec).length);
  return spec;
}

/** Feature labels of a response; the run checks DESCRIBE_RESPONSE_GOALS all appear. */
export function describeResponseFeatures(spec) {
  const f = new Set([`kind:${spec.kind}`]);
  if (spec.kind !== 'success') return f;
  const n = spec.snapshots;
  f.add(`snapshots:${n === 0 ? '0' : n === 1 ? '1' : n >= 1000 ? '1000' : n > 60 ? 'hundreds' : 'some'}`);
  f.add(`set:${spec.setForm}`);
  f.add(`token:${spec.token}`);
  if (spec.chunks) f.add('chunked');
  const set = spec.root.children.find((c) => c.el === 'snapshotSet');
  for (const item of set?.children ?? []) {
    for (const c of item.children ?? []) {
      const m = SNAPSHOT_MEMBERS.find((x) => x.xmlElement === c.el);
      if (m) f.add(`member:${m.member}`);
      if (c.el === 'tagSet' && c.children.some((x) => 'el' in x)) f.add('tags');
      if (c.children?.some((x) => x.mode === 'cdata')) f.add('cdata');
    }
  }
  return f;
}

export const DESCRIBE_RESPONSE_GOALS = [
  'kind:success', 'kind:error:Response', 'kind:error:ErrorResponse/Errors', 'kind:error:ErrorResponse/Error', 'kind:error-empty',
  'snapshots:0', 'snapshots:1', 'snapshots:some', 'snapshots:hundreds', 'snapshots:1000',
  'set:empty', 'set:self', 'set:absent', 'token:absent', 'token:value', 'token:empty', 'chunked', 'tags', 'cdata',
  ...SNAPSHOT_MEMBERS.map((m) => `member:${m.member}`),
];
