import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { activateBackend } from './backend';
import { PARITY_TOLERANCE, runParity, type CaseResult } from './parity';
import { FIXTURE_DIR } from './test-helpers';

const ALL_CASES = [
  'd_logits_img_const_psi1',
  'd_logits_reals',
  'img_const_psi0.7',
  'img_const_psi1',
  'img_mix_const',
  'img_none_psi1',
  'ws_mix',
  'ws_psi0.5_cutoff4',
  'ws_psi0.7',
  'ws_psi1',
];

function expectWithinTolerance(results: CaseResult[]): void {
  for (const r of results) {
    expect(r.relError, r.case).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(Number.isFinite(r.maxAbsError), r.case).toBe(true);
  }
}

describe('parity with the official StyleGAN2-ADA networks (shared fixture)', () => {
  it('matches every reference case on the wasm backend', async () => {
    await activateBackend('wasm');
    // forward cases only here; the training phases have their own test (train-parity.test.ts)
    const run = await runParity(FIXTURE_DIR, { training: false });
    expect(run.phases).toEqual([]);
    expect(run.results.map((r) => r.case).sort()).toEqual(ALL_CASES);
    expectWithinTolerance(run.results);
    expect(run.ok).toBe(true);
  });

  it('matches the mapping, a synthesis and a discriminator case on the cpu backend', async () => {
    await activateBackend('cpu');
    const wanted = new Set(['ws_psi1', 'ws_psi0.7', 'ws_psi0.5_cutoff4', 'img_const_psi1', 'd_logits_reals']);
    const run = await runParity(FIXTURE_DIR, { only: (name) => wanted.has(name) });
    expect(run.phases).toEqual([]); // `only` applies to training phases too
    expect(run.results.map((r) => r.case).sort()).toEqual([...wanted].sort());
    expectWithinTolerance(run.results);
  });
});

describe('parity of the training-path forward (arithmetic lrelu/clamp, no caches, under a gradient tape)', () => {
  it('matches the fixture for synthesis and the discriminator', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { readSafetensors } = await import('./safetensors');
    const { loadDiscriminator, loadGenerator, readConfig } = await import('./model-io');
    const { compareArrays } = await import('./parity');
    await activateBackend('wasm');
    const config = readConfig(FIXTURE_DIR);
    const G = loadGenerator(FIXTURE_DIR, config, 'G.safetensors');
    const D = loadDiscriminator(FIXTURE_DIR, config);
    const cases = readSafetensors(fs.readFileSync(path.join(FIXTURE_DIR, 'cases.safetensors'))).tensors;
    const ws = tf.tensor3d(cases.ws_psi1.data, cases.ws_psi1.shape as [number, number, number]);
    const reals = tf.tensor4d(cases.d_reals.data, cases.d_reals.shape as [number, number, number, number]).transpose([0, 2, 3, 1]) as tf.Tensor4D;
    let img: Float32Array | null = null;
    let logits: Float32Array | null = null;
    const { value, grads } = tf.variableGrads(() => {
      expect(tf.engine().isTapeOn()).toBe(true);
      const out = G.synthesis(ws, { noiseMode: 'const' });
      img = out.transpose([0, 3, 1, 2]).dataSync() as Float32Array;
      const d = D.call(reals);
      logits = d.dataSync() as Float32Array;
      return out.mean().add(d.mean()) as tf.Scalar;
    }, [G.params['synthesis.b32.conv1.weight'], D.params['b32.conv0.weight']]);
    expect(compareArrays('img_const_psi1', img!, cases.img_const_psi1.data).relError).toBeLessThan(PARITY_TOLERANCE);
    expect(compareArrays('d_logits_reals', logits!, cases.d_logits_reals.data).relError).toBeLessThan(PARITY_TOLERANCE);
    tf.dispose([value, ...Object.values(grads), ws, reals]);
    G.dispose();
    D.dispose();
  });
});
