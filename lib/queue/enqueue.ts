import { getQueue } from '@/lib/queue/connection';
import type { JobDefinition } from '@/lib/queue/define-job';

/**
 * Hands a job row to BullMQ under the row's id. Idempotent: BullMQ ignores an id it already
 * holds, so enqueue, reconcile (a lost job) and retry can all call it.
 */
export async function addToQueue(def: JobDefinition, jobId: string, payload: unknown) {
  await getQueue(def.queue).add(
    def.name,
    { version: def.version, payload },
    {
      jobId,
      attempts: def.attempts,
      backoff: { type: 'exponential', delay: def.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  );
}
