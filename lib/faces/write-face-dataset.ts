import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapWithConcurrency } from './concurrency';
import { datasetFaceSeed } from './face-seeds';
import { DEFAULT_FACE_SIZE, renderFace } from './render-face';

export interface WriteFaceDatasetOptions {
  outDir: string;
  count: number;
  /** Dataset seed; image i uses face seed datasetFaceSeed(seed, i). */
  seed?: number;
  size?: number;
  /** Images rendered at once. sharp renders off the main thread, so a few overlap well even on 2 cores. */
  concurrency?: number;
  onProgress?: (done: number, count: number) => void;
}

export interface FaceDatasetSummary {
  outDir: string;
  count: number;
  files: string[];
  attributesFile: string;
}

export const ATTRIBUTES_FILE = 'attributes.jsonl';

export function faceFileName(index: number): string {
  return `${String(index).padStart(8, '0')}.png`;
}

/** Writes 00000000.png … plus attributes.jsonl (one line per image, in file order). */
export async function writeFaceDataset(options: WriteFaceDatasetOptions): Promise<FaceDatasetSummary> {
  const { outDir, count, seed = 0, size = DEFAULT_FACE_SIZE, concurrency = 4, onProgress } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  await mkdir(outDir, { recursive: true });
  let done = 0;
  const lines = await mapWithConcurrency(count, concurrency, async (index) => {
    const file = faceFileName(index);
    const { png, attributes } = await renderFace(datasetFaceSeed(seed, index), { size });
    await writeFile(path.join(outDir, file), png);
    onProgress?.(++done, count);
    return JSON.stringify({ file, ...attributes });
  });
  const attributesFile = path.join(outDir, ATTRIBUTES_FILE);
  await writeFile(attributesFile, lines.join('\n') + '\n');
  return { outDir, count, files: lines.map((_, i) => faceFileName(i)), attributesFile };
}
