import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import type { UploadLimits } from '@/lib/datasets/limits';
import { EntryError, listZip, readEntry, unsafeEntryName, type UploadBudget } from '@/lib/datasets/read-zip';
import { faces, withDeclaredSize, zipOf } from '@/lib/datasets/test-data';

const limits: UploadLimits = { maxBytes: 10_000_000, maxFiles: 10, maxExpandedBytes: 1_000_000, maxImageBytes: 200_000 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'read-zip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function zipFile(bytes: Buffer) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(file, bytes);
  return file;
}
const budget = (): UploadBudget => ({ files: 0, expandedBytes: 0 });
async function rejection(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe('zip uploads', () => {
  it('lists image entries, skipping folders and system files', async () => {
    const [a, b] = await faces(2, 32);
    const file = await zipFile(zipOf({ 'set/a.png': a, 'set/b.png': b, '__MACOSX/set/._a.png': 'x', 'set/.DS_Store': 'x' }));
    const listing = await listZip(file, 'set.zip', limits, budget());
    expect(listing.entries.map((e) => e.fileName)).toEqual(['set/a.png', 'set/b.png']);
    expect(listing.ignored.map((i) => i.name).sort()).toEqual(['__MACOSX/set/._a.png', 'set/.DS_Store']);
    const bytes = await readEntry(listing.zip, listing.entries[0], limits, budget());
    expect(bytes.equals(a)).toBe(true);
    listing.zip.close();
  });

  it('rejects entry names that escape the folder before importing anything', async () => {
    const [a] = await faces(1, 32);
    for (const name of ['../escape.png', 'ok/../../escape.png', '/etc/passwd']) {
      const err = await rejection(listZip(await zipFile(zipOf({ 'good.png': a, [name]: a })), 'evil.zip', limits, budget()));
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/escapes|path traversal|absolute/);
    }
    expect(unsafeEntryName('a\\..\\..\\b.png')).toMatch(/\.\./);
    expect(unsafeEntryName('C:/x.png')).toMatch(/absolute/);
    expect(unsafeEntryName('faces/001.png')).toBeNull();
  });

  it('rejects nested archives', async () => {
    const inner = zipOf({ 'x.png': 'x' });
    const err = await rejection(listZip(await zipFile(zipOf({ 'inner.zip': inner })), 'outer.zip', limits, budget()));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/inner\.zip.*nested archives/);
  });

  it('rejects an archive whose declared unpacked size is over the limit (413)', async () => {
    const file = await zipFile(zipOf({ 'zeros.bin': new Uint8Array(2_000_000) }));
    const err = await rejection(listZip(file, 'bomb.zip', limits, budget()));
    expect(err.status).toBe(413);
    expect(err.message).toMatch(/zip bomb/);
  });

  it('rejects an archive with too many entries (413)', async () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.png`, 'x']));
    const err = await rejection(listZip(await zipFile(zipOf(files)), 'many.zip', limits, budget()));
    expect(err.status).toBe(413);
    expect(err.message).toMatch(/too many files/);
  });

  it('cuts off an entry that unpacks to more than it declares (a lying zip bomb)', async () => {
    const file = await zipFile(withDeclaredSize(zipOf({ 'liar.png': new Uint8Array(150_000) }), 'liar.png', 1000));
    const listing = await listZip(file, 'liar.zip', limits, budget());
    expect(listing.entries[0].uncompressedSize).toBe(1000);
    const b = budget();
    const err = await readEntry(listing.zip, listing.entries[0], limits, b).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(EntryError);
    expect((err as EntryError).code).toBe('size_mismatch');
    // It stopped at the declared size, not after unpacking everything.
    expect(b.expandedBytes).toBeLessThan(150_000);
    listing.zip.close();
  });

  it('refuses a file that is not a zip', async () => {
    const err = await rejection(listZip(await zipFile(Buffer.from('PK but not really a zip')), 'fake.zip', limits, budget()));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/not a readable zip/);
  });
});
