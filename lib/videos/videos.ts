// Interpolation videos: create (validate everything, then one Video row and one job on the
// video queue), read (owner, team, or anyone for public/unlisted), list, cancel.
import { viewerOf } from '@/lib/access/viewer';
import { can } from '@/lib/access/rules';
import { recordVisibilityChange } from '@/lib/audit/record-audit';
import { db } from '@/lib/db';
import { assertShareable } from '@/lib/licensing/review';
import { badRequest, forbidden, notFound } from '@/lib/api/errors';
import { env } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';
import { readableItemWhere } from '@/lib/collections/access';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { cancelJob } from '@/lib/jobs/cancel-job';
import { renderVideoJob } from '@/lib/videos/jobs/render-video';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';
import { usableModel } from '@/lib/synthesis/start-generation';
import { resolveVideoSettings, type CreateVideoInput, type UpdateVideoInput, type VideoSettings } from '@/lib/videos/video-settings';

const videoSelect = {
  id: true,
  name: true,
  modelId: true,
  ownerId: true,
  teamId: true,
  settings: true,
  keyframeIds: true,
  jobId: true,
  mp4AssetId: true,
  webmAssetId: true,
  previewAssetId: true,
  frameCount: true,
  durationSec: true,
  visibility: true,
  commercialUse: true,
  createdAt: true,
  model: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
} satisfies Prisma.VideoSelect;

type VideoRow = Prisma.VideoGetPayload<{ select: typeof videoSelect }>;

export const videoFileUrl = (videoId: string, format: 'mp4' | 'webm' | 'gif') => `/api/v1/videos/${videoId}/files/${format}`;

async function present(row: VideoRow, userId: string | null) {
  const job = row.jobId
    ? await db.job.findUnique({ where: { id: row.jobId }, select: { id: true, state: true, progress: true, message: true, error: true, finishedAt: true } })
    : null;
  const canEdit = can(await viewerOf(userId), 'write', row);
  return {
    id: row.id,
    name: row.name,
    model: row.model,
    owner: row.owner,
    teamId: row.teamId,
    visibility: row.visibility,
    commercialUse: row.commercialUse,
    settings: row.settings as unknown as VideoSettings,
    keyframeIds: row.keyframeIds,
    frameCount: row.frameCount,
    durationSec: row.durationSec,
    job,
    files:
      row.mp4AssetId && row.webmAssetId
        ? {
            mp4: videoFileUrl(row.id, 'mp4'),
            webm: videoFileUrl(row.id, 'webm'),
            preview: row.previewAssetId ? videoFileUrl(row.id, 'gif') : null,
            // Downloads with provenance embedded (container tags), served by the provenance service.
            mp4Download: `/api/v1/assets/${row.mp4AssetId}/download`,
            webmDownload: `/api/v1/assets/${row.webmAssetId}/download`,
          }
        : null,
    canEdit,
    createdAt: row.createdAt,
  };
}

export type VideoView = Awaited<ReturnType<typeof present>>;

/** A video's keyframes, in order: saved latents the user may use, all of one usable model (400 otherwise). */
export async function loadKeyframes(userId: string, keyframeIds: string[]) {
  const rows = await db.latent.findMany({
    where: { AND: [{ id: { in: keyframeIds } }, await readableItemWhere(userId)] },
    select: { id: true, modelId: true, z: true, psi: true, psiLayers: true, truncationCutoff: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const keyframes = keyframeIds.map((id, i) => {
    const row = byId.get(id);
    if (!row) throw badRequest(`keyframes[${i}]: no saved latent "${id}" that you can use`);
    return row;
  });
  const modelIds = [...new Set(keyframes.map((k) => k.modelId))];
  if (modelIds.length > 1) throw badRequest(`keyframes come from different models (${modelIds.join(', ')}): a video interpolates within one model`);
  return { keyframes, model: await usableModel(userId, modelIds[0]) };
}

export async function createVideo(userId: string, input: CreateVideoInput) {
  const ws = await resolveWorkspace(userId, input.workspace);
  const { keyframes, model } = await loadKeyframes(userId, input.keyframes);
  const settings = resolveVideoSettings(
    input,
    keyframes,
    { checkpointId: model.checkpointId, imgResolution: model.config.generator_kwargs.img_resolution },
    env().VIDEO_MAX_FRAMES,
  );

  await assertShareable([model.id], input.visibility); // 403 while the model waits for licence review
  const owner = { ownerId: userId, teamId: ws.kind === 'team' ? ws.teamId : null };
  const video = await db.video.create({
    data: {
      name: input.name,
      modelId: model.id,
      ...owner,
      settings: settings as unknown as Prisma.InputJsonValue,
      keyframeIds: input.keyframes,
      frameCount: settings.frames,
      durationSec: settings.durationSec,
      visibility: input.visibility,
    },
    select: { id: true },
  });
  try {
    const job = await enqueueJob(renderVideoJob, { videoId: video.id }, { userId, teamId: owner.teamId });
    await db.video.update({ where: { id: video.id }, data: { jobId: job.id } });
    return { video: await getVideo(userId, video.id), job };
  } catch (err) {
    await db.video.delete({ where: { id: video.id } });
    throw err;
  }
}

export async function getVideo(userId: string | null, videoId: string) {
  const row = await db.video.findFirst({ where: { AND: [{ id: videoId }, await readableItemWhere(userId)] }, select: videoSelect });
  if (!row) throw notFound('Video');
  return present(row, userId);
}

export async function listVideos(userId: string, workspaceId?: string) {
  const ws = await resolveWorkspace(userId, workspaceId);
  const rows = await db.video.findMany({ where: workspaceWhere(ws), select: videoSelect, orderBy: { createdAt: 'desc' }, take: 100 });
  return Promise.all(rows.map((r) => present(r, userId)));
}

/**
 * Renames and/or re-shares a video: its owner or their team only (403 for others who can see
 * it, 404 for those who cannot). Sharing goes through the licence-review guard; a hidden video
 * stays hidden.
 */
export async function updateVideo(userId: string, videoId: string, input: UpdateVideoInput) {
  const video = await getVideo(userId, videoId);
  if (!video.canEdit) throw forbidden('Only the owner or their team can change this video');
  if (input.visibility) await assertShareable([video.model.id], input.visibility); // 403 while the model waits for licence review
  await db.video.update({ where: { id: video.id }, data: input });
  await recordVisibilityChange(userId, 'Video', video, input.visibility);
  return getVideo(userId, video.id);
}

/** Stops the render (the worker sees the job turn CANCELLED between batches). */
export async function cancelVideo(userId: string, videoId: string) {
  const video = await getVideo(userId, videoId);
  if (!video.canEdit) throw notFound('Video');
  if (!video.job) throw badRequest('This video has no render job');
  await cancelJob(userId, video.job.id);
  return getVideo(userId, videoId);
}

/** A stored file of a video anyone allowed may play (the page's <video> and GIF preview). */
export async function videoFileForUser(userId: string | null, videoId: string, format: string) {
  const row = await db.video.findFirst({
    where: { AND: [{ id: videoId }, await readableItemWhere(userId)] },
    select: { mp4AssetId: true, webmAssetId: true, previewAssetId: true },
  });
  const assetId = format === 'mp4' ? row?.mp4AssetId : format === 'webm' ? row?.webmAssetId : format === 'gif' ? row?.previewAssetId : null;
  if (!assetId) throw notFound('Video file');
  const asset = await db.asset.findUnique({ where: { id: assetId }, select: { storageKey: true, sha256: true, mime: true, bytes: true } });
  if (!asset) throw notFound('Video file');
  return asset;
}
