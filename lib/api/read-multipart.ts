// A small multipart form read as it arrives (busboy), for uploads that need one file in memory
// (verify, model import): the whole body, the file and every field have hard byte limits that
// hold without a Content-Length. The file is spooled to a temporary file while it arrives and
// read into memory only once it is complete and within its limit, so an oversized or abandoned
// upload never occupies the web process's memory.
import { createWriteStream, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { ApiError, badRequest } from '@/lib/api/errors';
import { isInvalidText } from '@/lib/api/input-text';
import { tooLarge } from '@/lib/api/read-limited';

export type MultipartForm = { fields: Record<string, string>; file: { field: string; name: string; bytes: Buffer } | null };

export async function readMultipart(
  req: Request,
  opts: { maxBytes: number; fileField: string; tooLargeMessage?: string },
): Promise<MultipartForm> {
  const tooBig = () => (opts.tooLargeMessage ? new ApiError('payload_too_large', opts.tooLargeMessage) : tooLarge(opts.maxBytes));
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw badRequest(`Send a multipart/form-data upload with the file in the field "${opts.fileField}"`);
  }
  if (Number(req.headers.get('content-length') ?? 0) > opts.maxBytes + 64 * 1024) throw tooBig();
  if (!req.body) throw badRequest('The upload is empty');
  const input = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>);

  return new Promise<MultipartForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: opts.maxBytes, fields: 20, fieldSize: 16 * 1024, parts: 32 } });
    } catch (err) {
      reject(badRequest(`Malformed multipart upload: ${(err as Error).message}`));
      return;
    }
    const result: MultipartForm = { fields: {}, file: null };
    let total = 0;
    let failed = false;
    let fileDone: Promise<void> = Promise.resolve();
    let spool: string | null = null;
    let out: import('node:fs').WriteStream | null = null;
    const removeSpool = () => (spool ? fsp.rm(spool, { force: true }).catch(() => undefined) : Promise.resolve());
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.unpipe(parser);
      input.destroy(); // stop reading: the rest of the body is never taken in
      out?.destroy();
      void removeSpool();
      reject(err);
    };
    input.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > opts.maxBytes + 64 * 1024) fail(tooBig());
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(badRequest(`${name}: too long`));
      if (isInvalidText(name) || isInvalidText(value)) return fail(badRequest(`${name}: contains a NUL character or invalid Unicode text`));
      result.fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      if (field !== opts.fileField) {
        stream.resume();
        return;
      }
      spool = path.join(os.tmpdir(), `atelier-upload-${randomUUID()}`);
      const file = createWriteStream(spool, { mode: 0o600 });
      out = file;
      fileDone = new Promise<void>((done) => {
        stream.on('limit', () => fail(tooBig()));
        file.on('error', (err) => fail(err));
        file.on('finish', () => {
          if (failed) return done();
          // Complete and within the limit: now it may be held in memory.
          fsp
            .readFile(spool!)
            .then((bytes) => {
              result.file = { field, name: info.filename ?? '', bytes };
            })
            .catch(fail)
            .finally(() => void removeSpool().then(done));
        });
        stream.pipe(file);
      });
    });
    parser.on('partsLimit', () => fail(badRequest('Too many parts in the upload')));
    parser.on('fieldsLimit', () => fail(badRequest('Too many fields in the upload')));
    parser.on('error', (err: Error) => fail(badRequest(`Malformed multipart upload: ${err.message}`)));
    parser.on('close', () => {
      fileDone.then(() => {
        if (!failed) resolve(result);
      });
    });
    input.on('error', (err) => fail(err instanceof ApiError ? err : badRequest('The upload was interrupted')));
    input.pipe(parser);
  });
}
