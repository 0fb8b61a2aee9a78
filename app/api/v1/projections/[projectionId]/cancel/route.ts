import { withAuth } from '@/lib/api/with-auth';
import { cancelProjection } from '@/lib/projection/manage-projection';

export const POST = withAuth({}, async ({ user, params }) => ({ projection: await cancelProjection(user.id, params.projectionId) }));
