// Models a user may use: their own, their teams', and public ones (unlisted ones by id).
// Another user's private model is reported as not found.
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { db } from '@/lib/db';
import { conflict, notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { reviewedModelWhere } from '@/lib/licensing/review';
import { architectureSummary, parseModelConfig } from '@/lib/models/architecture';

const modelSelect = {
  id: true,
  name: true,
  description: true,
  visibility: true,
  ownerId: true,
  teamId: true,
  config: true,
  sampleGridAssetId: true,
  reviewStatus: true,
  ready: true,
  archived: true,
  createdAt: true,
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, name: true } },
  license: { select: { id: true, spdxId: true, name: true, commercialUse: true, shareAlike: true, attribution: true, customText: true } },
  // The current checkpoint: the newest one its owner has not hidden.
  checkpoints: { where: { hidden: false }, select: { id: true, label: true, sha256: true, kimg: true, createdAt: true }, orderBy: { createdAt: 'desc' as const }, take: 1 },
} satisfies Prisma.ModelSelect;

type ModelRow = Prisma.ModelGetPayload<{ select: typeof modelSelect }>;

/** Rows the user may list: own (personal), their teams', public. */
async function usableWhere(userId: string, opts: { byId?: boolean } = {}): Promise<Prisma.ModelWhereInput> {
  return {
    OR: [
      ...writableWhere(await viewerOf(userId)).OR,
      { visibility: opts.byId ? { in: ['PUBLIC', 'UNLISTED'] } : 'PUBLIC', hidden: false, ready: true, ...reviewedModelWhere },
    ],
  };
}

export function presentModel(row: ModelRow, userId: string | null) {
  const config = parseModelConfig(row.config);
  const checkpoint = row.checkpoints[0] ?? null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    owner: row.owner,
    team: row.team,
    mine: row.ownerId === userId,
    license: row.license,
    reviewStatus: row.reviewStatus,
    ready: row.ready,
    archived: row.archived,
    architecture: architectureSummary(config),
    checkpoint,
    sampleGrid: row.sampleGridAssetId ? { assetId: row.sampleGridAssetId, url: `/api/v1/assets/${row.sampleGridAssetId}` } : null,
    createdAt: row.createdAt,
  };
}

export type ModelView = ReturnType<typeof presentModel>;

/**
 * Models the user can work with, newest first: finished (a fine-tune that completed, or one whose
 * owner promoted a checkpoint), not hidden by their owner, with a current checkpoint. The
 * explorer opens the first one.
 */
export async function listModels(userId: string): Promise<ModelView[]> {
  const rows = await db.model.findMany({
    where: { AND: [await usableWhere(userId), { ready: true, archived: false, checkpoints: { some: { hidden: false } } }] },
    select: modelSelect,
    orderBy: [{ createdAt: 'desc' }],
    take: 200,
  });
  return rows.map((r) => presentModel(r, userId));
}

/** The user's own (and their teams') models that lists leave out: hidden, or from an unfinished fine-tune. */
export async function listSetAsideModels(userId: string): Promise<ModelView[]> {
  const rows = await db.model.findMany({
    where: { AND: [writableWhere(await viewerOf(userId)), { OR: [{ archived: true }, { ready: false }] }] },
    select: modelSelect,
    orderBy: [{ createdAt: 'desc' }],
    take: 200,
  });
  return rows.map((r) => presentModel(r, userId));
}

export async function getModel(userId: string, modelId: string): Promise<ModelView> {
  const row = await db.model.findFirst({ where: { AND: [{ id: modelId }, await usableWhere(userId, { byId: true })] }, select: modelSelect });
  if (!row) throw notFound('Model');
  return presentModel(row, userId);
}

/** The model's config and its current checkpoint (or the one asked for), for synthesis. */
export async function modelForSynthesis(userId: string, modelId: string, checkpointId?: string | null) {
  // Whether the user may use the model is the Prisma filter; its checkpoint, read once that is
  // settled, is a plain statement (every preview runs this: a nested Prisma select costs the web
  // process more CPU).
  const row = await db.model.findFirst({
    where: { AND: [{ id: modelId }, await usableWhere(userId, { byId: true })] },
    select: { id: true, name: true, ready: true, config: true },
  });
  if (!row) throw notFound('Model');
  if (!row.ready && !checkpointId) {
    throw conflict(`Model "${row.name}" comes from a fine-tune that did not complete: its owner can promote one of its checkpoints on the training run's page to use it`);
  }
  // A saved latent names its checkpoint (hidden or not); otherwise the current one.
  const [checkpoint] = checkpointId
    ? await db.$queryRaw<{ id: string }[]>`SELECT id FROM "Checkpoint" WHERE "modelId" = ${row.id} AND id = ${checkpointId}`
    : await db.$queryRaw<{ id: string }[]>`SELECT id FROM "Checkpoint" WHERE "modelId" = ${row.id} AND NOT hidden ORDER BY "createdAt" DESC LIMIT 1`;
  if (!checkpoint) throw notFound(checkpointId ? 'Checkpoint' : 'Checkpoint of this model');
  return { id: row.id, checkpointId: checkpoint.id, config: parseModelConfig(row.config) };
}
