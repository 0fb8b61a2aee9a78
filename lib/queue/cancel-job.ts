// Cancelling a job: its row turns CANCELLED at once (the source of truth every worker
// polls, see process-job.ts); a job still waiting is also taken off the queue.
import { db } from '@/lib/db';
import { getQueue } from '@/lib/queue/connection';
import { getJobForUser, isFinished } from '@/lib/queue/jobs-service';
import { jobDefinition } from '@/lib/queue/registry';

/** Idempotent: a finished job is returned unchanged. */
export async function cancelJob(userId: string, jobId: string) {
  const job = await getJobForUser(userId, jobId);
  if (isFinished(job.state)) return job;
  await db.job.updateMany({ where: { id: jobId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', message: 'Cancelled' } });

  const def = jobDefinition(job.type);
  const queued = def ? await getQueue(def.queue).getJob(jobId) : undefined;
  // A fine-tune's run follows its job: a running one stops at its next step with a snapshot
  // (the trainer polls cancelRequestedAt), a waiting one is finished below.
  await db.trainingRun.updateMany({ where: { jobId, cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
  // A job a worker holds is locked and cannot be removed; that worker stops on its own.
  if (!queued || !(await queued.isActive())) {
    await queued?.remove().catch(() => {});
    const now = new Date();
    await db.job.updateMany({ where: { id: jobId, finishedAt: null, startedAt: null }, data: { finishedAt: now } });
    await db.trainingRun.updateMany({ where: { jobId, state: 'QUEUED' }, data: { state: 'CANCELLED', finishedAt: now } });
  }
  return getJobForUser(userId, jobId);
}
