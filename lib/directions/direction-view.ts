// How a direction row is shown by the API.
import type { Prisma } from '@/lib/generated/prisma/client';
import { rangeName } from '@/lib/directions/layer-ranges';

export const directionSelect = {
  id: true,
  modelId: true,
  checkpointId: true,
  name: true,
  method: true,
  layerStart: true,
  layerEnd: true,
  rank: true,
  vector: true,
  value: true,
  named: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
} satisfies Prisma.DirectionSelect;

export type DirectionRow = Prisma.DirectionGetPayload<{ select: typeof directionSelect }>;

export function presentDirection(row: DirectionRow, imgResolution: number) {
  const layers = { start: row.layerStart, end: row.layerEnd };
  return {
    id: row.id,
    modelId: row.modelId,
    checkpointId: row.checkpointId,
    name: row.name,
    method: row.method.toLowerCase() as 'sefa' | 'ganspace' | 'taught',
    layers,
    range: rangeName(layers, imgResolution),
    rank: row.rank,
    value: row.value,
    named: row.named,
    vector: row.vector,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type DirectionView = ReturnType<typeof presentDirection>;
