// What a model's owner (or team) may do to it besides editing: delete it, hide it (archived),
// hide or delete single checkpoints, and promote a checkpoint of a fine-tune that did not
// complete, which makes the model usable from that checkpoint on.
import { db } from '@/lib/db';
import { conflict, forbidden, notFound } from '@/lib/api/errors';
import { getModel } from '@/lib/models/models';
import { can } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';
import { startAutomaticDiscovery } from '@/lib/directions/start-discovery';

/** 404 unless the user may see the model, 403 unless it is theirs (or their team's). */
export async function assertManagesModel(userId: string, modelId: string) {
  await getModel(userId, modelId);
  const row = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { ownerId: true, teamId: true } });
  if (!can(await viewerOf(userId), 'write', row)) throw forbidden('Only the owner or their team can change this model');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Deletes a model nothing else uses; otherwise says what uses it (hiding is always possible). */
export async function deleteModel(userId: string, modelId: string) {
  await assertManagesModel(userId, modelId);
  const uses = await db.model.findUniqueOrThrow({
    where: { id: modelId },
    select: { _count: { select: { latents: true, mixes: true, videos: true, derivedModels: true, trainingRuns: true } }, producedBy: { where: { state: { in: ['QUEUED', 'ACTIVE'] } }, select: { id: true } } },
  });
  if (uses.producedBy.length) throw conflict('This model is still being trained: cancel the run first');
  const c = uses._count;
  const parts = [
    c.latents && plural(c.latents, 'saved latent'),
    c.mixes && plural(c.mixes, 'mix', 'mixes'),
    c.videos && plural(c.videos, 'video'),
    c.derivedModels && plural(c.derivedModels, 'fine-tuned model'),
    c.trainingRuns && plural(c.trainingRuns, 'training run'),
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  if (parts.length) throw conflict(`This model cannot be deleted: it is used by ${list}. Hide it instead`);
  await db.$transaction([
    db.trainingRun.updateMany({ where: { resultModelId: modelId }, data: { resultModelId: null } }),
    db.model.delete({ where: { id: modelId } }),
  ]);
}

async function findCheckpoint(modelId: string, checkpointId: string) {
  const cp = await db.checkpoint.findFirst({ where: { id: checkpointId, modelId }, select: { id: true, createdAt: true, hidden: true } });
  if (!cp) throw notFound('Checkpoint');
  return cp;
}

/** Hides (or shows again) a checkpoint; the model's current checkpoint is its newest shown one. */
export async function setCheckpointHidden(userId: string, modelId: string, checkpointId: string, hidden: boolean) {
  await assertManagesModel(userId, modelId);
  await findCheckpoint(modelId, checkpointId);
  if (hidden && (await db.checkpoint.count({ where: { modelId, hidden: false, id: { not: checkpointId } } })) === 0) {
    throw conflict('This is the model’s only shown checkpoint: hide the model instead');
  }
  await db.checkpoint.update({ where: { id: checkpointId }, data: { hidden }, select: { id: true } });
  return getModel(userId, modelId);
}

/** Deletes a checkpoint no saved latent, mix or video was made with. */
export async function deleteCheckpoint(userId: string, modelId: string, checkpointId: string) {
  await assertManagesModel(userId, modelId);
  await findCheckpoint(modelId, checkpointId);
  const latents = await db.latent.count({ where: { checkpointId } });
  if (latents) throw conflict(`${plural(latents, 'saved latent')} use this checkpoint: hide it instead`);
  if ((await db.checkpoint.count({ where: { modelId, id: { not: checkpointId } } })) === 0) throw conflict('This is the model’s only checkpoint: delete the model instead');
  await db.checkpoint.delete({ where: { id: checkpointId } });
  return getModel(userId, modelId);
}

/**
 * Makes `checkpointId` the model's current checkpoint and the model usable: newer checkpoints are
 * hidden. This is how a cancelled or failed fine-tune becomes a model, by its owner's choice.
 */
export async function promoteCheckpoint(userId: string, modelId: string, checkpointId: string) {
  await assertManagesModel(userId, modelId);
  const cp = await findCheckpoint(modelId, checkpointId);
  const running = await db.trainingRun.count({ where: { resultModelId: modelId, state: { in: ['QUEUED', 'ACTIVE'] } } });
  if (running) throw conflict('The run is still training: wait for it to finish or cancel it first');
  await db.$transaction([
    db.checkpoint.updateMany({ where: { modelId, createdAt: { gt: cp.createdAt } }, data: { hidden: true } }),
    db.checkpoint.update({ where: { id: checkpointId }, data: { hidden: false }, select: { id: true } }),
    db.model.update({ where: { id: modelId }, data: { ready: true, archived: false }, select: { id: true } }),
  ]);
  const owner = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { ownerId: true, teamId: true } });
  await startAutomaticDiscovery(modelId, checkpointId, { userId: owner.ownerId, teamId: owner.teamId });
  return getModel(userId, modelId);
}
