/**
 * Library entry for StyleGAN2-ADA training: files in, files out.
 *
 *   const result = await train({ data, outdir, kimg: 5 }, { signal, onProgress });
 *
 * Starts from scratch (architecture from --cfg and the data's resolution), from
 * a model folder in the official layout (transfer learning), or continues one of
 * our runs exactly (--resume of a run folder / snapshot; with `fresh`, a new run
 * from that snapshot's weights). Stops at `kimg`, or
 * after the current step when `signal` aborts; either way it writes a final
 * snapshot. See README.md for the run folder layout.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendInfo } from '../backend';
import { registerWasmTrainingKernels } from '../kernels';
import { DEFAULT_AUGMENT_SPEC } from './augment';
import { gridFile, readTensors, resolveResume, saveSnapshot, type LatestPointer, type ResumeSource } from './checkpoint';
import { getBatch, loadImageFolder, type ImageDataset } from './dataset';
import { tileGrid, toUint8, writeFakesGrid, writePng } from './grid';
import {
  disposeNetworks,
  freezableLayerCount,
  initNetworks,
  loadModelFolder,
  loadSnapshotNetworks,
  scratchConfig,
  type Networks,
} from './networks';
import { DEFAULT_OPTIONS, batchGpuForThreads, defaultBatchGpu, validateOptions, type TrainOptions } from './options';
import { Trainer, type TrainerSettings } from './trainer';

export type { TrainOptions } from './options';
export { DEFAULT_OPTIONS } from './options';
export { DatasetError } from './dataset';

/** What the caller passes: data/outdir (data may come from a resumed run) plus any option to override. */
export type TrainInput = Partial<TrainOptions> & { outdir: string };

export interface TickReport {
  tick: number;
  kimg: number;
  steps: number;
  secPerTick: number;
  /** Process CPU seconds of the tick (every thread; the pass threads are part of this process). */
  cpuSecPerTick: number;
  /** Threads that ran the passes. */
  threads: number;
  secPerKimg: number;
  lossG: number | null;
  lossDreal: number | null;
  lossDfake: number | null;
  r1Penalty: number | null;
  plPenalty: number | null;
  realSignMean: number | null;
  augmentP: number;
  backend: string;
  numTensors: number;
  timestamp: string;
}

export type Progress =
  | { event: 'start'; kimg: number; totalKimg: number; tick: number; resumedFrom: string | null; backend: string }
  | { event: 'step'; kimg: number; totalKimg: number; batchIdx: number; augmentP: number }
  | ({ event: 'tick'; totalKimg: number } & TickReport)
  | { event: 'snapshot'; tick: number; kimg: number; latest: LatestPointer }
  | { event: 'done'; reason: 'finished' | 'cancelled'; kimg: number; tick: number };

export interface TrainHooks {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Human-readable log lines (the CLI prints them). */
  log?: (line: string) => void;
}

export interface TrainResult {
  outdir: string;
  reason: 'finished' | 'cancelled';
  kimg: number;
  tick: number;
  augmentP: number;
  latest: LatestPointer;
  ticks: TickReport[];
  backend: string;
}

function mergeOptions(user: TrainInput, stored: Partial<TrainOptions> | null): TrainOptions {
  const defined = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) as Partial<TrainOptions>;
  const merged = { ...DEFAULT_OPTIONS, ...(stored ?? {}), ...defined } as TrainOptions;
  // A resumed run continues in the same run unless told otherwise; resume is a one-off pointer.
  merged.resume = user.resume;
  merged.fresh = user.fresh;
  return merged;
}

/** Resolved hyper-parameters (defaults that depend on data/backend filled in). */
function settingsFor(o: TrainOptions, resolution: number, backend: BackendInfo, threads: number): TrainerSettings {
  // A real GPU (webgpu on a hardware adapter, or the user's own tfjs-node builds) has no wasm
  // heap limit and time for path-length regularisation; a software adapter is a CPU.
  const fastBackend = backend.choice === 'node' || backend.choice === 'node-gpu' || (backend.choice === 'webgpu' && !backend.adapter?.software);
  const onGpu = backend.choice === 'node-gpu' || (backend.choice === 'webgpu' && !backend.adapter?.software);
  return {
    batch: o.batch,
    batchGpu:
      o.batchGpu ??
      (threads > 1 ? batchGpuForThreads(o.batch, resolution, threads) : onGpu ? o.batch : defaultBatchGpu(o.batch, resolution)),
    gamma: o.gamma ?? (0.0002 * resolution * resolution) / o.batch,
    r1Interval: o.r1Interval,
    plWeight: o.plWeight ?? (fastBackend ? 2 : 0),
    plInterval: o.plInterval,
    plBatchShrink: o.plBatchShrink,
    plDecay: o.plDecay,
    styleMixing: o.styleMixing,
    emaKimg: o.emaKimg ?? (o.batch * 10) / 32,
    emaRampup: o.emaRampup,
    glr: o.glr,
    dlr: o.dlr,
    aug: o.aug,
    p: o.aug === 'noaug' ? 0 : o.p,
    target: o.target,
    adaKimg: o.adaKimg,
    adaInterval: o.adaInterval,
    augSpec: { ...DEFAULT_AUGMENT_SPEC, ...(o.augSpec ?? {}) },
    freezed: o.freezed,
    seed: o.seed,
  };
}

function fmt(v: number | null, digits = 4): string {
  return v === null ? '-' : v.toFixed(digits);
}

export async function train(input: TrainInput, hooks: TrainHooks = {}): Promise<TrainResult> {
  const log = hooks.log ?? (() => undefined);
  const resume: ResumeSource | null = input.resume ? resolveResume(input.resume) : null;
  // --fresh: take only the weights of one of our snapshots and start a new run from them.
  const continuing = resume?.kind === 'run' && !input.fresh;
  const stored = continuing && resume?.kind === 'run' ? resume.state.options : null;
  const o = mergeOptions(input, stored);
  validateOptions(o);

  const backend = await initBackend({ backend: o.backend, quiet: true });
  if (backend.choice === 'wasm') registerWasmTrainingKernels();

  // Everything that can fail on bad input happens before the first file is written.
  const modelConfigResolution = resume?.kind === 'run' ? resume.state.config.generator_kwargs.img_resolution : undefined;
  let nets: Networks | null = null;
  let data: ImageDataset;
  let trainer: Trainer | null = null;
  try {
    if (resume?.kind === 'model') {
      nets = loadModelFolder(resume.dir);
      data = await loadImageFolder(o.data, { resolution: nets.config.generator_kwargs.img_resolution, mirror: o.mirror });
    } else {
      data = await loadImageFolder(o.data, { resolution: modelConfigResolution, mirror: o.mirror });
    }
    // Pass threads help where tfjs computes on one core per thread (wasm, cpu); native
    // TensorFlow already uses every core.
    const wantThreads = backend.choice === 'wasm' || backend.choice === 'cpu' ? (o.threads ?? 1) : 1;
    if ((o.threads ?? 1) > 1 && wantThreads === 1) log(`--threads ${o.threads} ignored: the ${backend.choice} backend uses every core already`);
    const s = settingsFor(o, data.resolution, backend, wantThreads);
    if (resume?.kind === 'run') {
      nets = loadSnapshotNetworks(path.join(resume.dir, resume.state.files.network), resume.state.config);
    } else if (!nets) {
      const group = Math.min(4, s.batchGpu);
      nets = initNetworks(scratchConfig({ cfg: o.cfg, resolution: data.resolution, cbase: o.cbase, cmax: o.cmax, map: o.map, wdim: o.wdim, mbstdGroup: group }), o.seed);
    }
    if (o.freezed > freezableLayerCount(nets.D)) {
      throw new Error(`--freezed ${o.freezed}: the discriminator has only ${freezableLayerCount(nets.D)} freezable layers`);
    }
    nets.config.discriminator_kwargs.block_kwargs.freeze_layers = o.freezed;
    trainer = new Trainer(nets, data, s);
    const threads = Math.min(wantThreads, s.batch / s.batchGpu);

    let tick = 0;
    if (continuing && resume?.kind === 'run') {
      const st = resume.state;
      trainer.setState(st.trainer);
      const optFile = path.join(resume.dir, st.files.optimizer);
      if (fs.existsSync(optFile)) {
        const moments = readTensors(optFile);
        try {
          trainer.restoreOptimizers(moments, st.trainer.adamSteps);
        } finally {
          tf.dispose(Object.values(moments));
        }
      } else {
        log(`warning: ${optFile} is missing; optimizer moments restart from zero (the resumed run will not match an uninterrupted one)`);
      }
      tick = st.tick + 1;
    }

    // After the optimizer state is restored: the threads copy the weights as they are now.
    if (threads > 1) await trainer.startThreads(threads - 1, backend.choice);

    fs.mkdirSync(o.outdir, { recursive: true });
    const stableOptions: TrainOptions = { ...o, resume: undefined, fresh: undefined };
    fs.writeFileSync(path.join(o.outdir, 'training_options.json'), JSON.stringify({ options: stableOptions, settings: s, resumedFrom: input.resume ?? null }, null, 2) + '\n');
    if (!fs.existsSync(path.join(o.outdir, 'reals.png'))) {
      const n = Math.min(o.gridCols * o.gridRows, data.size);
      const idx = Array.from({ length: n }, (_, i) => Math.floor((i * data.size) / n));
      await writePng(path.join(o.outdir, 'reals.png'), tileGrid(toUint8(getBatch(data, idx)), n, data.resolution, o.gridCols, o.gridRows), o.gridCols * data.resolution, o.gridRows * data.resolution);
    }

    const totalNimg = o.kimg * 1000;
    const ticks: TickReport[] = [];
    const logFile = path.join(o.outdir, 'log.jsonl');
    hooks.onProgress?.({ event: 'start', kimg: trainer.curNimg / 1000, totalKimg: o.kimg, tick, resumedFrom: input.resume ?? null, backend: backend.choice });
    log(
      `training ${data.size} images of ${data.resolution}px (${data.files.length} files${o.mirror ? ', mirrored' : ''}) on ${backend.choice}; ` +
        `batch ${s.batch} (${s.batchGpu} per pass${threads > 1 ? `, ${threads} threads` : ''}), gamma ${s.gamma.toPrecision(3)}, aug ${o.aug}, ` +
        `${trainer.curNimg > 0 ? `resuming at ${(trainer.curNimg / 1000).toFixed(3)} kimg` : 'starting'}, until ${o.kimg} kimg`,
    );

    let latest: LatestPointer | null = null;
    let reason: 'finished' | 'cancelled' = 'finished';
    let tickStartNimg = trainer.curNimg;
    let tickStartTime = Date.now();
    let tickStartCpu = process.cpuUsage();
    let firstTick = trainer.curNimg === 0;

    if (trainer.curNimg >= totalNimg) {
      // Nothing left to do: still leave a snapshot pointer behind.
      reason = 'finished';
    } else {
      for (;;) {
        await trainer.step();
        hooks.onProgress?.({ event: 'step', kimg: trainer.curNimg / 1000, totalKimg: o.kimg, batchIdx: trainer.batchIdx, augmentP: trainer.augmentP });
        // On wasm/cpu a step barely yields; let signal handlers, timers and abort() callers run between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const done = trainer.curNimg >= totalNimg;
        const cancelled = !!hooks.signal?.aborted;
        if (!done && !cancelled && !firstTick && trainer.curNimg < tickStartNimg + o.tick * 1000) continue;
        firstTick = false;

        const now = Date.now();
        const cpu = process.cpuUsage(tickStartCpu);
        const stats = trainer.takeStats();
        const tickKimg = (trainer.curNimg - tickStartNimg) / 1000;
        const report: TickReport = {
          tick,
          kimg: trainer.curNimg / 1000,
          steps: stats.steps,
          secPerTick: (now - tickStartTime) / 1000,
          cpuSecPerTick: (cpu.user + cpu.system) / 1e6,
          threads,
          secPerKimg: tickKimg > 0 ? (now - tickStartTime) / 1000 / tickKimg : 0,
          lossG: stats.lossG,
          lossDreal: stats.lossDreal,
          lossDfake: stats.lossDfake,
          r1Penalty: stats.r1Penalty,
          plPenalty: stats.plPenalty,
          realSignMean: stats.realSignMean,
          augmentP: trainer.augmentP,
          backend: backend.choice,
          numTensors: tf.memory().numTensors,
          timestamp: new Date(now).toISOString(),
        };
        ticks.push(report);
        fs.appendFileSync(logFile, JSON.stringify(report) + '\n');
        hooks.onProgress?.({ event: 'tick', totalKimg: o.kimg, ...report });
        log(
          `tick ${tick} kimg ${report.kimg.toFixed(3)} sec/kimg ${report.secPerKimg.toFixed(1)} ` +
            `G ${fmt(report.lossG)} Dreal ${fmt(report.lossDreal)} Dfake ${fmt(report.lossDfake)} r1 ${fmt(report.r1Penalty)} ` +
            (report.plPenalty !== null ? `pl ${fmt(report.plPenalty)} ` : '') +
            `sign ${fmt(report.realSignMean, 3)} p ${report.augmentP.toFixed(4)}`,
        );

        const snapshotDue = o.snap > 0 && tick % o.snap === 0;
        if (snapshotDue || done || cancelled) {
          latest = await snapshot(o, trainer, nets, tick, backend.choice, data);
          hooks.onProgress?.({ event: 'snapshot', tick, kimg: trainer.curNimg / 1000, latest });
          log(`snapshot ${latest.network}`);
        }
        if (done || cancelled) {
          reason = cancelled && !done ? 'cancelled' : 'finished';
          break;
        }
        tick += 1;
        tickStartNimg = trainer.curNimg;
        tickStartTime = Date.now();
        tickStartCpu = process.cpuUsage();
      }
    }
    if (!latest) latest = await snapshot(o, trainer, nets, tick, backend.choice, data);
    hooks.onProgress?.({ event: 'done', reason, kimg: trainer.curNimg / 1000, tick });
    log(`${reason} at ${(trainer.curNimg / 1000).toFixed(3)} kimg, tick ${tick}`);
    return { outdir: o.outdir, reason, kimg: trainer.curNimg / 1000, tick, augmentP: trainer.augmentP, latest, ticks, backend: backend.choice };
  } finally {
    trainer?.dispose();
    if (nets) disposeNetworks(nets);
  }
}

async function snapshot(o: TrainOptions, trainer: Trainer, nets: Networks, tick: number, backend: string, data: ImageDataset): Promise<LatestPointer> {
  const grid = gridFile(tick);
  await writeFakesGrid(path.join(o.outdir, grid), nets.G_ema, o.gridCols, o.gridRows, trainer.s.batchGpu);
  const optimizer = trainer.optimizerTensors();
  try {
    return await saveSnapshot({
      outdir: o.outdir,
      nets,
      optimizer,
      grid,
      keepSnapshots: o.keepSnapshots,
      state: {
        tick,
        kimg: trainer.curNimg / 1000,
        config: nets.config,
        options: { ...o, resume: undefined, fresh: undefined },
        settings: { ...trainer.s },
        trainer: trainer.getState(),
        backend,
        datasetFiles: data.files.length,
      },
    });
  } finally {
    tf.dispose(Object.values(optimizer));
  }
}
