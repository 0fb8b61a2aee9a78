// Postgres is the source of truth for jobs; Redis only carries them to workers. When the two
// disagree — Redis restarted without its data, a queue entry removed by hand, a worker killed
// between its last two writes — the job row wins: a QUEUED or ACTIVE row without a live
// worker and without its BullMQ job is queued again under the same id (handlers are
// idempotent; a fine-tune resumes from its last snapshot). A row the queue already finished
// takes the queue's outcome. Workers run this on start, periodically and when Redis comes back.
import type { Job as BullJob } from 'bullmq';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { addToQueue } from '@/lib/queue/enqueue';
import { getQueue, queueConnection, queueName } from '@/lib/queue/connection';
import { finishCancelledJob } from '@/lib/queue/finish-cancelled-job';
import { workerSeemsAlive } from '@/lib/queue/job-liveness';
import { jobDefinition, jobDefinitions } from '@/lib/queue/registry';

/** Rows younger than this are left alone: enqueueJob writes the row before the queue entry. */
const YOUNG_MS = 10_000;
/** A job lost and re-queued more often than its definition's attempts and this many more fails. */
const EXTRA_REQUEUES = 3;
const BATCH = 500;

export type ReconcileReport = { requeued: string[]; failed: string[]; finished: string[] };

async function fail(jobId: string, error: string, report: ReconcileReport) {
  const res = await db.job.updateMany({ where: { id: jobId, state: { in: ['QUEUED', 'ACTIVE'] } }, data: { state: 'FAILED', error, finishedAt: new Date() } });
  if (res.count) report.failed.push(jobId);
}

export async function reconcileJobs(now = Date.now()): Promise<ReconcileReport> {
  const report: ReconcileReport = { requeued: [], failed: [], finished: [] };
  // Only this deployment's jobs (its queue prefix): others may share the database.
  const queues = [...new Set(jobDefinitions().map((d) => queueName(d.queue)))];
  const rows = await db.job.findMany({
    where: {
      AND: [
        { OR: [{ state: { in: ['QUEUED', 'ACTIVE'] } }, { state: 'CANCELLED', finishedAt: null }] },
        { queue: { in: queues } },
      ],
      createdAt: { lt: new Date(now - YOUNG_MS) },
    },
    orderBy: { createdAt: 'asc' },
    take: BATCH,
    select: { id: true, type: true, state: true, payload: true, attempts: true, heartbeatAt: true, startedAt: true, workerName: true },
  });
  for (const row of rows) {
    const def = jobDefinition(row.type);
    let bull: BullJob | undefined;
    if (def) bull = await getQueue(def.queue).getJob(row.id);
    const bullState = bull ? await bull.getState() : null;
    const running = row.state !== 'QUEUED' && workerSeemsAlive(row, now);

    if (row.state === 'CANCELLED') {
      // Cancelled while a worker held it, and that worker is gone: nothing will finish it.
      if (!running && bullState !== 'active') {
        await bull?.remove().catch(() => undefined);
        await finishCancelledJob(row.id);
        report.finished.push(row.id);
      }
      continue;
    }
    if (!def) {
      await fail(row.id, `Unknown job type "${row.type}": no worker can run it`, report);
      continue;
    }
    if (bull && bullState !== 'unknown') {
      // The queue gave up on it (e.g. stalled too often) but its worker never wrote that down.
      if (bullState === 'failed' && !running) await fail(row.id, bull.failedReason || 'Failed in the job queue', report);
      if (bullState === 'completed' && !running) {
        const res = await db.job.updateMany({
          where: { id: row.id, state: { in: ['QUEUED', 'ACTIVE'] } },
          data: { state: 'COMPLETED', progress: 1, result: (bull.returnvalue ?? null) as object, finishedAt: new Date() },
        });
        if (res.count) report.finished.push(row.id);
      }
      continue;
    }
    if (running) continue; // its worker still runs it; the queue entry went with Redis's data

    const payload = def.schema.safeParse(row.payload);
    if (!payload.success) {
      await fail(row.id, `Lost from the job queue, and its payload no longer fits job "${def.name}" version ${def.version}: ${payload.error.issues[0]?.message}`, report);
      continue;
    }
    if (row.attempts >= def.attempts + EXTRA_REQUEUES) {
      await fail(row.id, `Lost from the job queue after ${row.attempts} attempts; not queued again (retry it to run it once more)`, report);
      continue;
    }
    // Row first, then queue: a worker that takes the job at once finds the row QUEUED, not stale.
    const claimed = await db.job.updateMany({
      where: { id: row.id, state: row.state, heartbeatAt: row.heartbeatAt },
      data: { state: 'QUEUED', message: 'Queued again: the job queue had lost it', heartbeatAt: null },
    });
    if (!claimed.count) continue; // changed meanwhile (started, cancelled, reconciled elsewhere)
    await addToQueue(def, row.id, payload.data);
    report.requeued.push(row.id);
  }
  return report;
}

/**
 * Reconciles on start, every JOB_RECONCILE_INTERVAL_MS and each time the queue's Redis
 * connection becomes ready again (a restarted Redis). Errors are logged and retried next time.
 */
export function startJobReconciler(log: (line: string) => void = console.log) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (why: string) => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        const r = await reconcileJobs();
        const n = r.requeued.length + r.failed.length + r.finished.length;
        if (n) log(`[worker] reconciled jobs (${why}): ${r.requeued.length} queued again, ${r.failed.length} failed, ${r.finished.length} finished`);
      } catch (err) {
        log(`[worker] job reconciliation (${why}) failed, retrying later: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        running = null;
        if (again) {
          again = false;
          void run('catching up');
        }
      }
    })();
    return running;
  };
  const timer = setInterval(() => void run('periodic'), env().JOB_RECONCILE_INTERVAL_MS);
  timer.unref();
  const connection = queueConnection();
  let wasDown = false;
  const onClose = () => (wasDown = true);
  const onReady = () => {
    if (!wasDown) return;
    wasDown = false;
    void run('Redis reconnected');
  };
  connection.on('close', onClose);
  connection.on('ready', onReady);
  const first = run('start');
  return {
    first,
    stop() {
      clearInterval(timer);
      connection.off('close', onClose);
      connection.off('ready', onReady);
    },
  };
}
