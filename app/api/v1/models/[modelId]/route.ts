import { withAuth } from '@/lib/api/with-auth';
import { getModel } from '@/lib/models/models';

export const GET = withAuth({}, async ({ user, params }) => ({ model: await getModel(user.id, params.modelId) }));
