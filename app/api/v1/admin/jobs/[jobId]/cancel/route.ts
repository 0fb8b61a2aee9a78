import { withAuth } from '@/lib/api/with-auth';
import { adminCancelJob } from '@/lib/admin/admin-jobs';

export const POST = withAuth({ access: 'admin' }, async ({ user, params }) => ({ job: await adminCancelJob(user.id, params.jobId) }));
