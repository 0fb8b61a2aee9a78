import { withAuth } from '@/lib/api/with-auth';
import { resetPassword, resetPasswordInput } from '@/lib/account/reset-password';

export const POST = withAuth({ access: 'public', body: resetPasswordInput }, async ({ body }) => {
  await resetPassword(body.token, body.password);
  return { reset: true };
});
