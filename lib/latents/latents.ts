// Saved latents: everything needed to render the same image again (model and checkpoint,
// seed, z and/or w+, ψ settings, noise mode and seed) plus a name, tags and a thumbnail.
// Readable by their owner, their team, or anyone when public/unlisted; changed only by
// owner or team. Another user's private latent is a 404.
import { can, readableWhere as readableRows, writableWhere as writableRows } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';
import { z } from 'zod';
import { db } from '@/lib/db';
import { badRequest, forbidden, notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { findAccessibleProject } from '@/lib/projects/projects';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { numWsFor } from '@/lib/stylegan/config';
import { seedToZ } from '@/lib/stylegan/random';
import { latentProvenanceInputs, recordProvenance } from '@/lib/provenance/record-provenance';
import { usableModel } from '@/lib/synthesis/start-generation';
import { latentRequestFields, noiseModeField, psiLayersValue, psiValue, vector, wplusList } from '@/lib/synthesis/latent-input';
import { editedWplus, editsField, resolveEdits, storedEdits } from '@/lib/directions/edit-input';

const name = z.string().trim().min(1, 'Name is required').max(100);
const tags = z
  .array(z.string().trim().toLowerCase().min(1).max(40, 'Tags have at most 40 characters'))
  .max(20, 'At most 20 tags')
  .transform((t) => [...new Set(t)]);

export const saveLatentInput = z.object({
  ...latentRequestFields,
  name,
  tags: tags.default([]),
  seed: z.number().int().min(0).max(0xffffffff).nullable().optional(),
  noiseMode: noiseModeField.default('const'),
  noiseSeed: z.number().int().min(0).max(2 ** 31 - 1).nullable().optional(),
  thumbnailAssetId: z.string().min(1).nullable().optional(),
  /** a project of the same workspace to keep it in */
  projectId: z.string().min(1).max(100).optional(),
  /** an edited face: wplus is the base latent and these directions are applied to it (lib/directions) */
  edits: editsField.optional(),
});

export const updateLatentInput = z
  .object({ name: name.optional(), tags: tags.optional(), projectId: z.string().max(100).nullable().optional() })
  .refine((v) => v.name !== undefined || v.tags !== undefined || v.projectId !== undefined, 'Nothing to update: send name, tags and/or projectId');

const NO_PROJECT = 'projectId: no project of this workspace that you can use';

/** The project `projectId` names if the user may use it for a row of this workspace (teamId), else a 400. */
async function projectOfWorkspace(userId: string, projectId: string, teamId: string | null) {
  const project = await findAccessibleProject(userId, projectId).catch(() => null);
  if (!project || project.teamId !== teamId) throw badRequest(NO_PROJECT, [{ path: 'projectId', message: NO_PROJECT }]);
  return project.id;
}

export const listLatentsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().toLowerCase().max(40).optional(),
  modelId: z.string().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(24),
});

const summarySelect = {
  id: true,
  name: true,
  tags: true,
  modelId: true,
  checkpointId: true,
  seed: true,
  psi: true,
  psiLayers: true,
  truncationCutoff: true,
  noiseMode: true,
  noiseSeed: true,
  thumbnailAssetId: true,
  visibility: true,
  commercialUse: true,
  ownerId: true,
  teamId: true,
  projectId: true,
  createdAt: true,
  updatedAt: true,
  model: { select: { id: true, name: true, config: true } },
} satisfies Prisma.LatentSelect;

const fullSelect = { ...summarySelect, z: true, wplus: true, editBase: true, edits: true } satisfies Prisma.LatentSelect;

type Summary = Prisma.LatentGetPayload<{ select: typeof summarySelect }>;
type Full = Prisma.LatentGetPayload<{ select: typeof fullSelect }>;

function present(row: Summary) {
  return {
    id: row.id,
    name: row.name,
    tags: row.tags,
    model: { id: row.model.id, name: row.model.name },
    checkpointId: row.checkpointId,
    seed: row.seed,
    psi: row.psi,
    psiLayers: row.psiLayers.length ? row.psiLayers : null,
    truncationCutoff: row.truncationCutoff,
    noiseMode: row.noiseMode.toLowerCase() as 'const' | 'random' | 'none',
    noiseSeed: row.noiseSeed,
    thumbnail: row.thumbnailAssetId ? { assetId: row.thumbnailAssetId, url: `/api/v1/assets/${row.thumbnailAssetId}` } : null,
    visibility: row.visibility,
    commercialUse: row.commercialUse,
    teamId: row.teamId,
    projectId: row.projectId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function presentFull(row: Full) {
  const wDim = (row.model.config as { generator_kwargs: { w_dim: number } }).generator_kwargs.w_dim;
  const wplus = row.wplus.length ? Array.from({ length: row.wplus.length / wDim }, (_, i) => row.wplus.slice(i * wDim, (i + 1) * wDim)) : null;
  const z = row.z.length ? row.z : null;
  const base = present(row);
  // The body for POST /generate that renders exactly this image: z with its ψ settings
  // when we have z (so ψ can be steered again), else the stored w+ as it was rendered.
  const generate = {
    modelId: row.modelId,
    ...(row.checkpointId ? { checkpointId: row.checkpointId } : {}),
    ...(z ? { z, psi: row.psi, psiLayers: base.psiLayers, truncationCutoff: row.truncationCutoff } : { wplus }),
    noiseMode: base.noiseMode,
    ...(row.noiseSeed !== null ? { noiseSeed: row.noiseSeed } : {}),
  };
  // An edited face: its base latent and the directions applied to it (wplus is the result).
  const edit = row.editBase.length
    ? { base: Array.from({ length: row.editBase.length / wDim }, (_, i) => row.editBase.slice(i * wDim, (i + 1) * wDim)), edits: storedEdits.parse(row.edits) }
    : null;
  return { ...base, z, wplus, generate, edit };
}

export type LatentSummary = ReturnType<typeof present>;
export type LatentView = ReturnType<typeof presentFull>;

// Access: lib/access (a former team member no longer reads the team's latents, their own included).
async function readableWhere(userId: string): Promise<Prisma.LatentWhereInput> {
  return readableRows(await viewerOf(userId));
}

async function writable(userId: string, row: { ownerId: string; teamId: string | null }) {
  return can(await viewerOf(userId), 'write', row);
}

export async function saveLatent(userId: string, input: z.infer<typeof saveLatentInput>) {
  const model = await usableModel(userId, input.modelId, input.checkpointId);
  const ws = await resolveWorkspace(userId, input.workspace);
  const g = model.config.generator_kwargs;
  const numWs = numWsFor(g);
  const seed = input.seed ?? null;
  let zValues = input.z === undefined || input.z === null ? null : vector(input.z, 'z', g.z_dim, 'z_dim');
  if (!zValues && seed !== null) zValues = Array.from(seedToZ(seed, g.z_dim));
  let wplus = input.wplus === undefined || input.wplus === null ? null : wplusList(input.wplus, 'wplus', numWs, g.w_dim, 1)[0];
  if (!zValues && !wplus) throw badRequest('Send z, wplus or seed: a latent needs something to render');
  let edit: { base: number[][]; edits: Awaited<ReturnType<typeof resolveEdits>> } | null = null;
  if (input.edits?.length) {
    // wplus is the base; the stored wplus is the edited one, so mixes, videos and /generate use it as it is.
    if (!wplus || zValues) throw badRequest('edits apply to wplus: send the base latent as wplus (without z or seed)');
    const base = wplus.map((l) => Array.from(Float32Array.from(l)));
    const edits = await resolveEdits({ ...model, numWs }, input.edits);
    edit = { base, edits };
    wplus = editedWplus(base, edits);
  }
  const psi = input.psi === undefined ? 1 : psiValue(input.psi, 'psi');
  const psiLayers = input.psiLayers === undefined || input.psiLayers === null ? [] : psiLayersValue(input.psiLayers, numWs);
  const cutoff = input.truncationCutoff ?? null;
  if (cutoff !== null && cutoff > numWs) throw badRequest(`truncationCutoff must be at most ${numWs} (num_ws)`);
  if (input.noiseMode === 'random' && (input.noiseSeed === undefined || input.noiseSeed === null)) {
    throw badRequest('noiseSeed is required with noiseMode random (it is what makes the image reproducible)');
  }
  if (input.thumbnailAssetId) {
    const asset = await db.asset.findFirst({ where: { id: input.thumbnailAssetId, ownerId: userId, mime: { startsWith: 'image/' } }, select: { id: true } });
    if (!asset) throw badRequest('thumbnailAssetId: not an image of yours (use an asset id from your generate job result)');
  }
  const projectId = input.projectId ? await projectOfWorkspace(userId, input.projectId, ws.kind === 'team' ? ws.teamId : null) : null;
  const row = await db.latent.create({
    data: {
      name: input.name,
      tags: input.tags,
      projectId,
      modelId: model.id,
      checkpointId: model.checkpointId,
      ownerId: userId,
      teamId: ws.kind === 'team' ? ws.teamId : null,
      seed,
      z: zValues ?? [],
      wplus: wplus ? wplus.flat() : [],
      psi,
      psiLayers,
      truncationCutoff: cutoff,
      noiseMode: input.noiseMode.toUpperCase() as 'CONST' | 'RANDOM' | 'NONE',
      noiseSeed: input.noiseMode === 'random' ? input.noiseSeed! : null,
      thumbnailAssetId: input.thumbnailAssetId ?? null,
      ...(edit ? { editBase: edit.base.flat(), edits: edit.edits } : {}),
    },
    select: fullSelect,
  });
  const directionEdits = edit?.edits.map((e) => ({ directionId: e.directionId, name: e.name, method: e.method, createdById: e.createdById, amount: e.amount, layers: e.layers }));
  await recordProvenance({
    artifactType: 'LATENT',
    artifactId: row.id,
    modelId: row.modelId,
    checkpointId: row.checkpointId,
    inputs: { ...latentProvenanceInputs(row), ...(directionEdits ? { directionEdits, editBaseFlat: row.editBase } : {}) },
    userId,
    teamId: row.teamId,
  });
  return presentFull(row);
}

export async function listLatents(userId: string, query: z.infer<typeof listLatentsQuery>) {
  const where: Prisma.LatentWhereInput = {
    AND: [
      writableRows(await viewerOf(userId)),
      query.q ? { OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { tags: { has: query.q.toLowerCase() } }] } : {},
      query.tag ? { tags: { has: query.tag } } : {},
      query.modelId ? { modelId: query.modelId } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.latent.count({ where }),
    db.latent.findMany({ where, select: summarySelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * query.perPage, take: query.perPage }),
  ]);
  return { total, page: query.page, perPage: query.perPage, latents: rows.map(present) };
}

export async function getLatent(userId: string, latentId: string) {
  const row = await db.latent.findFirst({ where: { AND: [{ id: latentId }, await readableWhere(userId)] }, select: fullSelect });
  if (!row) throw notFound('Latent');
  return { ...presentFull(row), canEdit: await writable(userId, row) };
}

export async function updateLatent(userId: string, latentId: string, input: z.infer<typeof updateLatentInput>) {
  const latent = await getLatent(userId, latentId);
  const row = await db.latent.findUniqueOrThrow({ where: { id: latent.id }, select: { ownerId: true, teamId: true } });
  if (!(await writable(userId, row))) throw forbidden('Only the owner or their team can change this latent');
  const projectId = input.projectId ? await projectOfWorkspace(userId, input.projectId, row.teamId) : input.projectId;
  const updated = await db.latent.update({
    where: { id: latent.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
    },
    select: fullSelect,
  });
  return presentFull(updated);
}

export async function deleteLatent(userId: string, latentId: string) {
  const latent = await getLatent(userId, latentId);
  const row = await db.latent.findUniqueOrThrow({ where: { id: latent.id }, select: { ownerId: true, teamId: true } });
  if (!(await writable(userId, row))) throw forbidden('Only the owner or their team can delete this latent');
  await db.latent.delete({ where: { id: latent.id } });
}
