import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import type { UploadLimits } from '@/lib/datasets/limits';
import { displayName, receiveUpload } from '@/lib/datasets/receive-upload';

const limits: UploadLimits = { maxBytes: 100_000, maxFiles: 3, maxExpandedBytes: 1_000_000, maxImageBytes: 50_000 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'receive-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A multipart body as a browser sends it, streamed in small chunks. */
async function multipart(files: { name: string; data: Buffer }[]) {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.data)]), f.name);
  const req = new Request('http://x/', { method: 'POST', body: form });
  const bytes = Buffer.from(await req.arrayBuffer());
  const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
  return { body: Readable.from(chunks), contentType: req.headers.get('content-type')! };
}

async function sub() {
  return mkdtemp(path.join(dir, 'u-'));
}

describe('receiveUpload', () => {
  it('streams multipart files to disk under their display names', async () => {
    const { body, contentType } = await multipart([
      { name: 'a.png', data: Buffer.alloc(3000, 1) },
      { name: '../../b.jpg', data: Buffer.alloc(10, 2) },
    ]);
    const files = await receiveUpload(body, { contentType, contentLength: null }, await sub(), limits);
    expect(files.map((f) => [f.name, f.bytes])).toEqual([
      ['a.png', 3000],
      ['b.jpg', 10],
    ]);
    expect((await readFile(files[0].path)).equals(Buffer.alloc(3000, 1))).toBe(true);
  });

  it('stops a streamed body at the byte that crosses the limit (413), without a Content-Length', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 10_000;
        this.push(sent > 5_000_000 ? null : Buffer.alloc(10_000));
      },
    });
    const err = await receiveUpload(endless, { contentType: 'application/zip', contentLength: null }, await sub(), limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(413);
    expect(sent).toBeLessThan(1_000_000);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const err = await receiveUpload(Readable.from([]), { contentType: 'application/zip', contentLength: '100001' }, await sub(), limits).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(413);
  });

  it('limits the number of files (413) and the total bytes of a multipart upload (413)', async () => {
    const many = await multipart(Array.from({ length: 4 }, (_, i) => ({ name: `${i}.png`, data: Buffer.alloc(10) })));
    const err = await receiveUpload(many.body, { contentType: many.contentType, contentLength: null }, await sub(), limits).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(413);
    expect((err as ApiError).message).toMatch(/Too many files/);
    const big = await multipart([
      { name: 'a.png', data: Buffer.alloc(60_000) },
      { name: 'b.png', data: Buffer.alloc(60_000) },
    ]);
    const err2 = await receiveUpload(big.body, { contentType: big.contentType, contentLength: null }, await sub(), limits).catch((e: unknown) => e);
    expect((err2 as ApiError).status).toBe(413);
  });

  it('asks for multipart or a zip body', async () => {
    const err = await receiveUpload(Readable.from([Buffer.from('{}')]), { contentType: 'application/json', contentLength: null }, await sub(), limits).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(400);
    expect(displayName('C:\\photos\\x.png', 'f')).toBe('x.png');
  });
});
