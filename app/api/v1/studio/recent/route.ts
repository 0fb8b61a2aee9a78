import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { listRecentWork } from '@/lib/studio/list-recent-work';

const query = z.object({
  workspace: z.string().max(100).optional(),
  take: z.coerce.number().int().min(1, 'take must be at least 1').max(48, 'take must be at most 48').default(6),
});

/** The newest latents, mixes, videos, training runs and collections of a workspace. */
export const GET = withAuth({ query }, async ({ user, query }) => ({ recent: await listRecentWork(user.id, query.workspace, query.take) }));
