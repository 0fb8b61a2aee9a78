import { withAuth } from '@/lib/api/with-auth';
import { listUsers, listUsersQuery } from '@/lib/users/admin-users';

export const GET = withAuth({ access: 'admin', query: listUsersQuery }, async ({ query }) => listUsers(query));
