import { withAuth } from '@/lib/api/with-auth';
import { listReports, reportsQuery } from '@/lib/moderation/moderate';

export const GET = withAuth({ access: 'admin', query: reportsQuery }, async ({ query }) => ({ reports: await listReports(query) }));
