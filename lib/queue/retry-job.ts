// Retrying a FAILED or CANCELLED job: a new attempt of the same job (same row, id and
// inputs). Its row goes back to QUEUED and keeps counting: attempts and compute seconds add
// up over every attempt. The job's feature gets its onRetry first (a fine-tune's run becomes
// QUEUED again and resumes from its last snapshot). Who may retry, and the quota, are checked
// before (lib/jobs/retry-job.ts).
import { db } from '@/lib/db';
import { conflict, notFound } from '@/lib/api/errors';
import { getQueue } from '@/lib/queue/connection';
import { addToQueue } from '@/lib/queue/enqueue';
import { jobDefinition } from '@/lib/queue/registry';

export async function requeueJob(jobId: string) {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, type: true, state: true, payload: true } });
  if (!job) throw notFound('Job');
  if (job.state !== 'FAILED' && job.state !== 'CANCELLED') throw conflict(`Only a failed or cancelled job can be retried; this one is ${job.state.toLowerCase()}`);
  const def = jobDefinition(job.type);
  if (!def) throw conflict(`Job type "${job.type}" is no longer known: it cannot be retried`);
  const payload = def.schema.safeParse(job.payload);
  if (!payload.success) throw conflict(`Its inputs no longer fit job "${def.name}" version ${def.version}: ${payload.error.issues[0]?.message}`);

  // The queue still holds the finished attempt under this id (kept for a week): drop it.
  // A cancelled attempt's worker records the cancel a moment before it lets go of the job.
  const previous = await getQueue(def.queue).getJob(jobId);
  for (let waited = 0; previous && waited < 5000 && (await previous.isActive()); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (previous && (await previous.isActive())) throw conflict('The job is still being stopped by its worker; retry it in a moment');
  await previous?.remove();
  const claimed = await db.job.updateMany({
    where: { id: jobId, state: { in: ['FAILED', 'CANCELLED'] } },
    data: { state: 'QUEUED', progress: 0, message: 'Retried', error: null, finishedAt: null, heartbeatAt: null },
  });
  if (!claimed.count) throw conflict('The job changed meanwhile; reload and try again');
  await def.onRetry?.(payload.data);
  await addToQueue(def, jobId, payload.data);
}
