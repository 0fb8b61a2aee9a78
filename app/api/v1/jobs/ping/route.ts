import { withAuth } from '@/lib/api/with-auth';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { pingJob, pingPayload } from '@/lib/workers/jobs/ping';

/** Enqueues a ping job: proves that the queue and a worker are alive. */
export const POST = withAuth({ body: pingPayload }, async ({ user, body }) => {
  const job = await enqueueJob(pingJob, body, { userId: user.id });
  return Response.json({ job }, { status: 202 });
});
