/**
 * Training speed: seconds per kimg (thousand real images shown to D) of the
 * full StyleGAN2-ADA step (Gmain + Dmain, lazy R1 every 16 steps amortised,
 * G_ema update) at 32 px and 64 px, batch 16, 64 channels at every resolution.
 *
 *   npx tsx bench/train/index.ts [--quick] [--res=32,64] [--backends=wasm,webgpu] [--wasm=all|ours] [--cpu]
 *
 * Variants, all in the same process and on the same synthetic data:
 *   wasm                 our Conv2DBackpropFilter + Conv2DBackpropInput (lib/stylegan/kernels)
 *   wasm, stock X        all our kernels except X, which is tfjs-wasm's own (reference for X)
 *   wasm, stock          tfjs-wasm as shipped: cannot train (no Conv2DBackpropFilter); reported as such
 *   wasm, ADA p=0.4      ours, with augmentation applied at p = 0.4 (typical mid-run ADA strength)
 *   webgpu               only with --backends=…,webgpu: tfjs-webgpu's own kernels (no wasm kernels
 *                        involved), on the adapter Dawn gives (a software one here: slow)
 *   cpu                  only with --cpu or --backends=…,cpu: the pure-JS backend takes minutes per step
 * --backends defaults to wasm (all the wasm variants above); --wasm=ours keeps only
 * "wasm (our kernels)" of them.
 *
 * A step is timed after one warm-up step (on webgpu it compiles the shaders);
 * "step" is the median of the plain steps and "R1 step" one step that also runs
 * the lazy R1 pass, so sec/step = step + (R1 step − step)/16 and
 * sec/kimg = sec/step · 1000 / batch. Every timed step ends with a read of G_ema
 * (`await data()`), so queued GPU work is inside the time.
 * On wasm and cpu, sec/kimg uses process CPU seconds (tfjs-wasm runs on one thread
 * in Node, so this is the wall time of an otherwise idle machine; the development
 * machines are shared, where wall time says more about the neighbours). On webgpu it
 * uses wall time (the work runs on the GPU, or on llvmpipe's own threads). Wall
 * time is shown for every variant.
 *
 * This benchmark runs our code only. For the official code measured side by side in the same
 * run (same architecture, interleaved rounds, ratios), use bench/compare.
 */
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activateBackend, describeAdapter, type BackendChoice } from '../../lib/stylegan/backend';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { DEFAULT_AUGMENT_SPEC } from '../../lib/stylegan/train/augment';
import { disposeNetworks, initNetworks, scratchConfig } from '../../lib/stylegan/train/networks';
import { defaultBatchGpu } from '../../lib/stylegan/train/options';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer, type TrainerSettings } from '../../lib/stylegan/train/trainer';

export const TRAIN_BATCH = 16;
const R1_INTERVAL = 16;
export interface TrainVariant {
  label: string;
  backend: BackendChoice;
  /** wasm only: which of our wasm kernels are installed (the rest are tfjs-wasm's own, or absent). */
  kernels: { filter: boolean; input: boolean; unpack: boolean; identity: boolean; matMul: boolean };
  p: number;
}

const OURS = { filter: true, input: true, unpack: true, identity: true, matMul: true };
const NONE = { filter: false, input: false, unpack: false, identity: false, matMul: false };

/** The variants for the given backends (wasm: all of today's wasm variants, or only ours). */
export function trainVariants(backends: BackendChoice[], wasm: 'all' | 'ours' = 'all'): TrainVariant[] {
  const out: TrainVariant[] = [];
  for (const backend of backends) {
    if (backend === 'wasm') {
      out.push({ label: 'wasm (our kernels)', backend: 'wasm', kernels: OURS, p: 0 });
      if (wasm === 'all') {
        out.push(
          { label: 'wasm, stock Conv2DBackpropInput', backend: 'wasm', kernels: { ...OURS, input: false }, p: 0 },
          { label: 'wasm, stock Unpack', backend: 'wasm', kernels: { ...OURS, unpack: false }, p: 0 },
          { label: 'wasm, stock Identity', backend: 'wasm', kernels: { ...OURS, identity: false }, p: 0 },
          { label: 'wasm, stock BatchMatMul', backend: 'wasm', kernels: { ...OURS, matMul: false }, p: 0 },
          { label: 'wasm, stock (as shipped)', backend: 'wasm', kernels: NONE, p: 0 },
          { label: 'wasm (our kernels), ADA p=0.4', backend: 'wasm', kernels: OURS, p: 0.4 },
        );
      }
    } else {
      out.push({ label: backend, backend, kernels: NONE, p: 0 });
    }
  }
  return out;
}

export function trainSettings(resolution: number, p: number): TrainerSettings {
  return {
    batch: TRAIN_BATCH,
    batchGpu: defaultBatchGpu(TRAIN_BATCH, resolution),
    gamma: (0.0002 * resolution * resolution) / TRAIN_BATCH,
    r1Interval: R1_INTERVAL,
    plWeight: 0,
    plInterval: 4,
    plBatchShrink: 2,
    plDecay: 0.01,
    styleMixing: 0.9,
    emaKimg: (TRAIN_BATCH * 10) / 32,
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

/** Waits for every queued kernel of the step: reads a scalar of the last-updated network (G_ema). */
async function settle(trainer: Trainer): Promise<void> {
  const params = Object.values(trainer.G_ema.params);
  const last = params[params.length - 1];
  if (!last) return;
  const s = tf.tidy(() => tf.sum(last));
  try {
    await s.data();
  } finally {
    s.dispose();
  }
}

interface StepTime {
  wall: number;
  cpu: number;
}

/** Wall-clock and CPU seconds of one step (wasm runs on one thread, so CPU time is what an idle machine would take). */
async function timeStep(trainer: Trainer, batchIdx: number): Promise<StepTime> {
  // On wasm a step never leaves the microtask queue: give timers and signal handlers a turn.
  await new Promise((resolve) => setImmediate(resolve));
  trainer.batchIdx = batchIdx;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await trainer.step();
  await settle(trainer);
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface TrainMeasurement {
  variant: TrainVariant;
  resolution: number;
  batch: number;
  batchGpu: number;
  /** which clock secPerKimg uses: CPU seconds on wasm/cpu, wall seconds on GPU backends */
  clock: 'cpu' | 'wall';
  /** median plain step / the R1 step, CPU and wall seconds */
  stepCpu?: number;
  r1Cpu?: number;
  stepWall?: number;
  r1Wall?: number;
  warmUpWall?: number;
  secPerKimgCpu?: number;
  secPerKimgWall?: number;
  /** by `clock` */
  secPerKimg?: number;
  plainSteps: number;
  /** first line of the error when the step cannot run */
  error?: string;
}

/** The sec/kimg of one variant at one resolution (1 warm-up step, `plainSteps` timed plain steps, 1 R1 step). */
export async function measureTraining(v: TrainVariant, resolution: number, plainSteps: number): Promise<TrainMeasurement> {
  await activateBackend(v.backend);
  if (v.backend === 'wasm') {
    unregisterWasmTrainingKernels();
    if (Object.values(v.kernels).some(Boolean)) registerWasmTrainingKernels(v.kernels);
  }
  const s = trainSettings(resolution, v.p);
  const clock: 'cpu' | 'wall' = v.backend === 'wasm' || v.backend === 'cpu' ? 'cpu' : 'wall';
  const out: TrainMeasurement = { variant: v, resolution, batch: s.batch, batchGpu: s.batchGpu, clock, plainSteps };
  const nets = initNetworks(scratchConfig({ cfg: 'cpu', resolution, cbase: 4096, cmax: 64, wdim: 128, map: 2, mbstdGroup: 4 }), 0);
  const trainer = new Trainer(nets, syntheticDataset(resolution, 64), s);
  try {
    out.warmUpWall = (await timeStep(trainer, 1)).wall; // warm-up (XNNPACK operator setup, heap growth, shader compilation)
    const plain: StepTime[] = [];
    for (let i = 0; i < plainSteps; i++) plain.push(await timeStep(trainer, 1 + i));
    const withR1 = await timeStep(trainer, R1_INTERVAL);
    out.stepCpu = median(plain.map((t) => t.cpu));
    out.stepWall = median(plain.map((t) => t.wall));
    out.r1Cpu = withR1.cpu;
    out.r1Wall = withR1.wall;
    const kimg = (step: number, r1: number) => ((step + (r1 - step) / R1_INTERVAL) * 1000) / s.batch;
    out.secPerKimgCpu = kimg(out.stepCpu, out.r1Cpu);
    out.secPerKimgWall = kimg(out.stepWall, out.r1Wall);
    out.secPerKimg = clock === 'cpu' ? out.secPerKimgCpu : out.secPerKimgWall;
  } catch (err) {
    out.error = (err as Error).message.split('\n')[0];
  } finally {
    trainer.dispose();
    disposeNetworks(nets);
    if (v.backend === 'wasm') registerWasmTrainingKernels();
  }
  return out;
}

function row(m: TrainMeasurement): string[] {
  const r = [m.variant.label, `${m.resolution} px`, `${m.batch} (${m.batchGpu}/pass)`];
  if (m.error !== undefined || m.secPerKimg === undefined) {
    return [...r, '—', '—', '—', `fails: ${m.error ?? 'no result'}`];
  }
  return [
    ...r,
    m.stepCpu!.toFixed(2),
    m.r1Cpu!.toFixed(2),
    m.stepWall!.toFixed(2),
    `${m.secPerKimg.toFixed(0)} (${m.clock === 'cpu' ? 'CPU' : 'wall'})`,
  ];
}

function parseListArg(name: string): string[] | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg
    ?.slice(name.length + 3)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const resolutions = (parseListArg('res') ?? ['32', '64']).map(Number);
  const backends = (parseListArg('backends') ?? ['wasm']) as BackendChoice[];
  if (process.argv.includes('--cpu') && !backends.includes('cpu')) backends.push('cpu');
  const wasmArg = parseListArg('wasm')?.[0];
  const variants = trainVariants(backends, wasmArg === 'ours' ? 'ours' : 'all');
  const pre: string[] = [];
  for (const backend of backends) {
    if (backend === 'wasm') continue;
    try {
      const info = await activateBackend(backend);
      if (info.adapter) pre.push(`${backend} adapter: ${describeAdapter(info.adapter)} ${JSON.stringify(info.adapter)}`);
    } catch (err) {
      pre.push(`${backend}: does not start: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  for (const line of pre) process.stderr.write(line + '\n');
  const rows: string[][] = [];
  for (const resolution of resolutions) {
    for (const v of variants) {
      const r = row(await measureTraining(v, resolution, quick ? 1 : 2));
      process.stderr.write(r.join(' | ') + '\n');
      rows.push(r);
    }
  }
  if (!backends.includes('cpu')) {
    rows.push(['cpu', '32/64 px', '—', '—', '—', '—', 'skipped: the pure-JS backend is ~35× slower than wasm (minutes per step); run with --cpu']);
  }
  const header = ['variant', 'resolution', 'batch', 'CPU s/step', 'CPU s, R1 step', 'wall s/step', 'sec/kimg (clock)'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  process.stdout.write(
    `tfjs ${tf.version.tfjs}, ${new Date().toISOString()}\n` +
      (pre.length ? pre.join('\n') + '\n' : '') +
      lines.join('\n') +
      `\n\nsec/kimg: CPU seconds on wasm/cpu (one thread), wall seconds on webgpu. Against the official code, measured side by side: bench/compare.\n`,
  );
}

/** True when this file is the program (node/tsx bench/train/index.ts), not when imported or bundled into another. */
function isEntry(): boolean {
  const arg = process.argv[1];
  return Boolean(arg) && /bench[\\/]train[\\/]index(\.[cm]?[jt]s)?$/.test(path.resolve(arg));
}

if (isEntry()) {
  main().catch((err) => {
    process.stderr.write(String(err?.stack ?? err) + '\n');
    process.exitCode = 1;
  });
}
