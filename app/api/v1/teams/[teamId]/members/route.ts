import { withAuth } from '@/lib/api/with-auth';
import { addMember, addMemberInput } from '@/lib/teams/teams';

export const POST = withAuth({ team: 'owner', body: addMemberInput }, async ({ user, params, body }) => {
  const member = await addMember(user.id, params.teamId, body);
  return Response.json({ member }, { status: 201 });
});
