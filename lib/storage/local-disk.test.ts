import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '@/lib/storage/local-disk';
import { keyFor, sha256Hex } from '@/lib/storage/storage';

describe('LocalDiskStorage', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atelier-storage-'));
  const store = new LocalDiskStorage(root);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores bytes under their sha256 and reads them back', async () => {
    const data = Buffer.from('hello latent space');
    const stored = await store.put(data, 'text/plain');
    expect(stored.sha256).toBe(sha256Hex(data));
    expect(stored.key).toBe(keyFor(stored.sha256));
    expect(stored.bytes).toBe(data.length);
    expect((await store.get(stored.key)).equals(data)).toBe(true);
    expect(await store.has(stored.key)).toBe(true);
  });

  it('stores identical content once', async () => {
    const a = await store.put(Buffer.from('same'), 'text/plain');
    const b = await store.put(Buffer.from('same'), 'text/plain');
    expect(a.key).toBe(b.key);
    const dir = path.join(root, path.dirname(a.key));
    expect((await readdir(dir)).filter((f) => f.startsWith(a.sha256))).toHaveLength(1);
  });

  it('deletes and refuses keys that could escape the folder', async () => {
    const stored = await store.put(Buffer.from('bye'), 'text/plain');
    await store.delete(stored.key);
    expect(await store.has(stored.key)).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/Invalid storage key/);
  });
});
