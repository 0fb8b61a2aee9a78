import { withAuth } from '@/lib/api/with-auth';
import { viewerOf } from '@/lib/access/viewer';
import { playableModels } from '@/lib/quiz/playable-models';
import { topUpPool } from '@/lib/quiz/play-round';

/** Models you may play with; the first is the default. Opening the quiz tops up its pool. */
export const GET = withAuth({ access: 'public' }, async ({ user }) => {
  const models = await playableModels(await viewerOf(user?.id ?? null));
  if (models[0]) await topUpPool(models[0].id);
  return { models };
});
