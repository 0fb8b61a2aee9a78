import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const previewVideoPayload = z.object({
  modelId: z.string().min(1),
  keyframeIds: z.array(z.string().min(1)).min(2),
  settings: z.object({
    space: z.enum(['z', 'w']),
    easing: z.enum(['linear', 'ease-in-out', 'spline']),
    loop: z.boolean(),
    secondsPerTransition: z.number().positive(),
    fps: z.number().int().positive(),
    checkpointId: z.string().min(1),
    psi: z.number(),
    psiLayers: z.array(z.number()).nullable(),
    truncationCutoff: z.number().int().nullable(),
    noise: z.enum(['const', 'none']),
  }),
  /** in-between frames to show, spread evenly from the first frame to the last */
  frames: z.number().int().min(2).max(12),
});

export type PreviewVideoResult = {
  strip: { assetId: string; url: string; width: number; height: number; cell: number };
  /** for each tile: its frame index in the full video and its time in seconds */
  frames: { index: number; seconds: number }[];
  totalFrames: number;
};

/**
 * A few in-between frames of a video, before the full render: the same keyframes, schedule and
 * interpolation as the video, drawn on a synthesis worker (no ffmpeg) into one PNG strip.
 */
export const previewVideoJob = defineJob({
  name: 'preview-video',
  queue: 'synthesis',
  schema: previewVideoPayload,
  attempts: 2,
  backoffMs: 500,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/videos/jobs/preview-video.handler'),
});
