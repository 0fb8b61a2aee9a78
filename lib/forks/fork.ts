// "Fork": copy something you may see (a public or unlisted latent, mix or collection, or
// one of your own or your team's) into one of your workspaces as a private row that
// remembers where it came from (forkedFromId), so lineage survives further forks.
import { z } from 'zod';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { resolveWorkspace } from '@/lib/projects/workspace';
import { readableItemWhere, readableWhere } from '@/lib/collections/access';
import { collectionSelect, presentCollection } from '@/lib/collections/collections';
import { latentProvenanceInputs, recordProvenance } from '@/lib/provenance/record-provenance';

export const forkInput = z.object({
  type: z.enum(['latent', 'mix', 'collection']),
  id: z.string().min(1),
  workspace: z.string().optional(),
});
export const forkCollectionInput = forkInput.pick({ workspace: true });

type Target = { ownerId: string; teamId: string | null };

async function target(userId: string, workspace?: string): Promise<Target> {
  const ws = await resolveWorkspace(userId, workspace);
  return { ownerId: userId, teamId: ws.kind === 'team' ? ws.teamId : null };
}

const latentCopySelect = {
  id: true,
  name: true,
  tags: true,
  modelId: true,
  checkpointId: true,
  seed: true,
  z: true,
  wplus: true,
  psi: true,
  psiLayers: true,
  truncationCutoff: true,
  noiseMode: true,
  noiseSeed: true,
  thumbnailAssetId: true,
} as const;

type LatentCopy = Awaited<ReturnType<typeof findLatent>>;
function findLatent(where: object) {
  return db.latent.findFirst({ where, select: latentCopySelect });
}

function latentData(src: NonNullable<LatentCopy>, to: Target, extra: { mixId?: string } = {}) {
  const { id, ...fields } = src;
  return { ...fields, ...to, visibility: 'PRIVATE' as const, forkedFromId: id, ...extra };
}

export async function forkLatent(userId: string, latentId: string, workspace?: string) {
  const src = await findLatent({ AND: [{ id: latentId }, await readableItemWhere(userId)] });
  if (!src) throw notFound('Latent');
  const to = await target(userId, workspace);
  const latent = await db.latent.create({ data: latentData(src, to), select: { id: true, name: true, forkedFromId: true, ownerId: true, teamId: true, visibility: true } });
  await recordProvenance({ artifactType: 'LATENT', artifactId: latent.id, modelId: src.modelId, checkpointId: src.checkpointId, inputs: latentProvenanceInputs(src), parents: [src.id], userId, teamId: to.teamId });
  return latent;
}

export async function forkMix(userId: string, mixId: string, workspace?: string) {
  const src = await db.mix.findFirst({
    where: { AND: [{ id: mixId }, await readableItemWhere(userId)] },
    select: { id: true, name: true, modelId: true, spec: true, previewAssetId: true, resultLatent: { select: latentCopySelect } },
  });
  if (!src) throw notFound('Mix');
  const to = await target(userId, workspace);
  return db.$transaction(async (tx) => {
    const mix = await tx.mix.create({
      data: { name: src.name, modelId: src.modelId, spec: src.spec as object, previewAssetId: src.previewAssetId, ...to, visibility: 'PRIVATE', forkedFromId: src.id },
      select: { id: true, name: true, forkedFromId: true, ownerId: true, teamId: true, visibility: true },
    });
    const latent = src.resultLatent ? await tx.latent.create({ data: latentData(src.resultLatent, to, { mixId: mix.id }), select: { id: true } }) : null;
    await recordProvenance({ artifactType: 'MIX', artifactId: mix.id, modelId: src.modelId, inputs: { mixSpec: src.spec }, parents: [src.id], userId, teamId: to.teamId }, tx);
    if (latent) await recordProvenance({ artifactType: 'LATENT', artifactId: latent.id, modelId: src.modelId, checkpointId: src.resultLatent!.checkpointId, inputs: latentProvenanceInputs(src.resultLatent!), parents: [src.resultLatent!.id, mix.id], userId, teamId: to.teamId }, tx);
    return { ...mix, resultLatentId: latent?.id ?? null };
  });
}

/** A new private collection holding the same items; the source's fork count goes up. */
export async function forkCollection(userId: string, collectionId: string, workspace?: string) {
  const src = await db.collection.findFirst({
    where: { AND: [{ id: collectionId }, await readableWhere(userId)] },
    select: { id: true, name: true, description: true, items: { select: { position: true, latentId: true, mixId: true, videoId: true }, orderBy: { position: 'asc' } } },
  });
  if (!src) throw notFound('Collection');
  const to = await target(userId, workspace);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.collection.create({
      data: {
        name: src.name,
        description: src.description,
        ...to,
        visibility: 'PRIVATE',
        forkedFromId: src.id,
        items: { create: src.items.map((i, position) => ({ position, latentId: i.latentId, mixId: i.mixId, videoId: i.videoId })) },
      },
      select: collectionSelect,
    });
    await tx.collection.update({ where: { id: src.id }, data: { forkCount: { increment: 1 } } });
    return created;
  });
  return presentCollection(row, { canEdit: true });
}

export async function fork(userId: string, input: z.infer<typeof forkInput>) {
  if (input.type === 'latent') return { type: input.type, latent: await forkLatent(userId, input.id, input.workspace) };
  if (input.type === 'mix') return { type: input.type, mix: await forkMix(userId, input.id, input.workspace) };
  return { type: input.type, collection: await forkCollection(userId, input.id, input.workspace) };
}
