import { z } from 'zod';
import { defineJob } from '@/lib/queue/define-job';
import { db } from '@/lib/db';

export const computeMetricsPayload = z.object({ metricRunId: z.string().min(1) });

/**
 * FID, KID, precision/recall and PPL of one checkpoint against its model's real data (a
 * MetricRun row says which). On the training queue: it is long, and GPU workers take it.
 * Cancellable between batches; one attempt (a retry starts over, with real features cached).
 */
export const computeMetricsJob = defineJob({
  name: 'compute-metrics',
  queue: 'training',
  schema: computeMetricsPayload,
  attempts: 1,
  load: () => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@/lib/metrics/jobs/compute-metrics.handler'),
  onCancelled: async ({ metricRunId }) => {
    await db.metricRun.updateMany({ where: { id: metricRunId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'CANCELLED', finishedAt: new Date() } });
  },
  onRetry: async ({ metricRunId }) => {
    await db.metricRun.updateMany({ where: { id: metricRunId }, data: { state: 'QUEUED', error: null, results: [], finishedAt: null } });
  },
});
