import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { startFineTune } from '@/lib/training/start-fine-tune';
import { startFineTuneInput } from '@/lib/training/options';
import { listTrainingRuns } from '@/lib/training/training-runs';

const listQuery = z.object({ workspace: z.string().optional() });

export const GET = withAuth({ query: listQuery }, async ({ user, query }) => ({ runs: await listTrainingRuns(user.id, query.workspace) }));

/** Starts a fine-tune on the training queue. */
export const POST = withAuth({ body: startFineTuneInput }, async ({ user, body }) => {
  const run = await startFineTune(user.id, body);
  return Response.json({ run }, { status: 202 });
});
