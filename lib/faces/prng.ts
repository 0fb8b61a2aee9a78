/**
 * A tiny seedable PRNG. Only 32-bit integer arithmetic (Math.imul, shifts), so
 * the same seed gives the same sequence on every machine and JS engine; we
 * never use Math.random.
 */

/** Mixes a 32-bit integer into a well-scrambled 32-bit integer (murmur3 finaliser). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a hash of a string, so each attribute can have its own named stream. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a seed with further integers into one 32-bit seed. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mix32(seed >>> 0);
  for (const part of parts) h = mix32(h ^ Math.imul(part >>> 0, 0x9e3779b9) ^ 0x27d4eb2f);
  return h;
}

export interface Rng {
  /** Uniform in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One key, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

/** Mulberry32: one 32-bit state word, good enough statistics for procedural art. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (weights) => {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let total = 0;
      for (const key of keys) total += weights[key];
      let r = next() * total;
      for (const key of keys) {
        r -= weights[key];
        if (r < 0) return key;
      }
      return keys[keys.length - 1];
    },
  };
}

/**
 * A separate stream per attribute name: drawing one attribute never shifts
 * another's draws, which keeps attributes statistically independent and keeps
 * old seeds stable when a new attribute is added.
 */
export function attributeRng(seed: number, attribute: string): Rng {
  return createRng(deriveSeed(seed, hashString(attribute)));
}
