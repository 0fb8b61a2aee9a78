// Datasets in a personal or team workspace: create, list, read (with the per-upload
// reports, manifest and licence). Another user's dataset is a 404, as everywhere.
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { RESOLUTIONS } from '@/lib/datasets/limits';
import { findAccessibleProject } from '@/lib/projects/projects';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';
import { manifestFor } from '@/lib/datasets/manifest';

export const createDatasetInput = z.object({
  name: z.string().trim().min(1, 'Dataset name is required').max(100),
  workspace: z.string().optional(),
  projectId: z.string().optional(),
  resolution: z.coerce
    .number()
    .int()
    .refine((r) => (RESOLUTIONS as readonly number[]).includes(r), `resolution must be one of ${RESOLUTIONS.join(', ')}`)
    .default(64),
  fit: z.enum(['crop', 'pad']).default('crop'),
  mirror: z.boolean().default(false),
});

export const datasetSelect = {
  id: true,
  name: true,
  ownerId: true,
  teamId: true,
  projectId: true,
  resolution: true,
  fit: true,
  mirror: true,
  imageCount: true,
  manifestHash: true,
  previewAssetId: true,
  rightsDeclared: true,
  reviewStatus: true,
  createdAt: true,
  updatedAt: true,
  license: { select: { id: true, spdxId: true, name: true, customText: true, commercialUse: true, shareAlike: true, attribution: true } },
} as const;

/** The rows of a dataset the user may see: their personal ones and their teams'. */
export async function accessibleDatasetWhere(userId: string) {
  return writableWhere(await viewerOf(userId)); // datasets are never shared (lib/access)
}

export async function findAccessibleDataset(userId: string, datasetId: string) {
  const dataset = await db.dataset.findFirst({ where: { id: datasetId, ...(await accessibleDatasetWhere(userId)) }, select: datasetSelect });
  if (!dataset) throw notFound('Dataset');
  return dataset;
}

export async function listDatasets(userId: string, workspaceId?: string) {
  const ws = await resolveWorkspace(userId, workspaceId);
  return db.dataset.findMany({ where: workspaceWhere(ws), select: datasetSelect, orderBy: { updatedAt: 'desc' } });
}

export async function createDataset(userId: string, input: z.infer<typeof createDatasetInput>) {
  let teamId: string | null;
  if (input.projectId) {
    const project = await findAccessibleProject(userId, input.projectId);
    teamId = project.teamId;
  } else {
    const ws = await resolveWorkspace(userId, input.workspace);
    teamId = ws.kind === 'team' ? ws.teamId : null;
  }
  return db.dataset.create({
    data: { name: input.name, ownerId: userId, teamId, projectId: input.projectId ?? null, resolution: input.resolution, fit: input.fit, mirror: input.mirror },
    select: datasetSelect,
  });
}

/** A dataset with its manifest, licence, readiness and the reports of its uploads (newest first). */
export async function getDataset(userId: string, datasetId: string) {
  const dataset = await findAccessibleDataset(userId, datasetId);
  const [uploads, manifest] = await Promise.all([
    db.datasetUpload.findMany({
      where: { datasetId },
      select: { id: true, accepted: true, skipped: true, report: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
      take: 20,
    }),
    manifestFor(datasetId),
  ]);
  return { dataset: { ...dataset, usable: usability(dataset) }, uploads, manifest };
}

/** Whether the dataset can be trained on, and if not, why. */
export function usability(d: { imageCount: number; license: unknown; rightsDeclared: boolean; reviewStatus: string }): { ok: boolean; reason: string | null } {
  if (d.imageCount === 0) return { ok: false, reason: 'Upload images first' };
  if (!d.license || !d.rightsDeclared) return { ok: false, reason: 'Declare the licence of these images first' };
  if (d.reviewStatus === 'REJECTED') return { ok: false, reason: 'An administrator rejected this dataset’s licence' };
  if (d.reviewStatus === 'PENDING') return { ok: false, reason: 'Its licence terms are waiting for review by an administrator' };
  return { ok: true, reason: null };
}
