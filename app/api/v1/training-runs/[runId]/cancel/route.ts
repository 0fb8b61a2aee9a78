import { withAuth } from '@/lib/api/with-auth';
import { cancelTrainingRun } from '@/lib/training/training-runs';

/** Stops the run after its current step; the last snapshot (checkpoint) is kept. */
export const POST = withAuth({}, async ({ user, params }) => Response.json({ run: await cancelTrainingRun(user.id, params.runId) }, { status: 202 }));
