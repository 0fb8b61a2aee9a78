import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend';
import { noiseRegularizer, normalizeNoise } from './noise-regularizer';

beforeAll(async () => {
  await activateBackend('wasm');
});

describe('noise regulariser', () => {
  it('is near zero for white noise and large for spatially correlated maps', () => {
    const white = [tf.randomNormal([1, 32, 32, 1], 0, 1, 'float32', 1), tf.randomNormal([1, 16, 16, 1], 0, 1, 'float32', 2)];
    const smooth = white.map((n) => {
      const s = n.shape[1]!;
      // Nearest-neighbour upsampled coarse noise: neighbours are equal, autocorrelation ≈ 1.
      return tf.image.resizeNearestNeighbor(tf.randomNormal([1, s / 4, s / 4, 1], 0, 1, 'float32', 3) as tf.Tensor4D, [s, s]);
    });
    const w = noiseRegularizer(white).dataSync()[0];
    const c = noiseRegularizer(smooth).dataSync()[0];
    expect(w).toBeLessThan(0.05);
    expect(c).toBeGreaterThan(1);
    expect(c).toBeGreaterThan(50 * w);
    tf.dispose([...white, ...smooth]);
  });

  it('has a gradient for every map and leaks no tensors', () => {
    const maps = [tf.variable(tf.randomNormal([1, 8, 8, 1], 0, 1, 'float32', 4)), tf.variable(tf.randomNormal([1, 16, 16, 1], 0, 1, 'float32', 5))];
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => noiseRegularizer(maps), maps);
    expect(Object.keys(grads)).toHaveLength(2);
    for (const g of Object.values(grads)) expect(tf.tidy(() => g.abs().max().dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(maps);
  });

  it('normalises a map to zero mean and unit variance', () => {
    const n = normalizeNoise(tf.randomNormal([1, 16, 16, 1], 3, 5, 'float32', 6));
    const d = Array.from(n.dataSync());
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const variance = d.reduce((a, b) => a + (b - mean) ** 2, 0) / d.length;
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(variance).toBeCloseTo(1, 4);
    n.dispose();
  });
});
