import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend';
import type { Discriminator } from '../discriminator';
import type { Generator } from '../generator';
import { loadDiscriminator, loadGenerator, readConfig } from '../model-io';
import { renderSeeds, renderWs } from '../synthesize';
import { project, ProjectionCancelled, renderProjection, type ProjectionProgress } from './project';
import { psnr } from './psnr';

const MODEL = path.resolve(__dirname, '../../../models/default');
let G: Generator;
let D: Discriminator;

beforeAll(async () => {
  await activateBackend('wasm');
  const config = readConfig(MODEL);
  G = loadGenerator(MODEL, config);
  D = loadDiscriminator(MODEL, config);
});

afterAll(() => {
  G?.dispose();
  D?.dispose();
});

describe('projector on the bundled model', () => {
  it('recovers an image the model generated (seed 7, ψ 0.7) in W+ with noise maps, reporting progress on the way', async () => {
    const [target] = await renderSeeds(G, [7], { psi: 0.7 });
    // Where the search starts: w_avg, the model's own noise.
    const wAvg = tf.tidy(() => tf.tile(G.wAvg!.reshape([1, 1, -1]), [1, G.numWs, 1]) as tf.Tensor3D);
    const [start] = await renderWs(G, wAvg);
    wAvg.dispose();
    const startPsnr = psnr(start.pixels, target.pixels);

    const before = tf.memory().numTensors;
    const events: ProjectionProgress[] = [];
    const r = await project(G, D, target.pixels, { steps: 60, wPlus: true, optimizeNoise: true, seed: 1, snapshotEvery: 20 }, { onProgress: (p) => void events.push(p) });
    expect(tf.memory().numTensors).toBe(before);

    expect(r.psnr).toBeGreaterThan(28);
    expect(r.psnr).toBeGreaterThan(startPsnr + 8);
    expect(r.ws).toHaveLength(G.numWs * G.config.w_dim);
    expect(r.noise).toHaveLength(G.noiseShapes(1).length);
    expect(events.map((e) => e.step)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(events.filter((e) => e.snapshot).map((e) => e.step)).toEqual([1, 21, 41, 60]);
    expect(events[59].snapshot).toEqual(r.image);
    // The loss falls: last tenth well below the first tenth.
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(r.lossHistory.slice(-6))).toBeLessThan(mean(r.lossHistory.slice(0, 6)) / 3);
    // The saved latent (ws + noise maps) renders the same pixels.
    expect(await renderProjection(G, r.ws, r.noise)).toEqual(r.image);
  });

  it('in W mode keeps one w for every layer and the model\'s constant noise, and repeats exactly for a seed', async () => {
    const [target] = await renderSeeds(G, [7], { psi: 0.7 });
    const r = await project(G, D, target.pixels, { steps: 8, wPlus: false, optimizeNoise: false, seed: 1 });
    expect(r.noise).toBeNull();
    const wDim = G.config.w_dim;
    for (let layer = 1; layer < G.numWs; layer++) {
      expect(Array.from(r.ws.subarray(layer * wDim, (layer + 1) * wDim))).toEqual(Array.from(r.ws.subarray(0, wDim)));
    }
    expect(await renderProjection(G, r.ws, null)).toEqual(r.image);
    // Same seed, same search (seed 0 included: tfjs would treat a raw 0 as unseeded).
    const again = await project(G, D, target.pixels, { steps: 8, wPlus: false, optimizeNoise: false, seed: 0 });
    const third = await project(G, D, target.pixels, { steps: 8, wPlus: false, optimizeNoise: false, seed: 0 });
    expect(Array.from(third.ws)).toEqual(Array.from(again.ws));
  });

  it('stops with ProjectionCancelled when its signal aborts, leaking no tensors', async () => {
    const [target] = await renderSeeds(G, [3], { psi: 0.7 });
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    await expect(
      project(G, D, target.pixels, { steps: 50, wPlus: true, optimizeNoise: true }, {
        signal: controller.signal,
        onProgress: (p) => {
          steps = p.step;
          if (p.step === 3) controller.abort();
        },
      }),
    ).rejects.toBeInstanceOf(ProjectionCancelled);
    expect(steps).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a target of the wrong size', async () => {
    await expect(project(G, D, new Uint8Array(10), { steps: 1 })).rejects.toThrow(/64×64×3/);
  });
});
