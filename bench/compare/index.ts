/**
 * Ours against the official StyleGAN2-ADA code, side by side in one run.
 *
 *   SG2ADA_DIR=/path/to/stylegan2-ada-pytorch node --import tsx bench/compare/index.ts \
 *     [--quick] [--rounds=3] [--res=32,64] [--only=synth,train] [--threads=2] [--ref-threads=2] [--python=/usr/bin/python3]
 *
 * Same architecture on both sides: z/w 512, 8 mapping layers, 64 channels at every resolution,
 * float32, resnet D with minibatch-stddev group 4, random weights (speed does not depend on them).
 *   synthesis  mapping + synthesis at ψ 0.7, 'const' noise, batch 1 and 16, result read back
 *   training   the full step at batch 16: Gmain, Dmain, lazy R1 (Dreg) every 16 steps, G_ema
 *              update; no augmentation, style mixing 0.9, no path length (as our CPU default).
 *              Per step = Gmain + Dmain + EMA/other + Dreg/16, each the median of its phase.
 *
 * The official side runs in a long-lived `/usr/bin/python3 bench/compare/reference.py` (Debian's
 * python3-torch, --ref-threads torch threads (default 2), NVIDIA's code imported from SG2ADA_DIR at run time);
 * ours runs in this process on wasm (training with --threads threads: data-parallel passes,
 * lib/stylegan/train/pass-threads.ts; synthesis on one thread, as a synthesis worker runs).
 * Measurements interleave: every round runs each case on one side and then on the other,
 * alternating which side goes first, so load from other processes falls on both alike. The
 * table gives medians over all rounds; ratio = official time / our time (> 1: ours is faster).
 *
 * Without SG2ADA_DIR or torch it says how to get them on one line and measures ours only.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/stylegan/backend';
import { Generator } from '../../lib/stylegan/generator';
import { registerWasmTrainingKernels } from '../../lib/stylegan/kernels';
import { DEFAULT_AUGMENT_SPEC } from '../../lib/stylegan/train/augment';
import { disposeNetworks, initNetworks, scratchConfig, type Networks } from '../../lib/stylegan/train/networks';
import { defaultBatchGpu } from '../../lib/stylegan/train/options';
import { syntheticDataset } from '../../lib/stylegan/train/test-data';
import { Trainer, type TrainerSettings } from '../../lib/stylegan/train/trainer';

const BATCH = 16;
const R1_INTERVAL = 16;
export const PHASES = ['Gmain', 'Dmain', 'Dreg', 'ema'] as const;
export type Phase = (typeof PHASES)[number];
export type StepTimes = Record<Phase, number> & { batchIdx: number; total: number };

const HOW_TO_GET =
  'official code not run: install Debian\'s python3-torch (apt-get install -y python3-torch) and unpack NVlabs/stylegan2-ada-pytorch, then set SG2ADA_DIR to that folder (its licence is non-commercial: never commit it)';

/** Our architecture for the comparison (the same constructor arguments reference.py gives the official classes). */
export function compareConfig(resolution: number) {
  return scratchConfig({ cfg: 'cpu', resolution, cbase: 64 * resolution * 4, cmax: 64, wdim: 512, map: 8, mbstdGroup: 4 });
}

export function compareSettings(resolution: number, threads: number): TrainerSettings {
  return {
    batch: BATCH,
    batchGpu: threads > 1 ? BATCH / threads : defaultBatchGpu(BATCH, resolution),
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
    aug: 'noaug',
    p: 0,
    target: 0.6,
    adaKimg: 500,
    adaInterval: 4,
    augSpec: DEFAULT_AUGMENT_SPEC,
    freezed: 0,
    seed: 0,
  };
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

// ------------------------------------------------------------------ the official side

class Reference {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    readonly info: string,
  ) {}

  /** Starts reference.py; null (with the reason) when SG2ADA_DIR or torch is missing. */
  static async start(python: string, threads: string): Promise<Reference | string> {
    const dir = process.env.SG2ADA_DIR;
    if (!dir) return 'SG2ADA_DIR is not set';
    if (!fs.existsSync(path.join(dir, 'training', 'networks.py'))) return `SG2ADA_DIR=${dir} has no training/networks.py`;
    if (!fs.existsSync(python)) return `${python} does not exist`;
    const child = spawn(python, [path.join(__dirname, 'reference.py')], {
      env: { ...process.env, REFERENCE_THREADS: threads, OMP_NUM_THREADS: threads },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.on('data', () => {}); // torch's "No CUDA runtime" notice and warnings
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done) return 'reference.py exited before it was ready';
    const hello = JSON.parse(first.value);
    if (!hello.ok) {
      child.kill();
      return hello.error;
    }
    return new Reference(child, lines, `torch ${hello.torch}, ${hello.threads} threads`);
  }

  async ask<T>(req: object): Promise<T> {
    this.child.stdin.write(JSON.stringify(req) + '\n');
    const next = await this.lines.next();
    if (next.done) throw new Error('reference.py exited');
    const res = JSON.parse(next.value);
    if (!res.ok) throw new Error(`reference.py: ${res.error}`);
    return res as T;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

// ------------------------------------------------------------------ our side

const generators = new Map<number, Generator>();

function ourGenerator(res: number): Generator {
  let G = generators.get(res);
  if (!G) {
    G = Generator.init(compareConfig(res).generator_kwargs, 0);
    generators.set(res, G);
  }
  return G;
}

async function ourSynth(res: number, batch: number, calls: number): Promise<number[]> {
  const G = ourGenerator(res);
  const z = tf.randomNormal([batch, G.config.z_dim], 0, 1, 'float32', 1) as tf.Tensor2D;
  const times: number[] = [];
  try {
    for (let i = 0; i < calls; i++) {
      await new Promise((r) => setImmediate(r));
      const t0 = performance.now();
      const img = tf.tidy(() => G.synthesis(G.mapping(z, { psi: 0.7 }), { noiseMode: 'const' }));
      await img.data();
      img.dispose();
      times.push((performance.now() - t0) / 1000);
    }
  } finally {
    z.dispose();
  }
  return times;
}

interface OurTrainer {
  nets: Networks;
  trainer: Trainer;
  times: Partial<Record<Phase, number>>;
}

const trainers = new Map<number, OurTrainer>();

/**
 * A trainer whose phase methods are wrapped with timers (the phases are private methods of
 * Trainer: the wrappers sit on this instance only).
 */
async function ourTrainer(res: number, threads: number, backend: string): Promise<OurTrainer> {
  const have = trainers.get(res);
  if (have) return have;
  const nets = initNetworks(compareConfig(res), 0);
  const trainer = new Trainer(nets, syntheticDataset(res, 64), compareSettings(res, threads));
  if (threads > 1) await trainer.startThreads(threads - 1, backend);
  const entry: OurTrainer = { nets, trainer, times: {} };
  const methods = trainer as unknown as Record<string, (...a: unknown[]) => Promise<void>>;
  for (const [method, phase] of [
    ['gMain', 'Gmain'],
    ['dMain', 'Dmain'],
    ['dR1', 'Dreg'],
  ] as const) {
    const original = methods[method].bind(trainer);
    methods[method] = async (...args: unknown[]) => {
      const t0 = performance.now();
      await original(...args);
      entry.times[phase] = (entry.times[phase] ?? 0) + (performance.now() - t0) / 1000;
    };
  }
  trainers.set(res, entry);
  return entry;
}

async function ourTrain(res: number, steps: number[], threads: number, backend: string): Promise<StepTimes[]> {
  const t = await ourTrainer(res, threads, backend);
  const out: StepTimes[] = [];
  for (const batchIdx of steps) {
    await new Promise((r) => setImmediate(r));
    t.times = {};
    t.trainer.batchIdx = batchIdx;
    const t0 = performance.now();
    await t.trainer.step();
    // Wait for the last write of the step (G_ema) so nothing queued is left outside the time.
    const last = Object.values(t.trainer.G_ema.params).at(-1)!;
    const s = tf.tidy(() => tf.sum(last));
    await s.data();
    s.dispose();
    const total = (performance.now() - t0) / 1000;
    const Gmain = t.times.Gmain ?? 0;
    const Dmain = t.times.Dmain ?? 0;
    const Dreg = t.times.Dreg ?? 0;
    out.push({ batchIdx, Gmain, Dmain, Dreg, ema: total - Gmain - Dmain - Dreg, total });
  }
  return out;
}

// ------------------------------------------------------------------ rounds and table

interface Case {
  kind: 'synth' | 'train';
  res: number;
  batch: number;
}

/** Per-case samples from both sides: synthesis seconds per call, or training step phase times. */
interface Samples {
  ours: number[];
  ref: number[];
  oursSteps: StepTimes[];
  refSteps: StepTimes[];
}

/** Amortised seconds per training step: medians of the plain-step phases plus the R1 phase / interval. */
export function amortisedStep(steps: StepTimes[]): Record<Phase | 'step', number> {
  const plain = steps.filter((s) => s.batchIdx % R1_INTERVAL !== 0);
  const r1 = steps.filter((s) => s.batchIdx % R1_INTERVAL === 0);
  const m = (xs: StepTimes[], p: Phase) => median(xs.map((s) => s[p]));
  const Gmain = m(steps, 'Gmain');
  const Dmain = m(steps, 'Dmain');
  const ema = m(plain.length ? plain : steps, 'ema');
  const Dreg = r1.length ? m(r1, 'Dreg') : NaN;
  return { Gmain, Dmain, Dreg, ema, step: Gmain + Dmain + ema + Dreg / R1_INTERVAL };
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const ratio = (ref: number, ours: number) => (Number.isFinite(ref) && Number.isFinite(ours) && ours > 0 ? `${(ref / ours).toFixed(2)}×` : '—');

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rounds = Number(arg('rounds') ?? (quick ? 1 : 3));
  const resolutions = (arg('res') ?? '32,64').split(',').map(Number);
  const only = (arg('only') ?? 'synth,train').split(',');
  const threads = Number(arg('threads') ?? 2);
  const python = arg('python') ?? '/usr/bin/python3';
  const refThreads = arg('ref-threads') ?? process.env.REFERENCE_THREADS ?? '2';

  const backend = await initBackend({ backend: 'wasm', quiet: true });
  registerWasmTrainingKernels();
  const started = await Reference.start(python, refThreads);
  const ref = typeof started === 'string' ? null : started;
  if (!ref) process.stderr.write(`${HOW_TO_GET} (${started as string}); measuring ours only\n`);

  const cases: Case[] = [];
  if (only.includes('synth')) for (const res of resolutions) for (const batch of [1, 16]) cases.push({ kind: 'synth', res, batch });
  if (only.includes('train')) for (const res of resolutions) cases.push({ kind: 'train', res, batch: BATCH });
  const samples = new Map<Case, Samples>(cases.map((c) => [c, { ours: [], ref: [], oursSteps: [], refSteps: [] }]));
  const loadAt: number[] = [];

  // Warm-up, not timed: builds both sides' networks, XNNPACK operators, our pass threads.
  for (const c of cases) {
    if (c.kind === 'synth') {
      await ourSynth(c.res, c.batch, 1);
      await ref?.ask({ op: 'synth', res: c.res, batch: c.batch, calls: 1 });
    } else {
      await ourTrain(c.res, [1], threads, backend.choice);
      await ref?.ask({ op: 'train', res: c.res, steps: [1] });
    }
  }

  for (let round = 0; round < rounds; round++) {
    loadAt.push(os.loadavg()[0]);
    for (const c of cases) {
      const s = samples.get(c)!;
      const calls = c.batch === 1 ? (quick ? 5 : 10) : quick ? 2 : 4;
      // One R1 step per round, and plain steps around it (batch indices as a real run has them).
      const steps = quick ? [round * 16 + 1, round * 16 + 16] : [round * 16 + 1, round * 16 + 2, round * 16 + 16];
      const runOurs = async () => {
        if (c.kind === 'synth') s.ours.push(...(await ourSynth(c.res, c.batch, calls)));
        else s.oursSteps.push(...(await ourTrain(c.res, steps, threads, backend.choice)));
      };
      const runRef = async () => {
        if (!ref) return;
        if (c.kind === 'synth') s.ref.push(...(await ref.ask<{ times: number[] }>({ op: 'synth', res: c.res, batch: c.batch, calls })).times);
        else s.refSteps.push(...(await ref.ask<{ steps: StepTimes[] }>({ op: 'train', res: c.res, steps })).steps);
      };
      if (round % 2 === 0) {
        await runOurs();
        await runRef();
      } else {
        await runRef();
        await runOurs();
      }
      process.stderr.write(`round ${round + 1}/${rounds} ${c.kind} ${c.res} px batch ${c.batch} done (load ${os.loadavg()[0].toFixed(1)})\n`);
    }
  }
  loadAt.push(os.loadavg()[0]);

  const synthRows: string[][] = [];
  const trainRows: string[][] = [];
  for (const c of cases) {
    const s = samples.get(c)!;
    if (c.kind === 'synth') {
      const o = median(s.ours);
      const r = ref ? median(s.ref) : NaN;
      synthRows.push([`${c.res} px`, String(c.batch), fmt(c.batch / o, 1), ref ? fmt(c.batch / r, 1) : 'not run', ratio(r, o), `${s.ours.length} / ${s.ref.length}`]);
    } else {
      const o = amortisedStep(s.oursSteps);
      const r = ref ? amortisedStep(s.refSteps) : null;
      for (const p of [...PHASES, 'step'] as const) {
        const label = p === 'step' ? '**step (amortised)**' : p === 'Dreg' ? 'Dreg (R1, every 16th step)' : p === 'ema' ? 'G_ema + other' : p;
        trainRows.push([`${c.res} px`, label, fmt(o[p]), r ? fmt(r[p]) : 'not run', r ? ratio(r[p], o[p]) : '—']);
      }
      const kimg = (x: number) => fmt((x * 1000) / BATCH, 0);
      trainRows.push([`${c.res} px`, 'sec/kimg', kimg(o.step), r ? kimg(r.step) : 'not run', r ? ratio(r.step, o.step) : '—']);
    }
  }
  const table = (header: string[], rows: string[][]) =>
    [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let text = `bench/compare ${new Date().toISOString()}, ${os.availableParallelism()} cores (${cpu}), tfjs ${tf.version.tfjs} ${backend.choice}; official: ${ref ? ref.info : 'not run'}\n`;
  text += `rounds ${rounds}; load average (1 min) at each round start and at the end: ${loadAt.map((l) => l.toFixed(1)).join(', ')}\n`;
  text += `ours: synthesis on 1 thread; training on ${threads} thread(s), ${compareSettings(resolutions[0], threads).batchGpu} images per pass\n\n`;
  if (synthRows.length) {
    text += 'Synthesis (mapping + synthesis, ψ 0.7, const noise, read back); images/s from the median call; ratio = official s / our s\n\n';
    text += table(['resolution', 'batch', 'ours img/s', 'official img/s', 'ours vs official', 'calls (ours / official)'], synthRows) + '\n\n';
  }
  if (trainRows.length) {
    text += `Training step, batch 16 (seconds, medians per phase over ${rounds} round(s)); ratio = official s / our s (≥ 1: ours as fast or faster)\n\n`;
    text += table(['resolution', 'phase', 'ours s', 'official s', 'ours vs official'], trainRows) + '\n';
  }
  process.stdout.write(text);

  ref?.close();
  for (const t of trainers.values()) {
    t.trainer.dispose();
    disposeNetworks(t.nets);
  }
  for (const G of generators.values()) G.dispose();
}

/** True when this file is the program, not when another bench imports its configuration. */
function isEntry(): boolean {
  const a = process.argv[1];
  return Boolean(a) && /bench[\\/]compare[\\/]index(\.[cm]?[jt]s)?$/.test(path.resolve(a));
}

if (isEntry()) {
  main().catch((err) => {
    process.stderr.write(String(err?.stack ?? err) + '\n');
    process.exitCode = 1;
  });
}
