/**
 * A tiny training run on the webgpu backend (forced: on CI the software adapter from Mesa's
 * llvmpipe): every phase (Gmain, Dmain, lazy R1, path length, ADA, EMA, Freeze-D), a snapshot,
 * and an exact resume, the same way train.test.ts proves them on wasm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initBackend } from '../backend';
import { readSafetensors } from '../safetensors';
import { train, type TrainInput } from './index';
import { writeShapesDataset } from './test-data';

let root: string;
let data: string;

const TINY = { cbase: 512, cmax: 32, wdim: 32, map: 2, gridCols: 2, gridRows: 2, backend: 'webgpu' as const };

function run(name: string, extra: Partial<TrainInput>): TrainInput {
  // Every phase each step: R1 and path length at interval 1, fixed augmentation, one frozen D block.
  return { data, outdir: path.join(root, name), batch: 4, gamma: 0.1, r1Interval: 1, plWeight: 2, plInterval: 2, aug: 'ada', adaInterval: 1, adaKimg: 1, freezed: 1, seed: 5, ...TINY, ...extra };
}

function network(dir: string): Record<string, Float32Array> {
  const latest = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as { network: string };
  const { tensors } = readSafetensors(readFileSync(path.join(dir, latest.network)));
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, t.data]));
}

beforeAll(async () => {
  const info = await initBackend({ backend: 'webgpu', quiet: true });
  expect(info.choice).toBe('webgpu');
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'train-webgpu-'));
  data = path.join(root, 'data');
  await writeShapesDataset(data, { count: 16, size: 16, seed: 7 });
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('train() on webgpu', () => {
  it('runs every phase with finite losses, snapshots, and resumes to the same weights as an uninterrupted run', async () => {
    const whole = await train(run('whole', { kimg: 0.016, tick: 0.008, snap: 1 }));
    expect(whole.reason).toBe('finished');
    expect(whole.backend).toBe('webgpu');
    const ticks = whole.ticks.filter((t) => t.steps > 0);
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) {
      for (const v of [t.lossG, t.lossDreal, t.lossDfake, t.r1Penalty]) expect(Number.isFinite(v), JSON.stringify(t)).toBe(true);
      // Path length runs on even steps only (interval 2): a tick of one odd step has none.
      expect(t.plPenalty === null || Number.isFinite(t.plPenalty), JSON.stringify(t)).toBe(true);
    }
    expect(ticks.some((t) => Number.isFinite(t.plPenalty))).toBe(true);
    expect(whole.augmentP).toBeGreaterThan(0); // ADA moved p (adjusted every step here)

    const half = await train(run('resumed', { kimg: 0.008, tick: 0.008, snap: 1 }));
    expect(half.kimg).toBeCloseTo(0.008, 9);
    const resumed = await train(run('resumed', { kimg: 0.016, tick: 0.008, snap: 1, resume: path.join(root, 'resumed') }));
    expect(resumed.kimg).toBeCloseTo(0.016, 9);

    const a = network(path.join(root, 'whole'));
    const b = network(path.join(root, 'resumed'));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    let worst = 0;
    for (const k of Object.keys(a)) {
      let num = 0;
      let den = 0;
      a[k].forEach((v, i) => {
        num += (b[k][i] - v) ** 2;
        den += v * v;
      });
      worst = Math.max(worst, Math.sqrt(num / Math.max(den, 1e-30)));
    }
    // Same inputs, same device, same kernels: the resumed run continues the uninterrupted one.
    expect(worst).toBeLessThan(1e-5);
  });
});
