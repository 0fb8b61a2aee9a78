// Runs one BullMQ job through its definition and mirrors its life in the Job row.
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { db } from '@/lib/db';
import { jobDefinition } from '@/lib/queue/registry';
import { PermanentJobError } from '@/lib/queue/define-job';

type JobData = { version: number; payload: unknown };

export async function processJob(job: BullJob<JobData>, signal: AbortSignal): Promise<unknown> {
  const jobId = job.id!;
  const def = jobDefinition(job.name);
  if (!def) throw new UnrecoverableError(`Unknown job type ${job.name}`);

  const parsed = def.schema.safeParse(job.data.payload);
  if (!parsed.success) {
    await markFailed(jobId, `Invalid payload: ${parsed.error.issues[0]?.message}`);
    throw new UnrecoverableError('Invalid payload');
  }

  // A job cancelled while it waited in the queue is not run (the condition makes this race-free).
  const activated = await db.job.updateMany({
    where: { id: jobId, state: { not: 'CANCELLED' } },
    data: { state: 'ACTIVE', startedAt: new Date(), attempts: job.attemptsMade + 1, error: null },
  });
  if (activated.count === 0) return null;

  // ctx.signal aborts on worker shutdown or when someone cancels the job (its row turns CANCELLED).
  const cancellation = watchCancellation(jobId, signal);

  let lastWrite = 0;
  const ctx = {
    jobId,
    attempt: job.attemptsMade + 1,
    signal: cancellation.signal,
    async progress(fraction: number, message?: string) {
      const value = Math.max(0, Math.min(1, fraction));
      await job.updateProgress({ fraction: value, message });
      // Throttle row writes; the final one always lands.
      const now = Date.now();
      if (value >= 1 || now - lastWrite > 200) {
        lastWrite = now;
        await db.job.update({ where: { id: jobId }, data: { progress: value, message: message ?? null } });
      }
    },
  };

  const started = process.hrtime.bigint();
  try {
    const { default: handler } = await def.load();
    const result = await handler(parsed.data, ctx);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (await cancellation.cancelled()) return finishCancelled(jobId, seconds);
    await db.job.update({
      where: { id: jobId },
      data: { state: 'COMPLETED', progress: 1, result: (result ?? null) as object, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
    });
    return result;
  } catch (err) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
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

/** Polls the job row while the handler runs; any worker on any host sees a cancel this way. */
function watchCancellation(jobId: string, workerSignal: AbortSignal) {
  const controller = new AbortController();
  const onWorkerAbort = () => controller.abort(workerSignal.reason);
  if (workerSignal.aborted) onWorkerAbort();
  else workerSignal.addEventListener('abort', onWorkerAbort, { once: true });
  let seen = false;
  const check = async () => {
    const row = await db.job.findUnique({ where: { id: jobId }, select: { state: true } });
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
