import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { ApiError } from '@/lib/api/errors';
import { Throttled } from '@/lib/auth/throttle';
import { clientAddress } from '@/lib/security/client-address';
import { authenticate } from '@/lib/users/authenticate';
import { createToken, listTokens, tokenNameSchema } from '@/lib/tokens/tokens';

const createTokenBody = z.object({
  email: z.string().min(1, 'email is required').max(254),
  password: z.string().min(1, 'password is required').max(200),
  name: tokenNameSchema,
});

const FAILURES = { account_disabled: 'This account has been disabled', invalid_credentials: 'Wrong email or password' } as const;

/** Exchanges an email and password for a personal access token (shown once); throttled like sign-in. */
export const POST = withAuth({ access: 'public', body: createTokenBody }, async ({ body, req }) => {
  const result = await authenticate(body.email, body.password, clientAddress(req.headers), 'token');
  if (!result.ok) {
    if (result.reason === 'too_many_attempts') throw new Throttled(result.retryAfter ?? 60, 'failed sign-ins');
    throw new ApiError('unauthorized', FAILURES[result.reason]);
  }
  const token = await createToken(result.user.id, body.name);
  return Response.json({ token }, { status: 201 });
});

export const GET = withAuth({}, async ({ user }) => ({ tokens: await listTokens(user.id) }));
