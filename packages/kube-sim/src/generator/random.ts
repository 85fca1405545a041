/** Small deterministic PRNG (mulberry32) and helpers for the synthetic cluster generator. */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per (seed, index): node i's choices do not depend on other nodes. */
export function rngFor(seed: number, index: number, salt = 0): Rng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (salt + 0x27d4eb2f), 0x165667b1) >>> 0;
  return mulberry32(h ^ (h >>> 16));
}

export function pickWeighted<T extends { weight: number }>(
  rng: Rng,
  items: T[],
): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let r = rng() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1];
}

export function randomHex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) {
    out += Math.floor(rng() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random name suffix (like the ones generateName produces). */
export function nameSuffix(rng: Rng, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += SUFFIX_ALPHABET[Math.floor(rng() * SUFFIX_ALPHABET.length)];
  return out;
}

const SUFFIX_SPACE = SUFFIX_ALPHABET.length ** 5;

/**
 * A 5-character suffix that looks random but is unique for every n below 27^5 (14,348,907):
 * n is scrambled by a bijection modulo 27^5, so generated names never collide.
 */
export function uniqueSuffix(n: number): string {
  let x =
    ((((n % SUFFIX_SPACE) * 7_368_787 + 1_234_567) % SUFFIX_SPACE) +
      SUFFIX_SPACE) %
    SUFFIX_SPACE;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += SUFFIX_ALPHABET[x % SUFFIX_ALPHABET.length];
    x = Math.floor(x / SUFFIX_ALPHABET.length);
  }
  return out;
}
