import { withAuth } from '@/lib/api/with-auth';
import { badRequest } from '@/lib/api/errors';
import { moderationTarget, setHidden, setHiddenInput } from '@/lib/moderation/moderate';

/** `{hidden, reason?}` hides an item from everyone but its owner and team, or restores it. */
export const PATCH = withAuth({ access: 'admin', body: setHiddenInput }, async ({ user, params, body }) => {
  const type = moderationTarget.safeParse(params.targetType.toUpperCase());
  if (!type.success) throw badRequest(`targetType must be one of ${moderationTarget.options.join(', ')}`);
  return setHidden(user.id, type.data, params.targetId, body);
});
