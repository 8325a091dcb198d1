// Seeded pseudo-random numbers for the generators. Every case gets its own
// stream derived from (run seed, phase, case index), so one case can be
// replayed alone (DIFF_ONLY) without generating the ones before it.

/** Hashes a string to 32 bits (FNV-1a). */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A 32-bit finaliser (avalanche) used to spread the seed over the state words. */
function avalanche(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Marsaglia xorshift128 over four 32-bit words, seeded from a string.
 * Plenty for test-case generation; not for anything cryptographic.
 */
export class Rng {
  constructor(seedText) {
    let h = hash32(String(seedText));
    const word = () => {
      h = (h + 0x9e3779b9) >>> 0;
      return avalanche(h);
    };
    this.s = [word(), word(), word(), word()];
    if (this.s.every((w) => w === 0)) this.s[0] = 1;
  }

  /** Next unsigned 32-bit integer. */
  u32() {
    const s = this.s;
    let t = s[0] ^ (s[0] << 11);
    s[0] = s[1];
    s[1] = s[2];
    s[2] = s[3];
    s[3] = (s[3] ^ (s[3] >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return s[3];
  }

  /** Uniform float in [0, 1). */
  float() {
    return this.u32() / 0x100000000;
  }

  /** Integer in [0, n). */
  int(n) {
    return Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi] (inclusive). */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  /** true with probability p. */
  chance(p) {
    return this.float() < p;
  }

  pick(items) {
    return items[this.int(items.length)];
  }

  /** Picks from [[weight, value], ...]. */
  weighted(pairs) {
    const total = pairs.reduce((sum, [w]) => sum + w, 0);
    let r = this.float() * total;
    for (const [w, v] of pairs) {
      if ((r -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }

  shuffle(items) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Lower-case hex string of n digits. */
  hex(n) {
    let out = '';
    while (out.length < n) out += this.u32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }
}
