import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { getJobForUserWaiting } from '@/lib/jobs/get-job';

export const dynamic = 'force-dynamic';

const query = z.object({
  /** long polling: wait up to this many seconds for the job to finish before answering */
  wait: z.coerce.number().min(0).max(25).default(0),
});

export const GET = withAuth({ query }, async ({ user, params, query, req }) => ({ job: await getJobForUserWaiting(user.id, params.jobId, query.wait, req.signal) }));
