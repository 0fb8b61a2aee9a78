// The picture of a collection item (latent thumbnail, mix preview, video GIF), served to
// whoever may read the collection: sharing a collection shares a view of its items even
// when the item itself stays private.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { storage } from '@/lib/storage';
import { readableWhere } from '@/lib/collections/access';

export async function readItemImage(userId: string | null, collectionId: string, itemId: string) {
  const item = await db.collectionItem.findFirst({
    where: { id: itemId, collection: { AND: [{ id: collectionId }, await readableWhere(userId)] } },
    select: { latent: { select: { thumbnailAssetId: true } }, mix: { select: { previewAssetId: true } }, video: { select: { previewAssetId: true } } },
  });
  const assetId = item?.latent?.thumbnailAssetId ?? item?.mix?.previewAssetId ?? item?.video?.previewAssetId;
  if (!assetId) throw notFound('Image');
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: { storageKey: true, sha256: true, mime: true } });
  if (!asset) throw notFound('Image');
  return { sha256: asset.sha256, mime: asset.mime, bytes: await storage().get(asset.storageKey) };
}

export const itemImageUrl = (collectionId: string, itemId: string) => `/api/v1/collections/${collectionId}/items/${itemId}/image`;
