import { withAuth } from '@/lib/api/with-auth';
import { clientAddress } from '@/lib/security/client-address';
import { signUp, signUpInput } from '@/lib/users/sign-up';

export const POST = withAuth({ access: 'public', body: signUpInput }, async ({ body, req }) => {
  const user = await signUp(body, { address: clientAddress(req.headers) });
  return Response.json({ user }, { status: 201 });
});
