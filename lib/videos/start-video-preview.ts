// POST /videos/preview: a few in-between frames of a video before rendering it. Checked the
// way a new video is (keyframes you may use, one model, frame limit); nothing is written but
// the job.
import { z } from 'zod';
import { badRequest } from '@/lib/api/errors';
import { env } from '@/lib/env';
import { readableItemWhere } from '@/lib/collections/access';
import { db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { usableModel } from '@/lib/synthesis/start-generation';
import { previewVideoJob } from '@/lib/videos/jobs/preview-video';
import { createVideoInput, resolveVideoSettings } from '@/lib/videos/video-settings';

export const videoPreviewInput = createVideoInput.omit({ name: true, visibility: true }).extend({
  frames: z.number().int().min(2, 'frames must be at least 2').max(12, 'frames is at most 12').default(6),
});

export async function startVideoPreview(userId: string, input: z.infer<typeof videoPreviewInput>) {
  const ws = await resolveWorkspace(userId, input.workspace);
  const rows = await db.latent.findMany({
    where: { AND: [{ id: { in: input.keyframes } }, await readableItemWhere(userId)] },
    select: { id: true, modelId: true, z: true, psi: true, psiLayers: true, truncationCutoff: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const keyframes = input.keyframes.map((id, i) => {
    const row = byId.get(id);
    if (!row) throw badRequest(`keyframes[${i}]: no saved latent "${id}" that you can use`);
    return row;
  });
  const modelIds = [...new Set(keyframes.map((k) => k.modelId))];
  if (modelIds.length > 1) throw badRequest('keyframes come from different models: a video interpolates within one model');
  const model = await usableModel(userId, modelIds[0]);
  const s = resolveVideoSettings(
    { ...input, name: 'preview', visibility: 'PRIVATE' },
    keyframes,
    { checkpointId: model.checkpointId, imgResolution: model.config.generator_kwargs.img_resolution },
    env().VIDEO_MAX_FRAMES,
  );
  return enqueueJob(
    previewVideoJob,
    {
      modelId: model.id,
      keyframeIds: input.keyframes,
      settings: {
        space: s.space,
        easing: s.easing,
        loop: s.loop,
        secondsPerTransition: s.secondsPerTransition,
        fps: s.fps,
        checkpointId: s.checkpointId,
        psi: s.psi,
        psiLayers: s.psiLayers,
        truncationCutoff: s.truncationCutoff,
        noise: s.noise,
      },
      frames: input.frames,
    },
    { userId, teamId: ws.kind === 'team' ? ws.teamId : null },
  );
}
