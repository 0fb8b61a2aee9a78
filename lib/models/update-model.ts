// Changing a model after import: name, description and visibility, by its owner or team.
// Sharing it (UNLISTED or PUBLIC) waits for licence review when its terms need one.
import { viewerOf } from '@/lib/access/viewer';
import { can } from '@/lib/access/rules';
import { recordVisibilityChange } from '@/lib/audit/record-audit';
import { z } from 'zod';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/api/errors';
import { assertShareable } from '@/lib/licensing/review';
import { getModel } from '@/lib/models/models';

export const updateModelInput = z
  .object({
    name: z.string().trim().min(1, 'Model name is required').max(100).optional(),
    description: z.string().trim().max(2000).optional(),
    visibility: z.enum(['PRIVATE', 'UNLISTED', 'PUBLIC']).optional(),
    // Hidden by its owner: out of the model list and the explorer; saved work keeps opening.
    archived: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.visibility !== undefined || v.archived !== undefined, 'Nothing to update: send name, description, visibility and/or archived');

export async function updateModel(userId: string, modelId: string, input: z.infer<typeof updateModelInput>) {
  await getModel(userId, modelId); // 404 unless the user may see it
  const row = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { ownerId: true, teamId: true, name: true, visibility: true } });
  const mine = can(await viewerOf(userId), 'write', row);
  if (!mine) throw forbidden('Only the owner or their team can change this model');
  if (input.visibility) await assertShareable([modelId], input.visibility); // 403 while waiting for licence review
  await db.model.update({ where: { id: modelId }, data: input });
  await recordVisibilityChange(userId, 'Model', { id: modelId, name: row.name, visibility: row.visibility }, input.visibility);
  return getModel(userId, modelId);
}
