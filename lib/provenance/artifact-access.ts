// A provenance record is authorised like the artifact it describes: whoever may open the
// image, latent, mix, video, model, checkpoint or dataset may read how it was made.
import { db } from '@/lib/db';
import type { ArtifactType } from '@/lib/generated/prisma/client';
import { canView, viewableWhere } from '@/lib/moderation/visibility';
import { teamIdsOf } from '@/lib/teams/permissions';

export type Viewer = { userId: string | null; teamIds: string[]; admin: boolean };

export async function viewerOf(user: { id: string; role: string } | null): Promise<Viewer> {
  return { userId: user?.id ?? null, teamIds: user ? await teamIdsOf(user.id) : [], admin: user?.role === 'ADMIN' };
}

const base = { ownerId: true, teamId: true, visibility: true, hidden: true } as const;

/** An asset is visible to its owner and team, or when a row the viewer may open shows it. */
async function canSeeAsset(assetId: string, viewer: Viewer) {
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: { ownerId: true, teamId: true } });
  if (!asset) return false;
  if (canView({ ...asset, visibility: 'PRIVATE' }, viewer)) return true;
  const where = viewableWhere(viewer);
  const hits = await Promise.all([
    db.latent.count({ where: { thumbnailAssetId: assetId, ...where } }),
    db.model.count({ where: { sampleGridAssetId: assetId, ...where } }),
    db.mix.count({ where: { previewAssetId: assetId, ...where } }),
    db.video.count({ where: { OR: [{ mp4AssetId: assetId }, { webmAssetId: assetId }, { previewAssetId: assetId }], AND: [where] } }),
  ]);
  return hits.some((n) => n > 0);
}

export async function canSeeArtifact(type: ArtifactType, id: string, viewer: Viewer): Promise<boolean> {
  if (viewer.admin) return true;
  switch (type) {
    case 'IMAGE':
      return canSeeAsset(id, viewer);
    case 'LATENT': {
      const row = await db.latent.findUnique({ where: { id }, select: base });
      return !!row && canView(row, viewer);
    }
    case 'MIX': {
      const row = await db.mix.findUnique({ where: { id }, select: base });
      return !!row && canView(row, viewer);
    }
    case 'VIDEO': {
      const row = await db.video.findUnique({ where: { id }, select: base });
      return !!row && canView(row, viewer);
    }
    case 'MODEL': {
      const row = await db.model.findUnique({ where: { id }, select: base });
      return !!row && canView(row, viewer);
    }
    case 'CHECKPOINT': {
      const row = await db.checkpoint.findUnique({ where: { id }, select: { model: { select: base } } });
      return !!row && canView(row.model, viewer);
    }
    case 'DATASET': {
      const row = await db.dataset.findUnique({ where: { id }, select: { ownerId: true, teamId: true } });
      return !!row && canView(row, viewer);
    }
  }
}
