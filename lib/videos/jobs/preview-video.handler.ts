import sharp from 'sharp';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { storeAsset } from '@/lib/assets/store-asset';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import { parseModelConfig } from '@/lib/models/architecture';
import { numWsFor } from '@/lib/stylegan/config';
import { assetUrl } from '@/lib/synthesis/worker/store-images';
import { recordProvenance } from '@/lib/provenance/record-provenance';
import { frameCount, framePosition, interpolateAt } from '@/lib/videos/interpolate';
import type { PreviewVideoResult, previewVideoPayload } from '@/lib/videos/jobs/preview-video';
import { prepareKeyframes, renderLatents } from '@/lib/videos/worker/prepare-keyframes';

/** Frame indices spread evenly over [0, total - 1], first and last included, no repeats. */
export function previewFrameIndices(total: number, wanted: number): number[] {
  const n = Math.min(wanted, total);
  if (n <= 1) return [0];
  return [...new Set(Array.from({ length: n }, (_, i) => Math.round((i * (total - 1)) / (n - 1))))];
}

const previewVideo: JobHandler<z.infer<typeof previewVideoPayload>, PreviewVideoResult> = async (payload, ctx) => {
  const job = await db.job.findUnique({ where: { id: ctx.jobId }, select: { userId: true, teamId: true } });
  if (!job) throw new PermanentJobError(`Job ${ctx.jobId} has no row`);
  const model = await db.model.findUnique({ where: { id: payload.modelId }, select: { config: true } });
  if (!model) throw new PermanentJobError('The model was deleted');
  const g = parseModelConfig(model.config).generator_kwargs;
  const numWs = numWsFor(g);
  const s = payload.settings;

  await ctx.progress(0.1, 'preparing keyframes');
  const keyframes = await prepareKeyframes(payload.keyframeIds, s, numWs, g.w_dim);
  const schedule = { keyframeCount: keyframes.length, secondsPerTransition: s.secondsPerTransition, fps: s.fps, loop: s.loop };
  const total = frameCount(schedule);
  const indices = previewFrameIndices(total, payload.frames);
  const latents = indices.map((i) => interpolateAt(keyframes, framePosition(schedule, i), { space: s.space, easing: s.easing, loop: s.loop }));
  await ctx.progress(0.4, `rendering ${indices.length} frames`);
  const out = await renderLatents(s, numWs, g.w_dim, s.space, latents);
  const images = out.images;

  const cell = images[0].width;
  const png = await sharp({ create: { width: cell * images.length, height: cell, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite(
      images.map((img, i) => ({
        input: Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.byteLength),
        raw: { width: img.width, height: img.height, channels: img.channels as 1 | 3 | 4 },
        left: i * cell,
        top: 0,
      })),
    )
    .png()
    .toBuffer();
  const asset = await storeAsset(png, 'image/png', { userId: job.userId, teamId: job.teamId });
  await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: out.computeSeconds, userId: job.userId, teamId: job.teamId, jobId: ctx.jobId } });
  await recordProvenance({
    artifactType: 'IMAGE',
    artifactId: asset.id,
    asset,
    modelId: payload.modelId,
    checkpointId: s.checkpointId,
    inputs: { videoPreview: { settings: s, frames: indices } },
    parents: payload.keyframeIds,
    userId: job.userId,
    teamId: job.teamId,
    jobId: ctx.jobId,
  });
  return {
    strip: { assetId: asset.id, url: assetUrl(asset.id), width: cell * images.length, height: cell, cell },
    frames: indices.map((index) => ({ index, seconds: Math.round((index / s.fps) * 100) / 100 })),
    totalFrames: total,
  };
};

export default previewVideo;
