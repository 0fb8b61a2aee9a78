import { withAuth } from '@/lib/api/with-auth';
import { getProjection } from '@/lib/projection/get-projection';
import { deleteProjection } from '@/lib/projection/manage-projection';

export const GET = withAuth({}, async ({ user, params }) => ({ projection: await getProjection(user.id, params.projectionId) }));

/** Deletes the projection and removes its photo from storage (the saved latent stays). */
export const DELETE = withAuth({}, async ({ user, params }) => deleteProjection(user.id, params.projectionId));
