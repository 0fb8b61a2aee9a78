import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from './index';
import { relativeError, useBackend, values } from './wasm-test-backend';

/** Deterministic pseudo-random values in [-1, 1). */
function fill(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

interface Case {
  a: number[];
  b: number[];
  ta: boolean;
  tb: boolean;
}

const cases: Case[] = [];
for (const [ta, tb] of [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const) {
  // 2-D (dense layers and their gradients), batched, and batch-broadcast shapes.
  cases.push({ a: ta ? [16, 5] : [5, 16], b: tb ? [7, 16] : [16, 7], ta, tb });
  cases.push({ a: ta ? [3, 9, 4] : [3, 4, 9], b: tb ? [3, 6, 9] : [3, 9, 6], ta, tb });
  cases.push({ a: ta ? [2, 3, 8, 5] : [2, 3, 5, 8], b: tb ? [1, 1, 4, 8] : [1, 1, 8, 4], ta, tb });
}

const product = (c: Case, av: Float32Array, bv: Float32Array) =>
  tf.tidy(() => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.ta, c.tb));

describe('wasm BatchMatMul with transposed operands', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it.each(cases.map((c) => [`${JSON.stringify(c.a)}${c.ta ? 'ᵀ' : ''} · ${JSON.stringify(c.b)}${c.tb ? 'ᵀ' : ''}`, c] as const))(
    'matches the cpu backend, leaks nothing: %s',
    async (_name, c) => {
      const av = fill(c.a.reduce((x, y) => x * y), 1);
      const bv = fill(c.b.reduce((x, y) => x * y), 2);
      await useBackend('cpu');
      const ref = product(c, av, bv);
      const refValues = await values(ref);
      const refShape = ref.shape;
      ref.dispose();
      await useBackend('wasm');
      const before = tf.memory().numTensors;
      const got = product(c, av, bv);
      expect(got.shape).toEqual(refShape);
      expect(relativeError(await values(got), refValues)).toBeLessThan(1e-6);
      got.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('gives the same values as the stock wasm kernel, and the same gradients', async () => {
    const av = fill(16 * 32, 3);
    const bv = fill(32 * 24, 4);
    const gv = fill(16 * 24, 5);
    const run = () =>
      tf.tidy(() => {
        const a = tf.tensor2d(av, [16, 32]);
        const b = tf.tensor2d(bv, [32, 24]);
        const g = tf.tensor2d(gv, [16, 24]);
        // The gradients of a·b are dy·bᵀ and aᵀ·dy: both transposed products.
        return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), g)))([a, b]);
      });
    await useBackend('wasm');
    const ours = await Promise.all(run().map(async (t) => [await values(t), t.dispose()][0] as Float32Array));
    unregisterWasmTrainingKernels();
    try {
      const stock = await Promise.all(run().map(async (t) => [await values(t), t.dispose()][0] as Float32Array));
      expect(relativeError(ours[0], stock[0])).toBeLessThan(1e-6);
      expect(relativeError(ours[1], stock[1])).toBeLessThan(1e-6);
    } finally {
      registerWasmTrainingKernels();
    }
  });
});
