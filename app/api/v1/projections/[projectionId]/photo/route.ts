import { withAuth } from '@/lib/api/with-auth';
import { deleteProjectionPhoto } from '@/lib/projection/manage-projection';

/** Removes the uploaded photo from storage and its aligned crop; the result and latent stay. */
export const DELETE = withAuth({}, async ({ user, params }) => ({ projection: await deleteProjectionPhoto(user.id, params.projectionId) }));
