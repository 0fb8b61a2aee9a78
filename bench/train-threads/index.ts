/**
 * Data-parallel training on wasm: wall seconds per step and per kimg of the bundled default
 * model's architecture (64 px; 64 channels to 16 px, 32 at 32 px, 16 at 64 px; batch 8) with
 * every pass on the trainer's thread, and with passes shared by extra threads (--threads).
 * Results are bit-identical across rows with the same images per pass (train.test.ts checks
 * that), so only time differs. Wall time is what counts here; run it on an otherwise idle
 * machine with at least as many cores as the largest thread count.
 *
 *   node --import tsx bench/train-threads/index.ts [--steps=N] [--threads=1,2]
 *
 * "step" is the median of N plain steps after one warm-up step; "R1 step" one step that also
 * runs the lazy R1 pass; sec/kimg = (step + (R1 step − step)/16) · 1000 / batch.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/stylegan/backend';
import { registerWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { DEFAULT_AUGMENT_SPEC } from '../../lib/stylegan/train/augment';
import { disposeNetworks, initNetworks, scratchConfig } from '../../lib/stylegan/train/networks';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer, type TrainerSettings } from '../../lib/stylegan/train/trainer';

const RES = 64;
const BATCH = 8;
const R1_INTERVAL = 16;


function settings(batchGpu: number): TrainerSettings {
  return {
    batch: BATCH,
    batchGpu,
    gamma: 0.8,
    r1Interval: R1_INTERVAL,
    plWeight: 0,
    plInterval: 4,
    plBatchShrink: 2,
    plDecay: 0.01,
    styleMixing: 0.9,
    emaKimg: (BATCH * 10) / 32,
    emaRampup: 0.05,
    glr: 0.0025,
    dlr: 0.0025,
    aug: 'fixed',
    p: 0.15, // about where the bundled model's ADA sits
    target: 0.6,
    adaKimg: 100,
    adaInterval: 4,
    augSpec: DEFAULT_AUGMENT_SPEC,
    freezed: 0,
    seed: 0,
  };
}

async function wallOfStep(trainer: Trainer, batchIdx: number): Promise<number> {
  trainer.batchIdx = batchIdx;
  const t0 = performance.now();
  await trainer.step();
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const steps = Number(arg('steps') ?? 6);
  const threadCounts = (arg('threads') ?? '1,2').split(',').map(Number);
  const backend = await initBackend({ backend: 'wasm', quiet: true });
  registerWasmTrainingKernels();
  const config = scratchConfig({ cfg: 'cpu', resolution: RES, cbase: 1024, cmax: 64, wdim: 128, map: 2, mbstdGroup: 4 });
  const rows: string[][] = [];
  let reference: number | null = null;
  const cases = [{ threads: 1, batchGpu: 8 }, ...threadCounts.map((threads) => ({ threads, batchGpu: BATCH / Math.max(2, threads) }))];
  for (const c of cases) {
    const nets = initNetworks(config, 0);
    const trainer = new Trainer(nets, syntheticDataset(RES, 64), settings(c.batchGpu));
    try {
      if (c.threads > 1) await trainer.startThreads(c.threads - 1, backend.choice);
      await wallOfStep(trainer, 1); // warm-up
      const plain: number[] = [];
      for (let i = 0; i < steps; i++) plain.push(await wallOfStep(trainer, 1 + i));
      const r1 = await wallOfStep(trainer, R1_INTERVAL);
      const step = median(plain);
      const secPerKimg = ((step + (r1 - step) / R1_INTERVAL) * 1000) / BATCH;
      reference ??= secPerKimg;
      const row = [String(c.threads), `${BATCH / c.batchGpu} × ${c.batchGpu}`, step.toFixed(3), r1.toFixed(3), secPerKimg.toFixed(0), (reference / secPerKimg).toFixed(2)];
      process.stderr.write(row.join(' | ') + '\n');
      rows.push(row);
    } finally {
      trainer.dispose();
      disposeNetworks(nets);
    }
  }
  const header = ['threads', 'passes × images', 'wall s/step', 'wall s, R1 step', 'sec/kimg', 'speed-up vs first row'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  process.stdout.write(`tfjs ${tf.version.tfjs} ${backend.choice}, ${os.availableParallelism()} cores, ${new Date().toISOString()}\n` + lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exitCode = 1;
});
