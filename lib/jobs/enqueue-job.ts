// Starting a job: the product's rules (payload schema, monthly GPU quota) before the queue
// machinery records it in Postgres and hands it to BullMQ.
import type { z, ZodType } from 'zod';
import { db } from '@/lib/db';
import { ApiError } from '@/lib/api/errors';
import type { JobDefinition } from '@/lib/queue/define-job';
import { queueName } from '@/lib/queue/connection';
import { addToQueue } from '@/lib/queue/enqueue';
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
    data: { type: def.name, payload: parsed.data as object, userId: owner.userId, teamId: owner.teamId ?? null, queue: queueName(def.queue) },
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
