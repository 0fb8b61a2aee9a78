// A model's real data for metrics and the quiz, and the access check on it (lib/access).
import { canSeeTrainingData, trainingDataAccessSelect } from '@/lib/access/training-data';
import type { Viewer } from '@/lib/access/rules';
import { notFound } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { BUNDLED_CHECKPOINT_LABEL } from '@/lib/demo/bundled-model';
import type { Prisma } from '@/lib/generated/prisma/client';

export const modelDataSelect = {
  ...trainingDataAccessSelect,
  config: true,
  datasetId: true,
  dataset: { select: { id: true, ownerId: true, teamId: true, name: true, imageCount: true } },
  checkpoints: { where: { hidden: false }, select: { id: true, label: true, kimg: true }, orderBy: { createdAt: 'desc' as const }, take: 1 },
} satisfies Prisma.ModelSelect;

type ModelDataRow = Prisma.ModelGetPayload<{ select: typeof modelDataSelect }>;

export type RealData = { kind: 'procedural' } | { kind: 'dataset'; datasetId: string; name: string; imageCount: number };

/** The bundled model (no dataset; its checkpoints carry the bundled label) learnt from the procedural faces. */
export async function hasProceduralData(model: { id: string; datasetId: string | null }): Promise<boolean> {
  if (model.datasetId) return false;
  const bundled = await db.checkpoint.count({ where: { modelId: model.id, label: { startsWith: BUNDLED_CHECKPOINT_LABEL } } });
  return bundled > 0;
}

export function realDataOf(row: ModelDataRow, procedural: boolean): RealData | null {
  if (row.dataset) return { kind: 'dataset', datasetId: row.dataset.id, name: row.dataset.name, imageCount: row.dataset.imageCount };
  return procedural ? { kind: 'procedural' } : null;
}

/**
 * The model, its current checkpoint and its real data, when `viewer` may see the model and its
 * training data; otherwise 404 (a private model or dataset is not revealed to exist).
 */
export async function modelWithVisibleData(viewer: Viewer, modelId: string) {
  const row = await db.model.findUnique({ where: { id: modelId }, select: modelDataSelect });
  if (!row) throw notFound('Model');
  const procedural = await hasProceduralData(row);
  const visible = canSeeTrainingData(viewer, { ...row, proceduralData: procedural, dataset: row.dataset });
  const data = realDataOf(row, procedural);
  if (!visible || !data || !row.checkpoints[0]) throw notFound('Model with training data you may see');
  return { model: row, checkpoint: row.checkpoints[0], data };
}
