import { withAuth } from '@/lib/api/with-auth';
import { importModelUpload } from '@/lib/models/import-model';

export const dynamic = 'force-dynamic';

/** Multipart upload of an official-export zip; 201 with the model and its sample-grid job. */
export const POST = withAuth({}, async ({ user, req }) => Response.json(await importModelUpload(user.id, req), { status: 201 }));
