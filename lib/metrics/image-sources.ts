// Where a metric's images come from: the real side (a folder of images, a dataset's stored
// images, or the procedural face generator the bundled model was trained on) and the generated
// side (a Generator from fixed seeds). Each is a count plus a batch reader of uint8 RGB images
// at the model's resolution, so the metrics never hold every image at once.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { datasetFaceSeed } from '@/lib/faces/face-seeds';
import { renderFace } from '@/lib/faces/render-face';
import type { Generator } from '@/lib/stylegan/generator';
import { renderWs, seedsToWs } from '@/lib/stylegan/synthesize';
import type { RgbImage } from './inception';

export type ImageSource = {
  /** Names the images for the real-feature cache (same key, same images). */
  key: string;
  count: number;
  read(start: number, count: number): Promise<RgbImage[]>;
};

/** The seed of the procedural dataset the bundled model was trained on (models/default/MODEL_CARD.md). */
export const PROCEDURAL_DATASET_SEED = 2026;
export const PROCEDURAL_DATA = 'procedural';

export async function decodeToRgb(bytes: Buffer, resolution: number): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().resize(resolution, resolution, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: info.channels };
}

/** The procedural face generator's dataset: image i is face seed datasetFaceSeed(2026, i). */
export function proceduralSource(count: number, resolution: number, datasetSeed = PROCEDURAL_DATASET_SEED): ImageSource {
  return {
    key: `procedural:${datasetSeed}:${resolution}`,
    count,
    read: async (start, n) =>
      Promise.all(Array.from({ length: n }, async (_, i) => decodeToRgb((await renderFace(datasetFaceSeed(datasetSeed, start + i), { size: resolution })).png, resolution))),
  };
}

/** Image files from byte loaders (a folder, or a dataset's stored images), up to `count`. */
export function bytesSource(key: string, loaders: Array<() => Promise<Buffer>>, count: number, resolution: number): ImageSource {
  const n = Math.min(count, loaders.length);
  return {
    key: `${key}:${resolution}`,
    count: n,
    read: async (start, m) => Promise.all(loaders.slice(start, start + m).map(async (load) => decodeToRgb(await load(), resolution))),
  };
}

const IMAGE_FILE = /\.(png|jpe?g|webp)$/i;

export async function folderSource(dir: string, count: number, resolution: number): Promise<ImageSource> {
  const files = (await readdir(dir)).filter((f) => IMAGE_FILE.test(f)).sort();
  if (files.length === 0) throw new Error(`no PNG, JPEG or WebP images in ${dir}`);
  return bytesSource(`folder:${path.resolve(dir)}`, files.map((f) => () => readFile(path.join(dir, f))), count, resolution);
}

/** Seeds of the generated side: fixed, far from the seeds people browse, so runs repeat. */
export const GENERATED_SEED_BASE = 1_000_000;

export function generatorSource(G: Generator, count: number): ImageSource {
  return {
    key: 'generated',
    count,
    read: async (start, n) => {
      const seeds = Array.from({ length: n }, (_, i) => GENERATED_SEED_BASE + start + i);
      const ws = seedsToWs(G, seeds, { psi: 1 });
      try {
        return await renderWs(G, ws, { noiseMode: 'const' });
      } finally {
        tf.dispose(ws);
      }
    },
  };
}
