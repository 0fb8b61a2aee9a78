import { withAuth } from '@/lib/api/with-auth';
import { promoteCheckpoint } from '@/lib/models/manage-model';

export const POST = withAuth({}, async ({ user, params }) => ({ model: await promoteCheckpoint(user.id, params.modelId, params.checkpointId) }));
