// The newest sample-grid render of a model: the model page shows its error (and a Retry)
// instead of a spinner when it failed.
import { db } from '@/lib/db';
import { sampleGridJob } from '@/lib/synthesis/jobs/synthesize';

export async function sampleGridJobOf(modelId: string) {
  return db.job.findFirst({
    where: { type: sampleGridJob.name, payload: { path: ['modelId'], equals: modelId } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, state: true, error: true },
  });
}
