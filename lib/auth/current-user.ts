import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { db } from '@/lib/db';

export type CurrentUser = { id: string; email: string; name: string; role: 'USER' | 'ADMIN' };

const userSelect = { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true } as const;

/**
 * The signed-in, enabled user of this request, or null: a disabled or deleted account, and a
 * session issued before the account's last password change or reset, count as signed out.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user || user.disabled) return null;
  if (((session as { sessionVersion?: number }).sessionVersion ?? 0) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: the current user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}
