// Cancelling a job: its row turns CANCELLED at once (the source of truth every worker
// polls, see process-job.ts); a job still waiting is also taken off the queue, and one whose
// worker is gone (exited, silent, or its queue entry lost with Redis) is finished at once.
// Who may cancel is decided before (lib/jobs/cancel-job.ts, lib/admin/admin-jobs.ts).
import { db } from '@/lib/db';
import { getQueue, queueConnection } from '@/lib/queue/connection';
import type { QueueName } from '@/lib/queue/define-job';
import { finishCancelledJob } from '@/lib/queue/finish-cancelled-job';
import { workerSeemsAlive } from '@/lib/queue/job-liveness';
import { jobDefinition } from '@/lib/queue/registry';

export async function cancelJobById(jobId: string) {
  const before = await db.job.findUnique({ where: { id: jobId }, select: { type: true, state: true, payload: true, heartbeatAt: true, startedAt: true, workerName: true } });
  if (!before || (before.state !== 'QUEUED' && before.state !== 'ACTIVE')) return;
  await db.job.updateMany({ where: { id: jobId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', message: 'Cancelled' } });

  const def = jobDefinition(before.type);
  const queued = def ? await getQueue(def.queue).getJob(jobId) : undefined;
  // The feature hears of it first: a fine-tune's trainer stops at its next step with a snapshot.
  const payload = def?.schema.safeParse(before.payload);
  if (def?.onCancelRequested && payload?.success) await def.onCancelRequested(payload.data);
  // A worker that still runs it (its heartbeat is fresh) stops it on its own within a second:
  // its queue entry is locked and cannot be removed. Otherwise nobody will: finish it here.
  const lockLost = !!queued && (await queued.isActive()) && !(await hasLock(def!.queue, jobId));
  const workerGone = before.state !== 'ACTIVE' || !workerSeemsAlive(before) || lockLost;
  if (workerGone) {
    await queued?.remove().catch(() => {});
    await finishCancelledJob(jobId);
  }
}

async function hasLock(queue: QueueName, jobId: string) {
  const q = getQueue(queue);
  return (await queueConnection().exists(q.toKey(`${jobId}:lock`))) === 1;
}
