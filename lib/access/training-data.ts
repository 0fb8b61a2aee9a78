// Who may see a model's real data beside its generated faces (the quiz, quality metrics): one
// who may read the model (lib/access/rules) **and** its training data. Datasets are never
// shared (their rows have no visibility), so that is the dataset's owner or its team's
// members. The bundled model's data is the procedural face generator (lib/faces, CC0): anyone
// who may read the model may see it. A model with neither has no real data to show.
import { can, readableWhere, type Owned, type Viewer } from './rules';

export type ModelWithData = Owned & { ready: boolean; archived: boolean; proceduralData: boolean; dataset: Owned | null };

/** The model columns canSeeTrainingData reads (with the dataset's owner and team), for a Prisma select. */
export const trainingDataAccessSelect = {
  id: true,
  name: true,
  ownerId: true,
  teamId: true,
  visibility: true,
  hidden: true,
  ready: true,
  archived: true,
} as const;

export function canSeeTrainingData(viewer: Viewer, model: ModelWithData): boolean {
  if (!can(viewer, 'read', model) || !model.ready || model.archived) return false;
  if (model.dataset) return can(viewer, 'read', model.dataset);
  return model.proceduralData;
}

/** A Prisma pre-filter for the models worth checking with canSeeTrainingData (readable, usable). */
export function readableModelsWhere(viewer: Viewer) {
  return { AND: [readableWhere(viewer), { ready: true, archived: false }] };
}
