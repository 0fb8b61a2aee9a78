// Streams an upload request body to temporary files, counting bytes as they arrive: a
// multipart form of images and/or zips, or one zip as the raw body. Over the byte limit
// is a 413 as soon as it is known (declared Content-Length, or the byte that crosses it).
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { ApiError, badRequest } from '@/lib/api/errors';
import { formatBytes, type UploadLimits } from '@/lib/datasets/limits';

export type ReceivedFile = { name: string; path: string; bytes: number };

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

export function tooLarge(limits: UploadLimits) {
  return new ApiError('payload_too_large', `The upload is larger than the limit of ${formatBytes(limits.maxBytes)}`);
}

/** Counts bytes across every stream it is given; errors with a 413 past the limit. */
class ByteBudget {
  total = 0;
  constructor(private readonly limits: UploadLimits) {}
  counter(onBytes?: (n: number) => void) {
    const budget = this;
    return new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
        budget.total += chunk.length;
        onBytes?.(chunk.length);
        if (budget.total > budget.limits.maxBytes) cb(tooLarge(budget.limits));
        else cb(null, chunk);
      },
    });
  }
}

/** A file name safe to show in a report: the last path segment, printable, at most 200 chars. */
export function displayName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean || fallback;
}

export async function receiveUpload(
  body: ReadableStream<Uint8Array> | Readable | null,
  headers: { contentType: string | null; contentLength: string | null; filename?: string | null },
  dir: string,
  limits: UploadLimits,
): Promise<ReceivedFile[]> {
  if (!body) throw badRequest('The upload is empty');
  const declared = headers.contentLength ? Number(headers.contentLength) : NaN;
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits);
  const input = body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  const type = (headers.contentType ?? '').split(';')[0].trim().toLowerCase();
  const budget = new ByteBudget(limits);

  if (ZIP_TYPES.includes(type)) {
    const file = path.join(dir, 'body.zip');
    await pipeline(input, budget.counter(), createWriteStream(file));
    return [{ name: displayName(headers.filename ?? undefined, 'upload.zip'), path: file, bytes: budget.total }];
  }
  if (type !== 'multipart/form-data') {
    input.resume();
    throw badRequest('Send multipart/form-data with image or zip files, or a zip as the body (content-type application/zip)');
  }
  return receiveMultipart(input, headers.contentType!, dir, limits, budget);
}

function receiveMultipart(input: Readable, contentType: string, dir: string, limits: UploadLimits, budget: ByteBudget): Promise<ReceivedFile[]> {
  return new Promise<ReceivedFile[]>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: limits.maxFiles, fileSize: limits.maxBytes, fields: 20 } });
    } catch (err) {
      reject(badRequest(`Malformed multipart upload: ${(err as Error).message}`));
      return;
    }
    const files: ReceivedFile[] = [];
    const writes: Promise<void>[] = [];
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.unpipe(parser);
      input.resume(); // drain what is left so the connection can answer
      reject(err);
    };
    parser.on('file', (_field, stream, info) => {
      const index = files.length;
      const entry: ReceivedFile = { name: displayName(info.filename, `file-${index + 1}`), path: path.join(dir, `part-${index}`), bytes: 0 };
      files.push(entry);
      // busboy cuts a file at `fileSize` and says so only with this event: without it a body
      // past the limit would arrive truncated instead of refused.
      stream.on('limit', () => fail(tooLarge(limits)));
      writes.push(
        pipeline(stream, budget.counter((n) => (entry.bytes += n)), createWriteStream(entry.path)).catch((err) => {
          fail(err);
        }),
      );
    });
    parser.on('filesLimit', () => fail(new ApiError('payload_too_large', `Too many files in one upload (the limit is ${limits.maxFiles})`)));
    parser.on('error', (err: Error) => fail(badRequest(`Malformed multipart upload: ${err.message}`)));
    parser.on('close', () => {
      Promise.all(writes).then(() => {
        if (failed) return;
        if (files.length === 0) reject(badRequest('The upload holds no files (send them in multipart fields, e.g. -F file=@faces.zip)'));
        else resolve(files);
      }, fail);
    });
    input.on('error', (err) => fail(err));
    input.pipe(parser);
  });
}
