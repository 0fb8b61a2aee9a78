// The upload size limit, checked on the request itself (a 50 GB upload cannot be sent in a test).
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { importModelUpload } from '@/lib/models/import-model';

vi.hoisted(() => {
  process.env.MODEL_UPLOAD_MAX_MB = '1'; // before lib/env.ts parses the environment
});

const url = 'http://localhost/api/v1/models/import';

async function rejection(req: NextRequest) {
  try {
    await importModelUpload('no-user-needed', req);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('model upload size limit (MODEL_UPLOAD_MAX_MB)', () => {
  it('answers 413 from the declared length, before reading the body', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const req = new NextRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 ** 3) },
      body,
      duplex: 'half',
    } as unknown as ConstructorParameters<typeof NextRequest>[1]);
    const err = await rejection(req);
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code]).toEqual([413, 'payload_too_large']);
    expect(err.message).toMatch(/larger than the 1 MB limit/);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('answers 413 when the file itself is over the limit', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'model.zip');
    form.set('name', 'Too big');
    form.set('license', 'CC0-1.0');
    const err = await rejection(new NextRequest(url, { method: 'POST', body: form }));
    expect(err.status).toBe(413);
  });

  it('asks for a multipart upload', async () => {
    const err = await rejection(new NextRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/multipart\/form-data/);
  });
});
