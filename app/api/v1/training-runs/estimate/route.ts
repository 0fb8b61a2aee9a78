import { z } from 'zod';
import { withAuth } from '@/lib/api/with-auth';
import { estimateRun } from '@/lib/training/estimate';

const query = z.object({
  resolution: z.coerce.number().int().min(4).max(4096),
  kimg: z.coerce.number().positive().max(100_000),
});

/** Time and GPU-seconds (compute-seconds without a GPU worker) a run of this length at this resolution is expected to take. */
export const GET = withAuth({ query }, async ({ query }) => ({ estimate: await estimateRun(query.resolution, query.kimg) }));
