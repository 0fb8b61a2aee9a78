import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { db } from '@/lib/db';

export type CurrentUser = { id: string; email: string; name: string; role: 'USER' | 'ADMIN' };

/** The signed-in user and the teams they are a member of now (what the access rules need). */
export type CurrentPrincipal = CurrentUser & { teamIds: string[] };

type UserRow = CurrentUser & { disabled: boolean; sessionVersion: number; teamIds: string[] | null };

/**
 * The signed-in, enabled user of this request with their teams, or null: a disabled or deleted
 * account, and a session issued before the account's last password change or reset, count as
 * signed out. One statement.
 */
export async function getCurrentPrincipal(): Promise<CurrentPrincipal | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const [user] = await db.$queryRaw<UserRow[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled, u."sessionVersion",
      ARRAY(SELECT m."teamId" FROM "Membership" m WHERE m."userId" = u.id) AS "teamIds"
    FROM "User" u WHERE u.id = ${id}`;
  if (!user || user.disabled) return null;
  if (((session as { sessionVersion?: number }).sessionVersion ?? 0) !== Number(user.sessionVersion)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: [...(user.teamIds ?? [])] };
}

/** The signed-in, enabled user of this request, or null (see getCurrentPrincipal). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const principal = await getCurrentPrincipal();
  if (!principal) return null;
  return { id: principal.id, email: principal.email, name: principal.name, role: principal.role };
}

/** For pages: the current user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}
