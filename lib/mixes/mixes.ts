// Style mixes: preview (a job, nothing saved), save (a Mix row recording its sources and
// the ranges each gave, rendered into a new latent by the worker) and the mixing grid.
// Every source must be a latent the user may see, of the mix's model; ranges must
// partition the layers. Anything wrong is a 400 that writes nothing.
import { viewerOf } from '@/lib/access/viewer';
import { can, writableWhere } from '@/lib/access/rules';
import { recordVisibilityChange } from '@/lib/audit/record-audit';
import { z } from 'zod';
import { db } from '@/lib/db';
import { assertShareable } from '@/lib/licensing/review';
import { badRequest, forbidden, notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { readableItemWhere } from '@/lib/collections/access';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { mixGridJob, mixRenderJob, type MixSourceRefPayload } from '@/lib/mixes/jobs/mix';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { usableModel } from '@/lib/synthesis/start-generation';
import { gridCellRanges, layerPickSchema, mixSourceRefSchema, mixSourceSchema, resolveMixRanges } from '@/lib/mixes/mix-spec';

export const mixInput = z.object({
  modelId: z.string().min(1, 'modelId is required'),
  sources: z.array(mixSourceSchema).min(2, 'a mix needs at least two sources').max(8, 'at most 8 sources'),
  workspace: z.string().optional(),
});
const mixName = z.string().trim().min(1, 'Name is required').max(100);
const visibility = z.enum(['PRIVATE', 'UNLISTED', 'PUBLIC']);
export const saveMixInput = mixInput.extend({ name: mixName, visibility: visibility.default('PRIVATE') });
export const updateMixInput = z
  .object({ name: mixName.optional(), visibility: visibility.optional() })
  .refine((v) => v.name !== undefined || v.visibility !== undefined, 'Nothing to update: send name and/or visibility');
export const mixGridInput = z.object({
  modelId: z.string().min(1, 'modelId is required'),
  rows: z.array(mixSourceRefSchema).min(1, 'the grid needs at least one row source').max(8, 'at most 8 rows'),
  columns: z.array(mixSourceRefSchema).min(1, 'the grid needs at least one column source').max(8, 'at most 8 columns'),
  /** layers each cell takes from its row's source (the rest come from its column's) */
  layers: z.array(layerPickSchema).min(1),
  workspace: z.string().optional(),
});

/** Model + checkpoint, and each latent source checked: visible to the user and of this model. */
async function resolveSources(userId: string, modelId: string, sources: { latentId?: string; seed?: number; psi?: number }[], label = 'sources') {
  const model = await usableModel(userId, modelId);
  const ids = sources.flatMap((s) => (s.latentId ? [s.latentId] : []));
  const rows = ids.length
    ? await db.latent.findMany({ where: { AND: [{ id: { in: ids } }, await readableItemWhere(userId)] }, select: { id: true, modelId: true } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refs: MixSourceRefPayload[] = sources.map((s, i) => {
    if (s.seed !== undefined) return { seed: s.seed, psi: s.psi ?? 1 };
    const row = byId.get(s.latentId!);
    if (!row) throw badRequest(`${label}[${i}]: no saved latent "${s.latentId}" that you can use`);
    if (row.modelId !== model.id) throw badRequest(`${label}[${i}]: that latent belongs to another model; every source of a mix must come from model ${model.id}`);
    return { latentId: row.id };
  });
  return { model, refs, imgResolution: model.config.generator_kwargs.img_resolution };
}

async function ownerOf(userId: string, workspace?: string) {
  const ws = await resolveWorkspace(userId, workspace);
  return { ownerId: userId, teamId: ws.kind === 'team' ? ws.teamId : null };
}

/** Live preview: renders the mix (and each source) on a worker; nothing is saved but the images. */
export async function previewMix(userId: string, input: z.infer<typeof mixInput>) {
  const { model, refs, imgResolution } = await resolveSources(userId, input.modelId, input.sources);
  const ranges = resolveMixRanges(input.sources, imgResolution);
  const owner = await ownerOf(userId, input.workspace);
  return enqueueJob(mixRenderJob, { modelId: model.id, checkpointId: model.checkpointId, sources: refs, ranges, mixId: null }, { userId, teamId: owner.teamId });
}

/** Saves the mix; its worker job renders it and stores the result as a new latent. */
export async function saveMix(userId: string, input: z.infer<typeof saveMixInput>) {
  const { model, refs, imgResolution } = await resolveSources(userId, input.modelId, input.sources);
  const ranges = resolveMixRanges(input.sources, imgResolution);
  const owner = await ownerOf(userId, input.workspace);
  await assertShareable([model.id], input.visibility); // 403 while the model waits for licence review
  const spec = { sources: input.sources.map((s, i) => ({ ...refs[i], layers: s.layers })), ranges };
  const mix = await db.mix.create({
    data: { name: input.name, modelId: model.id, ...owner, visibility: input.visibility, spec: spec as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  try {
    const job = await enqueueJob(mixRenderJob, { modelId: model.id, checkpointId: model.checkpointId, sources: refs, ranges, mixId: mix.id }, { userId, teamId: owner.teamId });
    return { mix: await getMix(userId, mix.id), job };
  } catch (err) {
    await db.mix.delete({ where: { id: mix.id } });
    throw err;
  }
}

export async function startMixGrid(userId: string, input: z.infer<typeof mixGridInput>) {
  const all = [...input.columns, ...input.rows];
  const { model, refs, imgResolution } = await resolveSources(userId, input.modelId, all, 'columns+rows');
  const ranges = gridCellRanges(input.layers, imgResolution);
  const owner = await ownerOf(userId, input.workspace);
  return enqueueJob(
    mixGridJob,
    { modelId: model.id, checkpointId: model.checkpointId, columns: refs.slice(0, input.columns.length), rows: refs.slice(input.columns.length), ranges },
    { userId, teamId: owner.teamId },
  );
}

const mixSelect = {
  id: true,
  name: true,
  modelId: true,
  ownerId: true,
  teamId: true,
  spec: true,
  previewAssetId: true,
  forkedFromId: true,
  visibility: true,
  commercialUse: true,
  createdAt: true,
  model: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true } },
  resultLatent: { select: { id: true, name: true, thumbnailAssetId: true } },
} satisfies Prisma.MixSelect;

export async function getMix(userId: string | null, mixId: string) {
  const row = await db.mix.findFirst({ where: { AND: [{ id: mixId }, await readableItemWhere(userId)] }, select: mixSelect });
  if (!row) throw notFound('Mix');
  const canEdit = can(await viewerOf(userId), 'write', row);
  const job = await db.job.findFirst({
    where: { type: mixRenderJob.name, payload: { path: ['mixId'], equals: row.id } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, state: true, progress: true, error: true },
  });
  return {
    ...row,
    preview: row.previewAssetId ? { assetId: row.previewAssetId, url: `/api/v1/mixes/${row.id}/preview` } : null,
    job,
    canEdit,
  };
}

/**
 * Renames and/or re-shares a mix: its owner or their team only (403 for others who can see it,
 * 404 for those who cannot). Sharing goes through the licence-review guard; a hidden mix stays
 * hidden. The result latent is shared with its mix, as when the mix was saved.
 */
export async function updateMix(userId: string, mixId: string, input: z.infer<typeof updateMixInput>) {
  const mix = await getMix(userId, mixId);
  if (!mix.canEdit) throw forbidden('Only the owner or their team can change this mix');
  if (input.visibility) await assertShareable([mix.modelId], input.visibility); // 403 while the model waits for licence review
  await db.$transaction([
    db.mix.update({ where: { id: mix.id }, data: input }),
    ...(input.visibility ? [db.latent.updateMany({ where: { mixId: mix.id }, data: { visibility: input.visibility } })] : []),
  ]);
  await recordVisibilityChange(userId, 'Mix', mix, input.visibility);
  return getMix(userId, mix.id);
}

/** The mix's preview PNG for anyone who may see the mix. */
export async function mixPreviewForUser(userId: string | null, mixId: string) {
  const row = await db.mix.findFirst({ where: { AND: [{ id: mixId }, await readableItemWhere(userId)] }, select: { previewAssetId: true } });
  const asset = row?.previewAssetId ? await db.asset.findUnique({ where: { id: row.previewAssetId }, select: { storageKey: true, sha256: true, mime: true } }) : null;
  if (!asset) throw notFound('Mix preview');
  return asset;
}

/** The user's own and their teams' latents, newest first: what the composer and video form offer. */
export async function listMixSourceLatents(userId: string) {
  return db.latent.findMany({
    where: writableWhere(await viewerOf(userId)),
    select: { id: true, name: true, modelId: true, thumbnailAssetId: true },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
}
