import { withAuth } from '@/lib/api/with-auth';
import { getTrainingRun } from '@/lib/training/training-runs';

export const GET = withAuth({}, async ({ user, params }) => ({ run: await getTrainingRun(user.id, params.runId) }));
