// Licence review: datasets and imported models with custom or non-commercial terms wait for an
// administrator (reviewStatus PENDING → APPROVED / REJECTED) before they are shared publicly or
// trained on. Owners call these guards from their publish and train paths.
import { ApiError } from '@/lib/api/errors';
import { db } from '@/lib/db';
import type { ReviewStatus, Visibility } from '@/lib/generated/prisma/client';

/** Pure: whether terms need an administrator's review before public use or training. */
export function licenceNeedsReview(licence: { customText: string | null; commercialUse: boolean; spdxId: string | null } | null, knownSpdx: (id: string) => boolean = () => true) {
  if (!licence) return true;
  if (licence.customText) return true;
  if (licence.spdxId && !knownSpdx(licence.spdxId)) return true;
  return !licence.commercialUse;
}

/** Pure: `null` when the status allows public use, else the reason. */
export function reviewBlocker(what: string, status: ReviewStatus): string | null {
  if (status === 'PENDING') return `${what} is waiting for licence review by an administrator`;
  if (status === 'REJECTED') return `${what} was rejected in licence review`;
  return null;
}

function fail(message: string): never {
  throw new ApiError('forbidden', message);
}

/** Before a dataset is trained on or shared publicly. */
export async function assertDatasetReviewed(datasetId: string) {
  const row = await db.dataset.findUnique({ where: { id: datasetId }, select: { name: true, reviewStatus: true } });
  if (!row) throw new ApiError('not_found', 'Dataset not found');
  const blocker = reviewBlocker(`Dataset "${row.name}"`, row.reviewStatus);
  if (blocker) fail(blocker);
}

/** Before a model is made public: the model and every model and dataset of its base chain. */
export async function assertModelReviewed(modelId: string) {
  const seen = new Set<string>();
  let next: string | null = modelId;
  while (next && !seen.has(next)) {
    seen.add(next);
    const row: { name: string; reviewStatus: ReviewStatus; baseModelId: string | null; dataset: { name: string; reviewStatus: ReviewStatus } | null } | null =
      await db.model.findUnique({ where: { id: next }, select: { name: true, reviewStatus: true, baseModelId: true, dataset: { select: { name: true, reviewStatus: true } } } });
    if (!row) break;
    const blocker = reviewBlocker(`Model "${row.name}"`, row.reviewStatus) ?? (row.dataset ? reviewBlocker(`Dataset "${row.dataset.name}"`, row.dataset.reviewStatus) : null);
    if (blocker) fail(blocker);
    next = row.baseModelId;
  }
}

/** One entry point: `kind` is what is about to become public or be trained on. */
export async function assertReviewedForPublicUse(kind: 'dataset' | 'model', id: string) {
  return kind === 'dataset' ? assertDatasetReviewed(id) : assertModelReviewed(id);
}

export const assertReviewedForTraining = assertDatasetReviewed;

/**
 * Prisma `where` fragment for models others may see through a visibility (public listings,
 * links): not waiting for review and not rejected. Owners and their team still see theirs.
 */
export const reviewedModelWhere = { reviewStatus: { in: ['NOT_REQUIRED', 'APPROVED'] as ReviewStatus[] } };

/** Before something made with these models is shared (any visibility but PRIVATE): 403 with the reason. */
export async function assertShareable(modelIds: (string | null | undefined)[], visibility: Visibility) {
  if (visibility === 'PRIVATE') return;
  for (const id of new Set(modelIds.filter((m): m is string => !!m))) await assertModelReviewed(id);
}
