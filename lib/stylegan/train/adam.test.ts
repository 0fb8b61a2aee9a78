import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Adam, OFFICIAL_ADAM, lazyRegularizationAdam } from './adam';
import { useBackend } from '../kernels/wasm-test-backend';

/** torch.optim.Adam's update in float64, the reference. */
function referenceAdam(p0: number[], grads: number[][], o: { lr: number; beta1: number; beta2: number; epsilon: number }) {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, k) => {
    const t = k + 1;
    for (let i = 0; i < p.length; i++) {
      m[i] = o.beta1 * m[i] + (1 - o.beta1) * g[i];
      v[i] = o.beta2 * v[i] + (1 - o.beta2) * g[i] * g[i];
      const denom = Math.sqrt(v[i]) / Math.sqrt(1 - o.beta2 ** t) + o.epsilon;
      p[i] -= (o.lr / (1 - o.beta1 ** t)) * (m[i] / denom);
    }
  });
  return p;
}

/** A variable that owns its data (tf.variable leaves the initial tensor alive otherwise). */
function variableOf(values: number[]): tf.Variable {
  const init = tf.tensor1d(values);
  const v = tf.variable(init);
  init.dispose();
  return v;
}

describe('Adam', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('uses the official StyleGAN2-ADA defaults', () => {
    expect(OFFICIAL_ADAM).toEqual({ lr: 0.0025, beta1: 0, beta2: 0.99, epsilon: 1e-8 });
  });

  it('applies the lazy-regularisation correction (mb_ratio = interval/(interval+1))', () => {
    const o = lazyRegularizationAdam(OFFICIAL_ADAM, 16);
    expect(o.lr).toBeCloseTo(0.0025 * (16 / 17), 12);
    expect(o.beta1).toBe(0);
    expect(o.beta2).toBeCloseTo(0.99 ** (16 / 17), 12);
    expect(lazyRegularizationAdam(OFFICIAL_ADAM, 4).lr).toBeCloseTo(0.002, 12);
    expect(lazyRegularizationAdam(OFFICIAL_ADAM, null)).toEqual(OFFICIAL_ADAM);
  });

  it.each([
    ['official (β1 = 0)', lazyRegularizationAdam(OFFICIAL_ADAM, 16)],
    ['with momentum', { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }],
  ])('matches torch.optim.Adam arithmetic: %s', (_name, options) => {
    const p0 = [0.5, -1.25, 2, 0.001];
    const grads = [
      [0.1, -0.2, 0.3, 0],
      [1.5, 0.02, -0.7, 1e-4],
      [-0.3, 0.4, 0.05, -2],
    ];
    const w = tf.variable(tf.tensor1d(p0));
    const adam = new Adam({ w }, options);
    for (const g of grads) {
      const gt = tf.tensor1d(g);
      adam.apply({ w: gt });
      gt.dispose();
    }
    const got = Array.from(w.dataSync());
    const want = referenceAdam(p0, grads, options);
    for (let i = 0; i < p0.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    expect(adam.step).toBe(3);
    adam.dispose();
    w.dispose();
  });

  it('treats a missing gradient as zero and rejects unknown names', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const adam = new Adam({ a, b }, OFFICIAL_ADAM);
    const g = tf.tensor1d([1, 1]);
    adam.apply({ a: g });
    expect(Array.from(b.dataSync())).toEqual([3]);
    expect(Array.from(a.dataSync())[0]).toBeCloseTo(1 - 0.0025, 6);
    expect(() => adam.apply({ c: g })).toThrow(/unknown parameter 'c'/);
    tf.dispose([a, b, g]);
    adam.dispose();
  });

  it('resumes bit-identically from saved moments and leaks no tensors', () => {
    const steps = Array.from({ length: 6 }, (_, k) => [Math.sin(k + 1), Math.cos(3 * k), k * 0.1 - 0.2]);
    const run = (split: number | null) => {
      let w = variableOf([0.3, -0.7, 1.1]);
      let adam = new Adam({ w }, lazyRegularizationAdam(OFFICIAL_ADAM, 16));
      steps.forEach((g, k) => {
        if (split !== null && k === split) {
          const saved = adam.getState();
          const weights = w.clone();
          adam.dispose();
          w.dispose();
          w = tf.variable(weights);
          weights.dispose();
          adam = new Adam({ w }, lazyRegularizationAdam(OFFICIAL_ADAM, 16));
          adam.setState(saved);
          tf.dispose(Object.values(saved.tensors));
        }
        const gt = tf.tensor1d(g);
        adam.apply({ w: gt });
        gt.dispose();
      });
      const out = Array.from(w.dataSync());
      adam.dispose();
      w.dispose();
      return out;
    };
    const before = tf.memory().numTensors;
    const straight = run(null);
    expect(run(3)).toEqual(straight);
    expect(tf.memory().numTensors).toBe(before);
  });
});
