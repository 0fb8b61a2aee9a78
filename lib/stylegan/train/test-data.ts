/**
 * Tiny synthetic datasets for tests and benchmarks: coloured discs and squares
 * on a dark background, written as PNG files with sharp.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageDataset } from './dataset';
import { Rng } from './rng';

export interface ShapesOptions {
  count: number;
  size: number;
  seed?: number;
  /** Base colour of the shapes (0–255 RGB); each image varies it a little. */
  color?: [number, number, number];
  /** Background colour (0–255 RGB; default near-black); each image varies it a little. */
  background?: [number, number, number];
}

/** RGB bytes of one image: a disc or a square of `color` (±20) on `background` (±10). */
export function drawShape(rng: Rng, size: number, color: [number, number, number], background: [number, number, number] = [20, 20, 30]): Uint8Array {
  const px = new Uint8Array(size * size * 3);
  const bg = background.map((v) => Math.max(0, Math.min(255, v + rng.int(21) - 10)));
  const c = color.map((v) => Math.max(0, Math.min(255, v + rng.int(41) - 20)));
  const radius = size * (0.2 + 0.15 * rng.uniform());
  const cx = size / 2 + (rng.uniform() - 0.5) * size * 0.3;
  const cy = size / 2 + (rng.uniform() - 0.5) * size * 0.3;
  const disc = rng.uniform() < 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const inside = disc ? dx * dx + dy * dy <= radius * radius : Math.abs(dx) <= radius && Math.abs(dy) <= radius;
      const src = inside ? c : bg;
      px.set(src, (y * size + x) * 3);
    }
  }
  return px;
}

/** Writes `count` PNGs named img-0000.png … into `dir` (created if needed). Returns the file paths. */
export async function writeShapesDataset(dir: string, options: ShapesOptions): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const rng = Rng.fromSeed(options.seed ?? 1);
  const files: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const px = drawShape(rng, options.size, options.color ?? [230, 120, 40], options.background);
    const file = path.join(dir, `img-${String(i).padStart(4, '0')}.png`);
    await sharp(Buffer.from(px), { raw: { width: options.size, height: options.size, channels: 3 } }).png().toFile(file);
    files.push(file);
  }
  return files;
}

/** An in-memory dataset of `count` shapes (no files), for benchmarks that build a Trainer directly. */
export function syntheticDataset(resolution: number, count: number): ImageDataset {
  const rng = Rng.fromSeed(1);
  const pixels = new Uint8Array(count * resolution * resolution * 3);
  for (let i = 0; i < count; i++) pixels.set(drawShape(rng, resolution, [230, 120, 40]), i * resolution * resolution * 3);
  return { dir: '(memory)', files: Array.from({ length: count }, (_, i) => `img-${i}.png`), resolution, size: count, mirror: false, pixels };
}
