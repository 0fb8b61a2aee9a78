// Starting a projection from an upload: the photo is read as it arrives with a hard byte
// limit, decoded and checked, its face found and aligned (in the face-detection process, target-client.ts; so a photo without a face, or
// with several and no choice, is a 400 that writes nothing), then stored privately and the
// search queued on the projection queue.
import { randomInt } from 'node:crypto';
import sharp from 'sharp';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { ApiError, badRequest } from '@/lib/api/errors';
import { readMultipart } from '@/lib/api/read-multipart';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { storage } from '@/lib/storage';
import { sha256Hex } from '@/lib/storage/storage';
import { usableModel } from '@/lib/synthesis/start-generation';
import { projectPhotoJob } from '@/lib/projection/jobs/project-photo';
import { projectionFields, type ProjectionSettings } from '@/lib/projection/projection-input';
import { getProjection } from '@/lib/projection/get-projection';
import { TargetImageError, type PreparedTarget } from '@/lib/stylegan/projection/target-image';
import { prepareTargetOffThread } from '@/lib/projection/target-client';


export async function createProjection(userId: string, req: Request) {
  const e = env();
  const maxBytes = Math.round(e.PROJECTION_PHOTO_MAX_MB * 1024 * 1024);
  const form = await readMultipart(req, { maxBytes, fileField: 'photo', tooLargeMessage: `The photo is too large: at most ${e.PROJECTION_PHOTO_MAX_MB} MB` });
  if (!form.file) throw badRequest('photo: attach a PNG, JPEG or WebP photo as "photo"');
  const parsed = projectionFields.safeParse(form.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`${issue.path.join('.')}: ${issue.message}`, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const f = parsed.data;
  if (f.steps > e.PROJECTION_MAX_STEPS) throw badRequest(`steps: at most ${e.PROJECTION_MAX_STEPS}`);
  const model = await usableModel(userId, f.modelId, f.checkpointId);
  const res = model.config.generator_kwargs.img_resolution;

  let target: PreparedTarget;
  try {
    // In its own process: detection is seconds of CPU that would stall every other request.
    target = await prepareTargetOffThread(new Uint8Array(form.file.bytes), res, { align: f.align, faceIndex: f.faceIndex ?? null });
  } catch (err) {
    if (err instanceof TargetImageError) {
      const faces = err.faces?.map((face, index) => ({
        index,
        score: Number(face.score.toFixed(3)),
        box: { x: Math.round(face.box.x), y: Math.round(face.box.y), width: Math.round(face.box.width), height: Math.round(face.box.height) },
      }));
      throw new ApiError('validation_error', err.message, { reason: err.code, ...(faces ? { faces } : {}) });
    }
    throw err;
  }

  const photoSha256 = sha256Hex(form.file.bytes);
  const stored = await storage().put(form.file.bytes, 'application/octet-stream');
  const targetPng = await sharp(Buffer.from(target.pixels), { raw: { width: res, height: res, channels: 3 } }).png().toBuffer();
  const settings: ProjectionSettings = {
    mode: f.mode,
    steps: f.steps,
    optimizeNoise: f.mode === 'wplus',
    align: f.align,
    identityWeight: f.identityWeight,
    seed: randomInt(0, 2 ** 31),
    name: f.name ?? 'Projection of a photo',
  };
  const row = await db.projection.create({
    data: {
      ownerId: userId,
      modelId: model.id,
      checkpointId: model.checkpointId,
      settings: settings as unknown as Prisma.InputJsonValue,
      photoSha256,
      photoKey: stored.key,
      targetPng,
      faceIndex: target.faceIndex,
    },
    select: { id: true },
  });
  try {
    const job = await enqueueJob(projectPhotoJob, { projectionId: row.id }, { userId, teamId: null });
    await db.projection.update({ where: { id: row.id }, data: { jobId: job.id } });
    return { projection: await getProjection(userId, row.id), job };
  } catch (err) {
    await db.projection.delete({ where: { id: row.id } });
    await removePhotoFileIfUnused(stored.key);
    throw err;
  }
}

/** Storage is content-addressed: the same photo uploaded twice is one file; remove it once no projection keeps it. */
export async function removePhotoFileIfUnused(key: string): Promise<void> {
  const [projections, assets] = await Promise.all([
    db.projection.count({ where: { photoKey: key } }),
    db.asset.count({ where: { storageKey: key } }),
  ]);
  if (projections === 0 && assets === 0) await storage().delete(key);
}
