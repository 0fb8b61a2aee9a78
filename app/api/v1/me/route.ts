import { withAuth } from '@/lib/api/with-auth';
import { clientAddress } from '@/lib/security/client-address';
import { listTeams } from '@/lib/teams/teams';
import { updateProfile, updateProfileInput } from '@/lib/account/update-profile';
import { deleteAccount, deleteAccountInput } from '@/lib/account/delete-account';

export const GET = withAuth({}, async ({ user }) => ({ user, teams: await listTeams(user.id) }));

export const PATCH = withAuth({ body: updateProfileInput }, async ({ user, body, req }) => ({
  user: await updateProfile(user.id, body, clientAddress(req.headers)),
}));

export const DELETE = withAuth({ body: deleteAccountInput }, async ({ user, body, req }) => {
  await deleteAccount(user.id, body, clientAddress(req.headers));
  return { deleted: true };
});
