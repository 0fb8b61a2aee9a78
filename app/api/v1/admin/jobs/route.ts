import { withAuth } from '@/lib/api/with-auth';
import { listJobs, listJobsQuery } from '@/lib/admin/admin-jobs';

export const GET = withAuth({ access: 'admin', query: listJobsQuery }, async ({ query }) => listJobs(query));
