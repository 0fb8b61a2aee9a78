import { withAuth } from '@/lib/api/with-auth';
import { mixGridInput, startMixGrid } from '@/lib/mixes/mixes';

export const POST = withAuth({ body: mixGridInput }, async ({ user, body }) => Response.json({ job: await startMixGrid(user.id, body) }, { status: 202 }));
