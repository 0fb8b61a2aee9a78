import { withAuth } from '@/lib/api/with-auth';
import { getTeam } from '@/lib/teams/teams';

export const GET = withAuth({ team: 'member' }, async ({ user, params }) => ({ team: await getTeam(user.id, params.teamId) }));
