import { withAuth } from '@/lib/api/with-auth';
import { deleteLatent, getLatent, updateLatent, updateLatentInput } from '@/lib/latents/latents';

export const GET = withAuth({}, async ({ user, params }) => ({ latent: await getLatent(user.id, params.latentId) }));

export const PATCH = withAuth({ body: updateLatentInput }, async ({ user, params, body }) => ({ latent: await updateLatent(user.id, params.latentId, body) }));

export const DELETE = withAuth({}, async ({ user, params }) => {
  await deleteLatent(user.id, params.latentId);
  return new Response(null, { status: 204 });
});
