// DescribeSnapshots inputs: fixed corners, seeded random valid ones, and inputs
// ec2-wasm rejects client-side by design (ValidationError), kept apart.
import { ALL_PRINTABLE_ASCII, RESERVED_URL_CHARS, UNICODE_PIECES, genString, word } from './strings.mjs';
import { halves } from './harness.mjs';

const FILTER_NAMES = ['description', 'encrypted', 'owner-alias', 'owner-id', 'progress', 'snapshot-id', 'start-time', 'status', 'tag:Name', 'tag-key', 'volume-id', 'volume-size', 'storage-tier', 'transfer-type'];
const LISTS = ['OwnerIds', 'RestorableByUserIds', 'SnapshotIds'];

/** rng.weighted where a value may be a thunk (called). */
const pickW = (rng, pairs) => {
  const v = rng.weighted(pairs);
  return typeof v === 'function' ? v() : v;
};

/** A list; now and then a null or undefined entry (the SDK skips those and renumbers the rest). */
function listOf(rng, make) {
  const n = pickW(rng, [[2, 0], [8, 1], [5, () => rng.range(2, 5)], [1, () => rng.range(6, 30)]]);
  return Array.from({ length: n }, () => (rng.chance(0.04) ? rng.pick([null, undefined]) : make()));
}

const str = (rng) => (rng.chance(0.5) ? word(rng) : genString(rng, { maxLen: 120 }));

function listEntry(rng, name) {
  if (name === 'OwnerIds') return pickW(rng, [[3, () => String(rng.range(0, 999999999999)).padStart(12, '0')], [1, () => rng.pick(['self', 'amazon'])], [1, () => str(rng)]]);
  if (name === 'SnapshotIds') return rng.chance(0.8) ? `snap-${rng.hex(17)}` : str(rng);
  return rng.chance(0.6) ? rng.pick(['all', 'self', String(rng.range(0, 999999999999)).padStart(12, '0')]) : str(rng);
}

function genFilter(rng) {
  if (rng.chance(0.03)) return null;
  const f = {};
  for (const p of rng.shuffle(['Name', 'Values'])) {
    if (p === 'Name') {
      if (rng.chance(0.9)) f.Name = rng.chance(0.7) ? rng.pick(FILTER_NAMES) : str(rng);
      else if (rng.chance(0.3)) f.Name = rng.pick([undefined, null]);
    } else if (rng.chance(0.9)) f.Values = listOf(rng, () => str(rng));
    else if (rng.chance(0.3)) f.Values = undefined;
  }
  return f;
}

function maxResults(rng) {
  return pickW(rng, [[4, () => rng.range(5, 1000)], [1, 0], [1, 1], [1, -1], [1, 2147483647], [1, -2147483648], [1, () => rng.range(1001, 100000)]]);
}

/** A random, valid DescribeSnapshots input; member order shuffled on purpose. */
export function genDescribeInput(rng) {
  const input = {};
  for (const m of rng.shuffle(['Filters', 'MaxResults', 'NextToken', ...LISTS, 'DryRun'])) {
    const present = rng.chance(m === 'Filters' ? 0.6 : 0.4);
    if (!present) {
      if (rng.chance(0.1)) input[m] = undefined;
      continue;
    }
    if (m === 'Filters') input.Filters = pickW(rng, [[1, () => []], [8, () => [genFilter(rng)]], [4, () => Array.from({ length: rng.range(2, 6) }, () => genFilter(rng))], [1, () => Array.from({ length: 25 }, () => genFilter(rng))]]);
    else if (m === 'MaxResults') input.MaxResults = maxResults(rng);
    else if (m === 'NextToken') input.NextToken = rng.chance(0.7) ? Buffer.from(rng.hex(rng.range(8, 120))).toString('base64') : str(rng);
    else if (m === 'DryRun') input.DryRun = rng.pick([true, false]);
    else input[m] = listOf(rng, () => listEntry(rng, m));
  }
  return input;
}

const UNI = Object.values(UNICODE_PIECES).flat().filter((s) => s !== '\u0000');

/** Inputs every run sends, whatever the seed. */
export const FIXED_DESCRIBE_INPUTS = [
  ['empty input', {}],
  ['paginator first page', { MaxResults: 1000 }],
  ['every member', { Filters: [{ Name: 'status', Values: ['completed', 'pending'] }, { Name: 'tag:Name', Values: ['x'] }], MaxResults: 5, NextToken: 'abc+/=', OwnerIds: ['self', 'amazon'], RestorableByUserIds: ['all'], SnapshotIds: ['snap-1', 'snap-2'], DryRun: false }],
  ['every member, reversed key order', { DryRun: true, SnapshotIds: ['snap-1'], RestorableByUserIds: ['123456789012'], OwnerIds: ['123456789012'], NextToken: 't', MaxResults: 6, Filters: [{ Values: ['v'], Name: 'n' }] }],
  ['empty lists everywhere', { Filters: [], OwnerIds: [], RestorableByUserIds: [], SnapshotIds: [] }],
  ['filters: empty Values, no Values, no Name, {}', { Filters: [{ Name: 'a', Values: [] }, { Name: 'b' }, { Values: ['c'] }, {}, { Name: 'e', Values: ['', ''] }] }],
  ['empty strings', { NextToken: '', OwnerIds: [''], RestorableByUserIds: [''], SnapshotIds: [''], Filters: [{ Name: '', Values: [''] }] }],
  ['all printable ASCII', { NextToken: ALL_PRINTABLE_ASCII, OwnerIds: [ALL_PRINTABLE_ASCII], Filters: [{ Name: ALL_PRINTABLE_ASCII, Values: [ALL_PRINTABLE_ASCII] }] }],
  ['reserved URL characters', { SnapshotIds: RESERVED_URL_CHARS, Filters: [{ Name: RESERVED_URL_CHARS.join(''), Values: RESERVED_URL_CHARS.map((c) => c + c) }] }],
  ['unicode pieces', { Filters: [{ Name: 'description', Values: UNI }], RestorableByUserIds: UNI.slice(0, 10) }],
  ['MaxResults 0', { MaxResults: 0 }],
  ['MaxResults -1', { MaxResults: -1 }],
  ['MaxResults int32 max and DryRun true', { MaxResults: 2147483647, DryRun: true }],
  ['explicit undefined members', { Filters: undefined, MaxResults: undefined, NextToken: undefined, OwnerIds: undefined, RestorableByUserIds: undefined, SnapshotIds: undefined, DryRun: undefined }],
  ['undefined inside filters', { Filters: [{ Name: undefined, Values: undefined }, { Name: 'x', Values: ['y'] }] }],
  ['null members', { Filters: null, MaxResults: null, NextToken: null, OwnerIds: null, RestorableByUserIds: null, SnapshotIds: null, DryRun: null }],
  ['100 snapshot ids', { SnapshotIds: Array.from({ length: 100 }, (_, i) => `snap-${String(i).padStart(17, '0')}`) }],
  ['long NextToken (6000 chars)', { NextToken: 'eyJ2IjoxLCJjIjoi+/='.repeat(300) }],
];

/**
 * Inputs with an entry the package may refuse (null list entries, fractional or huge numbers...).
 * The test sorts each one by what ec2-wasm does: ValidationError with no request, or same bytes as the SDK.
 */
export const EDGE_DESCRIBE_INPUTS = [
  ['null in SnapshotIds', { SnapshotIds: ['snap-1', null, 'snap-2'] }],
  ['undefined in OwnerIds', { OwnerIds: [undefined, 'self'] }],
  ['null in Filter Values', { Filters: [{ Name: 'a', Values: ['x', null] }] }],
  ['null Filter entry', { Filters: [null, { Name: 'a', Values: ['b'] }] }],
  ['null Filter Name', { Filters: [{ Name: null, Values: ['b'] }] }],
  ['MaxResults 5.5', { MaxResults: 5.5 }],
  ['MaxResults 2**31', { MaxResults: 2 ** 31 }],
  ['MaxResults -2**31 - 1', { MaxResults: -(2 ** 31) - 1 }],
  ['MaxResults NaN', { MaxResults: NaN }],
  ['MaxResults Infinity', { MaxResults: Infinity }],
  ['MaxResults -Infinity', { MaxResults: -Infinity }],
  ['MaxResults -0', { MaxResults: -0 }],
  ['NextToken number', { NextToken: 7 }],
  ['NaN in OwnerIds', { OwnerIds: [NaN, 'self'] }],
  ['DryRun NaN', { DryRun: NaN }],
  ['Filter Name Infinity', { Filters: [{ Name: Infinity, Values: ['v'] }] }],
  ['NextToken a Date', { NextToken: new Date(0) }],
  ['SnapshotIds with a Date', { SnapshotIds: [new Date(0)] }],
  ['MaxResults BigInt 5n', { MaxResults: 5n }],
  ['Filter Values not a list', { Filters: [{ Name: 'a', Values: 'b' }] }],
  ['MaxResults "5"', { MaxResults: '5' }],
  ['DryRun "true"', { DryRun: 'true' }],
  ['SnapshotIds not a list', { SnapshotIds: 'snap-1' }],
  ['number in OwnerIds', { OwnerIds: [123] }],
  ['Filters not a list', { Filters: { Name: 'a' } }],
  ['lone surrogate in NextToken', { NextToken: 'a\uD800b' }],
];

/** Feature labels of an input; the run checks DESCRIBE_COVERAGE_GOALS all appear. */
export function describeInputFeatures(input) {
  const f = new Set();
  for (const [k, v] of Object.entries(input)) if (v !== undefined) f.add(`member:${k}`);
  for (const k of ['Filters', ...LISTS]) {
    const v = input[k];
    if (Array.isArray(v)) f.add(`${k}:${v.length === 0 ? '0' : v.length === 1 ? '1' : 'many'}`);
  }
  for (const flt of Array.isArray(input.Filters) ? input.Filters : []) {
    if (Array.isArray(flt?.Values)) f.add(`Values:${flt.Values.length === 0 ? '0' : flt.Values.length === 1 ? '1' : 'many'}`);
    if (flt && !('Name' in flt)) f.add('filter:no-name');
  }
  for (const k of ['Filters', ...LISTS]) if (Array.isArray(input[k]) && input[k].some((v) => v == null)) f.add('entry:null');
  for (const flt of Array.isArray(input.Filters) ? input.Filters : []) if (flt?.Values?.some?.((v) => v == null)) f.add('entry:null-value');
  if (typeof input.MaxResults === 'number') f.add(`MaxResults:${input.MaxResults <= 0 ? 'non-positive' : input.MaxResults > 1000 ? 'big' : 'normal'}`);
  if ('DryRun' in input) f.add(`DryRun:${input.DryRun}`);
  const strings = JSON.stringify(input);
  if (/[\u{10000}-\u{10FFFF}]/u.test(strings)) f.add('unicode:astral');
  if (/\p{M}/u.test(strings)) f.add('unicode:combining');
  return f;
}

export const DESCRIBE_COVERAGE_GOALS = [
  ...['Filters', 'MaxResults', 'NextToken', ...LISTS, 'DryRun'].map((m) => `member:${m}`),
  ...['Filters', ...LISTS, 'Values'].flatMap((k) => [`${k}:0`, `${k}:1`, `${k}:many`]),
  'filter:no-name', 'entry:null', 'entry:null-value', 'MaxResults:non-positive', 'MaxResults:normal', 'MaxResults:big', 'DryRun:true', 'DryRun:false', 'unicode:astral', 'unicode:combining',
];

/** Smaller versions of a DescribeSnapshots input, for shrinking. */
export function* describeInputCandidates(input) {
  const clone = () => structuredClone(input);
  for (const k of Object.keys(input)) {
    const c = clone();
    delete c[k];
    yield c;
  }
  for (const k of ['Filters', ...LISTS]) {
    const list = input[k];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const c = clone();
      c[k].splice(i, 1);
      yield c;
      if (k !== 'Filters') {
        for (const h of halves(list[i])) yield Object.assign(clone(), { [k]: list.map((v, j) => (j === i ? h : v)) });
        continue;
      }
      for (const p of Object.keys(list[i] ?? {})) {
        const d = clone();
        delete d.Filters[i][p];
        yield d;
      }
      for (const h of halves(list[i]?.Name)) {
        const d = clone();
        d.Filters[i].Name = h;
        yield d;
      }
      const vals = list[i]?.Values;
      for (let j = 0; Array.isArray(vals) && j < vals.length; j++) {
        const d = clone();
        d.Filters[i].Values.splice(j, 1);
        yield d;
        for (const h of halves(vals[j])) {
          const e = clone();
          e.Filters[i].Values[j] = h;
          yield e;
        }
      }
    }
  }
  for (const h of halves(input.NextToken)) yield Object.assign(clone(), { NextToken: h });
}
