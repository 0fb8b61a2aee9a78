// A model's directions on one checkpoint (its current one unless asked), strongest first per
// method and range; taught ones first of all, newest first.
import { z } from 'zod';
import { assertReadsDirections, canManageDirections } from '@/lib/access/directions';
import { db } from '@/lib/db';
import { notFound } from '@/lib/api/errors';
import { directionSelect, presentDirection } from '@/lib/directions/direction-view';

export const listDirectionsQuery = z.object({
  checkpointId: z.string().min(1).optional(),
  method: z.enum(['sefa', 'ganspace', 'taught']).optional(),
});

const METHOD_ORDER = { TAUGHT: 0, SEFA: 1, GANSPACE: 2 } as const;

export async function listDirections(userId: string, modelId: string, query: z.infer<typeof listDirectionsQuery>) {
  const model = await assertReadsDirections(userId, modelId);
  const checkpointId = query.checkpointId ?? model.checkpoint?.id;
  if (!checkpointId) throw notFound('Checkpoint of this model');
  if (query.checkpointId && !(await db.checkpoint.count({ where: { id: checkpointId, modelId } }))) throw notFound('Checkpoint');
  const rows = await db.direction.findMany({
    where: { modelId, checkpointId, ...(query.method ? { method: query.method.toUpperCase() as 'SEFA' | 'GANSPACE' | 'TAUGHT' } : {}) },
    select: directionSelect,
    orderBy: [{ createdAt: 'desc' }],
    take: 500,
  });
  rows.sort((a, b) => METHOD_ORDER[a.method] - METHOD_ORDER[b.method] || a.layerStart - b.layerStart || a.layerEnd - b.layerEnd || a.rank - b.rank);
  const resolution = model.architecture.resolution;
  const discovery = await db.job.findFirst({
    where: { type: 'discover-directions', payload: { path: ['checkpointId'], equals: checkpointId } },
    select: { id: true, state: true, progress: true, error: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
  return { checkpointId, canManage: await canManageDirections(userId, modelId), directions: rows.map((r) => presentDirection(r, resolution)), discovery };
}
