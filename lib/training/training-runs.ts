// Reading and cancelling training runs. Runs belong to the dataset's workspace; another
// user's run is a 404.
import { viewerOf } from '@/lib/access/viewer';
import { writableWhere } from '@/lib/access/rules';
import { recordAudit } from '@/lib/audit/record-audit';
import { db } from '@/lib/db';
import { conflict, notFound } from '@/lib/api/errors';
import { resolveWorkspace, workspaceWhere } from '@/lib/projects/workspace';
import { cancelJobById } from '@/lib/queue/cancel-job';
import type { StoredRunOptions } from '@/lib/training/options';

const runSelect = {
  id: true,
  name: true,
  ownerId: true,
  teamId: true,
  state: true,
  kimg: true,
  targetKimg: true,
  augmentP: true,
  lastTick: true,
  ticks: true,
  log: true,
  options: true,
  estimate: true,
  gpuSeconds: true,
  error: true,
  jobId: true,
  cancelRequestedAt: true,
  sampleGridAssetId: true,
  snapshotKey: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  dataset: { select: { id: true, name: true } },
  baseModel: { select: { id: true, name: true } },
  resultModel: { select: { id: true, name: true, ready: true, license: { select: { spdxId: true, name: true, commercialUse: true, shareAlike: true, attribution: true } } } },
  checkpoints: { select: { id: true, label: true, kimg: true, hidden: true, createdAt: true }, orderBy: { createdAt: 'asc' as const } },
} as const;

/** Runs are never shared: the user's personal ones and their current teams' (lib/access). */
async function accessibleWhere(userId: string) {
  return writableWhere(await viewerOf(userId));
}

export async function findAccessibleRun(userId: string, runId: string) {
  const run = await db.trainingRun.findFirst({ where: { id: runId, ...(await accessibleWhere(userId)) }, select: runSelect });
  if (!run) throw notFound('Training run');
  return run;
}

type RunRow = Awaited<ReturnType<typeof findAccessibleRun>>;
export type TickRow = { tick: number; kimg: number; secPerKimg: number; lossG: number | null; lossDreal: number | null; lossDfake: number | null; augmentP: number; timestamp: string };

export function isFinished(state: string) {
  return state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
}

export function presentRun(run: RunRow) {
  const { datasetImages: _images, ...options } = run.options as StoredRunOptions;
  const last = run.lastTick as TickRow | null;
  const remaining = Math.max(0, run.targetKimg - run.kimg);
  const etaSeconds = isFinished(run.state) ? 0 : last?.secPerKimg ? remaining * last.secPerKimg : ((run.estimate as { secPerKimg?: number } | null)?.secPerKimg ?? 0) * remaining;
  return {
    id: run.id,
    name: run.name,
    state: run.state,
    kimg: run.kimg,
    targetKimg: run.targetKimg,
    progress: run.targetKimg > 0 ? Math.min(1, run.kimg / run.targetKimg) : 0,
    augmentP: run.augmentP,
    secPerKimg: last?.secPerKimg ?? null,
    etaSeconds,
    lastTick: last,
    ticks: run.ticks as TickRow[],
    options,
    estimate: run.estimate,
    gpuSeconds: run.gpuSeconds,
    error: run.error,
    jobId: run.jobId,
    cancelRequested: !!run.cancelRequestedAt,
    dataset: run.dataset,
    baseModel: run.baseModel,
    resultModel: run.resultModel ? { ...run.resultModel, exploreUrl: `/explore?model=${run.resultModel.id}` } : null,
    checkpoints: run.checkpoints,
    sampleGridUrl: run.sampleGridAssetId ? `/api/v1/training-runs/${run.id}/samples?v=${run.sampleGridAssetId}` : null,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export type RunView = ReturnType<typeof presentRun>;

export async function getTrainingRun(userId: string, runId: string) {
  return presentRun(await findAccessibleRun(userId, runId));
}

export async function getTrainingRunLog(userId: string, runId: string) {
  return (await findAccessibleRun(userId, runId)).log;
}

export async function listTrainingRuns(userId: string, workspaceId?: string) {
  const ws = await resolveWorkspace(userId, workspaceId);
  const rows = await db.trainingRun.findMany({ where: workspaceWhere(ws), select: runSelect, orderBy: { createdAt: 'desc' }, take: 100 });
  return rows.map(presentRun);
}

/**
 * Asks the worker to stop after its current step (it keeps a final snapshot). A run still
 * waiting in the queue is taken off it and cancelled at once.
 */
export async function cancelTrainingRun(userId: string, runId: string) {
  const run = await findAccessibleRun(userId, runId);
  if (isFinished(run.state)) throw conflict(`The run has already ${run.state.toLowerCase()}`);
  await db.trainingRun.update({ where: { id: run.id }, data: { cancelRequestedAt: run.cancelRequestedAt ?? new Date() } });
  if (!run.cancelRequestedAt) await recordAudit({ actorId: userId, action: 'training.cancel', target: { type: 'TrainingRun', id: run.id, label: run.name }, details: { state: run.state } });
  // Through its job: a waiting run is taken off the queue and one whose worker is gone is
  // finished at once (the job's onCancelled); a running one stops at its next step with a snapshot.
  if (run.jobId) await cancelJobById(run.jobId);
  return getTrainingRun(userId, runId);
}
