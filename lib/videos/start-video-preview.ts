// POST /videos/preview: a few in-between frames of a video before rendering it. Checked the
// way a new video is (keyframes you may use, one model, frame limit); nothing is written but
// the job.
import { z } from 'zod';
import { env } from '@/lib/env';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { previewVideoJob } from '@/lib/videos/jobs/preview-video';
import { loadKeyframes } from '@/lib/videos/videos';
import { createVideoInput, resolveVideoSettings } from '@/lib/videos/video-settings';

export const videoPreviewInput = createVideoInput.omit({ name: true, visibility: true }).extend({
  frames: z.number().int().min(2, 'frames must be at least 2').max(12, 'frames is at most 12').default(6),
});

export async function startVideoPreview(userId: string, input: z.infer<typeof videoPreviewInput>) {
  const ws = await resolveWorkspace(userId, input.workspace);
  const { keyframes, model } = await loadKeyframes(userId, input.keyframes);
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
