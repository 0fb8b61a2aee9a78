/**
 * Training speed: seconds per kimg (thousand real images shown to D) of the
 * full StyleGAN2-ADA step (Gmain + Dmain, lazy R1 every 16 steps amortised,
 * G_ema update) at 32 px and 64 px, batch 16, 64 channels at every resolution.
 *
 *   npx tsx bench/train/index.ts [--quick] [--res=32,64] [--cpu]
 *
 * Variants, all in the same process and on the same synthetic data:
 *   wasm                 our Conv2DBackpropFilter + Conv2DBackpropInput (lib/stylegan/kernels)
 *   wasm, stock X        all our kernels except X, which is tfjs-wasm's own (reference for X)
 *   wasm, stock          tfjs-wasm as shipped: cannot train (no Conv2DBackpropFilter); reported as such
 *   wasm, ADA p=0.4      ours, with augmentation applied at p = 0.4 (typical mid-run ADA strength)
 *   cpu                  only with --cpu: the pure-JS backend takes minutes per step
 *
 * A step is timed after one warm-up step; "step" is the median of the plain
 * steps and "R1 step" one step that also runs the lazy R1 pass, so
 * sec/step = step + (R1 step − step)/16 and sec/kimg = sec/step · 1000 / batch.
 * Times are process CPU seconds (tfjs-wasm runs on one thread in Node, so this
 * is the wall time of an otherwise idle machine; the development machines are
 * shared, where wall time says more about the neighbours); wall time is shown too.
 */
import * as tf from '@tensorflow/tfjs';
import { activateBackend, type BackendChoice } from '../../lib/stylegan/backend';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { DEFAULT_AUGMENT_SPEC } from '../../lib/stylegan/train/augment';
import { disposeNetworks, initNetworks, scratchConfig } from '../../lib/stylegan/train/networks';
import { defaultBatchGpu } from '../../lib/stylegan/train/options';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer, type TrainerSettings } from '../../lib/stylegan/train/trainer';

const BATCH = 16;
const R1_INTERVAL = 16;
/** Official PyTorch (Debian python3-torch, same CPU) per-step times from shared/ENVIRONMENT.md, batch 16, 64 channels. */
const PYTORCH_SEC_PER_STEP: Record<number, number> = { 32: 1.3, 64: 3.9 };

interface Variant {
  label: string;
  backend: BackendChoice;
  /** Which of our wasm kernels are installed (the rest are tfjs-wasm's own, or absent). */
  kernels: { filter: boolean; input: boolean; unpack: boolean; identity: boolean };
  p: number;
}

const OURS = { filter: true, input: true, unpack: true, identity: true };


function settings(resolution: number, p: number): TrainerSettings {
  return {
    batch: BATCH,
    batchGpu: defaultBatchGpu(BATCH, resolution),
    gamma: (0.0002 * resolution * resolution) / BATCH,
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
    aug: p > 0 ? 'fixed' : 'ada',
    p,
    target: 0.6,
    adaKimg: 500,
    adaInterval: 4,
    augSpec: DEFAULT_AUGMENT_SPEC,
    freezed: 0,
    seed: 0,
  };
}

/** Wall-clock and CPU seconds of one step (wasm runs on one thread, so CPU time is what an idle machine would take). */
async function timeStep(trainer: Trainer, batchIdx: number): Promise<{ wall: number; cpu: number }> {
  trainer.batchIdx = batchIdx;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await trainer.step();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(v: Variant, resolution: number, plainSteps: number): Promise<string[]> {
  await activateBackend(v.backend);
  if (v.backend === 'wasm') {
    unregisterWasmTrainingKernels();
    if (Object.values(v.kernels).some(Boolean)) registerWasmTrainingKernels(v.kernels);
  }
  const s = settings(resolution, v.p);
  const nets = initNetworks(scratchConfig({ cfg: 'cpu', resolution, cbase: 4096, cmax: 64, wdim: 128, map: 2, mbstdGroup: 4 }), 0);
  const trainer = new Trainer(nets, syntheticDataset(resolution, 64), s);
  const row = [v.label, `${resolution} px`, `${s.batch} (${s.batchGpu}/pass)`];
  try {
    await timeStep(trainer, 1); // warm-up (XNNPACK operator setup, heap growth)
    const plain: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < plainSteps; i++) plain.push(await timeStep(trainer, 1 + i));
    const withR1 = await timeStep(trainer, R1_INTERVAL);
    const step = median(plain.map((t) => t.cpu));
    const perStep = step + (withR1.cpu - step) / R1_INTERVAL;
    const secPerKimg = (perStep * 1000) / BATCH;
    row.push(
      step.toFixed(2),
      withR1.cpu.toFixed(2),
      median(plain.map((t) => t.wall)).toFixed(2),
      secPerKimg.toFixed(0),
      (secPerKimg / ((PYTORCH_SEC_PER_STEP[resolution] * 1000) / BATCH)).toFixed(2),
    );
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0];
    row.push('—', '—', '—', `fails: ${msg}`, '—');
  } finally {
    trainer.dispose();
    disposeNetworks(nets);
  }
  if (v.backend === 'wasm') registerWasmTrainingKernels();
  return row;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const resArg = process.argv.find((a) => a.startsWith('--res='));
  const resolutions = resArg ? resArg.slice(6).split(',').map(Number) : [32, 64];
  const variants: Variant[] = [
    { label: 'wasm (our kernels)', backend: 'wasm', kernels: OURS, p: 0 },
    { label: 'wasm, stock Conv2DBackpropInput', backend: 'wasm', kernels: { ...OURS, input: false }, p: 0 },
    { label: 'wasm, stock Unpack', backend: 'wasm', kernels: { ...OURS, unpack: false }, p: 0 },
    { label: 'wasm, stock Identity', backend: 'wasm', kernels: { ...OURS, identity: false }, p: 0 },
    { label: 'wasm, stock (as shipped)', backend: 'wasm', kernels: { filter: false, input: false, unpack: false, identity: false }, p: 0 },
    { label: 'wasm (our kernels), ADA p=0.4', backend: 'wasm', kernels: OURS, p: 0.4 },
  ];
  if (process.argv.includes('--cpu')) variants.push({ label: 'cpu', backend: 'cpu', kernels: OURS, p: 0 });
  const rows: string[][] = [];
  for (const resolution of resolutions) {
    for (const v of variants) {
      const row = await measure(v, resolution, quick ? 1 : 2);
      process.stderr.write(row.join(' | ') + '\n');
      rows.push(row);
    }
    const torch = PYTORCH_SEC_PER_STEP[resolution];
    if (torch) rows.push(['official PyTorch, CPU (from shared/ENVIRONMENT.md, not run here)', `${resolution} px`, '16', torch.toFixed(2), '—', '—', ((torch * 1000) / BATCH).toFixed(0), '1.00']);
  }
  if (!process.argv.includes('--cpu')) {
    rows.push(['cpu', '32/64 px', '—', '—', '—', '—', 'skipped: the pure-JS backend is ~35× slower than wasm (minutes per step); run with --cpu', '—']);
  }
  const header = ['variant', 'resolution', 'batch', 'CPU s/step', 'CPU s, R1 step', 'wall s/step', 'sec/kimg (CPU)', '× PyTorch'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  process.stdout.write(`tfjs ${tf.version.tfjs}, ${new Date().toISOString()}\n` + lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exitCode = 1;
});
