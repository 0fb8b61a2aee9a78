// Collections: named, ordered sets of latents, mixes and videos in a workspace, private,
// unlisted (anyone with the link) or public (also listed in the gallery).
import { recordVisibilityChange } from '@/lib/audit/record-audit';
import { z } from 'zod';
import { db } from '@/lib/db';
import { assertShareable } from '@/lib/licensing/review';
import { itemModelIds, itemRefs } from '@/lib/collections/items';
import { shareItemsWithCollection } from '@/lib/collections/share-items';
import { notFound } from '@/lib/api/errors';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';
import { canWrite, readableWhere, requireWritableCollection } from '@/lib/collections/access';
import { listItems } from '@/lib/collections/items';

export const visibilitySchema = z.enum(['PRIVATE', 'UNLISTED', 'PUBLIC']);
const nameSchema = z.string().trim().min(1, 'Collection name is required').max(120);
const descriptionSchema = z.string().trim().max(2000, 'Description is at most 2000 characters');

export const createCollectionInput = z.object({
  name: nameSchema,
  description: descriptionSchema.default(''),
  visibility: visibilitySchema.default('PRIVATE'),
  workspace: z.string().optional(),
});

export const updateCollectionInput = z
  .object({ name: nameSchema.optional(), description: descriptionSchema.optional(), visibility: visibilitySchema.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.visibility !== undefined, 'Nothing to update: send name, description and/or visibility');

export const collectionSelect = {
  id: true,
  name: true,
  description: true,
  visibility: true,
  ownerId: true,
  teamId: true,
  forkedFromId: true,
  forkCount: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  forkedFrom: { select: { id: true, name: true, visibility: true, hidden: true } },
  _count: { select: { items: true } },
} as const;

type CollectionRow = Awaited<ReturnType<typeof findRow>>;

function findRow(id: string, where: object) {
  return db.collection.findFirst({ where: { AND: [{ id }, where] }, select: collectionSelect });
}

export function presentCollection(row: NonNullable<CollectionRow>, extra: { canEdit: boolean }) {
  const { _count, forkedFrom, ...rest } = row;
  return {
    ...rest,
    itemCount: _count.items,
    // Lineage is shown only while the source is still visible to everyone.
    forkedFrom: forkedFrom && forkedFrom.visibility !== 'PRIVATE' && !forkedFrom.hidden ? { id: forkedFrom.id, name: forkedFrom.name } : null,
    canEdit: extra.canEdit,
  };
}

export async function createCollection(userId: string, input: z.infer<typeof createCollectionInput>) {
  const ws = await resolveWorkspace(userId, input.workspace);
  const row = await db.collection.create({
    data: {
      name: input.name,
      description: input.description,
      visibility: input.visibility,
      ownerId: userId,
      teamId: ws.kind === 'team' ? ws.teamId : null,
    },
    select: collectionSelect,
  });
  return presentCollection(row, { canEdit: true });
}

/** The collections of one workspace (personal by default), newest change first. */
export async function listCollections(userId: string, workspaceId?: string) {
  const ws = await resolveWorkspace(userId, workspaceId);
  const rows = await db.collection.findMany({ where: workspaceWhere(ws), select: collectionSelect, orderBy: { updatedAt: 'desc' }, take: 200 });
  return rows.map((r) => presentCollection(r, { canEdit: true }));
}

/** A collection with its items, for anyone allowed to read it (userId null = signed out). */
export async function getCollection(userId: string | null, collectionId: string) {
  const row = await findRow(collectionId, await readableWhere(userId));
  if (!row) throw notFound('Collection');
  return { ...presentCollection(row, { canEdit: await canWrite(userId, row) }), items: await listItems(collectionId) };
}

export async function updateCollection(userId: string, collectionId: string, input: z.infer<typeof updateCollectionInput>) {
  await requireWritableCollection(userId, collectionId);
  if (input.visibility) await assertShareable(await itemModelIds(collectionId), input.visibility); // 403 while an item's model waits for licence review
  const before = await db.collection.findUniqueOrThrow({ where: { id: collectionId }, select: { id: true, name: true, visibility: true } });
  // Its private items open for the collection's visitors too (409 when one is someone else's).
  const sharedItems = input.visibility ? await shareItemsWithCollection(userId, await itemRefs(collectionId), input.visibility) : [];
  const row = await db.collection.update({ where: { id: collectionId }, data: input, select: collectionSelect });
  await recordVisibilityChange(userId, 'Collection', before, input.visibility);
  return { ...presentCollection(row, { canEdit: true }), sharedItems };
}

export async function deleteCollection(userId: string, collectionId: string) {
  await requireWritableCollection(userId, collectionId);
  await db.collection.delete({ where: { id: collectionId } });
}
