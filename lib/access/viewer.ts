// The viewer the access rules need: the user and the teams they belong to now.
import { db } from '@/lib/db';
import type { Viewer } from '@/lib/access/rules';
import { knownViewer } from '@/lib/access/request-viewer';

export async function viewerOf(userId: string | null): Promise<Viewer> {
  if (!userId) return null;
  const known = knownViewer(userId);
  if (known) return known;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, memberships: { select: { teamId: true } } } });
  if (!user) return null;
  return { id: user.id, role: user.role, teamIds: user.memberships.map((m) => m.teamId) };
}
