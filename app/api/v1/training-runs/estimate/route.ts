import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { estimateRun } from '@/lib/training/estimate';
import { findBaseModel, modelResolution } from '@/lib/training/base-models';

const query = z.object({
  resolution: z.coerce.number().int().min(4).max(4096),
  kimg: z.coerce.number().positive().max(100_000),
  baseModelId: z.string().min(1).max(64).optional(),
});

/**
 * Time and GPU-seconds (compute-seconds without a GPU worker) a run of this length is expected
 * to take: from the base model's architecture and earlier runs when `baseModelId` names one the
 * user may fine-tune (404 otherwise), else at this resolution.
 */
export const GET = withAuth({ query }, async ({ user, query }) => {
  const base = query.baseModelId ? await findBaseModel(user.id, query.baseModelId) : undefined;
  return { estimate: await estimateRun(base ? modelResolution(base.config) : query.resolution, query.kimg, base) };
});
