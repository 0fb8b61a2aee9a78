// Who may see and change a model's semantic directions: exactly who may see and change the
// model. Reading follows the model's own visibility (public models' directions are visible to
// everyone who can see the model); creating, renaming, deleting and re-running discovery is for
// the model's owner or team. Applying directions is synthesis, which needs a usable model.
import { can } from '@/lib/access/rules';
import { viewerOf } from '@/lib/access/viewer';
import { forbidden } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { getModel, modelForSynthesis } from '@/lib/models/models';

/** 404 unless the user may see the model. */
export async function assertReadsDirections(userId: string, modelId: string) {
  return getModel(userId, modelId);
}

/** 404 unless the user may see the model, 403 unless it is theirs (or their team's). */
export async function assertManagesDirections(userId: string, modelId: string) {
  await getModel(userId, modelId);
  const row = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { ownerId: true, teamId: true } });
  if (!can(await viewerOf(userId), 'write', row)) throw forbidden("Only the model's owner or their team can change its directions");
  return row;
}

/** Whether the user may change the model's directions (for showing rename and delete). */
export async function canManageDirections(userId: string, modelId: string): Promise<boolean> {
  const row = await db.model.findUnique({ where: { id: modelId }, select: { ownerId: true, teamId: true } });
  return !!row && can(await viewerOf(userId), 'write', row);
}

/** The model's config and checkpoint for rendering edits (404 unless usable by the user). */
export async function assertAppliesDirections(userId: string, modelId: string, checkpointId?: string | null) {
  return modelForSynthesis(userId, modelId, checkpointId);
}
