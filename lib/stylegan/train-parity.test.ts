import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { loadDiscriminator, loadGenerator, readConfig } from './model-io';
import { compareArrays, runParity } from './parity';
import { readSafetensors, type SafeTensor } from './safetensors';
import { constNoise, nchwToNhwcData, runTrainParity, TRAIN_PHASES, TRAIN_TOLERANCE } from './train-parity';
import { FIXTURE_DIR } from './test-helpers';

const phaseNames = new Set<string>(TRAIN_PHASES);

function loadFixture() {
  const config = readConfig(FIXTURE_DIR);
  const G = loadGenerator(FIXTURE_DIR, config, 'G.safetensors');
  const D = loadDiscriminator(FIXTURE_DIR, config);
  const cases = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'train_cases.safetensors'))).tensors;
  const r1Gamma = (config.raw.train_case as { r1_gamma: number }).r1_gamma;
  return { G, D, cases, r1Gamma, dispose: () => (G.dispose(), D.dispose()) };
}

describe('training-step parity with the official loss phases (shared fixture, PassRunner)', () => {
  it('reproduces the losses and every parameter gradient of Gmain, Dmain and Dreg on wasm', async () => {
    await activateBackend('wasm');
    const run = await runParity(FIXTURE_DIR, { only: (name) => phaseNames.has(name) });
    expect(run.results).toEqual([]);
    expect(run.phases.map((p) => p.phase)).toEqual(['Gmain', 'Dmain', 'Dreg']);
    for (const p of run.phases) {
      expect(p.lossRelError, p.phase).toBeLessThanOrEqual(TRAIN_TOLERANCE.lossRel);
      expect(p.gradRelError, p.phase).toBeLessThanOrEqual(TRAIN_TOLERANCE.gradRel);
      expect(p.worst, p.phase).not.toBeNull();
      expect(p.worst!.relError, `${p.phase} ${p.worst!.name}`).toBeLessThanOrEqual(TRAIN_TOLERANCE.tensorRel);
      expect(p.ok, p.phase).toBe(true);
    }
    expect(run.ok).toBe(true);
  });

  it('fails a phase whose reference loss or one reference gradient is off', async () => {
    await activateBackend('wasm');
    const f = loadFixture();
    try {
      const cases: Record<string, SafeTensor> = { ...f.cases };
      const scaled = (key: string, factor: number) => ({ ...cases[key], data: cases[key].data.map((v) => v * factor) });
      cases['Gmain.loss'] = scaled('Gmain.loss', 1 + 1e-3);
      cases['Dreg.grad.b8.conv0.weight'] = scaled('Dreg.grad.b8.conv0.weight', 1.05);
      const phases = await runTrainParity(f.G, f.D, cases, { r1Gamma: f.r1Gamma, only: (p) => p !== 'Dmain' });
      const [gMain, dReg] = phases;
      expect(phases.map((p) => p.phase)).toEqual(['Gmain', 'Dreg']);
      // Gmain: only the loss is off
      expect(gMain.ok).toBe(false);
      expect(gMain.lossRelError).toBeGreaterThan(9e-4);
      expect(gMain.gradRelError).toBeLessThan(TRAIN_TOLERANCE.gradRel);
      // Dreg: one tensor 5 % off → ‖g − ref‖/‖ref‖ ≈ 0.05/1.05 for that tensor, named as the worst
      expect(dReg.ok).toBe(false);
      expect(dReg.lossRelError).toBeLessThan(TRAIN_TOLERANCE.lossRel);
      expect(dReg.worst!.name).toBe('b8.conv0.weight');
      expect(dReg.worst!.relError).toBeCloseTo(0.05 / 1.05, 3);
      // Its one-ulp spread was measured, and is far too small to excuse a 5 % error.
      expect(dReg.ulpSpread).not.toBeNull();
      expect(dReg.ulpSpread!.worstTensor).toBeLessThan(1e-3);
    } finally {
      f.dispose();
    }
  });

  it('excuses a gradient only within a few times its own one-ulp spread (noise strengths sum cancelling terms)', async () => {
    await activateBackend('wasm');
    const f = loadFixture();
    const name = 'synthesis.b8.conv1.noise_strength';
    try {
      const gMainWith = async (factor: number) => {
        const cases: Record<string, SafeTensor> = { ...f.cases };
        const key = `Gmain.grad.${name}`;
        cases[key] = { ...cases[key], data: cases[key].data.map((v) => v * factor) };
        const [gMain] = await runTrainParity(f.G, f.D, cases, { r1Gamma: f.r1Gamma, only: (p) => p === 'Gmain' });
        return gMain;
      };
      const exact = await gMainWith(1);
      expect(exact.ok).toBe(true);
      expect(exact.ulpSpread).toBeNull(); // within the fixed limits: nothing measured
      // This scalar moves by about 1 % when the inputs move by one float32 ulp.
      const near = await gMainWith(1.02);
      expect(near.worst!.name).toBe(name);
      expect(near.worst!.relError).toBeGreaterThan(TRAIN_TOLERANCE.tensorRel);
      expect(near.ulpSpread).not.toBeNull();
      expect(near.ulpSpread!.worstTensor * near.ulpSpread!.factor).toBeGreaterThan(near.worst!.relError);
      expect(near.ok).toBe(true);
      const far = await gMainWith(1.5);
      expect(far.ok).toBe(false);
    } finally {
      f.dispose();
    }
  });

  it('feeds the stored noise_const buffers in the order the synthesis reads explicit noise', async () => {
    await activateBackend('wasm');
    const f = loadFixture();
    try {
      const n = 2;
      const noise = await constNoise(f.G, n);
      expect(noise.map((a) => a.length)).toEqual(f.G.noiseShapes(n).map((s) => s.reduce((a, b) => a * b, 1)));
      const ws = tf.randomNormal([n, f.G.numWs, f.G.config.w_dim], 0, 1, 'float32', 3) as tf.Tensor3D;
      const explicit = f.G.noiseShapes(n).map((shape, i) => tf.tensor4d(noise[i], shape));
      const a = f.G.synthesis(ws, { noiseMode: 'random', noise: explicit });
      const b = f.G.synthesis(ws, { noiseMode: 'const' });
      const [da, db] = await Promise.all([a.data(), b.data()]);
      expect(compareArrays('noise', da, db).maxAbsError).toBe(0);
      tf.dispose([ws, a, b, ...explicit]);
    } finally {
      f.dispose();
    }
  });

  it('permutes NCHW to NHWC', () => {
    // [1, 2, 1, 3]: channel 0 = 0 1 2, channel 1 = 10 11 12
    const out = nchwToNhwcData(Float32Array.from([0, 1, 2, 10, 11, 12]), [1, 2, 1, 3]);
    expect(Array.from(out)).toEqual([0, 10, 1, 11, 2, 12]);
  });
});
