import { db } from '@/lib/db';

/** A failed or cancelled fine-tune whose job is retried: queued again, it resumes from its last snapshot. */
export async function reopenRun(runId: string) {
  await db.trainingRun.updateMany({
    where: { id: runId, state: { in: ['FAILED', 'CANCELLED'] } },
    data: { state: 'QUEUED', cancelRequestedAt: null, error: null, finishedAt: null },
  });
}
