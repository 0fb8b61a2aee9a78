// The S3 driver end to end against an S3-compatible server (s3rver): the same behaviour as
// the local disk driver, through the AWS SDK and real HTTP.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '@/lib/storage/s3';
import { keyFor, sha256Hex } from '@/lib/storage/storage';
import { startS3Server, TEST_S3 } from '@/lib/testing/s3-server';

describe('S3Storage against an S3-compatible server', () => {
  let server: Awaited<ReturnType<typeof startS3Server>>;
  let store: S3Storage;
  beforeAll(async () => {
    server = await startS3Server();
    store = new S3Storage({ ...TEST_S3, endpoint: server.endpoint, forcePathStyle: true });
  });
  afterAll(() => server?.stop());

  it('stores bytes under their sha256 and reads them back, binary and large', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const stored = await store.put(data, 'application/octet-stream');
    expect(stored).toEqual({ key: keyFor(sha256Hex(data)), sha256: sha256Hex(data), bytes: data.length });
    expect(await store.has(stored.key)).toBe(true);
    expect((await store.get(stored.key)).equals(data)).toBe(true);
  });

  it('stores identical content once and deletes it', async () => {
    const a = await store.put(Buffer.from('same bytes'), 'text/plain');
    const b = await store.put(Buffer.from('same bytes'), 'text/plain');
    expect(b.key).toBe(a.key);
    await store.delete(a.key);
    expect(await store.has(a.key)).toBe(false);
    await expect(store.get(a.key)).rejects.toThrow();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/Invalid storage key/);
  });

  it('answers has() false for a key never stored, and fails loudly when the bucket is wrong', async () => {
    expect(await store.has(keyFor(sha256Hex(Buffer.from('never'))))).toBe(false);
    const wrong = new S3Storage({ ...TEST_S3, bucket: 'no-such-bucket', endpoint: server.endpoint, forcePathStyle: true });
    await expect(wrong.put(Buffer.from('x'), 'text/plain')).rejects.toThrow();
  });
});
