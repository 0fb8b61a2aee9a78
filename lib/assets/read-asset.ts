// Who may read a stored asset: its owner or team, or anyone who may see a row that shows it
// (a model's sample grid, a latent's thumbnail). Everyone else gets a 404.
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { storage } from '@/lib/storage';
import { can, readableWhere } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';

type AssetRow = { id: string; storageKey: string; sha256: string; bytes: number; mime: string; ownerId: string | null; teamId: string | null };

// Every image download reads this row: one plain statement (a Prisma query costs the web process several times more CPU).
async function assetRow(assetId: string) {
  const [asset] = await db.$queryRaw<AssetRow[]>`SELECT id, "storageKey", sha256, bytes, mime, "ownerId", "teamId" FROM "Asset" WHERE id = ${assetId}`;
  if (!asset) throw notFound('Asset');
  return asset;
}

export async function readAssetForUser(userId: string | null, assetId: string) {
  const asset = await assetRow(assetId);
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

/**
 * An asset reached by a valid signed link (lib/access/signed-asset-urls): the access module checked
 * the caller when it minted the link, so only the row is read.
 */
export async function readSignedAsset(assetId: string) {
  const asset = await assetRow(assetId);
  return { ...asset, read: () => storage().get(asset.storageKey) };
}
