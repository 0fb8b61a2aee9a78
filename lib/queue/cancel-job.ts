// Cancelling a job: its row turns CANCELLED at once (the source of truth every worker
// polls, see process-job.ts); a job still waiting is also taken off the queue, and one whose
// worker is gone (exited, silent, or its queue entry lost with Redis) is finished at once.
import { db } from '@/lib/db';
import { getQueue, queueConnection } from '@/lib/queue/connection';
import { finishCancelledJob } from '@/lib/queue/finish-cancelled-job';
import { workerSeemsAlive } from '@/lib/queue/job-liveness';
import { getJobForUser, isFinished } from '@/lib/queue/jobs-service';
import { jobDefinition } from '@/lib/queue/registry';

/** Idempotent: a finished job is returned unchanged. */
export async function cancelJob(userId: string, jobId: string) {
  const job = await getJobForUser(userId, jobId);
  if (isFinished(job.state)) return job;
  return cancelAccessibleJob(jobId, () => getJobForUser(userId, jobId));
}

/** Cancels a job the caller may cancel (checked before), then reads it back with `readBack`. */
export async function cancelAccessibleJob<T>(jobId: string, readBack: () => Promise<T>): Promise<T> {
  const before = await db.job.findUnique({ where: { id: jobId }, select: { type: true, state: true, heartbeatAt: true, startedAt: true, workerName: true } });
  if (!before) return readBack();
  await db.job.updateMany({ where: { id: jobId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', message: 'Cancelled' } });

  const def = jobDefinition(before.type);
  const queued = def ? await getQueue(def.queue).getJob(jobId) : undefined;
  // A fine-tune's run follows its job: a running one stops at its next step with a snapshot
  // (the trainer polls cancelRequestedAt), a waiting one is finished below.
  await db.trainingRun.updateMany({ where: { jobId, cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
  // A worker that still runs it (its heartbeat is fresh) stops it on its own within a second:
  // its queue entry is locked and cannot be removed. Otherwise nobody will: finish it here.
  const lockLost = !!queued && (await queued.isActive()) && !(await hasLock(def!.queue, jobId));
  const workerGone = before.state !== 'ACTIVE' || !workerSeemsAlive(before) || lockLost;
  if (workerGone) {
    await queued?.remove().catch(() => {});
    await finishCancelledJob(jobId);
  }
  return readBack();
}

async function hasLock(queue: Parameters<typeof getQueue>[0], jobId: string) {
  const q = getQueue(queue);
  return (await queueConnection().exists(q.toKey(`${jobId}:lock`))) === 1;
}
