import { withAuth } from '@/lib/api/with-auth';
import { walkDirection, walkDirectionInput } from '@/lib/directions/walk-direction';

/** A video along one direction: keyframes are the latent edited by each amount. 202 {video, job}. */
export const POST = withAuth({ body: walkDirectionInput }, async ({ user, params, body }) =>
  Response.json(await walkDirection(user.id, params.modelId, body), { status: 202 }),
);
