import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import type { Generator } from '../generator';
import { loadGenerator, readConfig } from '../model-io';
import { FIXTURE_DIR } from '../test-helpers';
import { ganspace } from './ganspace';

let G: Generator;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  G = loadGenerator(FIXTURE_DIR, readConfig(FIXTURE_DIR));
});

describe('GANSpace on the official 32 px fixture', () => {
  it('gives orthonormal components with variance descending, and that variance is the variance of w along them', async () => {
    const k = 12;
    const r = await ganspace(G, { k, samples: 3000, seed: 4 });
    const d = r.wDim;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += r.directions[i * d + t] * r.directions[j * d + t];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
    for (let i = 1; i < k; i++) expect(r.values[i]).toBeLessThanOrEqual(r.values[i - 1]);
    expect(r.values[k - 1]).toBeGreaterThan(0);
    const ratioSum = r.explainedRatio.reduce((s, v) => s + v, 0);
    expect(ratioSum).toBeGreaterThan(0);
    expect(ratioSum).toBeLessThanOrEqual(1 + 1e-6);

    // fresh samples: the variance of the projection on each component matches the stored one
    const w = tf.tidy(() => G.mapW(tf.randomNormal([3000, G.config.z_dim], 0, 1, 'float32', 99)));
    const ws = (await w.data()) as Float32Array;
    w.dispose();
    for (const i of [0, 1, k - 1]) {
      const proj = Array.from({ length: 3000 }, (_, s) => {
        let p = 0;
        for (let t = 0; t < d; t++) p += ws[s * d + t] * r.directions[i * d + t];
        return p;
      });
      const mean = proj.reduce((a, b) => a + b, 0) / proj.length;
      const variance = proj.reduce((a, b) => a + (b - mean) ** 2, 0) / (proj.length - 1);
      expect(Math.abs(variance - r.values[i]) / r.values[i]).toBeLessThan(0.15);
    }
    // and no unit vector in w beats the first component (a random one explains less)
    const rnd = Array.from({ length: d }, (_, t) => Math.cos(t * 3.1));
    const l = Math.hypot(...rnd);
    const proj = Array.from({ length: 3000 }, (_, s) => rnd.reduce((p, x, t) => p + (x / l) * ws[s * d + t], 0));
    const m = proj.reduce((a, b) => a + b, 0) / proj.length;
    expect(proj.reduce((a, b) => a + (b - m) ** 2, 0) / 2999).toBeLessThan(r.values[0]);
  });

  it('rejects k beyond w_dim', async () => {
    await expect(ganspace(G, { k: G.config.w_dim + 1, samples: 10 })).rejects.toThrow(RangeError);
  });
});
