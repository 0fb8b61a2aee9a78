import { withAuth } from '@/lib/api/with-auth';
import { listLatents, listLatentsQuery, saveLatent, saveLatentInput } from '@/lib/latents/latents';

export const GET = withAuth({ query: listLatentsQuery }, async ({ user, query }) => listLatents(user.id, query));

export const POST = withAuth({ body: saveLatentInput }, async ({ user, body }) => Response.json({ latent: await saveLatent(user.id, body) }, { status: 201 }));
