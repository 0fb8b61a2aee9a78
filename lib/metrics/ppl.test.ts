import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/lib/stylegan/backend';
import { filteredMean, pplDistances, ppl, type PplGenerator } from './ppl';
import { gaussian, mulberry32 } from './random';

beforeAll(async () => {
  await initBackend({ backend: 'cpu', quiet: true });
});

// A generator whose synthesis is linear in w: image = reshape(A·w), mapping w = z broadcast to
// numWs copies. With a linear feature map F, d/ε² = ‖F·A·(w₁ − w₀)‖² exactly (no ε error), and
// its expectation over z₀, z₁ ~ N(0, I) is 2‖F·A‖²_F.
const zDim = 6;
const numWs = 2;
const res = 2;
const pixels = res * res * 3;
const A = Float32Array.from(gaussian(mulberry32(11), pixels * zDim)).map((v) => v * 0.1);
const F = Float32Array.from(gaussian(mulberry32(12), pixels * 5)).map((v) => v / 255);

const linearG: PplGenerator = {
  zDim,
  mapping: (z) => tf.tidy(() => tf.stack(Array(numWs).fill(z), 1) as tf.Tensor3D),
  // Uses only the first w so the closed form stays simple.
  synthesis: (ws) =>
    tf.tidy(() => {
      const w = ws.slice([0, 0, 0], [-1, 1, -1]).reshape([ws.shape[0], zDim]);
      return w.matMul(tf.tensor2d(A, [pixels, zDim]), false, true).reshape([ws.shape[0], res, res, 3]) as tf.Tensor4D;
    }),
};
const linearFeatures = (images: tf.Tensor4D) => tf.tidy(() => images.reshape([images.shape[0], pixels]).matMul(tf.tensor2d(F, [pixels, 5])) as tf.Tensor2D);

/** M = F·A as plain float64 [5 × zDim] (F is [pixels × 5] used as xᵀF, A is [pixels × zDim]). */
function effectiveMatrix(): number[][] {
  // image scaled to [0,255]: (A·w + 1)·127.5, so the derivative carries a factor 127.5.
  return Array.from({ length: 5 }, (_, f) =>
    Array.from({ length: zDim }, (_, k) => {
      let s = 0;
      for (let p = 0; p < pixels; p++) s += F[p * 5 + f] * A[p * zDim + k];
      return 127.5 * s;
    }),
  );
}

describe('PPL', () => {
  it('of a generator linear in w equals ‖M·(w₁ − w₀)‖² for each pair', async () => {
    const num = 12;
    const dist = await pplDistances(linearG, linearFeatures, { num, batchSize: 5, seed: 3 });
    // Recreate the same z pairs the metric drew.
    const M = effectiveMatrix();
    const rand = mulberry32(3);
    const expected: number[] = [];
    for (let start = 0; start < num; start += 5) {
      const count = Math.min(5, num - start);
      const z = gaussian(rand, count * 2 * zDim);
      for (let i = 0; i < count; i++) {
        const dz = Array.from({ length: zDim }, (_, k) => z[(2 * i + 1) * zDim + k] - z[2 * i * zDim + k]);
        expected.push(M.reduce((acc, row) => acc + row.reduce((s, m, k) => s + m * dz[k], 0) ** 2, 0));
      }
    }
    // float32 images differenced at ε = 1e-4 lose about three digits: ~1 % agreement is the float32 limit.
    dist.forEach((v, i) => expect(Math.abs(v / expected[i] - 1)).toBeLessThan(0.03));
  });

  it('averages to the closed form 2‖F·A‖²_F over many pairs', async () => {
    const M = effectiveMatrix();
    const closed = 2 * M.flat().reduce((s, v) => s + v * v, 0);
    const value = await ppl(linearG, linearFeatures, { num: 4000, batchSize: 500, seed: 5 });
    // The 1–99 % filter trims the heavy tail a little: the mean lands a few per cent low.
    expect(value / closed).toBeGreaterThan(0.85);
    expect(value / closed).toBeLessThan(1.05);
  });

  it('filteredMean keeps the values between the 1st and 99th percentiles', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => i);
    values[100] = 1e9;
    values[0] = -1e9;
    // lo = sorted[1] = 1, hi = sorted[99] = 99: mean of 1..99.
    expect(filteredMean(values)).toBe(50);
  });
});
