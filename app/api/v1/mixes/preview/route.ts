import { withAuth } from '@/lib/api/with-auth';
import { mixInput, previewMix } from '@/lib/mixes/mixes';

/** Renders a mix without saving it (the composer's live preview): 202 with the job. */
export const POST = withAuth({ body: mixInput }, async ({ user, body }) => Response.json({ job: await previewMix(user.id, body) }, { status: 202 }));
