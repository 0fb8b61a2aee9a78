import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const renderVideoPayload = z.object({ videoId: z.string().min(1) });

export type RenderVideoResult = {
  videoId: string;
  frames: number;
  durationSec: number;
  mp4AssetId: string;
  webmAssetId: string;
  previewAssetId: string;
  renderSeconds: number;
  totalSeconds: number;
};

/**
 * Renders an interpolation video (settings on its Video row) in batches on the video
 * queue, encodes MP4/WebM/GIF with ffmpeg and stores them. Cancellable between batches.
 * One attempt: a half-rendered video is not worth resuming.
 */
export const renderVideoJob = defineJob({
  name: 'render-video',
  queue: 'video',
  schema: renderVideoPayload,
  attempts: 1,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/videos/jobs/render-video.handler'),
});
