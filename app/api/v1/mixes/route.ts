import { withAuth } from '@/lib/api/with-auth';
import { saveMix, saveMixInput } from '@/lib/mixes/mixes';

/** Saves a mix and enqueues its render (which stores the result as a new latent): 202. */
export const POST = withAuth({ body: saveMixInput }, async ({ user, body }) => Response.json(await saveMix(user.id, body), { status: 202 }));
