/**
 * The three networks of a run (G, G_ema, D): built from an architecture preset,
 * loaded from a model folder in the official layout, or from one of our
 * snapshots; plus Freeze-D and the G_ema update.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type PartialStyleGAN2Config, type StyleGAN2Config } from '../config';
import { Discriminator } from '../discriminator';
import { Generator } from '../generator';
import { torchLerp } from '../ops';
import { readSafetensors } from '../safetensors';
import { archPreset, type CfgName } from './options';

export interface Networks {
  config: StyleGAN2Config;
  G: Generator;
  G_ema: Generator;
  D: Discriminator;
}

export function disposeNetworks(nets: Networks): void {
  nets.G.dispose();
  nets.G_ema.dispose();
  nets.D.dispose();
}

export interface ScratchArch {
  cfg: CfgName;
  resolution: number;
  cbase?: number;
  cmax?: number;
  map?: number;
  wdim?: number;
  /** Minibatch-stddev group size (official: min(batch per pass, 4)). */
  mbstdGroup: number;
}

/** Config of a from-scratch run: preset + overrides, official constructor names. */
export function scratchConfig(arch: ScratchArch): StyleGAN2Config {
  const preset = archPreset(arch.cfg, arch.resolution);
  const channel_base = arch.cbase ?? preset.channel_base;
  const channel_max = arch.cmax ?? preset.channel_max;
  const wdim = arch.wdim ?? preset.w_dim;
  const partial: PartialStyleGAN2Config = {
    generator_kwargs: {
      z_dim: wdim,
      w_dim: wdim,
      c_dim: 0,
      img_resolution: arch.resolution,
      img_channels: 3,
      mapping_kwargs: { num_layers: arch.map ?? preset.map },
      synthesis_kwargs: { channel_base, channel_max, num_fp16_res: 0, conv_clamp: null },
    },
    discriminator_kwargs: {
      c_dim: 0,
      img_resolution: arch.resolution,
      img_channels: 3,
      channel_base,
      channel_max,
      num_fp16_res: 0,
      conv_clamp: null,
      epilogue_kwargs: { mbstd_group_size: arch.mbstdGroup },
    },
  };
  return resolveConfig(partial);
}

/** Fresh networks; G_ema starts as a copy of G (official: copy.deepcopy(G)). */
export function initNetworks(config: StyleGAN2Config, seed: number): Networks {
  const G = Generator.init(config.generator_kwargs, seed);
  const D = Discriminator.init(config.discriminator_kwargs, seed + 1);
  return { config, G, G_ema: cloneGenerator(G), D };
}

export function cloneGenerator(G: Generator): Generator {
  const tensors = G.toTensors();
  try {
    return Generator.fromTensors(G.config, tensors);
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

function tensorsFromFile(file: string, prefix = ''): Record<string, tf.Tensor> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  const { tensors } = readSafetensors(bytes);
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!name.startsWith(prefix)) continue;
    out[name.slice(prefix.length)] = tf.tensor(t.data, t.shape, 'float32');
  }
  return out;
}

function withTensors<T>(tensors: Record<string, tf.Tensor>, build: (t: Record<string, tf.Tensor>) => T): T {
  try {
    return build(tensors);
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** True when `dir` looks like a model folder in the official layout (config.json + G.safetensors). */
export function isModelFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'config.json')) && fs.existsSync(path.join(dir, 'G.safetensors'));
}

/**
 * Networks from a model folder in the fixture's layout: config.json,
 * G.safetensors, D.safetensors, optional G_ema.safetensors (else G_ema = G).
 */
export function loadModelFolder(dir: string): Networks {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as PartialStyleGAN2Config;
  if (!raw.generator_kwargs) throw new Error(`${path.join(dir, 'config.json')} has no generator_kwargs`);
  const config = resolveConfig(raw);
  const dFile = path.join(dir, 'D.safetensors');
  if (!fs.existsSync(dFile)) throw new Error(`${dir} has no D.safetensors: transfer learning needs the discriminator too`);
  const G = withTensors(tensorsFromFile(path.join(dir, 'G.safetensors')), (t) => Generator.fromTensors(config.generator_kwargs, t));
  const emaFile = path.join(dir, 'G_ema.safetensors');
  const G_ema = fs.existsSync(emaFile)
    ? withTensors(tensorsFromFile(emaFile), (t) => Generator.fromTensors(config.generator_kwargs, t))
    : cloneGenerator(G);
  const D = withTensors(tensorsFromFile(dFile), (t) => Discriminator.fromTensors(config.discriminator_kwargs, t));
  return { config, G, G_ema, D };
}

/** Networks from one of our snapshot files (tensors prefixed 'G.', 'G_ema.', 'D.'). */
export function loadSnapshotNetworks(file: string, config: StyleGAN2Config): Networks {
  const G = withTensors(tensorsFromFile(file, 'G.'), (t) => Generator.fromTensors(config.generator_kwargs, t));
  const G_ema = withTensors(tensorsFromFile(file, 'G_ema.'), (t) => Generator.fromTensors(config.generator_kwargs, t));
  const D = withTensors(tensorsFromFile(file, 'D.'), (t) => Discriminator.fromTensors(config.discriminator_kwargs, t));
  return { config, G, G_ema, D };
}

/** All official-name tensors of the three networks, prefixed (caller disposes). */
export function networksToTensors(nets: Networks): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [prefix, net] of [
    ['G.', nets.G],
    ['G_ema.', nets.G_ema],
    ['D.', nets.D],
  ] as const) {
    for (const [name, t] of Object.entries(net.toTensors())) out[prefix + name] = t;
  }
  return out;
}

/**
 * Freeze-D as in the official code: discriminator layers are numbered from the
 * highest resolution — b{res}.fromrgb, then conv0, conv1, skip of each block —
 * and the first `freezed` of them are not trained. The epilogue (b4.*) is never
 * frozen. Returns the names of the frozen parameters.
 */
export function frozenDiscriminatorParams(D: Discriminator, freezed: number): Set<string> {
  const frozen = new Set<string>();
  if (freezed <= 0) return frozen;
  const layers: string[] = [];
  for (let res = D.config.img_resolution; res > 4; res /= 2) {
    if (res === D.config.img_resolution) layers.push(`b${res}.fromrgb`);
    layers.push(`b${res}.conv0`, `b${res}.conv1`, `b${res}.skip`);
  }
  for (const layer of layers.slice(0, freezed)) {
    for (const name of Object.keys(D.params)) if (name.startsWith(`${layer}.`)) frozen.add(name);
  }
  return frozen;
}

/** Number of freezable discriminator layers (for validating --freezed). */
export function freezableLayerCount(D: Discriminator): number {
  return Math.round(Math.log2(D.config.img_resolution)) * 3 - 6 + 1;
}

/**
 * G_ema ← lerp(G, G_ema, β) for parameters, buffers copied (official training_loop):
 * ema_nimg = ema_kimg·1000 (ramped up to cur_nimg·rampup), β = 0.5^(batch / ema_nimg).
 */
export function emaBeta(emaKimg: number, emaRampup: number | null, curNimg: number, batch: number): number {
  let emaNimg = emaKimg * 1000;
  if (emaRampup !== null) emaNimg = Math.min(emaNimg, curNimg * emaRampup);
  return 0.5 ** (batch / Math.max(emaNimg, 1e-8));
}

export function updateEma(G: Generator, G_ema: Generator, beta: number): void {
  tf.tidy(() => {
    for (const [name, p] of Object.entries(G.params)) G_ema.params[name].assign(torchLerp(p, G_ema.params[name], beta));
    for (const [name, b] of Object.entries(G.buffers)) G_ema.buffers[name].assign(b);
  });
}
