/**
 * Seedable random numbers for training whose whole state is four 32-bit words
 * (plus a cached normal), so a run can be saved and resumed bit for bit.
 *
 * xoshiro128** (Blackman & Vigna) seeded through splitmix32; uniforms use 53
 * bits from two outputs; normals use the Box–Muller transform in float64 and
 * keep the second value of each pair in the state. Only integer arithmetic,
 * Math.log, Math.sqrt, Math.cos and Math.sin are involved; V8 computes them the
 * same way on every platform.
 *
 * Training uses one named stream per consumer (latents, noise, augmentation,
 * batch order, …) via `fork`, so that adding a draw in one place does not shift
 * the numbers every other place sees.
 */

export interface RngState {
  /** xoshiro128** state, four unsigned 32-bit words. */
  s: [number, number, number, number];
  /** Second Box–Muller value waiting to be returned, or null. */
  spare: number | null;
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** 32-bit FNV-1a of a string, to turn stream names into seeds. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  private constructor(s: [number, number, number, number], spare: number | null) {
    if (s.every((v) => v === 0)) throw new Error('xoshiro128** state must not be all zero');
    [this.s0, this.s1, this.s2, this.s3] = s.map((v) => v >>> 0);
    this.spare = spare;
  }

  /** A generator for an integer seed (any safe integer; negative and large seeds are fine). */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 2 ** 32) >>> 0;
    const mix = splitmix32(lo ^ Math.imul(hi, 0x9e3779b1));
    const s: [number, number, number, number] = [mix(), mix(), mix(), mix()];
    if (s.every((v) => v === 0)) s[0] = 1;
    return new Rng(s, null);
  }

  static fromState(state: RngState): Rng {
    if (!state || !Array.isArray(state.s) || state.s.length !== 4 || !state.s.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)) {
      throw new Error('invalid RNG state');
    }
    return new Rng([...state.s] as [number, number, number, number], state.spare ?? null);
  }

  /** An independent stream derived from this generator's current state and a name; this generator is not advanced. */
  fork(name: string): Rng {
    const mix = splitmix32(this.s0 ^ rotl(this.s1, 7) ^ rotl(this.s2, 13) ^ rotl(this.s3, 19) ^ hashString(name));
    const s: [number, number, number, number] = [mix() ^ this.s0, mix() ^ this.s1, mix() ^ this.s2, mix() ^ this.s3].map((v) => v >>> 0) as [
      number,
      number,
      number,
      number,
    ];
    if (s.every((v) => v === 0)) s[0] = 1;
    return new Rng(s, null);
  }

  getState(): RngState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spare: this.spare };
  }

  /** Next unsigned 32-bit integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n) without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new Error(`int(n) needs 0 < n <= 2^32, got ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.nextUint32();
      if (v < limit) return v % n;
    }
  }

  /** Standard normal (Box–Muller, float64). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u1 = this.uniform();
    while (u1 === 0) u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** n standard normals as float32, times `scale`. */
  normalArray(n: number, scale = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal() * scale;
    return out;
  }

  /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }
}
