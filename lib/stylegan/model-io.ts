/**
 * A model on disk is a folder in the fixture's layout: config.json
 * ({generator_kwargs, discriminator_kwargs, …}) plus G.safetensors /
 * G_ema.safetensors / D.safetensors holding official state_dicts.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { resolveConfig, type PartialStyleGAN2Config, type StyleGAN2Config } from './config';
import { Discriminator } from './discriminator';
import { Generator } from './generator';
import { readSafetensors, writeSafetensors } from './safetensors';

export function safetensorsToTensors(bytes: Uint8Array): Record<string, tf.Tensor> {
  const { tensors } = readSafetensors(bytes);
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) out[name] = tf.tensor(t.data, t.shape, 'float32');
  return out;
}

/** Reads tensors back asynchronously (the webgpu backend has no synchronous read). */
export async function tensorsToSafetensors(
  tensors: Record<string, tf.Tensor>,
  opts: { dtype?: 'F32' | 'F16'; metadata?: Record<string, string> } = {},
): Promise<Uint8Array> {
  const plain: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, t] of Object.entries(tensors)) plain[name] = { shape: t.shape, data: (await t.data()) as Float32Array };
  return writeSafetensors(plain, opts);
}

function disposeAll(tensors: Record<string, tf.Tensor>): void {
  for (const t of Object.values(tensors)) t.dispose();
}

export function readConfig(dir: string): StyleGAN2Config & { raw: Record<string, unknown> } {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  return { ...resolveConfig(raw as unknown as PartialStyleGAN2Config), raw };
}

/** Load a generator from `<dir>/<file>` (default: G_ema.safetensors if present, else G.safetensors). */
export function loadGenerator(dir: string, config: StyleGAN2Config, file?: string): Generator {
  const name = file ?? (fs.existsSync(path.join(dir, 'G_ema.safetensors')) ? 'G_ema.safetensors' : 'G.safetensors');
  const tensors = safetensorsToTensors(fs.readFileSync(path.join(dir, name)));
  try {
    return Generator.fromTensors(config.generator_kwargs, tensors);
  } finally {
    disposeAll(tensors);
  }
}

export function loadDiscriminator(dir: string, config: StyleGAN2Config, file = 'D.safetensors'): Discriminator {
  const tensors = safetensorsToTensors(fs.readFileSync(path.join(dir, file)));
  try {
    return Discriminator.fromTensors(config.discriminator_kwargs, tensors);
  } finally {
    disposeAll(tensors);
  }
}

/** Serialise a network's official state_dict to safetensors bytes. */
export async function networkToSafetensors(
  net: Generator | Discriminator,
  opts: { dtype?: 'F32' | 'F16'; metadata?: Record<string, string> } = {},
): Promise<Uint8Array> {
  const tensors = net.toTensors();
  try {
    return await tensorsToSafetensors(tensors, opts);
  } finally {
    disposeAll(tensors);
  }
}

/** Write a model folder (config.json + the given networks). */
export async function saveModel(
  dir: string,
  config: StyleGAN2Config,
  nets: { G?: Generator; G_ema?: Generator; D?: Discriminator },
  opts: { dtype?: 'F32' | 'F16' } = {},
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  for (const [name, net] of Object.entries(nets)) {
    if (net) fs.writeFileSync(path.join(dir, `${name}.safetensors`), await networkToSafetensors(net, opts));
  }
}
