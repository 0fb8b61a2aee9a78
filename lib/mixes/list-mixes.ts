// Finding saved mixes again: a workspace's mixes with their preview, and the names of a mix's
// source latents (only those the viewer may open; others stay anonymous).
import { db } from '@/lib/db';
import { readableItemWhere } from '@/lib/collections/access';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';

export async function listMixes(userId: string, workspaceId?: string) {
  const ws = await resolveWorkspace(userId, workspaceId);
  const rows = await db.mix.findMany({
    where: workspaceWhere(ws),
    select: { id: true, name: true, visibility: true, previewAssetId: true, createdAt: true, model: { select: { id: true, name: true } }, resultLatent: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return rows.map(({ previewAssetId, ...r }) => ({ ...r, previewUrl: previewAssetId ? `/api/v1/mixes/${r.id}/preview` : null }));
}

/** id → name of the source latents the viewer may open. */
export async function sourceLatentNames(userId: string | null, latentIds: string[]): Promise<Record<string, string>> {
  if (latentIds.length === 0) return {};
  const rows = await db.latent.findMany({ where: { AND: [{ id: { in: latentIds } }, await readableItemWhere(userId)] }, select: { id: true, name: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
