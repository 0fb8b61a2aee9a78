// Reading projections: only their owner (lib/access/projections).
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { viewerOf } from '@/lib/access/viewer';
import { canUseProjection, ownProjectionsWhere } from '@/lib/access/projections';
import { projectionSettings } from '@/lib/projection/projection-input';
import { DERIVED_FROM_PHOTO } from '@/lib/projection/privacy';

const select = {
  id: true,
  ownerId: true,
  modelId: true,
  checkpointId: true,
  jobId: true,
  status: true,
  settings: true,
  photoSha256: true,
  photoKey: true,
  photoDeletedAt: true,
  faceIndex: true,
  stepsDone: true,
  lossCurve: true,
  psnr: true,
  distances: true,
  latentId: true,
  videoMp4AssetId: true,
  videoWebmAssetId: true,
  shareConfirmedAt: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  model: { select: { name: true } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(id: string) {
  return db.projection.findUnique({ where: { id }, select });
}

function present(row: Row) {
  const settings = projectionSettings.parse(row.settings);
  const base = `/api/v1/projections/${row.id}`;
  return {
    id: row.id,
    status: row.status,
    model: { id: row.modelId, name: row.model.name, checkpointId: row.checkpointId },
    jobId: row.jobId,
    settings,
    steps: settings.steps,
    stepsDone: row.stepsDone,
    lossCurve: row.lossCurve,
    psnr: row.psnr,
    distances: row.distances,
    latentId: row.latentId,
    provenance: { derivedFrom: DERIVED_FROM_PHOTO, photoSha256: row.photoSha256, faceIndex: row.faceIndex },
    photo: { stored: row.photoKey !== null, deletedAt: row.photoDeletedAt },
    images: {
      target: row.photoKey !== null ? `${base}/images/target` : null,
      current: `${base}/images/current`,
      result: row.status === 'DONE' ? `${base}/images/result` : null,
      difference: row.status === 'DONE' && row.photoKey !== null ? `${base}/images/difference` : null,
    },
    video: row.videoMp4AssetId && row.videoWebmAssetId ? { mp4: `/api/v1/assets/${row.videoMp4AssetId}`, webm: `/api/v1/assets/${row.videoWebmAssetId}` } : null,
    shareConfirmedAt: row.shareConfirmedAt,
    error: row.error,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type ProjectionView = ReturnType<typeof present>;

/** The projection if `userId` owns it; 404 otherwise (its existence is private too). */
export async function getProjection(userId: string, projectionId: string): Promise<ProjectionView> {
  const row = await findRow(projectionId);
  if (!row || !canUseProjection(await viewerOf(userId), row)) throw notFound('Projection');
  return present(row);
}

export async function listProjections(userId: string) {
  const rows = await db.projection.findMany({ where: ownProjectionsWhere(await viewerOf(userId)), select, orderBy: { createdAt: 'desc' }, take: 100 });
  return rows.map(present);
}
