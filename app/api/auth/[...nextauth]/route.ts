import type { NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/with-auth';
import { isInvalidText } from '@/lib/api/input-text';
import { badRequest } from '@/lib/api/errors';
import { handlers } from '@/lib/auth/auth';
import { Throttled, signInBlockedFor } from '@/lib/auth/throttle';
import { clientAddress } from '@/lib/security/client-address';

export const { GET } = handlers;

/**
 * Auth.js's own endpoints, with two checks in front of the credentials sign-in: text the
 * database cannot hold is a 400, and an account or address past its failed-sign-in limit gets
 * 429 with Retry-After before any password is checked.
 */
export async function POST(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith('/callback/credentials')) {
    const form = await req.clone().formData().catch(() => null);
    const email = form?.get('email');
    if (typeof email === 'string') {
      if (isInvalidText(email)) return errorResponse(badRequest('email: contains a NUL character or invalid Unicode text'));
      const wait = await signInBlockedFor(email, clientAddress(req.headers));
      if (wait > 0) return errorResponse(new Throttled(wait, 'failed sign-ins'));
    }
  }
  return handlers.POST(req);
}
