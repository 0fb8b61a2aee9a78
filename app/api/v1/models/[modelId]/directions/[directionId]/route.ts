import { withAuth } from '@/lib/api/with-auth';
import { deleteDirection, renameDirection, renameDirectionInput } from '@/lib/directions/manage-direction';

export const PATCH = withAuth({ body: renameDirectionInput }, async ({ user, params, body }) => ({
  direction: await renameDirection(user.id, params.modelId, params.directionId, body),
}));

export const DELETE = withAuth({}, async ({ user, params }) => {
  await deleteDirection(user.id, params.modelId, params.directionId);
  return { deleted: true };
});
