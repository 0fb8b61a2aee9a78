// Runs one BullMQ job through its definition and mirrors its life in the Job row.
import os from 'node:os';
import { UnrecoverableError, type Job as BullJob } from 'bullmq';
import { db, dbJson } from '@/lib/db';
import { jobDefinition } from '@/lib/queue/registry';
import { PermanentJobError } from '@/lib/queue/define-job';
import { finishCancelledJob } from '@/lib/queue/finish-cancelled-job';
import { computeMeter } from '@/lib/queue/compute-meter';
import { groupCommit } from '@/lib/queue/group-commit';

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
  const owner = await activate(jobId);
  if (!owner) {
    await finishCancelledJob(jobId);
    return null;
  }

  // Progress goes to the row at most every PROGRESS_WRITE_MS, the first time that long after the
  // start: a job done in a fraction of a second (an explorer preview) writes none. A value held
  // back is written by the next heartbeat; the completion write sets 1.
  const progress = progressWriter(job, jobId);
  // ctx.signal aborts on worker shutdown or when someone cancels the job (its row turns CANCELLED).
  // The same watch writes a heartbeat with the compute time so far, so a killed attempt still counts.
  const cancellation = watchCancellation(jobId, signal, progress.flush);

  const ctx = {
    jobId,
    attempt: job.attemptsMade + 1,
    owner,
    signal: cancellation.signal,
    progress: progress.report,
  };

  try {
    const { default: handler } = await def.load();
    const result = await handler(parsed.data, ctx);
    await progress.close();
    const seconds = cancellation.takeSeconds();
    if (cancellation.seen()) return finishCancelled(jobId, seconds);
    // One conditional write: a job cancelled meanwhile keeps its CANCELLED state.
    if (!(await complete({ jobId, result, seconds }))) return finishCancelled(jobId, seconds);
    return result;
  } catch (err) {
    await progress.close();
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
function watchCancellation(jobId: string, workerSignal: AbortSignal, onBeat: () => Promise<void>) {
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
  const timer = setInterval(() => {
    void check().catch(() => {});
    void onBeat().catch(() => {});
  }, CANCEL_POLL_MS);
  timer.unref();
  return {
    signal: controller.signal,
    takeSeconds,
    seen: () => seen,
    cancelled: () => (seen ? Promise.resolve(true) : check()),
    stop() {
      clearInterval(timer);
      workerSignal.removeEventListener('abort', onWorkerAbort);
    },
  };
}

const PROGRESS_WRITE_MS = 200;

type Progress = { value: number; message: string | null };

/** ctx.progress: writes to the row (and the queue's copy) throttled; flush() writes what was held back. */
function progressWriter(job: BullJob<JobData>, jobId: string) {
  let lastWrite = Date.now();
  let held: Progress | null = null;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();
  const write = (p: Progress) => {
    lastWrite = Date.now();
    held = null;
    // Writes go one after another, so a later value never lands before an earlier one.
    writing = writing.catch(() => undefined).then(async () => {
      // The row is the record; the queue's copy is a courtesy that must not fail the job (a
      // Redis that restarted without its data no longer knows this job).
      await job.updateProgress({ fraction: p.value, message: p.message ?? undefined }).catch(() => undefined);
      await db.job.update({ where: { id: jobId }, data: { progress: p.value, message: p.message }, select: { id: true } });
    });
    return writing;
  };
  return {
    async report(fraction: number, message?: string) {
      const p = { value: Math.max(0, Math.min(1, fraction)), message: message ?? null };
      // The final value always lands.
      if (p.value >= 1 || Date.now() - lastWrite >= PROGRESS_WRITE_MS) await write(p);
      else held = p;
    },
    flush: () => (held && !closed && Date.now() - lastWrite >= PROGRESS_WRITE_MS ? write(held) : Promise.resolve()),
    /**
     * No more held values are written (the job's last write follows); waits for writes in
     * flight (a failure of theirs is the handler's, already reported to it).
     */
    close() {
      closed = true;
      return writing.catch(() => undefined);
    },
  };
}

/** Marks jobs ACTIVE (unless cancelled) and returns whom each runs for; null for a cancelled or missing row. */
const activate = groupCommit(async (jobIds: string[]) => {
  const now = new Date();
  const rows = await db.$queryRaw<{ id: string; userId: string | null; teamId: string | null }[]>`
    UPDATE "Job" SET "state" = 'ACTIVE', "startedAt" = ${now}, "attempts" = "attempts" + 1, "error" = NULL, "heartbeatAt" = ${now}, "workerName" = ${WORKER_NAME}
    WHERE "id" = ANY(${jobIds}::text[]) AND "state" <> 'CANCELLED'
    RETURNING "id", "userId", "teamId"`;
  const owners = new Map(rows.map((r) => [r.id, { userId: r.userId, teamId: r.teamId }]));
  return jobIds.map((id) => owners.get(id) ?? null);
});

/** Marks jobs COMPLETED with their results and compute time; false for a job cancelled meanwhile (or gone). */
const complete = groupCommit(async (jobs: { jobId: string; result: unknown; seconds: number }[]) => {
  // A missing "result" key reads as SQL NULL (a handler that returned nothing).
  const rows = dbJson(jobs.map((j) => ({ id: j.jobId, result: j.result ?? undefined, seconds: j.seconds })));
  const done = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job" AS j SET "state" = 'COMPLETED', "progress" = 1, "result" = x."result", "finishedAt" = ${new Date()}, "gpuSeconds" = j."gpuSeconds" + x."seconds"
    FROM jsonb_to_recordset(${rows}::jsonb) AS x("id" text, "result" jsonb, "seconds" float8)
    WHERE j."id" = x."id" AND j."state" <> 'CANCELLED'
    RETURNING j."id"`;
  const ids = new Set(done.map((r) => r.id));
  return jobs.map((j) => ids.has(j.jobId));
});

/** A cancelled job keeps its CANCELLED state (set by the cancel request); only its timing is recorded. */
async function finishCancelled(jobId: string, seconds: number) {
  await db.job.updateMany({ where: { id: jobId }, data: { finishedAt: new Date(), gpuSeconds: { increment: seconds } } });
  return null;
}

async function markFailed(jobId: string, error: string, seconds = 0) {
  await db.job.update({
    where: { id: jobId },
    data: { state: 'FAILED', error, finishedAt: new Date(), gpuSeconds: { increment: seconds } },
  });
}
