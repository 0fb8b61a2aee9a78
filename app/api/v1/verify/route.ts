import { withAuth } from '@/lib/api/with-auth';
import { badRequest, ApiError } from '@/lib/api/errors';
import { verifyFile } from '@/lib/provenance/verify-file';

const MAX_BYTES = 200 * 1024 * 1024;

/** Multipart upload (field `file`): which provenance record, if any, this file comes from. */
export const POST = withAuth({ access: 'public' }, async ({ req }) => {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new ApiError('payload_too_large', `Files up to ${MAX_BYTES / 1024 / 1024} MB can be verified`);
  const form = await req.formData().catch(() => {
    throw badRequest('Send the file as multipart/form-data in the field "file"');
  });
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) throw badRequest('file: attach the file to verify');
  if (file.size > MAX_BYTES) throw new ApiError('payload_too_large', `Files up to ${MAX_BYTES / 1024 / 1024} MB can be verified`);
  return { result: await verifyFile(new Uint8Array(await file.arrayBuffer())) };
});
