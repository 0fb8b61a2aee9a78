import { withAuth } from '@/lib/api/with-auth';
import { viewerOf } from '@/lib/access/viewer';
import { leaderboard } from '@/lib/quiz/scores';

/** The models you may play, by how often their fakes fooled players (95 % Wilson interval). */
export const GET = withAuth({ access: 'public' }, async ({ user }) => ({ models: await leaderboard(await viewerOf(user?.id ?? null)) }));
