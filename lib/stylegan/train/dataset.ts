/**
 * Training data: a folder of square RGB images of one power-of-two size
 * (PNG, JPEG or WebP, decoded with sharp), held in memory as bytes.
 *
 * Every image is checked before training starts; a file that cannot be decoded,
 * is not square, or has the wrong size stops the run with a message that names
 * it. `mirror` doubles the dataset with x-flipped copies (official --mirror).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { Rng, type RngState } from './rng';

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];

export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface ImageDataset {
  dir: string;
  /** Image files, sorted by name. */
  files: string[];
  resolution: number;
  /** Number of training images: files.length, doubled with mirror. */
  size: number;
  mirror: boolean;
  /** Bytes [files.length, resolution, resolution, 3], RGB. */
  pixels: Uint8Array;
}

export interface LoadOptions {
  /** Required image size (a model's resolution); when absent, taken from the data. */
  resolution?: number;
  mirror?: boolean;
}

async function listImages(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new DatasetError(`cannot read dataset folder ${dir}: ${(err as Error).message}`);
  }
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(dir, e.name))
    .sort();
}

async function decode(file: string): Promise<{ width: number; height: number; data: Buffer; channels: number }> {
  try {
    const { data, info } = await sharp(file, { failOn: 'error' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data, channels: info.channels };
  } catch (err) {
    throw new DatasetError(`unreadable image ${file}: ${(err as Error).message}`, file);
  }
}

/** Loads and validates a folder of images. Throws DatasetError naming the first bad file. */
export async function loadImageFolder(dir: string, options: LoadOptions = {}): Promise<ImageDataset> {
  const files = await listImages(dir);
  if (files.length === 0) {
    throw new DatasetError(`no images (${IMAGE_EXTENSIONS.join(', ')}) in ${dir}`);
  }
  let resolution = options.resolution;
  let pixels: Uint8Array | null = null;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const img = await decode(file);
    if (img.width !== img.height) {
      throw new DatasetError(`image is not square: ${file} is ${img.width}×${img.height}`, file);
    }
    if (resolution === undefined) {
      resolution = img.width;
      if (!Number.isInteger(Math.log2(resolution)) || resolution < 4) {
        throw new DatasetError(`image size must be a power of two >= 4: ${file} is ${resolution}×${resolution}`, file);
      }
    }
    if (img.width !== resolution) {
      throw new DatasetError(`image has the wrong size: ${file} is ${img.width}×${img.height}, expected ${resolution}×${resolution}`, file);
    }
    if (!pixels) pixels = new Uint8Array(files.length * resolution * resolution * 3);
    const offset = i * resolution * resolution * 3;
    if (img.channels === 3) {
      pixels.set(img.data, offset);
    } else if (img.channels === 1) {
      for (let p = 0; p < resolution * resolution; p++) pixels.fill(img.data[p], offset + 3 * p, offset + 3 * p + 3);
    } else {
      throw new DatasetError(`unsupported channel count ${img.channels} in ${file}`, file);
    }
  }
  const mirror = !!options.mirror;
  return { dir, files, resolution: resolution!, size: files.length * (mirror ? 2 : 1), mirror, pixels: pixels! };
}

/**
 * Images as NHWC float32 in [-1, 1] (x/127.5 − 1, as the official loader).
 * Indices ≥ files.length select the mirrored copy of index − files.length.
 */
export function getBatch(ds: ImageDataset, indices: ArrayLike<number>): Float32Array {
  const r = ds.resolution;
  const per = r * r * 3;
  const out = new Float32Array(indices.length * per);
  for (let b = 0; b < indices.length; b++) {
    let idx = indices[b];
    if (idx < 0 || idx >= ds.size) throw new Error(`dataset index ${idx} out of range`);
    const flip = idx >= ds.files.length;
    if (flip) idx -= ds.files.length;
    const src = idx * per;
    const dst = b * per;
    for (let y = 0; y < r; y++) {
      for (let x = 0; x < r; x++) {
        const sx = flip ? r - 1 - x : x;
        const si = src + (y * r + sx) * 3;
        const di = dst + (y * r + x) * 3;
        out[di] = ds.pixels[si] / 127.5 - 1;
        out[di + 1] = ds.pixels[si + 1] / 127.5 - 1;
        out[di + 2] = ds.pixels[si + 2] / 127.5 - 1;
      }
    }
  }
  return out;
}

/** Mean RGB of the dataset in [-1, 1] (mirroring does not change it). */
export function meanColor(ds: ImageDataset): [number, number, number] {
  const sums = [0, 0, 0];
  for (let i = 0; i < ds.pixels.length; i++) sums[i % 3] += ds.pixels[i];
  const n = ds.pixels.length / 3;
  return sums.map((s) => s / n / 127.5 - 1) as [number, number, number];
}

export interface SamplerState {
  /** RNG state at the start of the current epoch (the permutation is regenerated from it). */
  epochRng: RngState;
  position: number;
  epoch: number;
}

/** Endless shuffled passes over the dataset; its state is small and exact. */
export class BatchSampler {
  private order: Int32Array;
  private epochStart: RngState;

  private constructor(
    private readonly size: number,
    private rng: Rng,
    private position: number,
    private epoch: number,
  ) {
    this.epochStart = rng.getState();
    this.order = rng.permutation(size);
  }

  static create(size: number, rng: Rng): BatchSampler {
    return new BatchSampler(size, rng, 0, 0);
  }

  static fromState(size: number, state: SamplerState): BatchSampler {
    return new BatchSampler(size, Rng.fromState(state.epochRng), state.position, state.epoch);
  }

  next(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.position >= this.size) {
        this.epochStart = this.rng.getState();
        this.order = this.rng.permutation(this.size);
        this.position = 0;
        this.epoch++;
      }
      out[i] = this.order[this.position++];
    }
    return out;
  }

  getState(): SamplerState {
    return { epochRng: this.epochStart, position: this.position, epoch: this.epoch };
  }
}
