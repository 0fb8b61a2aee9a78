import { withAuth } from '@/lib/api/with-auth';
import { auditLogQuery, listAuditLog } from '@/lib/admin/audit-log';

export const GET = withAuth({ access: 'admin', query: auditLogQuery }, async ({ query }) => listAuditLog(query));
