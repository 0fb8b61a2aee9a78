/**
 * Synthesis throughput (images/s, mapping + synthesis, 'const' noise) at batch
 * 1 and 16, for three generator sizes:
 *   32 px   the shared fixture's configuration (z/w 64, 4 mapping layers, 64 channels)
 *   64 px   the bundled default model's architecture (models/default/config.json:
 *           z/w 128, 2 mapping layers, channel_base 1024, channel_max 64)
 *   256 px  official-size layers (z/w 512, 8 mapping layers, ≤512 channels)
 * on every backend that loads here, or on those named with --backends.
 *
 *   npx tsx bench/synthesis/index.ts [--quick] [--backends=wasm,webgpu] [--res=64,256]
 *
 * Weights are random (official-style init): throughput does not depend on them.
 * Each measurement: one warm-up call (on webgpu it compiles the shaders), then
 * repeated calls until `minSeconds` have passed or `maxIters` calls were made;
 * the median per-call time is used. Every call ends with `await img.data()`
 * (the download, as real use does; webgpu has no synchronous read).
 * Slow backends — cpu (~35× slower than wasm) and webgpu on a software adapter
 * (Mesa llvmpipe) — get no warm-up and a single timed batch-1 call at 256 px,
 * and no batch-16 run there.
 *
 * Without --backends, webgpu is tried first and kept only on a hardware adapter
 * (`--backends=webgpu` takes a software one too). bench/gpu runs these
 * measurements together with bench/train and prints one table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { activateBackend, describeAdapter, type BackendChoice, type BackendInfo } from '../../lib/stylegan/backend';
import type { PartialGeneratorKwargs } from '../../lib/stylegan/config';
import { Generator } from '../../lib/stylegan/generator';
import defaultModelConfig from '../../models/default/config.json';

export interface SynthesisConfig {
  /** short key: '32', '64', '256' */
  id: string;
  label: string;
  resolution: number;
  kwargs: PartialGeneratorKwargs;
}

/** The shared fixture's generator (../shared/fixtures/stylegan2-ada-32); a copy is built in for machines without it. */
const FIXTURE_KWARGS: PartialGeneratorKwargs = {
  z_dim: 64,
  c_dim: 0,
  w_dim: 64,
  img_resolution: 32,
  img_channels: 3,
  mapping_kwargs: { num_layers: 4 },
  synthesis_kwargs: { channel_base: 1024, channel_max: 64, num_fp16_res: 0, conv_clamp: null },
};

function fixtureKwargs(): PartialGeneratorKwargs {
  // Only when run from the checkout: a bundled copy has no fixture beside it (and no useful __dirname).
  const dir = typeof __dirname === 'string' ? __dirname : null;
  const file = dir ? path.resolve(dir, '../../../shared/fixtures/stylegan2-ada-32/config.json') : null;
  try {
    if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).generator_kwargs;
  } catch {
    // fall through to the built-in copy
  }
  return FIXTURE_KWARGS;
}

/** The bundled default model's generator (models/default/config.json, compiled in). */
const DEFAULT_MODEL_KWARGS = defaultModelConfig.generator_kwargs as unknown as PartialGeneratorKwargs;

export const SYNTHESIS_CONFIGS: SynthesisConfig[] = [
  { id: '32', label: '32 px, 64 ch (fixture)', resolution: 32, kwargs: fixtureKwargs() },
  {
    id: '64',
    label: `64 px, ≤${DEFAULT_MODEL_KWARGS.synthesis_kwargs?.channel_max ?? 64} ch (default model)`,
    resolution: DEFAULT_MODEL_KWARGS.img_resolution ?? 64,
    kwargs: DEFAULT_MODEL_KWARGS,
  },
  {
    id: '256',
    label: '256 px, ≤512 ch',
    resolution: 256,
    kwargs: {
      z_dim: 512,
      w_dim: 512,
      img_resolution: 256,
      img_channels: 3,
      mapping_kwargs: { num_layers: 8 },
      synthesis_kwargs: { channel_base: 16384, channel_max: 512, conv_clamp: 256 },
    },
  },
];

export interface SynthesisLimits {
  minSeconds: number;
  maxIters: number;
  warmUp: boolean;
}

export interface SynthesisTiming {
  imgPerSec: number;
  /** median seconds per call */
  secPerCall: number;
  /** timed calls */
  iters: number;
  /** seconds of the warm-up call (shader compilation on webgpu), null without one */
  warmUpS: number | null;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Standard-normal latents for seeds 0…batch−1 (a fixed LCG + Box–Muller: values do not matter for speed). */
function latents(batch: number, zDim: number): tf.Tensor2D {
  const out = new Float32Array(batch * zDim);
  let s = 12345;
  const u = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 1) / 4294967297;
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return tf.tensor2d(out, [batch, zDim]);
}

/**
 * Lets timers and signal handlers run: on wasm `await data()` resolves as a microtask, so a
 * loop of calls would otherwise never return to the event loop (SIGTERM would wait for its end).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Times mapping + synthesis of `batch` images on the active backend. */
export async function timeSynthesis(G: Generator, batch: number, limits: SynthesisLimits): Promise<SynthesisTiming> {
  const z = latents(batch, G.config.z_dim);
  const once = async () => {
    const t0 = performance.now();
    const img = tf.tidy(() => G.synthesis(G.mapping(z, { psi: 0.7 }), { noiseMode: 'const' }));
    try {
      await img.data(); // wait for the result (and include the download, as real use does)
    } finally {
      img.dispose();
    }
    return (performance.now() - t0) / 1000;
  };
  try {
    const warmUpS = limits.warmUp ? await once() : null;
    const times: number[] = [];
    const start = performance.now();
    while (times.length < limits.maxIters && (times.length < 1 || (performance.now() - start) / 1000 < limits.minSeconds)) {
      await yieldToEventLoop();
      times.push(await once());
    }
    const secPerCall = median(times);
    return { imgPerSec: batch / secPerCall, secPerCall, iters: times.length, warmUpS };
  } finally {
    z.dispose();
  }
}

/** True for backends that run an order of magnitude slower than wasm: cpu, and webgpu on a software adapter. */
export function isSlowBackend(info: BackendInfo): boolean {
  return info.choice === 'cpu' || Boolean(info.adapter?.software);
}

export function parseListArg(name: string, argv = process.argv): string[] | undefined {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  return arg
    ?.slice(name.length + 3)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows: string[][] = [];
  const adapters: string[] = [];
  const only = parseListArg('backends') as BackendChoice[] | undefined;
  const resolutions = parseListArg('res');
  const configs = SYNTHESIS_CONFIGS.filter((c) => !resolutions || resolutions.includes(c.id));
  const backends = only ?? (['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] as BackendChoice[]);
  for (const backend of backends) {
    let info: BackendInfo;
    try {
      info = await activateBackend(backend);
    } catch (err) {
      process.stderr.write(`skip ${backend}: ${(err as Error).message.split('\n')[0]}\n`);
      if (only) rows.push([backend, '—', '—', 'not run', '', `does not start: ${(err as Error).message.split('\n')[0]}`]);
      continue;
    }
    if (info.adapter) {
      if (!only && info.adapter.software) {
        process.stderr.write(`skip webgpu: only a software adapter (${describeAdapter(info.adapter)}); name it in --backends to run it\n`);
        continue;
      }
      adapters.push(`${backend} adapter: ${describeAdapter(info.adapter)} ${JSON.stringify(info.adapter)}`);
      process.stderr.write(adapters[adapters.length - 1] + '\n');
    }
    const slow = isSlowBackend(info);
    for (const cfg of configs) {
      const G = Generator.init(cfg.kwargs, 0);
      const big = cfg.resolution >= 128;
      try {
        for (const batch of [1, 16]) {
          if (slow && big && batch > 1) {
            // one batch-16 call would take tens of minutes on the pure-JS backend or a software rasteriser
            rows.push([backend, cfg.label, String(batch), 'not run', '', 'skipped: ~16× the batch-1 time on a slow backend']);
            continue;
          }
          const limits = {
            minSeconds: quick ? 1 : 4,
            maxIters: slow && big ? 1 : big ? 5 : 50,
            warmUp: !(slow && big),
          };
          const r = await timeSynthesis(G, batch, limits);
          const row = [
            backend,
            cfg.label,
            String(batch),
            r.imgPerSec.toPrecision(3),
            (1 / r.imgPerSec).toPrecision(3),
            `${r.iters}${limits.warmUp ? '' : ' (no warm-up)'}`,
          ];
          process.stderr.write(row.join(' | ') + '\n');
          rows.push(row);
        }
      } finally {
        G.dispose();
      }
    }
  }
  const header = ['backend', 'config', 'batch', 'images/s', 's/image', 'timed calls'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const pre = adapters.length ? adapters.join('\n') + '\n\n' : '';
  process.stdout.write(pre + lines.join('\n') + `\n\nload average at the end (1/5/15 min): ${load}; ${os.cpus().length} CPUs\n`);
}

/** True when this file is the program (node/tsx bench/synthesis/index.ts), not when imported or bundled into another. */
function isEntry(): boolean {
  const arg = process.argv[1];
  return Boolean(arg) && /bench[\\/]synthesis[\\/]index(\.[cm]?[jt]s)?$/.test(path.resolve(arg));
}

if (isEntry()) {
  main().catch((err) => {
    process.stderr.write(String(err?.stack ?? err) + '\n');
    process.exitCode = 1;
  });
}
