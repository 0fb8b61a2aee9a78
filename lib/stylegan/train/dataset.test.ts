import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { BatchSampler, DatasetError, getBatch, loadImageFolder, meanColor } from './dataset';
import { Rng } from './rng';
import { writeShapesDataset } from './test-data';

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-test-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function folder(name: string, count = 4, size = 8): Promise<string> {
  const dir = path.join(root, name);
  await writeShapesDataset(dir, { count, size, seed: 3 });
  return dir;
}

describe('image folder dataset', () => {
  it('loads PNG, JPEG and WebP (grey too) as RGB in [-1, 1], sorted by name', async () => {
    const dir = await folder('ok', 3, 8);
    const px = Buffer.alloc(8 * 8 * 3, 0);
    for (let i = 0; i < 64; i++) px.set([255, 0, 127], i * 3);
    await sharp(px, { raw: { width: 8, height: 8, channels: 3 } }).webp({ lossless: true }).toFile(path.join(dir, 'z-red.webp'));
    await sharp(px, { raw: { width: 8, height: 8, channels: 3 } }).jpeg({ quality: 100 }).toFile(path.join(dir, 'y-red.jpg'));
    await sharp(Buffer.alloc(64, 255), { raw: { width: 8, height: 8, channels: 1 } }).png().toFile(path.join(dir, 'x-grey.png'));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'not an image');
    const ds = await loadImageFolder(dir);
    expect(ds.files.map((f) => path.basename(f))).toEqual(['img-0000.png', 'img-0001.png', 'img-0002.png', 'x-grey.png', 'y-red.jpg', 'z-red.webp']);
    expect(ds.resolution).toBe(8);
    expect(ds.size).toBe(6);
    const batch = getBatch(ds, [5, 3]);
    expect(Array.from(batch.subarray(0, 3))).toEqual([1, -1, Math.fround(127 / 127.5 - 1)]);
    expect(Array.from(batch.subarray(8 * 8 * 3, 8 * 8 * 3 + 3))).toEqual([1, 1, 1]);
    const jpeg = getBatch(ds, [4]);
    expect(jpeg[0]).toBeGreaterThan(0.9);
    for (const v of batch) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('--mirror adds x-flipped copies', async () => {
    const dir = await folder('mirror', 2, 8);
    const ds = await loadImageFolder(dir, { mirror: true });
    expect(ds.size).toBe(4);
    const [a, b] = [getBatch(ds, [1]), getBatch(ds, [3])];
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) for (let c = 0; c < 3; c++) expect(b[(y * 8 + x) * 3 + c]).toBe(a[(y * 8 + 7 - x) * 3 + c]);
    expect(meanColor(ds)).toEqual(meanColor(await loadImageFolder(dir)));
  });

  it.each([
    ['a non-square image', 'bad-shape.png', async (f: string) => sharp({ create: { width: 8, height: 6, channels: 3, background: '#123456' } }).png().toFile(f), /not square.*bad-shape\.png|bad-shape\.png.*not square/],
    ['an image of the wrong size', 'small.png', async (f: string) => sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } }).png().toFile(f), /wrong size.*small\.png/],
    ['an unreadable file', 'broken.jpg', async (f: string) => fs.writeFile(f, Buffer.from('definitely not a jpeg')), /unreadable.*broken\.jpg/],
  ])('stops on %s, naming the file', async (_what, name, write, pattern) => {
    const dir = await folder(`bad-${name}`, 3, 8);
    const file = path.join(dir, name);
    await write(file);
    const err = await loadImageFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).message).toMatch(pattern);
    expect((err as DatasetError).file).toBe(file);
  });

  it('rejects a size the model does not have, and empty folders', async () => {
    const dir = await folder('res', 2, 8);
    await expect(loadImageFolder(dir, { resolution: 16 })).rejects.toThrow(/img-0000\.png is 8×8, expected 16×16/);
    const empty = path.join(root, 'empty');
    await fs.mkdir(empty);
    await expect(loadImageFolder(empty)).rejects.toThrow(/no images/);
    await expect(loadImageFolder(path.join(root, 'missing'))).rejects.toThrow(/cannot read dataset folder/);
  });
});

describe('BatchSampler', () => {
  it('visits every image once per epoch and resumes exactly from its state', () => {
    const a = BatchSampler.create(10, Rng.fromSeed(1));
    const first = Array.from(a.next(10));
    expect([...first].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    a.next(3);
    const state = JSON.parse(JSON.stringify(a.getState()));
    const expected = Array.from(a.next(25));
    const b = BatchSampler.fromState(10, state);
    expect(Array.from(b.next(25))).toEqual(expected);
  });
});
