// A small multipart form read as it arrives (busboy), for uploads that need one file in memory
// (verify, model import): the whole body, the file and every field have hard byte limits that
// hold without a Content-Length, so memory never holds more than `maxBytes` of one request.
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
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.unpipe(parser);
      input.destroy(); // stop reading: the rest of the body is never taken in
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
      const chunks: Buffer[] = [];
      let size = 0;
      fileDone = new Promise<void>((done) => {
        stream.on('data', (c: Buffer) => {
          size += c.length;
          chunks.push(c);
        });
        stream.on('limit', () => fail(tooBig()));
        stream.on('end', () => {
          result.file = { field, name: info.filename ?? '', bytes: Buffer.concat(chunks, size) };
          done();
        });
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
