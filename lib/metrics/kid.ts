// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimator of MMD² with the
// cubic polynomial kernel k(x, y) = (x·y / d + 1)³, averaged over random subsets, exactly as
// NVIDIA's metrics/kernel_inception_distance.py (num_subsets 100, max_subset_size 1000).
import { mulberry32 } from './random';

export type KidOptions = { numSubsets?: number; maxSubsetSize?: number; seed?: number };

function kernelSums(x: Float32Array, xi: Int32Array, y: Float32Array, yi: Int32Array, d: number, sameSet: boolean): { sum: number; diag: number } {
  let sum = 0;
  let diag = 0;
  const m = xi.length;
  for (let i = 0; i < m; i++) {
    const xo = xi[i] * d;
    for (let j = sameSet ? i : 0; j < m; j++) {
      const yo = yi[j] * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x[xo + k] * y[yo + k];
      const v = (dot / d + 1) ** 3;
      if (sameSet) {
        if (i === j) {
          diag += v;
          sum += v;
        } else sum += 2 * v;
      } else sum += v;
    }
  }
  return { sum, diag };
}

function sampleWithoutReplacement(n: number, m: number, rand: () => number): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, m);
}

/** KID of generated features `gen` [nGen, d] against real features `real` [nReal, d]. */
export function kid(gen: Float32Array, nGen: number, real: Float32Array, nReal: number, d: number, opts: KidOptions = {}): number {
  const numSubsets = opts.numSubsets ?? 100;
  const m = Math.min(nGen, nReal, opts.maxSubsetSize ?? 1000);
  if (m < 2) throw new RangeError('KID needs at least 2 features in each set');
  const rand = mulberry32(opts.seed ?? 0);
  let t = 0;
  for (let s = 0; s < numSubsets; s++) {
    const xi = sampleWithoutReplacement(nGen, m, rand);
    const yi = sampleWithoutReplacement(nReal, m, rand);
    const xx = kernelSums(gen, xi, gen, xi, d, true);
    const yy = kernelSums(real, yi, real, yi, d, true);
    const xy = kernelSums(gen, xi, real, yi, d, false);
    t += (xx.sum + yy.sum - xx.diag - yy.diag) / (m - 1) - (xy.sum * 2) / m;
  }
  return t / numSubsets / m;
}
