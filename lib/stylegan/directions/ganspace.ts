/**
 * GANSpace (Härkönen et al., NeurIPS 2020), written from the paper: PCA of N
 * mapped w = mapping(z) samples; the principal axes, sorted by the variance of w
 * along them, are the directions, and that variance is stored with each one.
 */
import * as tf from '@tensorflow/tfjs';
import type { Generator } from '../generator';
import { canonicalSign, symmetricEigen } from './linalg';
import type { DirectionSet } from './sefa';

export const GANSPACE_DEFAULT_SAMPLES = 10_000;

export interface GanspaceResult extends DirectionSet {
  /** mean w of the samples [w_dim] */
  mean: Float32Array;
  /** each component's share of the total variance */
  explainedRatio: Float32Array;
  samples: number;
}

export async function ganspace(
  g: Generator,
  opts: { k: number; samples?: number; seed?: number; batch?: number },
): Promise<GanspaceResult> {
  const n = opts.samples ?? GANSPACE_DEFAULT_SAMPLES;
  const wDim = g.config.w_dim;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`samples must be an integer ≥ 2, got ${n}`);
  if (!Number.isInteger(opts.k) || opts.k < 1 || opts.k > wDim) throw new RangeError(`k must be an integer in [1, ${wDim}], got ${opts.k}`);
  if (g.config.c_dim > 0) throw new Error('GANSpace needs an unconditional model (c_dim 0)');
  const batch = opts.batch ?? 1000;
  const seed = opts.seed ?? 0;
  const ws = new Float32Array(n * wDim);
  for (let off = 0, part = 0; off < n; off += batch, part++) {
    const m = Math.min(batch, n - off);
    const w = tf.tidy(() => g.mapW(tf.randomNormal([m, g.config.z_dim], 0, 1, 'float32', seed * 100_003 + part)));
    ws.set((await w.data()) as Float32Array, off * wDim);
    w.dispose();
  }
  const mean = new Float64Array(wDim);
  for (let i = 0; i < n; i++) for (let j = 0; j < wDim; j++) mean[j] += ws[i * wDim + j];
  for (let j = 0; j < wDim; j++) mean[j] /= n;
  // covariance Σ (x−μ)ᵀ(x−μ) / (n−1), accumulated in float64 from float32 batch products
  const cov = new Float64Array(wDim * wDim);
  const meanT = tf.tensor2d(Float32Array.from(mean), [1, wDim]);
  for (let off = 0; off < n; off += batch) {
    const m = Math.min(batch, n - off);
    const part = tf.tidy(() => {
      const x = tf.tensor2d(ws.subarray(off * wDim, (off + m) * wDim), [m, wDim]).sub(meanT);
      return tf.matMul(x, x, true, false);
    });
    const data = (await part.data()) as Float32Array;
    part.dispose();
    for (let i = 0; i < cov.length; i++) cov[i] += data[i];
  }
  meanT.dispose();
  for (let i = 0; i < cov.length; i++) cov[i] /= n - 1;
  const { values, vectors } = symmetricEigen(cov, wDim);
  canonicalSign(vectors, opts.k, wDim);
  let total = 0;
  for (let i = 0; i < wDim; i++) total += cov[i * wDim + i];
  const k = opts.k;
  const variance = Float32Array.from(values.subarray(0, k), (v) => Math.max(v, 0));
  return {
    directions: Float32Array.from(vectors.subarray(0, k * wDim)),
    values: variance,
    explainedRatio: Float32Array.from(variance, (v) => (total > 0 ? v / total : 0)),
    mean: Float32Array.from(mean),
    samples: n,
    k,
    wDim,
  };
}
