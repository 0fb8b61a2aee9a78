import { withAuth } from '@/lib/api/with-auth';
import { deleteModel } from '@/lib/models/manage-model';
import { getModel } from '@/lib/models/models';
import { updateModel, updateModelInput } from '@/lib/models/update-model';

export const GET = withAuth({}, async ({ user, params }) => ({ model: await getModel(user.id, params.modelId) }));

export const PATCH = withAuth({ body: updateModelInput }, async ({ user, params, body }) => ({ model: await updateModel(user.id, params.modelId, body) }));

export const DELETE = withAuth({}, async ({ user, params }) => {
  await deleteModel(user.id, params.modelId);
  return { deleted: true };
});
