import { withAuth } from '@/lib/api/with-auth';
import { applyDirections, applyDirectionsInput } from '@/lib/directions/apply-directions';

/** The edited w+ of a base latent (nothing is stored): feed it to /generate, /latents, mixes or videos. */
export const POST = withAuth({ body: applyDirectionsInput }, async ({ user, params, body }) => applyDirections(user.id, params.modelId, body));
