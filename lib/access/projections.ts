// Who may see a projection of an uploaded photo: its owner, and nobody else. A projection is
// never shared and never in a gallery (the photo and its aligned crop show a real person);
// administrators get no access here either. The latent it produced is an ordinary latent,
// but sharing it first needs the owner's confirmation of the right to share the likeness.
import { db } from '@/lib/db';
import { forbidden } from '@/lib/api/errors';
import { can, type Viewer } from '@/lib/access/rules';

/** Prisma filter: the projections `viewer` may read and change (their own). */
export function ownProjectionsWhere(viewer: Viewer): { ownerId: string } | { id: { in: [] } } {
  return viewer ? { ownerId: viewer.id } : { id: { in: [] } };
}

export function canUseProjection(viewer: Viewer, row: { ownerId: string }): boolean {
  return can(viewer, 'write', { ownerId: row.ownerId, teamId: null });
}

/**
 * Refuses to make latents found from a photo UNLISTED or PUBLIC until their owner confirmed
 * the right to share the likeness (POST /api/v1/projections/:id/share).
 */
export async function assertLikenessShareable(latentIds: string[]): Promise<void> {
  if (latentIds.length === 0) return;
  const unconfirmed = await db.projection.findFirst({ where: { latentId: { in: latentIds }, shareConfirmedAt: null }, select: { id: true } });
  if (unconfirmed) {
    throw forbidden(`This latent was found from an uploaded photo: confirm that you have the right to share that person's likeness first (projection ${unconfirmed.id})`);
  }
}
