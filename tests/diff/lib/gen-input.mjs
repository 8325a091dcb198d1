// CreateSnapshot inputs: a fixed set that pins the corners, then seeded random ones.
import { ALL_PRINTABLE_ASCII, RESERVED_URL_CHARS, UNICODE_PIECES, genString, word } from './strings.mjs';

/** A few values of the model's ResourceType enum (any of them is valid client-side). */
const RESOURCE_TYPES = ['snapshot', 'snapshot', 'snapshot', 'volume', 'instance', 'image', 'vpc-endpoint-connection-device-type'];

function volumeId(rng) {
  return rng.weighted([
    [6, () => `vol-${rng.hex(17)}`],
    [2, () => `vol-${rng.hex(8)}`],
    [1, () => genString(rng)],
  ])();
}

function outpostArn(rng) {
  return rng.chance(0.7)
    ? `arn:aws:outposts:us-east-1:${String(rng.range(0, 999999999999)).padStart(12, '0')}:outpost/op-${rng.hex(17)}`
    : genString(rng);
}

function tagCount(rng) {
  return rng.weighted([
    [2, () => 0],
    [10, () => rng.range(1, 3)],
    [4, () => rng.range(4, 10)],
    [1, () => rng.range(11, 49)],
    [1, () => 50],
  ])();
}

function genTag(rng) {
  const tag = {};
  const parts = rng.shuffle(['Key', 'Value']);
  for (const p of parts) {
    const present = rng.chance(p === 'Key' ? 0.95 : 0.9);
    if (present) tag[p] = p === 'Key' && rng.chance(0.5) ? word(rng, 1, 20) : genString(rng, { maxLen: 256 });
    else if (rng.chance(0.2)) tag[p] = undefined;
  }
  return tag;
}

function genSpec(rng) {
  const spec = {};
  for (const p of rng.shuffle(['ResourceType', 'Tags'])) {
    if (p === 'ResourceType') {
      if (rng.chance(0.85)) spec.ResourceType = rng.pick(RESOURCE_TYPES);
      else if (rng.chance(0.3)) spec.ResourceType = undefined;
    } else if (rng.chance(0.85)) {
      spec.Tags = Array.from({ length: tagCount(rng) }, () => genTag(rng));
    } else if (rng.chance(0.3)) {
      spec.Tags = undefined;
    }
  }
  return spec;
}

/** A random, valid CreateSnapshot input. Member order in the object is shuffled on purpose. */
export function genInput(rng) {
  const input = {};
  const members = rng.shuffle(['VolumeId', 'Description', 'OutpostArn', 'TagSpecifications', 'Location', 'DryRun']);
  for (const m of members) {
    switch (m) {
      case 'VolumeId':
        input.VolumeId = volumeId(rng);
        break;
      case 'Description':
        if (rng.chance(0.55)) input.Description = genString(rng, { maxLen: 500 });
        else if (rng.chance(0.15)) input.Description = undefined;
        break;
      case 'OutpostArn':
        if (rng.chance(0.25)) input.OutpostArn = outpostArn(rng);
        else if (rng.chance(0.1)) input.OutpostArn = undefined;
        break;
      case 'TagSpecifications':
        if (rng.chance(0.6)) {
          const n = rng.weighted([[1, 0], [8, 1], [3, 2], [2, 3], [1, 5], [1, 10]]);
          input.TagSpecifications = Array.from({ length: n }, () => genSpec(rng));
        } else if (rng.chance(0.1)) input.TagSpecifications = undefined;
        break;
      case 'Location':
        input.Location = rng.weighted([[3, undefined], [1, 'regional'], [1, 'local']]);
        if (input.Location === undefined && rng.chance(0.8)) delete input.Location;
        break;
      case 'DryRun':
        input.DryRun = rng.weighted([[1, undefined], [1, true], [1, false]]);
        if (input.DryRun === undefined && rng.chance(0.8)) delete input.DryRun;
        break;
    }
  }
  return input;
}

const ASTRAL_ALL = UNICODE_PIECES.astral.join('');
const EVERY_UNICODE_PIECE = Object.entries(UNICODE_PIECES)
  .filter(([k]) => k !== 'controls')
  .flatMap(([, v]) => v);

/** Inputs every run sends, whatever the seed: the corners the random walk might miss. */
export const FIXED_INPUTS = [
  ['minimal', { VolumeId: 'vol-1234567890abcdef0' }],
  [
    'captured-success (vectors/model/samples)',
    {
      VolumeId: 'vol-1234567890abcdef0',
      Description: 'Daily Backup (root) 100%',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'Name', Value: 'my snap' }, { Key: 'env', Value: 'prod' }] }],
      DryRun: false,
    },
  ],
  [
    'every member, every printable ASCII character',
    {
      DryRun: true,
      Location: 'local',
      TagSpecifications: [{ Tags: [{ Value: ALL_PRINTABLE_ASCII, Key: ALL_PRINTABLE_ASCII }], ResourceType: 'snapshot' }],
      OutpostArn: ALL_PRINTABLE_ASCII,
      Description: ALL_PRINTABLE_ASCII,
      VolumeId: ALL_PRINTABLE_ASCII,
    },
  ],
  [
    'each reserved URL character alone as a tag key and value',
    {
      VolumeId: 'vol-1',
      Description: RESERVED_URL_CHARS.join(''),
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: RESERVED_URL_CHARS.map((c) => ({ Key: c, Value: c + c })) }],
      Location: 'regional',
    },
  ],
  [
    'empty strings everywhere',
    {
      VolumeId: '',
      Description: '',
      OutpostArn: '',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: '', Value: '' }] }],
      DryRun: false,
    },
  ],
  [
    '50 tags with Unicode',
    {
      VolumeId: 'vol-0abc',
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}-${EVERY_UNICODE_PIECE[i % EVERY_UNICODE_PIECE.length]}`, Value: EVERY_UNICODE_PIECE[(i * 7) % EVERY_UNICODE_PIECE.length].repeat(1 + (i % 3)) })),
        },
      ],
    },
  ],
  [
    'ten specs, empty and partial ones',
    {
      VolumeId: 'vol-2',
      TagSpecifications: [
        {},
        { ResourceType: 'snapshot' },
        { Tags: [] },
        { ResourceType: 'snapshot', Tags: [] },
        { ResourceType: 'volume', Tags: [{ Key: 'only-key' }] },
        { ResourceType: 'snapshot', Tags: [{ Value: 'only-value' }] },
        { ResourceType: 'snapshot', Tags: [{}] },
        { ResourceType: 'snapshot', Tags: [{ Key: 'a', Value: 'b' }, {}, { Key: 'c', Value: 'd' }] },
        { Tags: [{ Key: 'no-resource-type', Value: 'x' }] },
        { ResourceType: 'snapshot', Tags: Array.from({ length: 12 }, (_, i) => ({ Key: `t${i}`, Value: String(i) })) },
      ],
    },
  ],
  ['empty TagSpecifications list', { VolumeId: 'vol-1', TagSpecifications: [] }],
  [
    'explicit undefined members',
    {
      VolumeId: 'vol-3',
      Description: undefined,
      OutpostArn: undefined,
      Location: undefined,
      DryRun: undefined,
      TagSpecifications: [{ ResourceType: undefined, Tags: [{ Key: 'k', Value: undefined }, { Key: undefined, Value: 'v' }] }],
    },
  ],
  [
    'astral, combining, RTL and emoji',
    {
      VolumeId: 'vol-4',
      Description: `${ASTRAL_ALL} ${UNICODE_PIECES.combining.join('')} ${UNICODE_PIECES.rtl.join(' ')} ${UNICODE_PIECES.emoji.join('')}`,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: Object.entries(UNICODE_PIECES).map(([k, v]) => ({ Key: k, Value: v.join('') })) }],
    },
  ],
  ['long description (8000 chars)', { VolumeId: 'vol-5', Description: 'x&y=z %😀 '.repeat(800) }],
  ['DryRun true, Location regional', { VolumeId: 'vol-6', DryRun: true, Location: 'regional' }],
  ['DryRun false, Location local, OutpostArn', { VolumeId: 'vol-7', DryRun: false, Location: 'local', OutpostArn: 'arn:aws:outposts:us-east-1:123456789012:outpost/op-1234567890abcdef0' }],
];

/** Labels describing what an input exercises; the run checks that all of COVERAGE_GOALS showed up. */
export function inputFeatures(input) {
  const f = new Set();
  const strings = [];
  for (const m of ['VolumeId', 'Description', 'OutpostArn', 'Location', 'DryRun', 'TagSpecifications']) {
    if (input[m] !== undefined) f.add(`member:${m}`);
  }
  if ('Location' in input) f.add(`Location:${input.Location}`);
  f.add(`DryRun:${'DryRun' in input ? input.DryRun : 'absent'}`);
  for (const k of ['VolumeId', 'Description', 'OutpostArn']) if (typeof input[k] === 'string') strings.push(input[k]);
  const specs = input.TagSpecifications;
  if (Array.isArray(specs)) {
    f.add(`specs:${specs.length === 0 ? '0' : specs.length === 1 ? '1' : 'many'}`);
    for (const s of specs) {
      if (s.ResourceType !== undefined) f.add('member:ResourceType');
      if (typeof s.ResourceType === 'string') strings.push(s.ResourceType);
      if (Array.isArray(s.Tags)) {
        f.add(`tags:${s.Tags.length === 0 ? '0' : s.Tags.length === 1 ? '1' : s.Tags.length >= 50 ? '50+' : 'many'}`);
        for (const t of s.Tags) {
          for (const k of ['Key', 'Value']) if (typeof t[k] === 'string') strings.push(t[k]);
        }
      }
    }
  }
  for (const s of strings) {
    if (s === '') f.add('string:empty');
    if (/[\u{10000}-\u{10FFFF}]/u.test(s)) f.add('unicode:astral');
    if (/\p{M}/u.test(s)) f.add('unicode:combining');
    if (/[\u0590-\u08FF\u200F\u202E]/u.test(s)) f.add('unicode:rtl');
    if (/\p{Extended_Pictographic}/u.test(s)) f.add('unicode:emoji');
    for (const c of RESERVED_URL_CHARS) if (s.includes(c)) f.add(`reserved:${c}`);
  }
  return f;
}

export const COVERAGE_GOALS = [
  ...['VolumeId', 'Description', 'OutpostArn', 'Location', 'DryRun', 'TagSpecifications', 'ResourceType'].map((m) => `member:${m}`),
  'Location:regional',
  'Location:local',
  'DryRun:true',
  'DryRun:false',
  'DryRun:absent',
  'specs:0',
  'specs:1',
  'specs:many',
  'tags:0',
  'tags:1',
  'tags:many',
  'tags:50+',
  'string:empty',
  'unicode:astral',
  'unicode:combining',
  'unicode:rtl',
  'unicode:emoji',
  ...RESERVED_URL_CHARS.map((c) => `reserved:${c}`),
];
