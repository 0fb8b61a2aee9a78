// The fine-tune job on a worker: rebuilds the run's inputs on local disk (dataset images and
// base model from storage, or the last snapshot when the job is a retry), runs the training
// core in a worker thread, and mirrors its progress, log, ticks and snapshots into the run.
// If the worker dies, BullMQ hands the job to another worker, which resumes from the last
// snapshot in shared storage: only the steps since that snapshot are lost.
import { startAutomaticDiscovery } from '@/lib/directions/start-discovery';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { storage } from '@/lib/storage';
import { keyFor } from '@/lib/storage/storage';
import { PermanentJobError, type JobContext } from '@/lib/queue/define-job';
import type { TrainInput, TickReport } from '@/lib/stylegan/train';
import type { StoredRunOptions } from '@/lib/training/options';
import { downloadSnapshot, persistSnapshot } from '@/lib/training/snapshots';
import type { ThreadMessage } from '@/lib/training/thread-messages';
import { isFinished, type TickRow } from '@/lib/training/training-runs';
import { computeMeter } from '@/lib/queue/compute-meter';

const THREAD_ENTRY = path.resolve(process.cwd(), 'lib/training/train-thread.ts');
const LOG_MAX = 200_000;
const WORKER_NAME = `worker ${os.hostname()}:${process.pid}`;

export type FineTuneResult = { runId: string; state: string; kimg: number; checkpoints: number };

const runSelect = {
  id: true,
  ownerId: true,
  teamId: true,
  state: true,
  options: true,
  targetKimg: true,
  baseModelId: true,
  resultModelId: true,
  snapshotKey: true,
  cancelRequestedAt: true,
  startedAt: true,
  ticks: true,
  log: true,
} as const;

async function materializeDataset(images: string[], dir: string) {
  await mkdir(dir, { recursive: true });
  // Manifest order, fixed names: the sampler state of a snapshot indexes into this order.
  for (let i = 0; i < images.length; i++) await writeFile(path.join(dir, `${String(i).padStart(6, '0')}.png`), await storage().get(keyFor(images[i])));
}

async function materializeBaseModel(modelId: string, checkpointId: string, dir: string) {
  const model = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { config: true } });
  const cp = await db.checkpoint.findFirst({ where: { id: checkpointId, modelId }, select: { gEmaAssetId: true, gAssetId: true, dAssetId: true } });
  if (!cp?.dAssetId) throw new PermanentJobError('The base model checkpoint is gone or has no discriminator');
  const key = async (assetId: string) => (await db.asset.findUniqueOrThrow({ where: { id: assetId }, select: { storageKey: true } })).storageKey;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(model.config));
  await writeFile(path.join(dir, 'G.safetensors'), await storage().get(await key(cp.gAssetId ?? cp.gEmaAssetId)));
  if (cp.gAssetId && cp.gAssetId !== cp.gEmaAssetId) await writeFile(path.join(dir, 'G_ema.safetensors'), await storage().get(await key(cp.gEmaAssetId)));
  await writeFile(path.join(dir, 'D.safetensors'), await storage().get(await key(cp.dAssetId)));
}

function tickRow(t: TickReport): TickRow {
  return { tick: t.tick, kimg: t.kimg, secPerKimg: t.secPerKimg, lossG: t.lossG, lossDreal: t.lossDreal, lossDfake: t.lossDfake, augmentP: t.augmentP, timestamp: t.timestamp };
}

const fmtTime = () => new Date().toISOString().slice(11, 19);

export async function runFineTune(runId: string, ctx: JobContext, maxAttempts: number): Promise<FineTuneResult> {
  const run = await db.trainingRun.findUnique({ where: { id: runId }, select: runSelect });
  if (!run) throw new PermanentJobError(`Training run ${runId} not found`);
  const checkpoints = () => db.checkpoint.count({ where: { trainingRunId: runId } });
  if (isFinished(run.state)) return { runId, state: run.state, kimg: 0, checkpoints: await checkpoints() };
  if (run.cancelRequestedAt && !run.snapshotKey) {
    await db.trainingRun.update({ where: { id: runId }, data: { state: 'CANCELLED', finishedAt: new Date() } });
    return { runId, state: 'CANCELLED', kimg: 0, checkpoints: 0 };
  }
  const opts = run.options as StoredRunOptions;
  const work = path.join(os.tmpdir(), 'atelier-training', `${runId}-${ctx.attempt}-${randomBytes(4).toString('hex')}`);
  const dataDir = path.join(work, 'data');
  const outDir = path.join(work, 'run');
  let ticks = (run.ticks as TickRow[]) ?? [];
  let log = run.log;
  // Compute time is written as the run goes (with each step), so an attempt whose worker is
  // killed still counts up to its last step; each second is written once.
  const takeSeconds = computeMeter();
  const appendLog = (line: string) => {
    log += `${fmtTime()} ${line}\n`;
    if (log.length > LOG_MAX) log = log.slice(log.length - LOG_MAX);
  };

  try {
    await materializeDataset(opts.datasetImages, dataDir);
    let resume: string;
    if (run.snapshotKey) {
      const index = await downloadSnapshot(run.snapshotKey, outDir);
      resume = outDir;
      // Ticks after the snapshot were lost with the worker: they will be trained again.
      ticks = ticks.filter((t) => t.tick <= index.tick);
      appendLog(`${WORKER_NAME}: resuming from the snapshot at tick ${index.tick}, ${index.kimg.toFixed(3)} kimg, augment p ${index.augmentP.toFixed(4)}`);
    } else {
      const baseDir = path.join(work, 'base');
      await materializeBaseModel(run.baseModelId, opts.baseCheckpointId, baseDir);
      resume = baseDir;
      appendLog(`${WORKER_NAME}: starting from the base model (${opts.datasetImages.length} images, dataset version ${opts.datasetManifestHash.slice(0, 12)})`);
    }
    await db.trainingRun.update({ where: { id: runId }, data: { state: 'ACTIVE', startedAt: run.startedAt ?? new Date(), error: null, ticks: ticks as object[], log, jobId: ctx.jobId } });

    const input: TrainInput = {
      data: dataDir,
      outdir: outDir,
      resume,
      kimg: opts.kimg,
      batch: opts.batch,
      gamma: opts.gamma ?? undefined,
      aug: opts.aug,
      target: opts.target,
      p: opts.p,
      adaKimg: opts.adaKimg,
      mirror: opts.mirror,
      freezed: opts.freezed,
      tick: opts.tick,
      snap: opts.snap,
      seed: opts.seed,
      gridCols: opts.gridCols,
      gridRows: opts.gridRows,
      keepSnapshots: 1, // every snapshot is copied to shared storage; the local disk keeps the newest
      threads: env().TRAINING_THREADS,
    };
    const outcome = await runThread(input, {
      ctx,
      onMessage: async (msg, flushLog) => {
        if (msg.type === 'log') {
          appendLog(msg.line);
          if (flushLog) await db.trainingRun.update({ where: { id: runId }, data: { log } });
        } else if (msg.type === 'progress') {
          const p = msg.progress;
          if (p.event === 'step') {
            await ctx.progress(p.kimg / p.totalKimg, `${p.kimg.toFixed(3)} of ${p.totalKimg} kimg`);
            await db.trainingRun.update({ where: { id: runId }, data: { kimg: p.kimg, augmentP: p.augmentP, gpuSeconds: { increment: takeSeconds() } } });
          } else if (p.event === 'tick') {
            ticks = [...ticks.filter((t) => t.tick < p.tick), tickRow(p)];
            await db.trainingRun.update({ where: { id: runId }, data: { kimg: p.kimg, augmentP: p.augmentP, lastTick: tickRow(p) as object, ticks: ticks as object[], log } });
            await ctx.progress(p.kimg / p.totalKimg, `tick ${p.tick}: ${p.kimg.toFixed(3)} of ${p.totalKimg} kimg, ${p.secPerKimg.toFixed(1)} s/kimg`);
          } else if (p.event === 'start') {
            appendLog(`training on ${p.backend}, ${p.kimg.toFixed(3)} of ${p.totalKimg} kimg done`);
          }
        } else if (msg.type === 'snapshot') {
          await persistSnapshot(run, msg, { metrics: opts.metrics ?? null });
          appendLog(`snapshot at tick ${msg.tick} (${msg.kimg.toFixed(3)} kimg) saved to shared storage as a checkpoint`);
          await db.trainingRun.update({ where: { id: runId }, data: { log } });
        }
      },
      isCancelRequested: async () => !!(await db.trainingRun.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } }))?.cancelRequestedAt,
    });

    if (outcome.kind === 'error') {
      const permanent = /invalid training option|DatasetError|does not exist|freezable layers/i.test(`${outcome.name} ${outcome.message}`);
      throw permanent ? new PermanentJobError(outcome.message) : new Error(outcome.message);
    }
    const result = outcome.result;
    // Cancelled through the generic POST /jobs/:id/cancel (the job row turned CANCELLED) counts as a user cancel.
    const jobCancelled = async () => (await db.job.findUnique({ where: { id: ctx.jobId }, select: { state: true } }))?.state === 'CANCELLED';
    if (result.reason === 'cancelled' && !outcome.userCancelled && !(await jobCancelled())) {
      // The worker is shutting down: the job goes back to the queue and resumes from the snapshot just written.
      appendLog('worker shutting down: the run will continue from its last snapshot');
      throw new Error('Worker shut down during training; resuming from the last snapshot');
    }
    const state = result.reason === 'cancelled' ? 'CANCELLED' : 'COMPLETED';
    appendLog(state === 'CANCELLED' ? `cancelled at ${result.kimg.toFixed(3)} kimg; the last snapshot is kept` : `finished at ${result.kimg.toFixed(3)} kimg`);
    // The model is usable before the run reads as finished, so whoever sees COMPLETED can open it.
    if (state === 'COMPLETED' && run.resultModelId) {
      const model = await db.model.update({
        where: { id: run.resultModelId },
        data: { ready: true },
        select: { id: true, ownerId: true, teamId: true, checkpoints: { where: { hidden: false }, select: { id: true }, orderBy: { createdAt: 'desc' }, take: 1 } },
      });
      // A finished fine-tune is a model like any other: find its directions.
      if (model.checkpoints[0]) await startAutomaticDiscovery(model.id, model.checkpoints[0].id, { userId: model.ownerId, teamId: model.teamId });
    }
    await db.trainingRun.update({ where: { id: runId }, data: { state, kimg: result.kimg, augmentP: result.augmentP, finishedAt: new Date(), log } });
    await ctx.progress(state === 'COMPLETED' ? 1 : result.kimg / run.targetKimg, state.toLowerCase());
    return { runId, state, kimg: result.kimg, checkpoints: await checkpoints() };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const final = err instanceof PermanentJobError || ctx.attempt >= maxAttempts;
    appendLog(final ? `failed: ${message}` : `attempt ${ctx.attempt} stopped: ${message}; the job will be retried from the last snapshot`);
    await db.trainingRun.update({ where: { id: runId }, data: { state: final ? 'FAILED' : 'QUEUED', error: message, log, ...(final ? { finishedAt: new Date() } : {}) } });
    throw err;
  } finally {
    await db.trainingRun.update({ where: { id: runId }, data: { gpuSeconds: { increment: takeSeconds() } } }).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

type Outcome =
  | { kind: 'done'; result: Extract<ThreadMessage, { type: 'done' }>['result']; userCancelled: boolean }
  | { kind: 'error'; name: string; message: string };

/**
 * Runs train() in a worker thread. Messages are handled one at a time, in order; step
 * messages are coalesced (only the newest waiting one is written). A cancel request (polled
 * each second) or the worker's shutdown signal sets the shared stop flag.
 */
function runThread(
  input: TrainInput,
  hooks: { ctx: JobContext; onMessage: (msg: ThreadMessage, flushLog: boolean) => Promise<void>; isCancelRequested: () => Promise<boolean> },
): Promise<Outcome> {
  const stopFlag = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopFlag);
  let userCancelled = false;
  const requestStop = () => Atomics.store(stop, 0, 1);
  const onAbort = () => requestStop();
  hooks.ctx.signal.addEventListener('abort', onAbort);
  // A worker asked to shut down waits for its jobs (then aborts them after a grace period):
  // stop training at once, so the final snapshot reaches shared storage within the grace.
  process.on('SIGTERM', onAbort);
  process.on('SIGINT', onAbort);
  const poll = setInterval(() => {
    hooks.isCancelRequested().then(
      (yes) => {
        if (yes) {
          userCancelled = true;
          requestStop();
        }
      },
      () => undefined,
    );
  }, 1000);

  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(THREAD_ENTRY)});`, { eval: true, workerData: { input, stopFlag } });
  const queue: ThreadMessage[] = [];
  let draining: Promise<void> = Promise.resolve();
  let lastLogFlush = 0;
  let outcome: Outcome | null = null;
  let handlerError: unknown = null;

  const drain = async () => {
    while (queue.length) {
      const msg = queue.shift()!;
      // Coalesce: a step followed by another step is superseded.
      if (msg.type === 'progress' && msg.progress.event === 'step' && queue.some((m) => m.type === 'progress' && m.progress.event === 'step')) continue;
      if (msg.type === 'done') outcome = { kind: 'done', result: msg.result, userCancelled };
      else if (msg.type === 'error') outcome = { kind: 'error', name: msg.name, message: msg.message };
      else {
        const now = Date.now();
        const flush = msg.type === 'log' && now - lastLogFlush > 2000;
        if (flush) lastLogFlush = now;
        try {
          await hooks.onMessage(msg, flush);
        } catch (err) {
          handlerError ??= err;
          requestStop();
        }
      }
    }
  };

  return new Promise<Outcome>((resolve, reject) => {
    worker.on('message', (msg: ThreadMessage) => {
      queue.push(msg);
      draining = draining.then(drain);
    });
    worker.on('error', (err) => {
      queue.push({ type: 'error', name: err.name, message: err.message });
      draining = draining.then(drain);
    });
    worker.on('exit', (code) => {
      draining
        .then(drain)
        .then(() => {
          clearInterval(poll);
          hooks.ctx.signal.removeEventListener('abort', onAbort);
          process.off('SIGTERM', onAbort);
          process.off('SIGINT', onAbort);
          if (handlerError) return reject(handlerError);
          if (outcome?.kind === 'done') outcome.userCancelled = userCancelled;
          resolve(outcome ?? { kind: 'error', name: 'Error', message: `training thread exited with code ${code}` });
        }, reject);
    });
  });
}
