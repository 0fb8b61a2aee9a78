/**
 * Image grids as PNG: fakes from fixed seeds (G_ema) and a sample of reals.
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import type { Generator } from '../generator';
import { seedToZ } from '../random';

/** NHWC ≈[-1, 1] floats → uint8 as official generate.py: (x·127.5 + 128) clamped, truncated. */
export function toUint8(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] * 127.5 + 128;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.floor(v);
  }
  return out;
}

/** Tiles n images [n, r, r, 3] (uint8) into a cols × rows grid. */
export function tileGrid(pixels: Uint8Array, n: number, r: number, cols: number, rows: number): Uint8Array {
  const out = new Uint8Array(cols * r * rows * r * 3);
  for (let i = 0; i < Math.min(n, cols * rows); i++) {
    const gx = (i % cols) * r;
    const gy = Math.floor(i / cols) * r;
    for (let y = 0; y < r; y++) {
      const src = (i * r * r + y * r) * 3;
      const dst = ((gy + y) * cols * r + gx) * 3;
      out.set(pixels.subarray(src, src + r * 3), dst);
    }
  }
  return out;
}

export async function writePng(file: string, pixels: Uint8Array, width: number, height: number): Promise<void> {
  await sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), { raw: { width, height, channels: 3 } })
    .png()
    .toFile(file);
}

/**
 * Generator output for seeds 0…n−1 (z as official generate.py draws it), ψ = 1,
 * constant noise; returns the float images [n, r, r, 3].
 */
export async function generateFromSeeds(G: Generator, seeds: number[], batch: number): Promise<Float32Array> {
  const r = G.config.img_resolution;
  const zDim = G.config.z_dim;
  const out = new Float32Array(seeds.length * r * r * 3);
  for (let start = 0; start < seeds.length; start += batch) {
    const chunk = seeds.slice(start, start + batch);
    const z = new Float32Array(chunk.length * zDim);
    chunk.forEach((seed, i) => z.set(seedToZ(seed, zDim), i * zDim));
    const img = tf.tidy(() => G.synthesis(G.mapping(tf.tensor2d(z, [chunk.length, zDim])), { noiseMode: 'const' }));
    try {
      out.set(await img.data(), start * r * r * 3);
    } finally {
      img.dispose();
    }
  }
  return out;
}

export async function writeFakesGrid(file: string, G: Generator, cols: number, rows: number, batch: number): Promise<void> {
  const r = G.config.img_resolution;
  const seeds = Array.from({ length: cols * rows }, (_, i) => i);
  const pixels = toUint8(await generateFromSeeds(G, seeds, batch));
  await writePng(file, tileGrid(pixels, seeds.length, r, cols, rows), cols * r, rows * r);
}

/** Mean RGB of float images [n, r, r, 3]. */
export function meanRgb(images: Float32Array): [number, number, number] {
  const sums = [0, 0, 0];
  for (let i = 0; i < images.length; i++) sums[i % 3] += images[i];
  const n = images.length / 3;
  return [sums[0] / n, sums[1] / n, sums[2] / n];
}
