// Runs one BullMQ job through its definition and mirrors its life in the Job row.
import os from 'node:os';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { db } from '@/lib/db';
import { jobDefinition } from '@/lib/queue/registry';
import { PermanentJobError } from '@/lib/queue/define-job';
import { finishCancelledJob } from '@/lib/queue/finish-cancelled-job';
import { computeMeter } from '@/lib/queue/compute-meter';

type JobData = { version: number; payload: unknown };

/** Who runs a job, as written on its row: reconcile and cancel check it is still alive. */
export const WORKER_NAME = `${os.hostname()}:${process.pid}`;

export async function processJob(job: BullJob<JobData>, signal: AbortSignal): Promise<unknown> {
  const jobId = job.id!;
  const def = jobDefinition(job.name);
  if (!def) {
    await markFailed(jobId, `Unknown job type "${job.name}": this worker has no definition for it`);
    throw new UnrecoverableError(`Unknown job type ${job.name}`);
  }
  // A job is run only by the definition version it was queued for: its payload and handler
  // may have changed meaning since. Retrying it queues it again for the current version.
  if (job.data.version !== def.version) {
    const message = `Job "${def.name}" was queued as version ${job.data.version}, but this worker runs version ${def.version}; retry it to run it as version ${def.version}`;
    await markFailed(jobId, message);
    throw new UnrecoverableError(message);
  }

  const parsed = def.schema.safeParse(job.data.payload);
  if (!parsed.success) {
    await markFailed(jobId, `Invalid payload: ${parsed.error.issues[0]?.message}`);
    throw new UnrecoverableError('Invalid payload');
  }

  // A job cancelled while it waited in the queue is not run (the condition makes this race-free).
  // Attempts count every start, also those of a job re-queued after it was lost or retried.
  const now = new Date();
  const activated = await db.job.updateMany({
    where: { id: jobId, state: { not: 'CANCELLED' } },
    data: { state: 'ACTIVE', startedAt: now, attempts: { increment: 1 }, error: null, heartbeatAt: now, workerName: WORKER_NAME },
  });
  if (activated.count === 0) {
    await finishCancelledJob(jobId);
    return null;
  }

  // ctx.signal aborts on worker shutdown or when someone cancels the job (its row turns CANCELLED).
  // The same watch writes a heartbeat with the compute time so far, so a killed attempt still counts.
  const cancellation = watchCancellation(jobId, signal);

  let lastWrite = 0;
  const ctx = {
    jobId,
    attempt: job.attemptsMade + 1,
    signal: cancellation.signal,
    async progress(fraction: number, message?: string) {
      const value = Math.max(0, Math.min(1, fraction));
      // The row is the record; the queue's copy is a courtesy that must not fail the job (a
      // Redis that restarted without its data no longer knows this job).
      await job.updateProgress({ fraction: value, message }).catch(() => undefined);
      // Throttle row writes; the final one always lands.
      const now = Date.now();
      if (value >= 1 || now - lastWrite > 200) {
        lastWrite = now;
        await db.job.update({ where: { id: jobId }, data: { progress: value, message: message ?? null } });
      }
    },
  };

  try {
    const { default: handler } = await def.load();
    const result = await handler(parsed.data, ctx);
    const seconds = cancellation.takeSeconds();
    if (await cancellation.cancelled()) return finishCancelled(jobId, seconds);
    await db.job.update({
      where: { id: jobId },
      data: { state: 'COMPLETED', progress: 1, result: (result ?? null) as object, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
    });
    return result;
  } catch (err) {
    const seconds = cancellation.takeSeconds();
    if (await cancellation.cancelled()) {
      await finishCancelled(jobId, seconds);
      throw new UnrecoverableError('Cancelled');
    }
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentJobError || err instanceof UnrecoverableError;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || lastAttempt) {
      await markFailed(jobId, message, seconds);
      if (permanent) throw new UnrecoverableError(message);
    } else {
      await db.job.update({ where: { id: jobId }, data: { state: 'QUEUED', error: message, gpuSeconds: { increment: seconds } } });
    }
    throw err;
  } finally {
    cancellation.stop();
  }
}

const CANCEL_POLL_MS = 1000;

/**
 * Polls the job row while the handler runs; any worker on any host sees a cancel this way.
 * Each poll is also the job's heartbeat and adds the compute time since the last one.
 */
function watchCancellation(jobId: string, workerSignal: AbortSignal) {
  const controller = new AbortController();
  const onWorkerAbort = () => controller.abort(workerSignal.reason);
  if (workerSignal.aborted) onWorkerAbort();
  else workerSignal.addEventListener('abort', onWorkerAbort, { once: true });
  let seen = false;
  /** Compute seconds not yet written to the row (each second is taken once). */
  const takeSeconds = computeMeter();
  const check = async () => {
    const row = await db.job.update({
      where: { id: jobId },
      data: { heartbeatAt: new Date(), gpuSeconds: { increment: takeSeconds() } },
      select: { state: true },
    }).catch(() => null); // a deleted row, or Postgres away for a moment: try again next poll
    if (row?.state === 'CANCELLED') {
      seen = true;
      controller.abort(new Error('Cancelled'));
    }
    return seen;
  };
  const timer = setInterval(() => void check().catch(() => {}), CANCEL_POLL_MS);
  timer.unref();
  return {
    signal: controller.signal,
    takeSeconds,
    cancelled: () => (seen ? Promise.resolve(true) : check()),
    stop() {
      clearInterval(timer);
      workerSignal.removeEventListener('abort', onWorkerAbort);
    },
  };
}

/** A cancelled job keeps its CANCELLED state (set by the cancel request); only its timing is recorded. */
async function finishCancelled(jobId: string, seconds: number) {
  await db.job.update({ where: { id: jobId }, data: { finishedAt: new Date(), gpuSeconds: { increment: seconds } } });
  return null;
}

async function markFailed(jobId: string, error: string, seconds = 0) {
  await db.job.update({
    where: { id: jobId },
    data: { state: 'FAILED', error, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
  });
}
