/**
 * Training options (official train.py names where one exists), their defaults
 * for small datasets on a CPU, and the architecture presets (--cfg).
 */
import type { AugmentSpec } from './augment';
import type { BackendChoice } from '../backend';

export type AugMode = 'ada' | 'fixed' | 'noaug';
export type CfgName = 'cpu' | 'auto' | 'stylegan2' | 'paper256' | 'cifar';

export interface TrainOptions {
  /** Folder of square training images (PNG/JPEG/WebP). */
  data: string;
  /** Output folder: snapshots, grids, log.jsonl, latest.json. */
  outdir: string;
  /**
   * Start from: one of our snapshot files/states, a run folder (its latest.json),
   * or a model folder in the official layout (config.json, G/D[/G_ema].safetensors).
   * A run folder or snapshot continues the run exactly; a model folder starts a new
   * run from those weights (transfer learning).
   */
  resume?: string;
  /** With `resume` of one of our runs: take only its weights (G, G_ema, D) and start a new run. */
  fresh?: boolean;
  /** Total training length in thousands of real images shown to D (the run stops there). */
  kimg: number;
  /** Total batch size. */
  batch: number;
  /** Images per forward/backward pass (gradient accumulation when < batch). */
  batchGpu?: number;
  /** R1 weight; default official 'auto' heuristic 0.0002·res²/batch. */
  gamma?: number;
  aug: AugMode;
  /** ADA target for E[sign(D(real))]. */
  target: number;
  /** Initial augmentation probability (ada), or the fixed probability (fixed). */
  p: number;
  /** Thousands of images for p to go from 0 to 1. */
  adaKimg: number;
  /** Steps between ADA adjustments. */
  adaInterval: number;
  augSpec?: Partial<AugmentSpec>;
  mirror: boolean;
  /** Freeze-D: number of discriminator layers to freeze, counted as the official code does. */
  freezed: number;
  /** Snapshot every this many ticks. */
  snap: number;
  /** Length of a tick in kimg (progress report/log line granularity). */
  tick: number;
  seed: number;
  /** Architecture preset for a from-scratch run. */
  cfg: CfgName;
  /** Overrides of the preset. */
  cbase?: number;
  cmax?: number;
  map?: number;
  wdim?: number;
  glr: number;
  dlr: number;
  r1Interval: number;
  /** Path-length regularisation weight; default 2 on tfjs-node, 0 on wasm/cpu (too slow there). */
  plWeight?: number;
  plInterval: number;
  plBatchShrink: number;
  plDecay: number;
  styleMixing: number;
  /** G EMA half-life in kimg; default batch·10/32 as in the official 'auto' config. */
  emaKimg?: number;
  /** EMA ramp-up (fraction of images seen); null disables it. */
  emaRampup: number | null;
  /** Sample grid: columns × rows, from fixed seeds 0…(cols·rows − 1). */
  gridCols: number;
  gridRows: number;
  /** Delete network snapshots older than the newest N (0 = keep all). Optimizer state is only kept for the latest. */
  keepSnapshots: number;
  /** tfjs backend choice (default: best available). */
  backend?: BackendChoice;
  /**
   * Threads that run a phase's passes in parallel (data parallel; at most batch/batchGpu are
   * used). Does not change the result. Default 1; worth it on wasm, which runs one core per thread.
   */
  threads?: number;
}

export const DEFAULT_OPTIONS: Omit<TrainOptions, 'data' | 'outdir'> = {
  kimg: 50,
  batch: 16,
  aug: 'ada',
  target: 0.6,
  p: 0,
  adaKimg: 500,
  adaInterval: 4,
  mirror: false,
  freezed: 0,
  snap: 4,
  tick: 0.5,
  seed: 0,
  cfg: 'cpu',
  glr: 0.0025,
  dlr: 0.0025,
  r1Interval: 16,
  plInterval: 4,
  plBatchShrink: 2,
  plDecay: 0.01,
  styleMixing: 0.9,
  emaRampup: 0.05,
  gridCols: 8,
  gridRows: 4,
  keepSnapshots: 0,
};

export interface ArchPreset {
  channel_base: number;
  channel_max: number;
  map: number;
  w_dim: number;
}

/** Architecture presets. 'cpu' is ours (small enough to train on wasm); the rest follow official train.py. */
export function archPreset(cfg: CfgName, resolution: number): ArchPreset {
  switch (cfg) {
    case 'cpu':
      return { channel_base: 2048, channel_max: 64, map: 2, w_dim: 128 };
    case 'auto':
      return { channel_base: resolution >= 512 ? 32768 : 16384, channel_max: 512, map: 2, w_dim: 512 };
    case 'stylegan2':
      return { channel_base: 32768, channel_max: 512, map: 8, w_dim: 512 };
    case 'paper256':
      return { channel_base: 16384, channel_max: 512, map: 8, w_dim: 512 };
    case 'cifar':
      return { channel_base: 16384, channel_max: 512, map: 2, w_dim: 512 };
    default:
      throw new Error(`unknown --cfg '${cfg as string}' (cpu, auto, stylegan2, paper256, cifar)`);
  }
}

/** Default images per pass: what fits the wasm heap comfortably at this resolution. */
export function defaultBatchGpu(batch: number, resolution: number): number {
  const cap = resolution <= 32 ? 16 : resolution <= 64 ? 8 : resolution <= 128 ? 4 : 2;
  let b = Math.min(batch, cap);
  while (batch % b !== 0) b--;
  return b;
}

/**
 * Images per pass for a run on `threads` threads when --batch-gpu is not given: the default,
 * lowered to the largest divisor of the batch that gives every thread a pass.
 */
export function batchGpuForThreads(batch: number, resolution: number, threads: number): number {
  let b = defaultBatchGpu(batch, resolution);
  while (b > 1 && batch / b < threads) {
    b--;
    while (batch % b !== 0) b--;
  }
  return b;
}

export function validateOptions(o: TrainOptions): void {
  const fail = (msg: string) => {
    throw new Error(`invalid training option: ${msg}`);
  };
  if (!o.data) fail('--data is required');
  if (!o.outdir) fail('--outdir is required');
  if (!(o.kimg > 0)) fail(`--kimg must be > 0 (got ${o.kimg})`);
  if (!Number.isInteger(o.batch) || o.batch < 1) fail(`--batch must be a positive integer (got ${o.batch})`);
  if (o.batchGpu !== undefined && (!Number.isInteger(o.batchGpu) || o.batchGpu < 1 || o.batch % o.batchGpu !== 0)) {
    fail(`--batch-gpu must be a positive divisor of --batch (got ${o.batchGpu} for batch ${o.batch})`);
  }
  if (o.gamma !== undefined && !(o.gamma >= 0)) fail(`--gamma must be >= 0 (got ${o.gamma})`);
  if (!['ada', 'fixed', 'noaug'].includes(o.aug)) fail(`--aug must be ada, fixed or noaug (got ${o.aug})`);
  if (!(o.target > 0 && o.target <= 1)) fail(`--target must be in (0, 1] (got ${o.target})`);
  if (!(o.p >= 0 && o.p <= 1)) fail(`--p must be in [0, 1] (got ${o.p})`);
  if (!(o.adaKimg > 0)) fail(`--ada-kimg must be > 0 (got ${o.adaKimg})`);
  if (!Number.isInteger(o.adaInterval) || o.adaInterval < 1) fail('--ada-interval must be a positive integer');
  if (!Number.isInteger(o.freezed) || o.freezed < 0) fail(`--freezed must be a non-negative integer (got ${o.freezed})`);
  if (!Number.isInteger(o.snap) || o.snap < 0) fail(`--snap must be a non-negative integer (got ${o.snap})`);
  if (!(o.tick > 0)) fail(`--tick must be > 0 (got ${o.tick})`);
  if (!Number.isSafeInteger(o.seed)) fail(`--seed must be an integer (got ${o.seed})`);
  if (!Number.isInteger(o.r1Interval) || o.r1Interval < 1) fail('--r1-interval must be a positive integer');
  if (!Number.isInteger(o.plInterval) || o.plInterval < 1) fail('--pl-interval must be a positive integer');
  if (o.plWeight !== undefined && !(o.plWeight >= 0)) fail('--pl-weight must be >= 0');
  if (!(o.styleMixing >= 0 && o.styleMixing <= 1)) fail('--style-mixing must be in [0, 1]');
  if (o.emaKimg !== undefined && !(o.emaKimg >= 0)) fail('--ema-kimg must be >= 0');
  if (!(o.glr > 0) || !(o.dlr > 0)) fail('learning rates must be > 0');
  if (!Number.isInteger(o.gridCols) || o.gridCols < 1 || !Number.isInteger(o.gridRows) || o.gridRows < 1) fail('grid size must be positive');
  if (o.threads !== undefined && (!Number.isInteger(o.threads) || o.threads < 1 || o.threads > 64)) fail(`--threads must be an integer from 1 to 64 (got ${o.threads})`);
  for (const [k, v] of [['cbase', o.cbase], ['cmax', o.cmax], ['map', o.map], ['wdim', o.wdim]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) fail(`--${k} must be a positive integer (got ${v})`);
  }
}
