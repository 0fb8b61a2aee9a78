import type { z, ZodType } from 'zod';
import { db } from '@/lib/db';
import { ApiError } from '@/lib/api/errors';
import { getQueue } from '@/lib/queue/connection';
import type { JobDefinition } from '@/lib/queue/define-job';
import { assertGpuQuota } from '@/lib/usage/gpu-quota';

export type JobOwner = { userId: string | null; teamId?: string | null };

/**
 * Validates the payload against the job's schema, records the job in Postgres and hands
 * it to BullMQ under the same id. Bad payloads are a 400 and an owner whose monthly GPU quota
 * is used up a 429 (quota_exceeded); both write nothing.
 */
export async function enqueueJob<S extends ZodType>(def: JobDefinition<S>, payload: z.input<S>, owner: JobOwner) {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) {
    throw new ApiError('validation_error', parsed.error.issues[0]?.message ?? 'Invalid job payload', parsed.error.issues);
  }
  await assertGpuQuota(owner);
  const row = await db.job.create({
    data: { type: def.name, payload: parsed.data as object, userId: owner.userId, teamId: owner.teamId ?? null },
    select: { id: true, type: true, state: true, progress: true, createdAt: true },
  });
  try {
    await addToQueue(def, row.id, parsed.data);
  } catch (err) {
    await db.job.update({ where: { id: row.id }, data: { state: 'FAILED', error: 'Could not reach the job queue' } });
    throw err;
  }
  return row;
}

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
