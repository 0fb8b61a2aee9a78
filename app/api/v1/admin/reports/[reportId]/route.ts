import { withAuth } from '@/lib/api/with-auth';
import { resolveReport, resolveReportInput } from '@/lib/moderation/moderate';

/** `{action: hide | dismiss, note?}`: hide the reported item, or dismiss the report. */
export const POST = withAuth({ access: 'admin', body: resolveReportInput }, async ({ user, params, body }) => ({
  report: await resolveReport(user.id, params.reportId, body),
}));
