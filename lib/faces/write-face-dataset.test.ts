import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAttributes } from './attributes';
import { datasetFaceSeed } from './face-seeds';
import { writeFaceDataset } from './write-face-dataset';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'faces-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('writeFaceDataset', () => {
  it('writes N numbered PNGs and N attribute lines in file order', async () => {
    const outDir = path.join(await tempDir(), 'nested', 'set');
    const summary = await writeFaceDataset({ outDir, count: 12, seed: 3, size: 16 });
    const files = (await readdir(outDir)).sort();
    const pngs = files.filter((f) => f.endsWith('.png'));
    expect(pngs).toEqual(Array.from({ length: 12 }, (_, i) => `${String(i).padStart(8, '0')}.png`));
    expect(files).toContain('attributes.jsonl');
    expect(summary.files).toEqual(pngs);

    const lines = (await readFile(path.join(outDir, 'attributes.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    lines.forEach((line, i) => {
      const record = JSON.parse(line);
      expect(record.file).toBe(pngs[i]);
      expect(record).toMatchObject(sampleAttributes(datasetFaceSeed(3, i)));
    });
    expect((await sharp(path.join(outDir, pngs[0])).metadata()).width).toBe(16);
  });

  it('is reproducible: the same seed writes the same bytes, another seed other faces', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await writeFaceDataset({ outDir: a, count: 4, seed: 11, size: 16 });
    await writeFaceDataset({ outDir: b, count: 4, seed: 11, size: 16, concurrency: 1 });
    await writeFaceDataset({ outDir: c, count: 4, seed: 12, size: 16 });
    const read = (dir: string, f: string) => readFile(path.join(dir, f));
    for (const f of ['00000000.png', '00000003.png', 'attributes.jsonl']) {
      expect((await read(a, f)).equals(await read(b, f))).toBe(true);
      expect((await read(a, f)).equals(await read(c, f))).toBe(false);
    }
  });

  it('rejects a count that is not a positive integer', async () => {
    await expect(writeFaceDataset({ outDir: await tempDir(), count: 0 })).rejects.toThrow(RangeError);
  });
});
