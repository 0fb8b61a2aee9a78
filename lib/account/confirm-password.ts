import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';
import { verifyPassword } from '@/lib/auth/password';
import { recordSignInFailure, recordSignInSuccess, signInBlockedFor, Throttled } from '@/lib/auth/throttle';
import { recordAudit } from '@/lib/audit/record-audit';

/**
 * Account changes that need the current password (email, password, deletion) check it the way
 * sign-in does: a wrong one counts as a failed sign-in for the account and the client address,
 * so the same throttle (429) stops guessing through these forms.
 */
export async function confirmCurrentPassword(userId: string, password: string, address: string, field = 'currentPassword') {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, passwordHash: true } });
  if (!user) throw notFound('Account');
  const wait = await signInBlockedFor(user.email, address);
  if (wait > 0) throw new Throttled(wait, 'wrong passwords');
  if (!(await verifyPassword(password, user.passwordHash))) {
    const counts = await recordSignInFailure(user.email, address);
    await recordAudit({ actorId: user.id, action: counts.nowThrottled ? 'auth.signin.throttled' : 'auth.signin.failed', target: { type: 'User', id: user.id, label: user.email }, details: { via: 'account-settings', address, ...counts } });
    const message = 'Current password is not right';
    throw badRequest(message, [{ path: field, message }]);
  }
  await recordSignInSuccess(user.email);
  return user;
}

