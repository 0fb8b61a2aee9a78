import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { deleteCheckpoint, setCheckpointHidden } from '@/lib/models/manage-model';

export const PATCH = withAuth({ body: z.object({ hidden: z.boolean() }) }, async ({ user, params, body }) => ({
  model: await setCheckpointHidden(user.id, params.modelId, params.checkpointId, body.hidden),
}));

export const DELETE = withAuth({}, async ({ user, params }) => ({ model: await deleteCheckpoint(user.id, params.modelId, params.checkpointId) }));
