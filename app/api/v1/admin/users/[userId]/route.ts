import { withAuth } from '@/lib/api/with-auth';
import { updateUser, updateUserInput } from '@/lib/users/admin-users';

export const PATCH = withAuth({ access: 'admin', body: updateUserInput }, async ({ user, params, body }) => ({
  user: await updateUser(user.id, params.userId, body),
}));
