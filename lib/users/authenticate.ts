import { db } from '@/lib/db';
import { verifyPassword } from '@/lib/auth/password';

export type AuthFailure = 'invalid_credentials' | 'account_disabled';

/** Checks an email and password. Disabled accounts are refused even with the right password. */
export async function authenticate(
  email: string,
  password: string,
): Promise<{ ok: true; user: { id: string; email: string; name: string; role: string } } | { ok: false; reason: AuthFailure }> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true },
  });
  if (!user || !(await verifyPassword(password, user.passwordHash))) return { ok: false, reason: 'invalid_credentials' };
  if (user.disabled) return { ok: false, reason: 'account_disabled' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
