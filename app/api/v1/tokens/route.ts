import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { ApiError } from '@/lib/api/errors';
import { authenticate } from '@/lib/users/authenticate';
import { createToken, listTokens, tokenNameSchema } from '@/lib/tokens/tokens';

const createTokenBody = z.object({
  email: z.string().min(1, 'email is required'),
  password: z.string().min(1, 'password is required'),
  name: tokenNameSchema,
});

/** Exchanges an email and password for a personal access token (shown once). */
export const POST = withAuth({ access: 'public', body: createTokenBody }, async ({ body }) => {
  const result = await authenticate(body.email, body.password);
  if (!result.ok) {
    throw new ApiError('unauthorized', result.reason === 'account_disabled' ? 'This account has been disabled' : 'Wrong email or password');
  }
  const token = await createToken(result.user.id, body.name);
  return Response.json({ token }, { status: 201 });
});

export const GET = withAuth({}, async ({ user }) => ({ tokens: await listTokens(user.id) }));
