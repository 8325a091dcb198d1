// String material for generated inputs and response bodies.

/** Every printable ASCII character, 0x20..0x7E, in order. */
export const ALL_PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/** RFC 3986 gen-delims and sub-delims, plus '%' and the characters that are never allowed raw in a URL. */
export const RESERVED_URL_CHARS = [
  ':', '/', '?', '#', '[', ']', '@',
  '!', '$', '&', "'", '(', ')', '*', '+', ',', ';', '=',
  '%', ' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '~',
];

/** Named Unicode fragments: each one exercises a different UTF-8/UTF-16 shape. */
export const UNICODE_PIECES = {
  astral: ['😀', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𠀋', '🂡', '𐍈', '\u{10FFFF}', '\u{1F9D1}\u{1F3FD}'],
  combining: ['e\u0301', 'A\u030A', 'Z\u0351\u036B\u0343', 'n\u0303o\u0308', '\u0915\u094D\u0937', 'ñ', 'é'],
  rtl: ['שלום', 'مرحبا بالعالم', '\u200Fabc', '\u202Eevil\u202C', 'עברית 123', 'فارسی'],
  emoji: ['👩\u200D👩\u200D👧\u200D👦', '🇫🇷', '☺\uFE0F', '👍🏾', '🏳\uFE0F\u200D🌈', '🤖'],
  cjk: ['日本語', '中文字符', '한국어', 'ｆｕｌｌｗｉｄｔｈ'],
  special: ['\uFEFF', '\u00A0', '\u2028', '\u2029', '\uFFFD', '\uFFFE', '\u200B', '\u00AD', 'ß', '€', '£', '¥', 'Ω'],
  controls: ['\t', '\n', '\r\n', '\r', '\u0001', '\u001F', '\u007F', '\u0085', '\u0000'],
};

export const UNICODE_KINDS = Object.keys(UNICODE_PIECES);

const WORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.';

export function word(rng, min = 1, max = 16) {
  let s = '';
  const n = rng.range(min, max);
  for (let i = 0; i < n; i++) s += rng.pick(WORD_CHARS);
  return s;
}

/**
 * A random string. `allowControls: false` drops the characters an XML 1.0
 * document cannot carry (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF);
 * used for response bodies.
 * Never produces lone surrogates: the SDK throws URIError on them while serializing.
 */
export function genString(rng, { allowControls = true, maxLen = 300 } = {}) {
  const kind = rng.weighted([
    [5, 'word'],
    [1, 'empty'],
    [2, 'reserved'],
    [1, 'all-ascii'],
    [4, 'unicode'],
    [1, 'whitespace'],
    [1, 'long'],
    [1, 'percent'],
    [1, 'mixed'],
  ]);
  let s;
  switch (kind) {
    case 'word':
      s = word(rng);
      break;
    case 'empty':
      s = '';
      break;
    case 'reserved': {
      const n = rng.range(1, 12);
      s = '';
      for (let i = 0; i < n; i++) s += rng.chance(0.7) ? rng.pick(RESERVED_URL_CHARS) : rng.pick(WORD_CHARS);
      break;
    }
    case 'all-ascii':
      s = rng.chance(0.5) ? ALL_PRINTABLE_ASCII : rng.shuffle([...ALL_PRINTABLE_ASCII]).join('');
      break;
    case 'unicode': {
      const n = rng.range(1, 5);
      s = '';
      for (let i = 0; i < n; i++) {
        const kinds = allowControls ? UNICODE_KINDS : UNICODE_KINDS.filter((k) => k !== 'controls');
        s += rng.pick(UNICODE_PIECES[rng.pick(kinds)]);
        if (rng.chance(0.3)) s += rng.pick([' ', word(rng, 1, 4)]);
      }
      break;
    }
    case 'whitespace':
      s = rng.pick([' ', '  ', '\t', ' lead', 'trail ', ' both ', 'a  b', '\n', ' \n ', 'a\r\nb', 'a\rb', '\nx\n']);
      break;
    case 'long': {
      const n = rng.range(100, maxLen);
      s = '';
      while (s.length < n) s += rng.chance(0.2) ? rng.pick(UNICODE_PIECES.astral) : rng.pick(WORD_CHARS + ' &=%');
      break;
    }
    case 'percent':
      s = rng.pick(['%', '%%', '%20', '%2', '%E2%82%AC', '+', 'a+b', 'a=b&c=d', '100%', '%zz', '&Action=Evil']);
      break;
    case 'mixed': {
      s = '';
      const n = rng.range(2, 6);
      for (let i = 0; i < n; i++) {
        s += rng.pick([
          () => word(rng, 1, 5),
          () => rng.pick(RESERVED_URL_CHARS),
          () => rng.pick(UNICODE_PIECES[rng.pick(['astral', 'combining', 'rtl', 'emoji', 'cjk'])]),
        ])();
      }
      break;
    }
  }
  if (!allowControls) s = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  return s;
}
