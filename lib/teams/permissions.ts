import { db } from '@/lib/db';
import { forbidden, notFound } from '@/lib/api/errors';

export type TeamPermission = 'member' | 'owner';

/**
 * Ensures `userId` belongs to `teamId` (and owns it, for 'owner'). A team the user is not
 * in is reported as not found, so ids of other teams reveal nothing.
 */
export async function requireTeamRole(userId: string, teamId: string, needed: TeamPermission = 'member') {
  const membership = await db.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    select: { role: true },
  });
  if (!membership) throw notFound('Team');
  if (needed === 'owner' && membership.role !== 'OWNER') throw forbidden('Only team owners can do that');
  return membership.role;
}

export async function teamIdsOf(userId: string): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { userId }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}
