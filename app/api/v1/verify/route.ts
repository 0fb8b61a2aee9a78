import { withAuth } from '@/lib/api/with-auth';
import { badRequest } from '@/lib/api/errors';
import { readMultipart } from '@/lib/api/read-multipart';
import { env } from '@/lib/env';
import { verifyFile } from '@/lib/provenance/verify-file';

export const dynamic = 'force-dynamic';

/** Multipart upload (field `file`): which provenance record, if any, this file comes from. */
export const POST = withAuth({ access: 'public' }, async ({ req }) => {
  const maxMb = env().VERIFY_UPLOAD_MAX_MB;
  const form = await readMultipart(req, { maxBytes: maxMb * 1024 * 1024, fileField: 'file', tooLargeMessage: `Files up to ${maxMb} MB can be verified` });
  if (!form.file || form.file.bytes.length === 0) throw badRequest('Attach the file to verify', [{ path: 'file', field: 'File', message: 'Attach the file to verify' }]);
  return { result: await verifyFile(new Uint8Array(form.file.bytes.buffer, form.file.bytes.byteOffset, form.file.bytes.length)) };
});
