// A video's keyframes for its page: in order, by name with a thumbnail and a link when the viewer
// may open that latent; otherwise only its position (a private latent stays anonymous).
import { db } from '@/lib/db';
import { readableItemWhere } from '@/lib/collections/access';

export type VideoKeyframe = { position: number; latent: { id: string; name: string; href: string; thumbnailUrl: string | null } | null };

export async function listVideoKeyframes(userId: string | null, keyframeIds: string[]): Promise<VideoKeyframe[]> {
  const rows = keyframeIds.length
    ? await db.latent.findMany({ where: { AND: [{ id: { in: keyframeIds } }, await readableItemWhere(userId)] }, select: { id: true, name: true, thumbnailAssetId: true } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return keyframeIds.map((id, i) => {
    const row = byId.get(id);
    return {
      position: i + 1,
      latent: row ? { id: row.id, name: row.name, href: `/latents/${row.id}`, thumbnailUrl: row.thumbnailAssetId ? `/api/v1/assets/${row.thumbnailAssetId}` : null } : null,
    };
  });
}
