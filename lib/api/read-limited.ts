// Reads a request body as it arrives and stops at a hard byte limit, whether or not the client
// sent a Content-Length: memory never holds more than `maxBytes` of one body.
import { ApiError } from '@/lib/api/errors';

export function tooLarge(maxBytes: number) {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new ApiError('payload_too_large', `The request body is larger than ${size}`);
}

/** Refuses early when Content-Length already says the body is too large. */
export function checkDeclaredLength(headers: Headers, maxBytes: number) {
  const declared = Number(headers.get('content-length') ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/** The whole body, at most `maxBytes` (413 beyond, and the rest is not read). */
export async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A pass-through stream that errors with 413 once more than `maxBytes` have gone through. */
export function limitStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}
