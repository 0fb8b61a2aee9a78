import { withAuth } from '@/lib/api/with-auth';
import { usageQuery, usageReport } from '@/lib/admin/usage-report';

export const GET = withAuth({ access: 'admin', query: usageQuery }, async ({ query }) => usageReport(query));
