import type { z } from 'zod';
import { db } from '@/lib/db';
import { storage } from '@/lib/storage';
import { datasetImages, manifestFor } from '@/lib/datasets/manifest';
import { parseModelConfig } from '@/lib/models/architecture';
import { PermanentJobError, type JobHandler } from '@/lib/queue/define-job';
import type { computeMetricsPayload } from './compute-metrics';
import { computeMetrics, METRIC_NAMES, type MetricName, type MetricResult } from '../compute-metrics';
import { storedFeatureCache } from '../feature-cache';
import { bytesSource, proceduralSource, type ImageSource } from '../image-sources';
import { hasProceduralData } from '../model-data';
import { defaultMetricImages } from '../defaults';
import { loadCheckpointGenerator } from '../load-checkpoint';

const handler: JobHandler<z.infer<typeof computeMetricsPayload>, { metricRunId: string; results: MetricResult[] }> = async ({ metricRunId }, ctx) => {
  const run = await db.metricRun.findUnique({
    where: { id: metricRunId },
    select: { id: true, metrics: true, num: true, inputSize: true, checkpoint: { select: { id: true } }, model: { select: { id: true, config: true, datasetId: true } } },
  });
  if (!run) throw new PermanentJobError(`Metric run ${metricRunId} no longer exists`);
  const { initBackend, getBackendInfo } = await import('@/lib/stylegan/backend');
  await initBackend({ quiet: true });
  const num = run.num ?? defaultMetricImages(getBackendInfo());
  await db.metricRun.update({ where: { id: run.id }, data: { state: 'ACTIVE', num } });

  const config = parseModelConfig(run.model.config).generator_kwargs;
  const G = await loadCheckpointGenerator(run.checkpoint.id);

  let real: ImageSource;
  if (run.model.datasetId) {
    const manifest = await manifestFor(run.model.datasetId);
    const images = await datasetImages(run.model.datasetId);
    real = bytesSource(`dataset:${manifest.hash}`, images.map((a) => () => storage().get(a.storageKey)), num, config.img_resolution);
  } else if (await hasProceduralData(run.model)) {
    real = proceduralSource(num, config.img_resolution);
  } else {
    throw new PermanentJobError('This model has no training data to compare with');
  }

  const metrics = run.metrics.filter((m): m is MetricName => (METRIC_NAMES as readonly string[]).includes(m));
  const results: MetricResult[] = [];
  try {
    await computeMetrics({
      G,
      real,
      metrics,
      num,
      inputSize: run.inputSize,
      cache: storedFeatureCache,
      signal: ctx.signal,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
      // Each metric is saved as it finishes: a cancelled run keeps what it had.
      onResult: async (r) => {
        results.push(r);
        await db.metricRun.update({ where: { id: run.id }, data: { results: results as object[] } });
      },
    });
  } catch (err) {
    if (ctx.signal.aborted) {
      // A cancel (not a worker shutdown, after which the job runs again): the run stops here,
      // keeping the metrics it finished. The queue calls onCancelled only for jobs no worker runs.
      const job = await db.job.findUnique({ where: { id: ctx.jobId }, select: { state: true } });
      if (job?.state === 'CANCELLED') await db.metricRun.update({ where: { id: run.id }, data: { state: 'CANCELLED', finishedAt: new Date() } });
      throw err;
    }
    await db.metricRun.update({ where: { id: run.id }, data: { state: 'FAILED', error: err instanceof Error ? err.message : String(err), finishedAt: new Date() } });
    throw err;
  } finally {
    G.dispose();
  }
  await db.metricRun.update({ where: { id: run.id }, data: { state: 'COMPLETED', finishedAt: new Date() } });
  return { metricRunId: run.id, results };
};

export default handler;
