import { withAuth } from '@/lib/api/with-auth';
import { clientAddress } from '@/lib/security/client-address';
import { requestPasswordReset, requestPasswordResetInput } from '@/lib/account/request-password-reset';

// The same 202 whether or not an account has this email.
export const POST = withAuth({ access: 'public', body: requestPasswordResetInput }, async ({ body, req }) => {
  await requestPasswordReset(body.email, clientAddress(req.headers));
  return Response.json({ sent: true, message: 'If an account uses this email, a reset link is on its way.' }, { status: 202 });
});
