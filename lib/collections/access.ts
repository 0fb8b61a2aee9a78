// Who may see and change a collection and the things it holds: the rules of lib/access
// (personal: the owner; team: its current members; public or unlisted and not hidden:
// anyone). Everyone else gets the same 404 as for an id that does not exist.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { can, readableWhere as readableRows, writableWhere as writableRows } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';

type Owned = { ownerId: string; teamId: string | null };

/** Rows the user can change: personal ones they own, or their teams'. */
export async function writableWhere(userId: string): Promise<Prisma.CollectionWhereInput> {
  return writableRows(await viewerOf(userId));
}

/** Rows the user (or a signed-out visitor) can open by id. */
export async function readableWhere(userId: string | null): Promise<Prisma.CollectionWhereInput> {
  return readableRows(await viewerOf(userId));
}

export async function canWrite(userId: string | null, row: Owned): Promise<boolean> {
  return can(await viewerOf(userId), 'write', row);
}

export async function requireWritableCollection(userId: string, collectionId: string) {
  const row = await db.collection.findFirst({ where: { AND: [{ id: collectionId }, await writableWhere(userId)] }, select: { id: true, ownerId: true, teamId: true, visibility: true } });
  if (!row) throw notFound('Collection');
  return row;
}

/** The same rule for the things a collection holds (latents, mixes, videos). */
export async function readableItemWhere(userId: string | null) {
  return readableRows(await viewerOf(userId));
}
