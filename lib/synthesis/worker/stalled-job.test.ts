// A synthesis worker killed mid-job (SIGKILL) loses its lock; after a restart, BullMQ's
// stalled-job check hands the job to the new worker, which finishes it. Runs its own
// worker processes on a private queue prefix so the shared test worker never sees the job.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createRedis } from '@/lib/queue/connection';
import { synthesizeJob, synthesizePayload } from '@/lib/synthesis/jobs/synthesize';
import { createUser } from '@/lib/testing/http';
import { importFixtureModel } from '@/lib/testing/models';

const prefix = `stall-${randomBytes(4).toString('hex')}`;
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    env: { ...process.env, QUEUE_PREFIX: prefix, WORKER_LOCK_DURATION_MS: '3000', WORKER_STALLED_INTERVAL_MS: '1500', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', () => {});
  child.stderr!.on('data', () => {});
  children.push(child);
  return child;
}

async function until<T>(what: string, timeoutMs: number, poll: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await poll();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('a synthesis worker dies mid-job', () => {
  it('SIGKILL, restart: the stalled job is picked up again and completes', { timeout: 180_000 }, async () => {
    const user = await createUser('stall');
    const model = await importFixtureModel(user.token);
    const payload = synthesizePayload.parse({ modelId: model.id, checkpointId: model.checkpoint.id, source: { kind: 'seeds', seeds: [1, 2] }, testDelayMs: 5000 });
    const row = await db.job.create({ data: { type: synthesizeJob.name, payload, userId: user.id }, select: { id: true } });
    const connection = createRedis();
    const queue = new Queue(`${prefix}-synthesis`, { connection });
    await queue.add(synthesizeJob.name, { version: 1, payload }, { jobId: row.id, attempts: 3, backoff: { type: 'exponential', delay: 500 } });

    const first = startWorker();
    await until('the first worker to start the job', 90_000, async () => {
      const job = await db.job.findUnique({ where: { id: row.id }, select: { state: true, progress: true } });
      return job?.state === 'ACTIVE' && job.progress > 0.05;
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const midway = await db.job.findUniqueOrThrow({ where: { id: row.id } });
    expect(midway.state).toBe('ACTIVE');
    expect(midway.progress).toBeLessThan(0.5);

    const second = startWorker();
    const done = await until('the restarted worker to finish the job', 120_000, async () => {
      const job = await db.job.findUnique({ where: { id: row.id } });
      return job && ['COMPLETED', 'FAILED'].includes(job.state) ? job : null;
    });
    expect(done.state, done.error ?? '').toBe('COMPLETED');
    const result = done.result as { images: { sha256: string }[]; worker: string };
    expect(result.images).toHaveLength(2);
    expect(result.worker.endsWith(`:${second.pid}`)).toBe(true);

    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });
});
