import { db } from '@/lib/db';
import { jobDefinition } from '@/lib/queue/registry';

/**
 * Records that a CANCELLED job has stopped (no worker runs it any more) and lets its feature
 * finish what follows the job, e.g. a fine-tune's run (the definition's onCancelled).
 */
export async function finishCancelledJob(jobId: string) {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { type: true, state: true, payload: true } });
  if (!job || job.state !== 'CANCELLED') return;
  await db.job.updateMany({ where: { id: jobId, finishedAt: null }, data: { finishedAt: new Date() } });
  const def = jobDefinition(job.type);
  const parsed = def?.schema.safeParse(job.payload);
  if (def?.onCancelled && parsed?.success) await def.onCancelled(parsed.data);
}
