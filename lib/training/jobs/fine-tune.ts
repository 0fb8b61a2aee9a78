import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';

export const fineTunePayload = z.object({ runId: z.string().min(1) });

/**
 * Fine-tunes a model on a dataset (lib/training/run-fine-tune.ts). Retried after a crash or
 * a worker restart; each attempt resumes from the run's last snapshot in shared storage.
 */
export const fineTuneJob = defineJob({
  name: 'fine-tune',
  queue: 'training',
  schema: fineTunePayload,
  attempts: 5,
  backoffMs: 2000,
  load: () => import('@/lib/training/jobs/fine-tune.handler'),
  onCancelRequested: async ({ runId }) => (await import('@/lib/training/cancel-run-of-job')).requestRunCancel(runId),
  onCancelled: async ({ runId }) => (await import('@/lib/training/cancel-run-of-job')).finishCancelledRun(runId),
  onRetry: async ({ runId }) => (await import('@/lib/training/reopen-run')).reopenRun(runId),
});
