/**
 * `npm run --silent stylegan -- train --data DIR --outdir DIR [options]`
 *
 * Parses official-style options into TrainOptions and runs train(). SIGINT /
 * SIGTERM stop the run after the current step and write a final snapshot (a
 * second signal exits at once). Exit codes: 0 finished or cancelled cleanly,
 * 1 error (bad data, bad checkpoint, …), 2 bad usage.
 */
import { DatasetError } from './dataset';
import { train, type TrainInput } from './index';
import { DEFAULT_OPTIONS, type AugMode, type CfgName } from './options';

export const TRAIN_HELP = `Train a StyleGAN2-ADA model (TensorFlow.js; pure compute: files in, files out).

usage: stylegan train --data DIR --outdir DIR [options]

Data and output
  --data DIR           folder of square RGB images (PNG/JPEG/WebP), all of one power-of-two size;
                       a non-square, wrongly sized or unreadable file stops the run before it starts
  --outdir DIR         run folder: latest.json, state-NNNNNN.json, network-snapshot-NNNNNN.safetensors,
                       optimizer-NNNNNN.safetensors (latest only), fakes-NNNNNN.png, reals.png, log.jsonl
  --mirror             add x-flipped copies of every image
  --resume PATH        a run folder / latest.json / state-*.json / network-snapshot-*.safetensors
                       (continues that run exactly: kimg, augment p, optimizer, RNG), or a model folder
                       in the official layout (config.json, G.safetensors, D.safetensors[, G_ema.safetensors])
                       to start a new run from those weights (transfer learning)
  --fresh              with --resume of one of our runs: take only its weights and start a new run
                       (kimg 0, new optimizer, augment p from --p): fine-tuning our snapshot on other data

Length and reporting
  --kimg N             total length in thousands of real images shown to D (default ${DEFAULT_OPTIONS.kimg});
                       a resumed run continues up to this total
  --tick N             kimg per tick: one log line / progress report per tick (default ${DEFAULT_OPTIONS.tick})
  --snap N             snapshot every N ticks; 0 = only at the end (default ${DEFAULT_OPTIONS.snap})
  --keep N             keep only the newest N network snapshots (default 0 = all)
  --grid CxR           fakes grid size from fixed seeds 0.. (default ${DEFAULT_OPTIONS.gridCols}x${DEFAULT_OPTIONS.gridRows})

Training
  --batch N            total batch size (default ${DEFAULT_OPTIONS.batch})
  --batch-gpu N        images per forward/backward pass; gradients of batch/batch-gpu passes are summed
                       (default: the whole batch on a GPU; else what fits the wasm heap: 16 at <=32px, 8 at
                       64px, 4 at 128px, 2 above)
  --gamma G            R1 weight (default 0.0002*res^2/batch, the official 'auto' heuristic)
  --r1-interval N      lazy R1 every N steps (default ${DEFAULT_OPTIONS.r1Interval})
  --glr LR, --dlr LR   Adam learning rates (default ${DEFAULT_OPTIONS.glr}; betas 0, 0.99; eps 1e-8)
  --style-mixing P     style-mixing probability (default ${DEFAULT_OPTIONS.styleMixing})
  --ema-kimg N         G_ema half-life in kimg (default batch*10/32); --ema-rampup R (default ${DEFAULT_OPTIONS.emaRampup}, 'none' to disable)
  --pl-weight W        path-length regularisation weight. Default 2 on a GPU (webgpu on a hardware adapter,
                       tfjs-node/-gpu) and 0 (OFF) on wasm, cpu and software WebGPU adapters, where its
                       extra double-backward pass through G is too slow;
                       --pl-interval N (default ${DEFAULT_OPTIONS.plInterval})
  --seed N             random seed for initialisation, latents, noise, augmentation, batch order (default 0)

Augmentation (ADA)
  --aug ada|fixed|noaug  adaptive (default), fixed probability --p, or none
  --p P                initial (ada) or fixed (fixed) augmentation probability (default 0)
  --target T           ADA target for E[sign(D(real))] (default ${DEFAULT_OPTIONS.target})
  --ada-kimg N         kimg for p to move from 0 to 1 (default ${DEFAULT_OPTIONS.adaKimg}); --ada-interval N steps (default ${DEFAULT_OPTIONS.adaInterval})

Transfer learning
  --freezed N          Freeze-D: do not train the first N discriminator layers, counted as the official code
                       does from the highest resolution: b<res>.fromrgb, then conv0, conv1, skip per block
                       (e.g. 4 = the whole highest-resolution block)

Architecture of a from-scratch run (resolution comes from the data)
  --cfg NAME           cpu (default: channel_base 2048, channel_max 64, 2 mapping layers, z/w 128),
                       auto, stylegan2, paper256, cifar (official presets: much slower on a CPU)
  --cbase N, --cmax N, --map N, --wdim N   override the preset's channel_base, channel_max,
                       mapping layers, z/w dimension

Backend
  --backend NAME       webgpu | node-gpu | node | wasm | cpu (default: best available; also env TFJS_BACKEND)
  --threads N          run the batch/batch-gpu passes of each phase on N threads (default 1; wasm and cpu
                       backends, which use one core per thread: pick the number of cores). Without
                       --batch-gpu, images per pass drop until every thread has a pass. For a given
                       batch-gpu the result is the same for any N.

SIGINT/SIGTERM stop after the current step and write a final snapshot.
`;

const VALUE_OPTIONS: Record<string, keyof TrainInput | 'grid' | 'help'> = {
  data: 'data',
  outdir: 'outdir',
  resume: 'resume',
  kimg: 'kimg',
  batch: 'batch',
  'batch-gpu': 'batchGpu',
  gamma: 'gamma',
  aug: 'aug',
  target: 'target',
  p: 'p',
  'ada-kimg': 'adaKimg',
  'ada-interval': 'adaInterval',
  freezed: 'freezed',
  snap: 'snap',
  tick: 'tick',
  seed: 'seed',
  cfg: 'cfg',
  cbase: 'cbase',
  cmax: 'cmax',
  map: 'map',
  wdim: 'wdim',
  glr: 'glr',
  dlr: 'dlr',
  'r1-interval': 'r1Interval',
  'pl-weight': 'plWeight',
  'pl-interval': 'plInterval',
  'style-mixing': 'styleMixing',
  'ema-kimg': 'emaKimg',
  'ema-rampup': 'emaRampup',
  keep: 'keepSnapshots',
  grid: 'grid',
  backend: 'backend',
  threads: 'threads',
};

const STRING_KEYS = new Set(['data', 'outdir', 'resume', 'aug', 'cfg', 'backend']);

export class UsageError extends Error {}

function parseBool(v: string, name: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  throw new UsageError(`--${name} expects a boolean, got '${v}'`);
}

/** argv (after 'train') → TrainInput, or 'help'. */
export function parseTrainArgs(argv: string[]): TrainInput | 'help' {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name === 'mirror' || name === 'fresh') {
      out[name] = value === undefined ? true : parseBool(value, name);
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key) throw new UsageError(`unknown option --${name} (see --help)`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
    }
    if (key === 'grid') {
      const m = /^(\d+)x(\d+)$/.exec(value);
      if (!m) throw new UsageError(`--grid expects CxR, e.g. 8x4; got '${value}'`);
      out.gridCols = Number(m[1]);
      out.gridRows = Number(m[2]);
    } else if (key === 'emaRampup' && value === 'none') {
      out.emaRampup = null;
    } else if (STRING_KEYS.has(key)) {
      out[key] = value;
    } else {
      const num = Number(value);
      if (value.trim() === '' || !Number.isFinite(num)) throw new UsageError(`--${name} expects a number, got '${value}'`);
      out[key] = num;
    }
  }
  if (out.aug !== undefined && !['ada', 'fixed', 'noaug'].includes(out.aug as string)) throw new UsageError(`--aug must be ada, fixed or noaug`);
  if (out.cfg !== undefined && !['cpu', 'auto', 'stylegan2', 'paper256', 'cifar'].includes(out.cfg as string)) {
    throw new UsageError(`--cfg must be cpu, auto, stylegan2, paper256 or cifar`);
  }
  if (!out.outdir) throw new UsageError('--outdir is required');
  if (!out.data && !out.resume) throw new UsageError('--data is required (unless --resume continues a run)');
  return out as TrainInput & { aug?: AugMode; cfg?: CfgName };
}

export async function runTrainCli(argv: string[]): Promise<number> {
  let input: TrainInput | 'help';
  try {
    input = parseTrainArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`stylegan train: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (input === 'help') {
    process.stdout.write(TRAIN_HELP);
    return 0;
  }

  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`\n${sig} again: exiting without a final snapshot\n`);
      process.exit(130);
    }
    process.stderr.write(`\n${sig}: stopping after the current step and writing a final snapshot…\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await train(input, {
      signal: controller.signal,
      log: (line) => process.stderr.write(`[train] ${line}\n`),
    });
    process.stdout.write(
      JSON.stringify({ reason: result.reason, kimg: result.kimg, tick: result.tick, augmentP: result.augmentP, latest: result.latest, outdir: result.outdir, backend: result.backend }) + '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof DatasetError) {
      process.stderr.write(`stylegan train: ${err.message}\n`);
    } else {
      process.stderr.write(`stylegan train: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    }
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
