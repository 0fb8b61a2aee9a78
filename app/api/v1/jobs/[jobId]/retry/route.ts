import { withAuth } from '@/lib/api/with-auth';
import { retryJob } from '@/lib/jobs/retry-job';

/** A failed or cancelled job runs again (same inputs, a new attempt): 202 with the job. */
export const POST = withAuth({}, async ({ user, params }) => Response.json({ job: await retryJob(user.id, params.jobId) }, { status: 202 }));
