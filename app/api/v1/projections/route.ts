import { withAuth } from '@/lib/api/with-auth';
import { createProjection } from '@/lib/projection/create-projection';
import { listProjections } from '@/lib/projection/get-projection';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ user }) => ({ projections: await listProjections(user.id) }));

/** Multipart upload of a photo (field "photo") and settings; 202 with the projection and its job. */
export const POST = withAuth({}, async ({ user, req }) => Response.json(await createProjection(user.id, req), { status: 202 }));
