/**
 * End-to-end training runs on tiny synthetic datasets (16 px, channel_max 32)
 * on the wasm backend: from scratch, exact resume, cancellation, ADA and bad data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend';
import { readSafetensors } from '../safetensors';
import { resolveResume, type LatestPointer, type SnapshotState } from './checkpoint';
import { loadImageFolder, meanColor } from './dataset';
import { generateFromSeeds, meanRgb } from './grid';
import { disposeNetworks, initNetworks, loadSnapshotNetworks, scratchConfig } from './networks';
import { train, type TrainInput } from './index';
import { writeShapesDataset } from './test-data';

let root: string;
let data: string;

/** The tiny architecture every test here uses. */
const TINY = { cbase: 512, cmax: 32, wdim: 32, map: 2, gridCols: 4, gridRows: 2, backend: 'wasm' as const };

function run(name: string, extra: Partial<TrainInput>): TrainInput {
  return { data, outdir: path.join(root, name), batch: 8, ...TINY, ...extra };
}

function readLatest(outdir: string): LatestPointer {
  return JSON.parse(readFileSync(path.join(outdir, 'latest.json'), 'utf8')) as LatestPointer;
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, i) => v - b[i]));
}

function tensorsOf(file: string): Record<string, Float32Array> {
  const { tensors } = readSafetensors(readFileSync(file));
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, t.data]));
}

/** Asserts two run folders end in bit-identical weights and optimizer moments; returns their states. */
function expectSameLatest(dirA: string, dirB: string): [SnapshotState, SnapshotState] {
  const a = readLatest(path.join(root, dirA));
  const b = readLatest(path.join(root, dirB));
  for (const [fa, fb] of [
    [a.network, b.network],
    [a.optimizer, b.optimizer],
  ]) {
    const ta = tensorsOf(path.join(root, dirA, fa));
    const tb = tensorsOf(path.join(root, dirB, fb));
    expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
    for (const k of Object.keys(ta)) expect(Buffer.from(tb[k].buffer).equals(Buffer.from(ta[k].buffer)), k).toBe(true);
  }
  const sa = JSON.parse(readFileSync(path.join(root, dirA, a.state), 'utf8')) as SnapshotState;
  const sb = JSON.parse(readFileSync(path.join(root, dirB, b.state), 'utf8')) as SnapshotState;
  return [sa, sb];
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'train-test-'));
  data = path.join(root, 'data');
  // Far from grey on average (yellow background), so 'moved toward the data' is unambiguous.
  await writeShapesDataset(data, { count: 48, size: 16, seed: 7, color: [40, 90, 230], background: [235, 215, 50] });
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('train() from scratch', () => {
  it('finishes with finite losses, writes snapshots, grids and a log, and moves G toward the data', async () => {
    const opts = run('scratch', { kimg: 0.32, tick: 0.08, snap: 2, seed: 3 });
    const progress: string[] = [];
    const result = await train(opts, { onProgress: (p) => progress.push(p.event) });

    expect(result.reason).toBe('finished');
    expect(result.kimg).toBeCloseTo(0.32, 9);
    expect(result.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of result.ticks) {
      for (const v of [t.lossG, t.lossDreal, t.lossDfake]) expect(Number.isFinite(v)).toBe(true);
      expect(t.backend).toBe('wasm');
      expect(t.secPerKimg).toBeGreaterThan(0);
    }
    expect(result.ticks.some((t) => t.r1Penalty !== null && Number.isFinite(t.r1Penalty))).toBe(true);
    // No tensors leak from step to step.
    const counts = result.ticks.slice(1).map((t) => t.numTensors);
    expect(new Set(counts).size).toBe(1);
    expect(progress[0]).toBe('start');
    expect(progress.filter((e) => e === 'step').length).toBe(40);
    expect(progress.at(-1)).toBe('done');

    // Files: one log line per tick; latest.json points at files that exist; grids are PNGs of the right size.
    const log = readFileSync(path.join(opts.outdir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.length).toBe(result.ticks.length);
    expect(log.at(-1)).toMatchObject({ tick: result.tick, kimg: 0.32, backend: 'wasm' });
    const latest = readLatest(opts.outdir);
    expect(latest.tick).toBe(result.tick);
    for (const f of [latest.state, latest.network, latest.optimizer, latest.grid!, 'reals.png']) expect(existsSync(path.join(opts.outdir, f))).toBe(true);
    expect(existsSync(path.join(opts.outdir, 'network-snapshot-000000.safetensors'))).toBe(true);
    expect(existsSync(path.join(opts.outdir, 'network-snapshot-000002.safetensors'))).toBe(true);
    const optimizers = (await fs.readdir(opts.outdir)).filter((f) => f.startsWith('optimizer-'));
    expect(optimizers).toEqual([latest.optimizer]);
    const meta = await sharp(path.join(opts.outdir, latest.grid!)).metadata();
    expect([meta.width, meta.height]).toEqual([4 * 16, 2 * 16]);
    const state = JSON.parse(readFileSync(path.join(opts.outdir, latest.state), 'utf8')) as SnapshotState;
    expect(state.kimg).toBeCloseTo(0.32, 9);
    expect(state.config.generator_kwargs.img_resolution).toBe(16);
    expect(state.trainer.curNimg).toBe(320);

    // The generator's mean colour moved most of the way toward the data's.
    const target = meanColor(await loadImageFolder(data));
    const seeds = Array.from({ length: 32 }, (_, i) => 1000 + i);
    const fresh = initNetworks(scratchConfig({ cfg: 'cpu', resolution: 16, cbase: 512, cmax: 32, wdim: 32, map: 2, mbstdGroup: 4 }), 3);
    const before = distance(meanRgb(await generateFromSeeds(fresh.G_ema, seeds, 8)), target);
    disposeNetworks(fresh);
    const trained = loadSnapshotNetworks(path.join(opts.outdir, latest.network), state.config);
    const after = distance(meanRgb(await generateFromSeeds(trained.G_ema, seeds, 8)), target);
    disposeNetworks(trained);
    expect(before).toBeGreaterThan(0.5);
    expect(after).toBeLessThan(0.4 * before);
  });
});

describe('resume', () => {
  // R1, path-length regularisation, augmentation, its adjustment, style mixing and gradient accumulation all active.
  const busy: Partial<TrainInput> = {
    r1Interval: 2,
    plWeight: 2,
    plInterval: 3,
    aug: 'ada',
    p: 0.3,
    adaInterval: 2,
    adaKimg: 1,
    batchGpu: 4,
    tick: 0.016,
    snap: 1,
    seed: 11,
  };

  it('N ticks in one go equal N/2 ticks plus a resume of N/2, bit for bit', async () => {
    const straight = await train(run('straight', { ...busy, kimg: 0.064 }));
    const first = await train(run('split', { ...busy, kimg: 0.032 }));
    expect(first.kimg).toBeCloseTo(0.032, 9);
    const second = await train({ outdir: path.join(root, 'split'), resume: path.join(root, 'split'), kimg: 0.064 });
    expect(second.kimg).toBeCloseTo(0.064, 9);
    expect(second.tick).toBeGreaterThan(first.tick);
    expect(second.augmentP).toBe(straight.augmentP);
    expect(straight.augmentP).not.toBe(0.3); // p moved, and continued across the resume

    const [sa, sb] = expectSameLatest('straight', 'split');
    expect(sb.trainer).toEqual(sa.trainer);
    expect(sa.trainer.plMean).toBeGreaterThan(0);
    expect(straight.ticks.some((t) => t.plPenalty !== null && Number.isFinite(t.plPenalty))).toBe(true);

    // And the resumed run really resumed: its weights differ from a run that restarted from scratch at 0.032.
    const split = tensorsOf(path.join(root, 'split', readLatest(path.join(root, 'split')).network));
    const restarted = await train(run('restart', { ...busy, kimg: 0.032, seed: 12 }));
    const r = tensorsOf(path.join(root, 'restart', restarted.latest.network));
    expect(Buffer.from(r['G.mapping.fc0.weight'].buffer).equals(Buffer.from(split['G.mapping.fc0.weight'].buffer))).toBe(false);
  });

  it('passes run on extra threads give the same run bit for bit (one thread vs three, then a resume on two)', async () => {
    const threaded: Partial<TrainInput> = { ...busy, batchGpu: 2 }; // 4 passes per phase
    const one = await train(run('one-thread', { ...threaded, kimg: 0.048 }));
    const first = await train(run('threads', { ...threaded, kimg: 0.024, threads: 3 }));
    const second = await train({ outdir: path.join(root, 'threads'), resume: path.join(root, 'threads'), kimg: 0.048, threads: 2 });
    expect(second.kimg).toBeCloseTo(0.048, 9);
    expect(first.ticks.length).toBeGreaterThan(0);
    const [sa, sb] = expectSameLatest('one-thread', 'threads');
    expect(sb.trainer).toEqual(sa.trainer);
    expect(one.ticks.map((t) => [t.lossG, t.lossDreal, t.lossDfake, t.r1Penalty, t.plPenalty])).toEqual(
      [...first.ticks, ...second.ticks].map((t) => [t.lossG, t.lossDreal, t.lossDfake, t.r1Penalty, t.plPenalty]),
    );
  });

  it('stops after the current step on abort, writes a final snapshot, and continues from it', async () => {
    const controller = new AbortController();
    const outdir = path.join(root, 'cancel');
    const result = await train(run('cancel', { kimg: 1, tick: 0.5, snap: 10 }), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.event === 'step' && p.batchIdx === 3) controller.abort();
      },
    });
    expect(result.reason).toBe('cancelled');
    expect(result.kimg).toBeCloseTo(0.024, 9);
    const latest = readLatest(outdir);
    expect(latest.kimg).toBeCloseTo(0.024, 9);
    const src = resolveResume(outdir);
    expect(src.kind).toBe('run');
    const resumed = await train({ outdir, resume: outdir, kimg: 0.04 });
    expect(resumed.reason).toBe('finished');
    expect(resumed.kimg).toBeCloseTo(0.04, 9);

    // --fresh: a new run (kimg from 0, its own folder) that starts from those weights.
    const starts: number[] = [];
    const fresh = await train(
      { data, outdir: path.join(root, 'fresh'), resume: outdir, fresh: true, kimg: 0.016, batch: 8, gridCols: 2, gridRows: 1 },
      { onProgress: (p) => p.event === 'start' && starts.push(p.kimg) },
    );
    expect(starts).toEqual([0]);
    expect(fresh.kimg).toBeCloseTo(0.016, 9);
    const freshState = JSON.parse(readFileSync(path.join(root, 'fresh', fresh.latest.state), 'utf8')) as SnapshotState;
    expect(freshState.trainer.adamSteps.G).toBe(2);
    expect(freshState.config).toEqual(JSON.parse(readFileSync(path.join(outdir, readLatest(outdir).state), 'utf8')).config);
  });
});

describe('ADA', () => {
  it('raises p when D overfits a tiny dataset', async () => {
    const tinyData = path.join(root, 'tiny-data');
    await writeShapesDataset(tinyData, { count: 4, size: 16, seed: 5 });
    const result = await train({ ...run('ada', { kimg: 0.384, tick: 0.096, aug: 'ada', adaKimg: 2, seed: 2 }), data: tinyData });
    const signs = result.ticks.map((t) => t.realSignMean ?? 0);
    expect(Math.max(...signs.slice(1))).toBeGreaterThan(0.6);
    expect(result.augmentP).toBeGreaterThan(0.05);
    const ps = result.ticks.map((t) => t.augmentP);
    expect(ps[0]).toBe(0);
    expect(ps.at(-1)).toBe(result.augmentP);
  });
});

describe('bad data', () => {
  it('stops before the run starts and names the file', async () => {
    const bad = path.join(root, 'bad-data');
    await writeShapesDataset(bad, { count: 3, size: 16 });
    await sharp({ create: { width: 16, height: 12, channels: 3, background: '#336699' } }).png().toFile(path.join(bad, 'img-0001b.png'));
    const outdir = path.join(root, 'bad-run');
    const before = tf.memory().numTensors;
    await expect(train({ ...run('bad-run', { kimg: 0.01 }), data: bad })).rejects.toThrow(/not square: .*img-0001b\.png is 16×12/);
    expect(existsSync(outdir)).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
