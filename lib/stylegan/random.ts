/**
 * Deterministic random numbers, independent of TensorFlow.js's own RNG and of
 * the backend, so that a seed means the same latent everywhere.
 *
 * Generator: MT19937 (Matsumoto & Nishimura 1998) seeded with the classic
 * `init_genrand(seed)` recurrence, exactly as `numpy.random.RandomState(seed)`
 * seeds it for an integer seed in [0, 2^32). Uniform doubles use numpy's
 * 53-bit construction `((a >>> 5) * 2^26 + (b >>> 6)) / 2^53`, and normals
 * use numpy's legacy polar Box–Muller (`legacy_gauss`, which caches the second
 * value of each pair), all in float64. Hence
 * `new NumpyRandomState(seed).randn(n)` equals `np.random.RandomState(seed).randn(n)`,
 * which is what NVIDIA's `generate.py` uses to turn a seed into z: seed k here
 * gives the same z (and so the same image) as seed k there.
 *
 * Only integer arithmetic, Math.sqrt and Math.log are involved; V8 computes
 * these identically on every platform, so results are reproducible bit for bit.
 */
export class NumpyRandomState {
  private readonly mt = new Uint32Array(624);
  private index = 624;
  private cachedGauss: number | null = null;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
    }
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 * prev + i, modulo 2^32, without losing bits to float64 rounding.
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < 624; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff);
      let next = mt[(i + 397) % 624] ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      mt[i] = next >>> 0;
    }
    this.index = 0;
  }

  /** Uniform double in [0, 1) with 53 random bits (numpy `random_sample`). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Standard normal (numpy legacy polar method). */
  gauss(): number {
    if (this.cachedGauss !== null) {
      const g = this.cachedGauss;
      this.cachedGauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    return f * x2;
  }

  /** n standard normals as float64 (numpy `randn(n)`). */
  randn(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.gauss();
    return out;
  }

  /** n standard normals rounded to float32, scaled. */
  randnFloat32(n: number, scale = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.gauss() * scale;
    return out;
  }
}

/** z for one seed: identical to `np.random.RandomState(seed).randn(1, zDim)` (official generate.py). */
export function seedToZ(seed: number, zDim: number): Float32Array {
  return new NumpyRandomState(seed).randnFloat32(zDim);
}
