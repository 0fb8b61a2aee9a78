import { withAuth } from '@/lib/api/with-auth';
import { commercialUseInput, markCommercialUse } from '@/lib/licensing/mark-commercial-use';

/** Marks (or unmarks) a latent, mix or video for commercial use: 400 when its model chain is non-commercial. */
export const PUT = withAuth({ body: commercialUseInput }, async ({ user, body }) => ({ item: await markCommercialUse(user.id, body) }));
