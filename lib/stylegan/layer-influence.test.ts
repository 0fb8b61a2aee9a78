import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend';
import type { Generator } from './generator';
import { layerInfluence, resolutionUsage, singleLayerMasks } from './layer-influence';
import { loadGenerator, readConfig } from './model-io';
import { renderWs, seedsToWs } from './synthesize';
import { FIXTURE_DIR } from './test-helpers';

let G: Generator;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  G = loadGenerator(FIXTURE_DIR, readConfig(FIXTURE_DIR));
});

describe('layerInfluence (official 32 px fixture)', () => {
  const opts = { seedsA: [0, 1, 2, 3], seedsB: [10, 11, 12, 13], psi: 0.7 };

  it('is 0 when nothing is swapped and, with every layer swapped, the mean |Δ| between the A and B images', async () => {
    const none = Array(G.numWs).fill(false);
    const all = Array(G.numWs).fill(true);
    const [zero, whole] = await layerInfluence(G, [none, all], opts);
    expect(zero).toBe(0);
    const [wa, wb] = [seedsToWs(G, opts.seedsA, { psi: 0.7 }), seedsToWs(G, opts.seedsB, { psi: 0.7 })];
    const a = await renderWs(G, wa, { noiseMode: 'const' });
    const b = await renderWs(G, wb, { noiseMode: 'const' });
    tf.dispose([wa, wb]);
    let sum = 0;
    let count = 0;
    a.forEach((img, k) => {
      for (let j = 0; j < img.pixels.length; j++) sum += Math.abs(img.pixels[j] - b[k].pixels[j]);
      count += img.pixels.length;
    });
    expect(whole).toBeCloseTo(sum / count, 9);
    expect(whole).toBeGreaterThan(5);
  });

  it('gives every single layer a value between 0 and the whole swap, and rejects a mask of the wrong length', async () => {
    const numTensors = tf.memory().numTensors;
    const per = await layerInfluence(G, singleLayerMasks(G.numWs), opts);
    const [whole] = await layerInfluence(G, [Array(G.numWs).fill(true)], opts);
    expect(per).toHaveLength(G.numWs);
    for (const v of per) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(whole);
    }
    expect(per.some((v) => v > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(numTensors);
    await expect(layerInfluence(G, [[true]], opts)).rejects.toThrow(/1 entries, the generator has \d+ ws/);
  });
});

describe('resolutionUsage (official 32 px fixture)', () => {
  it('measures every toRGB, restores the weights exactly, leaks nothing', async () => {
    const seeds = [0, 1, 2, 3];
    const ws = seedsToWs(G, seeds, { psi: 0.7 });
    const before = await renderWs(G, ws, { noiseMode: 'const' });
    const numTensors = tf.memory().numTensors;
    const usage = await resolutionUsage(G, { seedsA: seeds, psi: 0.7 });
    expect(tf.memory().numTensors).toBe(numTensors);
    expect([...usage.keys()]).toEqual([4, 8, 16, 32]);
    for (const v of usage.values()) expect(v).toBeGreaterThan(0);
    const after = await renderWs(G, ws, { noiseMode: 'const' });
    ws.dispose();
    after.forEach((img, k) => expect(Buffer.from(img.pixels).equals(Buffer.from(before[k].pixels))).toBe(true));
  });

  it('gives 0 for a resolution whose toRGB is already zero and stays positive for the others', async () => {
    const seeds = [0, 1];
    const usage = await resolutionUsage(G, { seedsA: seeds });
    const vars = ['synthesis.b8.torgb.weight', 'synthesis.b8.torgb.bias'].map((n) => G.params[n]);
    const saved = vars.map((v) => v.clone());
    try {
      tf.tidy(() => vars.forEach((v) => v.assign(tf.zerosLike(v))));
      const zeroed = await resolutionUsage(G, { seedsA: seeds });
      expect(zeroed.get(8)).toBe(0);
      // Removing 8 px leaves the other outputs as they were, but the image they are measured
      // against changed, so only the zero is exact; the rest stay positive.
      for (const r of [4, 16, 32]) expect(zeroed.get(r)!).toBeGreaterThan(0);
      expect(usage.get(8)!).toBeGreaterThan(0);
    } finally {
      vars.forEach((v, i) => v.assign(saved[i]));
      tf.dispose(saved);
    }
  });
});
