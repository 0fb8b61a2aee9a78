// Who may see and change a collection. Anyone may read a public or unlisted one (unless a
// moderator hid it); a private one only its owner and, for a team collection, the team's
// members. Everyone else gets the same 404 as for an id that does not exist.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { teamIdsOf } from '@/lib/teams/permissions';

type Owned = { ownerId: string; teamId: string | null; visibility: 'PRIVATE' | 'UNLISTED' | 'PUBLIC'; hidden: boolean };

/** Rows the user can change: personal ones they own, or their teams'. */
export async function writableWhere(userId: string): Promise<Prisma.CollectionWhereInput> {
  const teamIds = await teamIdsOf(userId);
  return { OR: [{ ownerId: userId, teamId: null }, { teamId: { in: teamIds } }] };
}

/** Rows the user (or a signed-out visitor) can open by id. */
export async function readableWhere(userId: string | null): Promise<Prisma.CollectionWhereInput> {
  const shared: Prisma.CollectionWhereInput = { visibility: { in: ['PUBLIC', 'UNLISTED'] }, hidden: false };
  if (!userId) return shared;
  return { OR: [...((await writableWhere(userId)).OR ?? []), shared] };
}

export async function canWrite(userId: string | null, row: Pick<Owned, 'ownerId' | 'teamId'>): Promise<boolean> {
  if (!userId) return false;
  if (row.teamId) return (await teamIdsOf(userId)).includes(row.teamId);
  return row.ownerId === userId;
}

export async function requireWritableCollection(userId: string, collectionId: string) {
  const row = await db.collection.findFirst({ where: { AND: [{ id: collectionId }, await writableWhere(userId)] }, select: { id: true, ownerId: true, teamId: true, visibility: true } });
  if (!row) throw notFound('Collection');
  return row;
}

/** The same rule for the things a collection holds (latents, mixes, videos). */
export async function readableItemWhere(userId: string | null) {
  const shared = { visibility: { in: ['PUBLIC' as const, 'UNLISTED' as const] }, hidden: false };
  if (!userId) return shared;
  const teamIds = await teamIdsOf(userId);
  return { OR: [{ ownerId: userId, teamId: null }, { teamId: { in: teamIds } }, shared] };
}
