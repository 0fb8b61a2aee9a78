// What a collection holds, in order: add (anything the user may see), remove, reorder.
// Items show through the collection to whoever may read it: sharing a collection shares
// a view of its items, not the right to change them.
import { z } from 'zod';
import { db } from '@/lib/db';
import { assertShareable } from '@/lib/licensing/review';
import { badRequest, conflict, notFound } from '@/lib/api/errors';
import { readableItemWhere, requireWritableCollection } from '@/lib/collections/access';
import { itemImageUrl } from '@/lib/collections/item-image';
import { shareItemsWithCollection } from '@/lib/collections/share-items';

export const itemTypeSchema = z.enum(['latent', 'mix', 'video']);
export type ItemType = z.infer<typeof itemTypeSchema>;

export const collectionItemsInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), type: itemTypeSchema, id: z.string().min(1), position: z.number().int().min(0).optional() }),
  z.object({ action: z.literal('remove'), itemId: z.string().min(1) }),
  z.object({ action: z.literal('reorder'), itemIds: z.array(z.string().min(1)) }),
]);


const itemSelect = {
  id: true,
  position: true,
  latent: { select: { id: true, name: true, modelId: true, thumbnailAssetId: true, createdAt: true } },
  mix: { select: { id: true, name: true, modelId: true, previewAssetId: true, createdAt: true } },
  video: { select: { id: true, name: true, modelId: true, previewAssetId: true, mp4AssetId: true, durationSec: true, createdAt: true } },
} as const;

export async function listItems(collectionId: string) {
  const rows = await db.collectionItem.findMany({ where: { collectionId }, select: itemSelect, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  const image = (itemId: string, assetId: string | null) => (assetId ? itemImageUrl(collectionId, itemId) : null);
  return rows.map((r) => {
    if (r.latent) return { id: r.id, position: r.position, type: 'latent' as const, target: { ...r.latent, imageUrl: image(r.id, r.latent.thumbnailAssetId) } };
    if (r.mix) return { id: r.id, position: r.position, type: 'mix' as const, target: { ...r.mix, imageUrl: image(r.id, r.mix.previewAssetId) } };
    const v = r.video!;
    return { id: r.id, position: r.position, type: 'video' as const, target: { ...v, imageUrl: image(r.id, v.previewAssetId) } };
  });
}

export type CollectionItemView = Awaited<ReturnType<typeof listItems>>[number];

async function requireReadableTarget(userId: string, type: ItemType, id: string) {
  const where = { AND: [{ id }, await readableItemWhere(userId)] };
  const found =
    type === 'latent'
      ? await db.latent.findFirst({ where, select: { id: true, modelId: true } })
      : type === 'mix'
        ? await db.mix.findFirst({ where, select: { id: true, modelId: true } })
        : await db.video.findFirst({ where, select: { id: true, modelId: true } });
  if (!found) throw notFound(type[0].toUpperCase() + type.slice(1));
  return found;
}

/** What a collection holds, as references (for sharing its private items with it). */
export async function itemRefs(collectionId: string) {
  const rows = await db.collectionItem.findMany({ where: { collectionId }, select: { latentId: true, mixId: true, videoId: true } });
  return rows.map((r) => (r.latentId ? { type: 'latent' as const, id: r.latentId } : r.mixId ? { type: 'mix' as const, id: r.mixId } : { type: 'video' as const, id: r.videoId! }));
}

/** The models behind a collection's items (for the licence-review check before sharing it). */
export async function itemModelIds(collectionId: string) {
  const rows = await db.collectionItem.findMany({
    where: { collectionId },
    select: { latent: { select: { modelId: true } }, mix: { select: { modelId: true } }, video: { select: { modelId: true } } },
  });
  return rows.map((r) => r.latent?.modelId ?? r.mix?.modelId ?? r.video?.modelId);
}

const refField = { latent: 'latentId', mix: 'mixId', video: 'videoId' } as const;

/** Changes the items; `shared` names the private items that adding to a shared collection made unlisted. */
export async function changeItems(userId: string, collectionId: string, input: z.infer<typeof collectionItemsInput>) {
  const collection = await requireWritableCollection(userId, collectionId);
  const current = await db.collectionItem.findMany({ where: { collectionId }, select: { id: true, latentId: true, mixId: true, videoId: true }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  let order = current.map((c) => c.id);
  let shared: string[] = [];

  if (input.action === 'add') {
    const target = await requireReadableTarget(userId, input.type, input.id);
    await assertShareable([target.modelId], collection.visibility); // a shared collection shows only reviewed models' work
    const field = refField[input.type];
    if (current.some((c) => c[field] === input.id)) throw conflict(`That ${input.type} is already in this collection`);
    shared = await shareItemsWithCollection(userId, [{ type: input.type, id: input.id }], collection.visibility); // or 409
    const created = await db.collectionItem.create({ data: { collectionId, position: order.length, [field]: input.id }, select: { id: true } });
    const at = Math.min(input.position ?? order.length, order.length);
    order = [...order.slice(0, at), created.id, ...order.slice(at)];
  } else if (input.action === 'remove') {
    if (!order.includes(input.itemId)) throw notFound('Collection item');
    await db.collectionItem.delete({ where: { id: input.itemId } });
    order = order.filter((id) => id !== input.itemId);
  } else {
    const wanted = new Set(input.itemIds);
    if (wanted.size !== input.itemIds.length || wanted.size !== order.length || order.some((id) => !wanted.has(id))) {
      throw badRequest('itemIds must list every item of the collection exactly once');
    }
    order = input.itemIds;
  }

  // Positions are always 0..n-1 in list order.
  await db.$transaction([
    ...order.map((id, position) => db.collectionItem.update({ where: { id }, data: { position } })),
    db.collection.update({ where: { id: collectionId }, data: { updatedAt: new Date() } }),
  ]);
  return { items: await listItems(collectionId), shared };
}
