/**
 * Transfer learning from the shared StyleGAN2-ADA fixture (official layout:
 * config.json, G.safetensors, D.safetensors) onto a small 32 px dataset, with
 * Freeze-D and --mirror.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initBackend } from '../backend';
import { readSafetensors } from '../safetensors';
import type { SnapshotState } from './checkpoint';
import { loadImageFolder, meanColor } from './dataset';
import { generateFromSeeds, meanRgb } from './grid';
import { disposeNetworks, loadModelFolder, loadSnapshotNetworks } from './networks';
import { train } from './index';
import { writeShapesDataset } from './test-data';

const FIXTURE = path.resolve(__dirname, '../../../../shared/fixtures/stylegan2-ada-32');

let root: string;
let data: string;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'transfer-test-'));
  data = path.join(root, 'data');
  await writeShapesDataset(data, { count: 24, size: 32, seed: 4, color: [250, 240, 60], background: [40, 160, 60] });
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function officialTensors(file: string): Record<string, Float32Array> {
  const { tensors } = readSafetensors(readFileSync(file));
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, t.data]));
}

describe('transfer learning from an official-layout model folder', () => {
  it('fine-tunes the fixture with Freeze-D and --mirror: finite losses, frozen layers untouched, output moves toward the data', async () => {
    const outdir = path.join(root, 'run');
    const result = await train({
      data,
      outdir,
      resume: FIXTURE,
      kimg: 0.08,
      batch: 4,
      tick: 0.04,
      snap: 1,
      freezed: 4,
      mirror: true,
      gridCols: 4,
      gridRows: 2,
      backend: 'wasm',
      seed: 1,
    });
    expect(result.reason).toBe('finished');
    for (const t of result.ticks) for (const v of [t.lossG, t.lossDreal, t.lossDfake]) expect(Number.isFinite(v)).toBe(true);

    const state = JSON.parse(readFileSync(path.join(outdir, result.latest.state), 'utf8')) as SnapshotState;
    expect(state.config.generator_kwargs.img_resolution).toBe(32);
    expect(state.config.discriminator_kwargs.block_kwargs.freeze_layers).toBe(4);
    expect(state.datasetFiles).toBe(24);

    // Freeze-D: the first 4 layers (b32.fromrgb, b32.conv0, b32.conv1, b32.skip) keep the fixture's values.
    const before = officialTensors(path.join(FIXTURE, 'D.safetensors'));
    const snap = officialTensors(path.join(outdir, result.latest.network));
    const frozen = Object.keys(before).filter((k) => /^b32\.(fromrgb|conv0|conv1|skip)\.(weight|bias)$/.test(k));
    expect(frozen.length).toBe(7);
    for (const k of frozen) expect(Buffer.from(snap[`D.${k}`].buffer).equals(Buffer.from(before[k].buffer)), k).toBe(true);
    for (const k of ['b16.conv0.weight', 'b4.fc.weight', 'b4.out.bias']) {
      expect(Buffer.from(snap[`D.${k}`].buffer).equals(Buffer.from(before[k].buffer)), k).toBe(false);
    }

    // The generator's output colour moved toward the (yellow/green) data.
    const target = meanColor(await loadImageFolder(data));
    const seeds = Array.from({ length: 16 }, (_, i) => 500 + i);
    const dist = (a: number[]) => Math.hypot(...a.map((v, i) => v - target[i]));
    const start = loadModelFolder(FIXTURE);
    const d0 = dist(meanRgb(await generateFromSeeds(start.G, seeds, 8)));
    disposeNetworks(start);
    const tuned = loadSnapshotNetworks(path.join(outdir, result.latest.network), state.config);
    const d1 = dist(meanRgb(await generateFromSeeds(tuned.G, seeds, 8)));
    disposeNetworks(tuned);
    expect(d0).toBeGreaterThan(0.3);
    expect(d1).toBeLessThan(0.75 * d0);
  });
});
