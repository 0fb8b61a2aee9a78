import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { listMixes } from '@/lib/mixes/list-mixes';
import { saveMix, saveMixInput } from '@/lib/mixes/mixes';

/** The workspace's mixes, newest first, with their preview and result latent. */
export const GET = withAuth({ query: z.object({ workspace: z.string().optional() }) }, async ({ user, query }) => ({ mixes: await listMixes(user.id, query.workspace) }));

/** Saves a mix and enqueues its render (which stores the result as a new latent): 202. */
export const POST = withAuth({ body: saveMixInput }, async ({ user, body }) => Response.json(await saveMix(user.id, body), { status: 202 }));
