// The worker process: connects to Redis and Postgres, records itself in the worker registry,
// registers every job definition's queue, and on SIGTERM/SIGINT finishes (or, after a grace
// period, releases) its jobs and marks itself stopped.
import os from 'node:os';
import { Worker } from 'bullmq';
import { env } from '@/lib/env';
import { createRedis, queueName } from '@/lib/queue/connection';
import { processJob } from '@/lib/queue/process-job';
import { startJobReconciler } from '@/lib/queue/reconcile-jobs';
import { queuesInUse } from '@/lib/queue/registry';
import { queuesThisWorkerCanRun } from '@/worker/capabilities';
import { db } from '@/lib/db';
import { currentBackendInfo } from '@/lib/workers/current-backend';
import { registerWorker } from '@/lib/workers/register-worker';
import { startBackend } from '@/worker/backend';
import { warmModels } from '@/lib/synthesis/worker/warm-models';
import '@/worker/job-registry';

async function main() {
  const e = env();
  const backend = await startBackend();
  // Registered before the queues open, so a job this worker serves always finds its row.
  // Each heartbeat re-reads the backend: a lost GPU device moves the process to another one.
  const queues = await queuesThisWorkerCanRun(queuesInUse());
  const registration = await registerWorker({ queues, backend: currentBackendInfo });
  const controller = new AbortController();
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
  // Loads and renders the newest public model (the bundled default on a new installation) so the
  // first explorer grid finds its weights loaded and operators built. In the background: a job
  // that arrives meanwhile shares the load (the generator cache loads a checkpoint once).
  if (queues.includes('synthesis') && e.SYNTH_WARM_MODELS > 0) void warmModels(e.SYNTH_WARM_MODELS);
  console.log(`[worker] ready on ${os.hostname()} pid ${process.pid}: queues ${queues.join(', ')}; tfjs backend ${backend.label}; concurrency ${e.WORKER_CONCURRENCY} (synthesis ${e.SYNTH_CONCURRENCY}, generator cache ${e.SYNTH_CACHE_MODELS} models / ${e.SYNTH_CACHE_MB} MB)`);

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
      Promise.all(workers.map((w) => w.close(true)))
        .then(() => registration.stop())
        .finally(() => process.exit(0));
    }, e.WORKER_SHUTDOWN_GRACE_MS);
    grace.unref();
    await Promise.all(workers.map((w) => w.close()));
    await registration.stop();
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
