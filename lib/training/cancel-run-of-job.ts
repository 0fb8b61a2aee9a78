// A fine-tune's run follows its job when the job is cancelled (lib/training/jobs/fine-tune.ts hooks).
import { db } from '@/lib/db';

/** The trainer polls cancelRequestedAt and stops at its next step, keeping a final snapshot. */
export async function requestRunCancel(runId: string) {
  await db.trainingRun.updateMany({ where: { id: runId, cancelRequestedAt: null }, data: { cancelRequestedAt: new Date() } });
}

/** The job was cancelled and no longer runs: its run is CANCELLED too. */
export async function finishCancelledRun(runId: string) {
  const now = new Date();
  await db.trainingRun.updateMany({ where: { id: runId, cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
  await db.trainingRun.updateMany({ where: { id: runId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', finishedAt: now } });
}
