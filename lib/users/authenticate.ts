import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { recordSignInFailure, recordSignInSuccess, signInBlockedFor } from '@/lib/auth/throttle';
import { recordAudit } from '@/lib/audit/record-audit';

export type AuthFailure = 'invalid_credentials' | 'account_disabled' | 'too_many_attempts';

// Checked against when the email has no account, so that an unknown email costs the same
// scrypt as a wrong password and the answer's timing does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string; sessionVersion: number } }
  | { ok: false; reason: AuthFailure; retryAfter?: number };

/**
 * Checks an email and password for a sign-in or a token request from `address`. Disabled
 * accounts are refused even with the right password. Failures count against the account and
 * the address (lib/auth/throttle.ts); past the limit the answer is `too_many_attempts`
 * without looking at the password.
 */
export async function authenticate(email: string, password: string, address = 'unknown', via: 'session' | 'token' = 'session'): Promise<AuthResult> {
  const retryAfter = await signInBlockedFor(email, address);
  if (retryAfter > 0) return { ok: false, reason: 'too_many_attempts', retryAfter };
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true, sessionVersion: true },
  });
  dummyHash ??= hashPassword('no account has this password 0');
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  const target = { type: 'User', id: user?.id ?? '-', label: user?.email ?? email.trim().toLowerCase().slice(0, 254) };
  if (!user || !passwordOk) {
    const counts = await recordSignInFailure(email, address);
    // Every failure up to the limit is one entry; the one that reaches it is `throttled`, and the
    // attempts refused after it are not written one by one (they are what the counts say).
    await recordAudit({ actorId: user?.id ?? null, action: counts.nowThrottled ? 'auth.signin.throttled' : 'auth.signin.failed', target, details: { via, address, ...counts, knownAccount: Boolean(user) } });
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (user.disabled) {
    await recordAudit({ actorId: user.id, action: 'auth.signin.failed', target, details: { via, address, reason: 'account_disabled' } });
    return { ok: false, reason: 'account_disabled' };
  }
  await recordSignInSuccess(email);
  await recordAudit({ actorId: user.id, action: 'auth.signin', target, details: { via, address } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}
