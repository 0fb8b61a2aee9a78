// Starting a metrics job on a model's current checkpoint, and the model's metric table.
import { z } from 'zod';
import { viewerOf } from '@/lib/access/viewer';
import { can } from '@/lib/access/rules';
import { notFound } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { computeMetricsJob } from './jobs/compute-metrics';
import { DEFAULT_INPUT_SIZE, FEATURE_NETWORK_LABEL, METRIC_NAMES } from './labels';
import { modelWithVisibleData } from './model-data';

export const startMetricsInput = z
  .object({
    metrics: z.array(z.enum(METRIC_NAMES)).min(1).max(4).default([...METRIC_NAMES]),
    /** Images per side; left out: the worker's default (2 000 on CPU, 50 000 on GPU). */
    num: z.number().int().min(8).max(50_000).optional(),
    /** The feature network's input size (299 as standard FID; smaller is quicker, for tests and previews). */
    inputSize: z.number().int().min(75).max(299).default(DEFAULT_INPUT_SIZE),
    checkpointId: z.string().min(1).max(64).optional(),
  })
  .strict();

const runSelect = { id: true, checkpointId: true, trainingRunId: true, jobId: true, metrics: true, num: true, inputSize: true, state: true, results: true, error: true, kimg: true, createdAt: true, finishedAt: true } as const;

/** Anyone who may read the model and its training data (lib/access) may measure it; the job is theirs. */
export async function startMetrics(userId: string, modelId: string, input: z.infer<typeof startMetricsInput>, opts: { trainingRunId?: string } = {}) {
  const viewer = await viewerOf(userId);
  const { model, checkpoint } = await modelWithVisibleData(viewer, modelId);
  let target = { id: checkpoint.id, kimg: checkpoint.kimg };
  if (input.checkpointId && input.checkpointId !== checkpoint.id) {
    const other = await db.checkpoint.findFirst({ where: { id: input.checkpointId, modelId: model.id, hidden: false }, select: { id: true, kimg: true } });
    if (!other) throw notFound('Checkpoint');
    target = other;
  }
  const run = await db.metricRun.create({
    data: { modelId: model.id, checkpointId: target.id, kimg: target.kimg, requestedById: userId, metrics: [...new Set(input.metrics)], num: input.num ?? null, inputSize: input.inputSize, trainingRunId: opts.trainingRunId ?? null },
    select: { id: true },
  });
  try {
    const job = await enqueueJob(computeMetricsJob, { metricRunId: run.id }, { userId });
    return db.metricRun.update({ where: { id: run.id }, data: { jobId: job.id }, select: runSelect });
  } catch (err) {
    await db.metricRun.delete({ where: { id: run.id } });
    throw err;
  }
}

/** The model's metric runs, newest first, for anyone who may read the model. */
export async function listMetrics(userId: string | null, modelId: string) {
  const viewer = await viewerOf(userId);
  const model = await db.model.findUnique({ where: { id: modelId }, select: { ownerId: true, teamId: true, visibility: true, hidden: true } });
  if (!model || !can(viewer, 'read', model)) throw notFound('Model');
  const runs = await db.metricRun.findMany({ where: { modelId }, select: runSelect, orderBy: { createdAt: 'desc' }, take: 50 });
  return { featureNetwork: FEATURE_NETWORK_LABEL, runs };
}

export type MetricRunView = Awaited<ReturnType<typeof listMetrics>>['runs'][number];

/**
 * After a training snapshot, when the run asked for metrics: a run of them on the new
 * checkpoint, owned by the run's owner (or team). The run's model is not usable yet, so no
 * viewer check applies: the worker acts for the run's owner, who may see the run's dataset.
 */
export async function queueSnapshotMetrics(
  run: { id: string; ownerId: string; teamId: string | null; resultModelId: string },
  checkpoint: { id: string; kimg: number },
  options: { metrics: string[]; num?: number; inputSize: number },
) {
  const row = await db.metricRun.create({
    data: { modelId: run.resultModelId, checkpointId: checkpoint.id, kimg: checkpoint.kimg, trainingRunId: run.id, requestedById: run.ownerId, metrics: options.metrics, num: options.num ?? null, inputSize: options.inputSize },
    select: { id: true },
  });
  const job = await enqueueJob(computeMetricsJob, { metricRunId: row.id }, { userId: run.ownerId, teamId: run.teamId });
  await db.metricRun.update({ where: { id: row.id }, data: { jobId: job.id } });
}

/** A training run's metric runs in kimg order: the curves on its page. Access is the caller's (the run's page). */
export async function metricsOfTrainingRun(trainingRunId: string) {
  return db.metricRun.findMany({ where: { trainingRunId }, select: runSelect, orderBy: [{ kimg: 'asc' }, { createdAt: 'asc' }] });
}
