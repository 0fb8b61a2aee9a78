// The worker process: connects to Redis and Postgres, registers every job definition's
// queue, and on SIGTERM/SIGINT finishes (or, after a grace period, releases) its jobs.
import os from 'node:os';
import { Worker } from 'bullmq';
import { env } from '@/lib/env';
import { createRedis, queueName } from '@/lib/queue/connection';
import { processJob } from '@/lib/queue/process-job';
import { startJobReconciler } from '@/lib/queue/reconcile-jobs';
import { queuesInUse } from '@/lib/queue/registry';
import { queuesThisWorkerCanRun } from '@/worker/capabilities';
import { db } from '@/lib/db';
import { describeBackend } from '@/worker/backend';
import '@/worker/job-registry';

async function main() {
  const e = env();
  const backend = await describeBackend();
  process.env.ATELIER_TFJS_BACKEND = backend;
  const controller = new AbortController();
  const queues = await queuesThisWorkerCanRun(queuesInUse());
  const workers = queues.map(
    (name) =>
      new Worker(queueName(name), (job) => processJob(job, controller.signal), {
        connection: createRedis(),
        // Synthesis takes several jobs at once and drains them into shared forward passes.
        concurrency: name === 'synthesis' ? e.SYNTH_CONCURRENCY : e.WORKER_CONCURRENCY,
        // A job whose worker died is picked up again after this long without a lock renewal.
        lockDuration: e.WORKER_LOCK_DURATION_MS,
        stalledInterval: e.WORKER_STALLED_INTERVAL_MS,
        maxStalledCount: 3,
      }),
  );
  for (const w of workers) {
    w.on('failed', (job, err) => console.error(`[worker] job ${job?.id} (${job?.name}) failed: ${err.message}`));
    w.on('error', (err) => console.error('[worker] error', err.message));
    await w.waitUntilReady();
  }
  const reconciler = startJobReconciler();
  console.log(`[worker] ready on ${os.hostname()} pid ${process.pid}: queues ${queues.join(', ')}; tfjs backend ${backend}; concurrency ${e.WORKER_CONCURRENCY} (synthesis ${e.SYNTH_CONCURRENCY}, generator cache ${e.SYNTH_CACHE_MODELS} models / ${e.SYNTH_CACHE_MB} MB)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    reconciler.stop();
    console.log(`[worker] ${signal}: finishing current jobs (grace ${e.WORKER_SHUTDOWN_GRACE_MS} ms)`);
    const grace = setTimeout(() => {
      // Out of time: ask handlers to stop and release their jobs to other workers.
      controller.abort();
      console.log('[worker] grace period over: releasing jobs');
      Promise.all(workers.map((w) => w.close(true))).finally(() => process.exit(0));
    }, e.WORKER_SHUTDOWN_GRACE_MS);
    grace.unref();
    await Promise.all(workers.map((w) => w.close()));
    await db.$disconnect();
    console.log('[worker] stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('[worker] fatal', err);
  process.exit(1);
});
