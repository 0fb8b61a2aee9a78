import { withAuth } from '@/lib/api/with-auth';
import { listTeams } from '@/lib/teams/teams';

export const GET = withAuth({}, async ({ user }) => ({ user, teams: await listTeams(user.id) }));
