import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { storeAsset } from '@/lib/assets/store-asset';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import type { RenderVideoResult, renderVideoPayload } from '@/lib/videos/jobs/render-video';
import { parseModelConfig } from '@/lib/models/architecture';
import { addProvenanceFile, recordProvenance } from '@/lib/provenance/record-provenance';
import { numWsFor } from '@/lib/stylegan/config';
import { ffmpegMissing, ffmpegPath } from '@/lib/videos/ffmpeg';
import { renderVideo } from '@/lib/videos/render-video';
import { prepareKeyframes, synthesisRenderBatch } from '@/lib/videos/worker/prepare-keyframes';
import type { VideoSettings } from '@/lib/videos/video-settings';
import type { z } from 'zod';

const renderVideoHandler: JobHandler<z.infer<typeof renderVideoPayload>, RenderVideoResult> = async (payload, ctx) => {
  // Workers without ffmpeg do not take this queue (worker/capabilities.ts); this covers one whose ffmpeg went away.
  const noFfmpeg = ffmpegMissing();
  if (noFfmpeg) throw new PermanentJobError(noFfmpeg);
  const video = await db.video.findUnique({
    where: { id: payload.videoId },
    select: { id: true, ownerId: true, teamId: true, modelId: true, settings: true, keyframeIds: true, model: { select: { config: true } } },
  });
  if (!video) throw new PermanentJobError(`Video ${payload.videoId} no longer exists`);
  const s = video.settings as unknown as VideoSettings;
  const g = parseModelConfig(video.model.config).generator_kwargs;
  const numWs = numWsFor(g);
  const owner = { userId: video.ownerId, teamId: video.teamId };

  await ctx.progress(0.01, 'preparing keyframes');
  const keyframes = await prepareKeyframes(video.keyframeIds, s, numWs, g.w_dim);
  const renderBatch = synthesisRenderBatch(s, numWs, g.w_dim);

  const dir = await mkdtemp(path.join(os.tmpdir(), `atelier-video-${ctx.jobId}-`));
  try {
    const out = await renderVideo({
      keyframes,
      keyframeCount: keyframes.length,
      space: s.space,
      easing: s.easing,
      loop: s.loop,
      secondsPerTransition: s.secondsPerTransition,
      fps: s.fps,
      outputSize: s.size,
      batchSize: env().VIDEO_BATCH_SIZE,
      renderBatch,
      ffmpegPath: ffmpegPath(),
      outDir: dir,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.progress(0.02 + (0.88 * done) / total, `rendered frame ${done} of ${total}`),
    });
    await ctx.progress(0.92, 'storing files');
    const [mp4, webm, gif] = [
      await storeAsset(await readFile(out.mp4), 'video/mp4', owner),
      await storeAsset(await readFile(out.webm), 'video/webm', owner),
      await storeAsset(await readFile(out.gif), 'image/gif', owner),
    ];
    await db.video.update({
      where: { id: video.id },
      data: { mp4AssetId: mp4.id, webmAssetId: webm.id, previewAssetId: gif.id, frameCount: out.frames, durationSec: out.durationSec },
    });
    const record = await recordProvenance({
      artifactType: 'VIDEO',
      artifactId: video.id,
      asset: mp4,
      modelId: video.modelId,
      checkpointId: s.checkpointId,
      inputs: { videoSettings: s },
      parents: video.keyframeIds,
      ...owner,
      jobId: ctx.jobId,
    });
    await addProvenanceFile(record.id, webm, 'stored');
    await addProvenanceFile(record.id, gif, 'stored');
    await db.usageEvent.create({ data: { kind: 'GPU_SECONDS', amount: out.renderSeconds, ...owner, jobId: ctx.jobId } });
    return {
      videoId: video.id,
      frames: out.frames,
      durationSec: out.durationSec,
      mp4AssetId: mp4.id,
      webmAssetId: webm.id,
      previewAssetId: gif.id,
      renderSeconds: out.renderSeconds,
      totalSeconds: out.totalSeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export default renderVideoHandler;
