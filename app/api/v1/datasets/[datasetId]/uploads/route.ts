import { withAuth } from '@/lib/api/with-auth';
import { addUpload } from '@/lib/datasets/add-upload';

export const dynamic = 'force-dynamic';

/** Streams images and/or zips (multipart, or one zip as the body) into the dataset; answers with the per-file report. */
export const POST = withAuth({}, async ({ user, params, req }) => {
  const result = await addUpload(user.id, params.datasetId, {
    body: req.body,
    contentType: req.headers.get('content-type'),
    contentLength: req.headers.get('content-length'),
    filename: req.nextUrl.searchParams.get('filename') ?? req.headers.get('x-filename'),
  });
  return Response.json(result, { status: 201 });
});
