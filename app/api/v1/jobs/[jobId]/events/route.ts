import { withAuth } from '@/lib/api/with-auth';
import { getJobForUser } from '@/lib/jobs/get-job';
import { jobEventStream } from '@/lib/jobs/job-events';

export const dynamic = 'force-dynamic';

/** Server-sent events: `progress` while the job runs, then one `done` event with the final row. */
export const GET = withAuth({}, async ({ user, params, req }) => {
  await getJobForUser(user.id, params.jobId); // 404 before opening a stream
  return new Response(jobEventStream(user.id, params.jobId, req.signal), {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' },
  });
});
