import { db } from '@/lib/db';

/** A fine-tune whose job was cancelled and no longer runs: its run is CANCELLED too. */
export async function finishCancelledRun(runId: string) {
  const now = new Date();
  await db.trainingRun.updateMany({ where: { id: runId, cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
  await db.trainingRun.updateMany({ where: { id: runId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', finishedAt: now } });
}
