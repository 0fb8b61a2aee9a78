import { withAuth } from '@/lib/api/with-auth';
import { shareProjectionInput } from '@/lib/projection/projection-input';
import { shareProjection } from '@/lib/projection/manage-projection';

/** Confirms the right to share the likeness and makes the saved latent unlisted or public. */
export const POST = withAuth({ body: shareProjectionInput }, async ({ user, params, body }) => ({ projection: await shareProjection(user.id, params.projectionId, body) }));
