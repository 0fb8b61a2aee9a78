import { withAuth } from '@/lib/api/with-auth';
import { createTeam, createTeamInput, listTeams } from '@/lib/teams/teams';

export const GET = withAuth({}, async ({ user }) => ({ teams: await listTeams(user.id) }));

export const POST = withAuth({ body: createTeamInput }, async ({ user, body }) => {
  const team = await createTeam(user.id, body);
  return Response.json({ team }, { status: 201 });
});
