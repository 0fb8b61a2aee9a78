import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';
import { db } from '@/lib/db';

export const projectPhotoPayload = z.object({ projectionId: z.string().min(1) });

export type ProjectPhotoResult = { projectionId: string; latentId: string; psnr: number; steps: number };

/**
 * Projects a photo's aligned crop (stored on its Projection row) into the model's latent
 * space on the projection queue, so long searches never hold up previews. Progress (a
 * reconstruction every few steps and the loss curve) is written to the row; cancellable
 * between steps. One attempt: a half-finished search is not worth resuming.
 */
export const projectPhotoJob = defineJob({
  name: 'project-photo',
  queue: 'projection',
  schema: projectPhotoPayload,
  attempts: 1,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/projection/jobs/project-photo.handler'),
  onCancelled: async (payload) => {
    await db.projection.updateMany({ where: { id: payload.projectionId, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'CANCELLED' } });
  },
});
