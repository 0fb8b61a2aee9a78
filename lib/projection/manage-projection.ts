// Changing a projection: cancel its search, delete its photo (the file leaves storage, the
// aligned crop leaves the database; the latent and its provenance stay), delete it entirely,
// confirm the right to share the likeness and share the latent, and read its images.
import sharp from 'sharp';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, notFound } from '@/lib/api/errors';
import { cancelJob } from '@/lib/jobs/cancel-job';
import { assertShareable } from '@/lib/licensing/review';
import { getProjection } from '@/lib/projection/get-projection';
import { removePhotoFileIfUnused } from '@/lib/projection/create-projection';
import type { shareProjectionInput } from '@/lib/projection/projection-input';

export async function cancelProjection(userId: string, projectionId: string) {
  const p = await getProjection(userId, projectionId);
  if (!p.jobId) throw badRequest('This projection has no search to cancel');
  await cancelJob(userId, p.jobId);
  return getProjection(userId, projectionId);
}

/** Removes the uploaded photo from storage and the aligned crop from the row. */
export async function deleteProjectionPhoto(userId: string, projectionId: string) {
  const p = await getProjection(userId, projectionId);
  const row = await db.projection.findUniqueOrThrow({ where: { id: p.id }, select: { photoKey: true, status: true, jobId: true } });
  if (row.status === 'QUEUED' || row.status === 'RUNNING') {
    // The search needs the crop: stop it first.
    if (row.jobId) await cancelJob(userId, row.jobId);
  }
  await db.projection.update({ where: { id: p.id }, data: { photoKey: null, targetPng: null, photoDeletedAt: new Date() } });
  if (row.photoKey) await removePhotoFileIfUnused(row.photoKey);
  return getProjection(userId, projectionId);
}

/** Deletes the projection and its photo; the saved latent, if any, stays (it is the user's latent now). */
export async function deleteProjection(userId: string, projectionId: string) {
  await deleteProjectionPhoto(userId, projectionId);
  await db.projection.delete({ where: { id: projectionId } });
  return { deleted: projectionId };
}

export async function shareProjection(userId: string, projectionId: string, input: z.infer<typeof shareProjectionInput>) {
  const p = await getProjection(userId, projectionId);
  if (!p.latentId) throw badRequest('This projection has no saved latent yet');
  await assertShareable([p.model.id], input.visibility);
  await db.$transaction([
    db.projection.update({ where: { id: p.id }, data: { shareConfirmedAt: new Date() } }),
    db.latent.update({ where: { id: p.latentId }, data: { visibility: input.visibility }, select: { id: true } }),
  ]);
  return getProjection(userId, projectionId);
}

export type ProjectionImage = 'target' | 'current' | 'result' | 'difference';

/** One of the projection's images as PNG, for its owner only. */
export async function projectionImage(userId: string, projectionId: string, kind: string): Promise<Buffer> {
  const p = await getProjection(userId, projectionId);
  const row = await db.projection.findUniqueOrThrow({ where: { id: p.id }, select: { targetPng: true, snapshotPng: true, resultPng: true } });
  const pick = (b: Uint8Array | null) => {
    if (!b) throw notFound('Image');
    return Buffer.from(b);
  };
  switch (kind) {
    case 'target':
      return pick(row.targetPng);
    case 'current':
      return pick(row.snapshotPng);
    case 'result':
      return pick(row.resultPng);
    case 'difference': {
      const a = await sharp(pick(row.targetPng)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const b = await sharp(pick(row.resultPng)).removeAlpha().raw().toBuffer();
      // |target − projection|, amplified 4× so small errors show.
      const diff = Buffer.alloc(a.data.length);
      for (let i = 0; i < diff.length; i++) diff[i] = Math.min(255, Math.abs(a.data[i] - b[i]) * 4);
      return sharp(diff, { raw: { width: a.info.width, height: a.info.height, channels: 3 } }).png().toBuffer();
    }
    default:
      throw notFound('Image');
  }
}
