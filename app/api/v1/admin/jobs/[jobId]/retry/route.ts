import { withAuth } from '@/lib/api/with-auth';
import { adminRetryJob } from '@/lib/admin/admin-jobs';

export const POST = withAuth({ access: 'admin' }, async ({ user, params }) => Response.json({ job: await adminRetryJob(user.id, params.jobId) }, { status: 202 }));
