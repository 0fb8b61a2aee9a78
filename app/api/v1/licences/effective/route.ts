import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { effectiveLicenceForUser } from '@/lib/licensing/model-licence';

const query = z.object({ modelId: z.string().min(1).max(64) });

/** The terms anything made with `modelId` inherits from its model chain. */
export const GET = withAuth({ access: 'public', query }, async ({ user, query }) => effectiveLicenceForUser(user, query.modelId));
