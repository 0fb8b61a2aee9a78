// Models a viewer may play with: readable, usable, and with training data they may see
// (lib/access/training-data). The bundled model comes first: it is the default.
import { canSeeTrainingData, readableModelsWhere, trainingDataAccessSelect } from '@/lib/access/training-data';
import type { Viewer } from '@/lib/access/rules';
import { db } from '@/lib/db';
import { BUNDLED_CHECKPOINT_LABEL } from '@/lib/demo/bundled-model';

export async function playableModels(viewer: Viewer) {
  const rows = await db.model.findMany({
    where: { AND: [readableModelsWhere(viewer), { checkpoints: { some: { hidden: false } } }, { OR: [{ datasetId: { not: null } }, { checkpoints: { some: { label: { startsWith: BUNDLED_CHECKPOINT_LABEL } } } }] }] },
    select: {
      ...trainingDataAccessSelect,
      createdAt: true,
      dataset: { select: { ownerId: true, teamId: true } },
      checkpoints: { where: { label: { startsWith: BUNDLED_CHECKPOINT_LABEL } }, select: { id: true }, take: 1 },
    },
    orderBy: { createdAt: 'asc' },
    take: 200,
  });
  return rows
    .map((r) => ({ row: r, bundled: !r.dataset && r.checkpoints.length > 0 }))
    .filter(({ row, bundled }) => canSeeTrainingData(viewer, { ...row, proceduralData: bundled, dataset: row.dataset }))
    .sort((a, b) => Number(b.bundled) - Number(a.bundled))
    .map(({ row, bundled }) => ({ id: row.id, name: row.name, bundled, data: bundled ? 'procedural faces (lib/faces)' : 'its training dataset' }));
}
