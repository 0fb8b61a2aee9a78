import { withAuth } from '@/lib/api/with-auth';
import { getJobForUser } from '@/lib/queue/jobs-service';

export const GET = withAuth({}, async ({ user, params }) => ({ job: await getJobForUser(user.id, params.jobId) }));
