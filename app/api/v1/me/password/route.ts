import { withAuth } from '@/lib/api/with-auth';
import { clientAddress } from '@/lib/security/client-address';
import { changePassword, changePasswordInput } from '@/lib/account/change-password';

export const POST = withAuth({ body: changePasswordInput }, async ({ user, body, req }) => {
  await changePassword(user.id, body, clientAddress(req.headers));
  return { changed: true, signedOut: true };
});
