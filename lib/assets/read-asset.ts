// Who may read a stored asset: its owner or team, or anyone who may see a row that shows it
// (a model's sample grid, a latent's thumbnail). Everyone else gets a 404.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { storage } from '@/lib/storage';
import { can, readableWhere } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';

export async function readAssetForUser(userId: string | null, assetId: string) {
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: { id: true, storageKey: true, sha256: true, bytes: true, mime: true, ownerId: true, teamId: true } });
  if (!asset) throw notFound('Asset');
  const viewer = await viewerOf(userId);
  let allowed = can(viewer, 'write', asset); // its owner, or its team's current members (lib/access)
  if (!allowed) {
    const visible = readableWhere(viewer);
    const [model, latent] = await Promise.all([
      db.model.findFirst({ where: { sampleGridAssetId: asset.id, ...visible }, select: { id: true } }),
      db.latent.findFirst({ where: { thumbnailAssetId: asset.id, ...visible }, select: { id: true } }),
    ]);
    allowed = Boolean(model || latent);
  }
  if (!allowed) throw notFound('Asset');
  return { ...asset, read: () => storage().get(asset.storageKey) };
}
