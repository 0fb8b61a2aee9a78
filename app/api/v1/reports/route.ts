import { withAuth } from '@/lib/api/with-auth';
import { reportInput, reportItem } from '@/lib/moderation/report-item';

/** Report a public item to the administrators. */
export const POST = withAuth({ body: reportInput }, async ({ user, body }) => {
  const { report, duplicate } = await reportItem(user.id, body);
  return Response.json({ report, duplicate }, { status: duplicate ? 200 : 201 });
});
