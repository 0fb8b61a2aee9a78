/**
 * Synthesis helpers for the rest of the product: seed → z → w / w+ → image
 * batch → uint8 RGB → PNG. Work is done in batches and every intermediate
 * tensor is disposed; results come back as plain typed arrays / Buffers.
 *
 * Seeds: z for seed k is `np.random.RandomState(k).randn(z_dim)` (see
 * random.ts), computed in JavaScript float64 and independent of the tfjs
 * backend, so a seed gives the same z on every backend, every run, and the
 * same z as NVIDIA's generate.py.
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import type { Generator } from './generator';
import type { TruncationOptions } from './mapping';
import { seedToZ } from './random';
import type { NoiseMode } from './synthesis';

/** z for each seed, as one [N, z_dim] Float32Array (row-major). */
export function seedsToZ(seeds: number[], zDim: number): Float32Array {
  const out = new Float32Array(seeds.length * zDim);
  seeds.forEach((seed, i) => out.set(seedToZ(seed, zDim), i * zDim));
  return out;
}

export function seedsToZTensor(seeds: number[], zDim: number): tf.Tensor2D {
  return tf.tensor2d(seedsToZ(seeds, zDim), [seeds.length, zDim]);
}

/** seeds → w+ [N, num_ws, w_dim] (caller disposes). */
export function seedsToWs(G: Generator, seeds: number[], opts: TruncationOptions & { c?: tf.Tensor2D } = {}): tf.Tensor3D {
  return tf.tidy(() => G.mapping(seedsToZTensor(seeds, G.config.z_dim), opts));
}

/**
 * Generator output (NHWC, ≈[-1, 1]) → uint8, exactly as the official
 * generate.py does it: (x·127.5 + 128) clamped to [0, 255], truncated.
 */
export async function imageToUint8(img: tf.Tensor4D): Promise<Uint8Array> {
  const ints = tf.tidy(() => img.mul(127.5).add(128).clipByValue(0, 255).floor().cast('int32'));
  try {
    // Asynchronous read: the webgpu backend has no synchronous one.
    return Uint8Array.from(await ints.data());
  } finally {
    ints.dispose();
  }
}

export interface RenderedImage {
  width: number;
  height: number;
  channels: number;
  /** interleaved HWC uint8 */
  pixels: Uint8Array;
}

export interface RenderOptions {
  noiseMode?: NoiseMode;
  /** seed for 'random' noise (see SynthesisOptions.noiseSeed) */
  noiseSeed?: number;
  /** images per synthesis call (default: defaultBatchSize(resolution)) */
  batchSize?: number;
}

/**
 * Images per synthesis call that keep the wasm heap (capped near 4 GB) safe:
 * 8 up to 256 px, then fewer (2 at 512 px, 1 at 1024 px).
 */
export function defaultBatchSize(resolution: number): number {
  return Math.max(1, Math.min(8, Math.floor((8 * 256 * 256) / (resolution * resolution))));
}

/**
 * w+ [N, num_ws, w_dim] → images, synthesised in batches. The input is not
 * disposed. Default noise mode is 'const' (repeatable images).
 */
export async function renderWs(G: Generator, ws: tf.Tensor3D, opts: RenderOptions = {}): Promise<RenderedImage[]> {
  const batchSize = Math.max(1, opts.batchSize ?? defaultBatchSize(G.config.img_resolution));
  const [n] = ws.shape;
  const res = G.config.img_resolution;
  const channels = G.config.img_channels;
  const out: RenderedImage[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const count = Math.min(batchSize, n - start);
    const img = tf.tidy(() => {
      const batch = ws.slice([start, 0, 0], [count, -1, -1]) as tf.Tensor3D;
      return G.synthesis(batch, { noiseMode: opts.noiseMode ?? 'const', noiseSeed: opts.noiseSeed });
    });
    let pixels: Uint8Array;
    try {
      pixels = await imageToUint8(img);
    } finally {
      img.dispose();
    }
    const per = res * res * channels;
    for (let i = 0; i < count; i++) {
      out.push({ width: res, height: res, channels, pixels: pixels.slice(i * per, (i + 1) * per) });
    }
  }
  return out;
}

/** seeds → images (mapping with truncation, then synthesis), batched. */
export async function renderSeeds(
  G: Generator,
  seeds: number[],
  opts: RenderOptions & TruncationOptions & { c?: tf.Tensor2D } = {},
): Promise<RenderedImage[]> {
  const out: RenderedImage[] = [];
  const batchSize = Math.max(1, opts.batchSize ?? defaultBatchSize(G.config.img_resolution));
  for (let start = 0; start < seeds.length; start += batchSize) {
    const chunk = seeds.slice(start, start + batchSize);
    const c = opts.c ? (opts.c.slice([start, 0], [chunk.length, -1]) as tf.Tensor2D) : undefined;
    const ws = seedsToWs(G, chunk, { ...opts, c });
    c?.dispose();
    try {
      out.push(...(await renderWs(G, ws, opts)));
    } finally {
      ws.dispose();
    }
  }
  return out;
}

/** Encode one rendered image as PNG (1, 3 or 4 channels). */
export async function toPng(image: RenderedImage): Promise<Buffer> {
  if (![1, 3, 4].includes(image.channels)) throw new Error(`PNG needs 1, 3 or 4 channels, got ${image.channels}`);
  return sharp(Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength), {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 3 | 4 },
  })
    .png()
    .toBuffer();
}

/** seeds → PNG buffers. */
export async function seedsToPngs(
  G: Generator,
  seeds: number[],
  opts: RenderOptions & TruncationOptions & { c?: tf.Tensor2D } = {},
): Promise<Buffer[]> {
  return Promise.all((await renderSeeds(G, seeds, opts)).map(toPng));
}
