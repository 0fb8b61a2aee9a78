/**
 * Run folder layout (the tick number names every file, so the newest is obvious):
 *
 *   latest.json                          pointer to the newest snapshot (written last)
 *   state-000012.json                    full state: config, options, kimg, tick, augment p, RNG/sampler, Adam steps
 *   network-snapshot-000012.safetensors  G., G_ema., D. tensors under official names and layouts
 *   optimizer-000012.safetensors         Adam moments (internal layouts); only the newest is kept
 *   fakes-000012.png                     G_ema grid from fixed seeds
 *   reals.png, log.jsonl                 training images sample; one JSON line per tick
 *
 * Files are written to a temporary name and renamed, so a crash never leaves a
 * half-written snapshot behind latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { StyleGAN2Config } from '../config';
import { readSafetensors, writeSafetensors } from '../safetensors';
import { networksToTensors, type Networks } from './networks';
import type { TrainOptions } from './options';
import type { TrainerState } from './trainer';

export const STATE_FORMAT = 'latent-atelier/stylegan2-ada-train-state';

export interface SnapshotState {
  format: typeof STATE_FORMAT;
  version: 1;
  tick: number;
  kimg: number;
  config: StyleGAN2Config;
  options: TrainOptions;
  /** Resolved values actually used (defaults filled in). */
  settings: Record<string, unknown>;
  trainer: TrainerState;
  files: { network: string; optimizer: string; grid: string | null };
  backend: string;
  datasetFiles: number;
  createdAt: string;
}

export interface LatestPointer {
  tick: number;
  kimg: number;
  state: string;
  network: string;
  optimizer: string;
  grid: string | null;
}

export const pad6 = (n: number) => String(n).padStart(6, '0');
export const networkFile = (tick: number) => `network-snapshot-${pad6(tick)}.safetensors`;
export const optimizerFile = (tick: number) => `optimizer-${pad6(tick)}.safetensors`;
export const stateFile = (tick: number) => `state-${pad6(tick)}.json`;
export const gridFile = (tick: number) => `fakes-${pad6(tick)}.png`;

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Reads tensors back asynchronously (the webgpu backend has no synchronous read). */
async function tensorsToBytes(tensors: Record<string, tf.Tensor>, metadata?: Record<string, string>): Promise<Uint8Array> {
  const plain: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, t] of Object.entries(tensors)) plain[name] = { shape: t.shape, data: Float32Array.from(await t.data()) };
  return writeSafetensors(plain, { dtype: 'F32', metadata });
}

export function readTensors(file: string): Record<string, tf.Tensor> {
  const { tensors } = readSafetensors(fs.readFileSync(file));
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) out[name] = tf.tensor(t.data, t.shape, 'float32');
  return out;
}

export interface SaveSnapshotArgs {
  outdir: string;
  nets: Networks;
  optimizer: Record<string, tf.Tensor>;
  state: Omit<SnapshotState, 'files' | 'format' | 'version' | 'createdAt'>;
  grid: string | null;
  keepSnapshots: number;
}

/** Writes one snapshot and moves latest.json to it; prunes old optimizer states (and old snapshots if asked). */
export async function saveSnapshot(args: SaveSnapshotArgs): Promise<LatestPointer> {
  const { outdir, nets, state } = args;
  const tick = state.tick;
  const files = { network: networkFile(tick), optimizer: optimizerFile(tick), grid: args.grid };
  const netTensors = networksToTensors(nets);
  try {
    writeAtomic(
      path.join(outdir, files.network),
      await tensorsToBytes(netTensors, { format: 'latent-atelier/stylegan2-ada-snapshot', config: JSON.stringify(nets.config), kimg: String(state.kimg) }),
    );
  } finally {
    tf.dispose(Object.values(netTensors));
  }
  writeAtomic(path.join(outdir, files.optimizer), await tensorsToBytes(args.optimizer));
  const full: SnapshotState = { format: STATE_FORMAT, version: 1, ...state, files, createdAt: new Date().toISOString() };
  writeAtomic(path.join(outdir, stateFile(tick)), JSON.stringify(full, null, 2) + '\n');
  const latest: LatestPointer = { tick, kimg: state.kimg, state: stateFile(tick), network: files.network, optimizer: files.optimizer, grid: files.grid };
  writeAtomic(path.join(outdir, 'latest.json'), JSON.stringify(latest, null, 2) + '\n');
  prune(outdir, tick, args.keepSnapshots);
  return latest;
}

function prune(outdir: string, latestTick: number, keep: number): void {
  const ticks = (re: RegExp) =>
    fs
      .readdirSync(outdir)
      .map((f) => re.exec(f))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]));
  // Optimizer moments are only needed to resume, and one resumes from the latest.
  for (const t of ticks(/^optimizer-(\d{6})\.safetensors$/)) if (t !== latestTick) fs.rmSync(path.join(outdir, optimizerFile(t)), { force: true });
  if (keep > 0) {
    const snaps = ticks(/^network-snapshot-(\d{6})\.safetensors$/).sort((a, b) => b - a);
    for (const t of snaps.slice(keep)) {
      fs.rmSync(path.join(outdir, networkFile(t)), { force: true });
      fs.rmSync(path.join(outdir, stateFile(t)), { force: true });
    }
  }
}

export type ResumeSource = { kind: 'run'; dir: string; state: SnapshotState } | { kind: 'model'; dir: string };

/**
 * What --resume points at: a run folder (its latest.json), latest.json, a
 * state-*.json, a network-snapshot-*.safetensors (its state file beside it),
 * or a model folder in the official layout (config.json + G/D.safetensors).
 */
export function resolveResume(target: string): ResumeSource {
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) throw new Error(`--resume: ${target} does not exist`);
  let stateJson: string | null = null;
  if (fs.statSync(abs).isDirectory()) {
    if (fs.existsSync(path.join(abs, 'latest.json'))) {
      const latest = JSON.parse(fs.readFileSync(path.join(abs, 'latest.json'), 'utf8')) as LatestPointer;
      stateJson = path.join(abs, latest.state);
    } else if (fs.existsSync(path.join(abs, 'config.json')) && fs.existsSync(path.join(abs, 'G.safetensors'))) {
      return { kind: 'model', dir: abs };
    } else {
      throw new Error(`--resume: ${target} has neither latest.json (a training run) nor config.json + G.safetensors (a model)`);
    }
  } else if (abs.endsWith('.json')) {
    const parsed = JSON.parse(fs.readFileSync(abs, 'utf8')) as Partial<LatestPointer & SnapshotState>;
    stateJson = parsed.format === STATE_FORMAT ? abs : path.join(path.dirname(abs), String(parsed.state));
  } else {
    const m = /network-snapshot-(\d{6})\.safetensors$/.exec(abs);
    if (!m) throw new Error(`--resume: don't know how to resume from ${target}`);
    stateJson = path.join(path.dirname(abs), `state-${m[1]}.json`);
  }
  if (!fs.existsSync(stateJson)) throw new Error(`--resume: state file ${stateJson} is missing`);
  const state = JSON.parse(fs.readFileSync(stateJson, 'utf8')) as SnapshotState;
  if (state.format !== STATE_FORMAT) throw new Error(`--resume: ${stateJson} is not a training state (${String(state.format)})`);
  return { kind: 'run', dir: path.dirname(stateJson), state };
}

/** Writes the networks of a snapshot as a model folder in the official layout (config.json, G, G_ema, D). */
export async function exportModelFolder(nets: Networks, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  writeAtomic(path.join(dir, 'config.json'), JSON.stringify({ ...nets.config, num_ws: nets.G.numWs }, null, 2) + '\n');
  for (const [name, net] of [
    ['G', nets.G],
    ['G_ema', nets.G_ema],
    ['D', nets.D],
  ] as const) {
    const tensors = net.toTensors();
    try {
      writeAtomic(path.join(dir, `${name}.safetensors`), await tensorsToBytes(tensors));
    } finally {
      tf.dispose(Object.values(tensors));
    }
  }
}
