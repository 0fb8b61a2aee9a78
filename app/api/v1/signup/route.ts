import { withAuth } from '@/lib/api/with-auth';
import { signUp, signUpInput } from '@/lib/users/sign-up';

export const POST = withAuth({ access: 'public', body: signUpInput }, async ({ body }) => {
  const user = await signUp(body);
  return Response.json({ user }, { status: 201 });
});
