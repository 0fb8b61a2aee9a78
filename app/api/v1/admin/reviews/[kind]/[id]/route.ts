import { withAuth } from '@/lib/api/with-auth';
import { badRequest } from '@/lib/api/errors';
import { decideReview, reviewDecisionInput, reviewKind } from '@/lib/admin/reviews';

/** `{decision: APPROVED | REJECTED, note?}` for a dataset or model waiting for licence review. */
export const POST = withAuth({ access: 'admin', body: reviewDecisionInput }, async ({ user, params, body }) => {
  const kind = reviewKind.safeParse(params.kind);
  if (!kind.success) throw badRequest('kind must be dataset or model');
  return { item: await decideReview(user.id, kind.data, params.id, body) };
});
