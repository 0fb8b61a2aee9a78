import { withAuth } from '@/lib/api/with-auth';
import { cancelJob } from '@/lib/jobs/cancel-job';

export const POST = withAuth({}, async ({ user, params }) => ({ job: await cancelJob(user.id, params.jobId) }));
