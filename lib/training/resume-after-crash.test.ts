// A worker SIGKILLed mid-run: the job is picked up again (here by a restarted worker) and the
// run resumes from its last snapshot in shared storage, with kimg and augment p preserved.
// This test runs its own worker on its own queue prefix, so the shared test worker stays out.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait-for';

const PREFIX = `atelier-resume-${randomBytes(4).toString('hex')}`;
process.env.QUEUE_PREFIX = PREFIX; // before anything reads the environment

const workers: ChildProcess[] = [];
function startWorker(tag: string, extraEnv: Record<string, string> = {}) {
  const dir = path.join(process.env.DATA_DIR ?? '.data', 'resume-test');
  mkdirSync(dir, { recursive: true });
  const out = openSync(path.join(dir, `worker-${tag}.log`), 'a');
  // node --import tsx: the worker itself is this pid (the tsx CLI would put a parent in between).
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/index.ts'], {
    env: { ...process.env, QUEUE_PREFIX: PREFIX, WORKER_LOCK_DURATION_MS: '4000', WORKER_STALLED_INTERVAL_MS: '2000', NODE_ENV: 'production', ...extraEnv },
    stdio: ['ignore', out, out],
  });
  workers.push(child);
  return child;
}
afterAll(() => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
});


describe('crash safety', () => {
  it('resumes a run from its last snapshot after its worker is SIGKILLed', async () => {
    const { db } = await import('@/lib/db');
    const { createUser } = await import('@/lib/testing/http');
    const { createFixtureModel, licensedFaceDataset, TINY } = await import('@/lib/training/test-helpers');
    const { createFineTuneRun } = await import('@/lib/training/start-fine-tune');
    const { fineTuneOptions } = await import('@/lib/training/options');
    const { enqueueJob } = await import('@/lib/jobs/enqueue-job');
    const { fineTuneJob } = await import('@/lib/training/jobs/fine-tune');
    const { storage } = await import('@/lib/storage');
    const { closeQueues } = await import('@/lib/queue/connection');

    const user = await createUser('crash');
    const datasetId = await licensedFaceDataset(user, 8);
    const base = await createFixtureModel(user.id);
    const target = 0.028; // 7 steps of 4 images, a tick and a snapshot after each
    const run = await createFineTuneRun(user.id, { datasetId, baseModelId: base.id, options: fineTuneOptions.parse({ ...TINY, kimg: target, aug: 'ada', p: 0.5, adaKimg: 0.1, target: 0.3 }) });
    const job = await enqueueJob(fineTuneJob, { runId: run.id }, { userId: user.id });
    await db.trainingRun.update({ where: { id: run.id }, data: { jobId: job.id } });

    const first = startWorker('first');
    await waitFor('two snapshots', async () => (await db.checkpoint.count({ where: { trainingRunId: run.id } })) >= 2, 150_000);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    const atKill = await db.trainingRun.findUniqueOrThrow({ where: { id: run.id }, select: { state: true, kimg: true, snapshotKey: true } });
    expect(atKill.state).toBe('ACTIVE');
    expect(atKill.kimg).toBeLessThan(target);
    const index = JSON.parse((await storage().get(atKill.snapshotKey!)).toString('utf8')) as { tick: number; kimg: number; augmentP: number };
    const checkpointsAtKill = await db.checkpoint.count({ where: { trainingRunId: run.id } });

    // The second worker runs each step's passes on two threads (TRAINING_THREADS).
    startWorker('second', { TRAINING_THREADS: '2' });
    const done = await waitFor(
      'the run to finish',
      async () => {
        const r = await db.trainingRun.findUniqueOrThrow({ where: { id: run.id }, select: { state: true, kimg: true, ticks: true, log: true, augmentP: true, error: true } });
        if (r.state === 'FAILED') throw new Error(`run failed: ${r.error}\n${r.log}`);
        return r.state === 'COMPLETED' ? r : null;
      },
      240_000,
    );
    expect(done.kimg).toBeGreaterThanOrEqual(target);
    // The second worker started from the snapshot, not from the base model.
    expect(done.log).toMatch(new RegExp(`resuming from the snapshot at tick ${index.tick}, ${index.kimg.toFixed(3)} kimg, augment p ${index.augmentP.toFixed(4)}`));
    expect(done.log.match(/starting from the base model/g)).toHaveLength(1);
    expect(done.log).toMatch(/batch 4 \(4 per pass\), .*starting/);
    expect(done.log).toMatch(/batch 4 \(2 per pass, 2 threads\), .*resuming at/);
    // Ticks: one per tick number, consecutive, kimg increasing; p at the snapshot tick is the snapshot's p.
    const ticks = done.ticks as { tick: number; kimg: number; augmentP: number }[];
    expect(ticks.map((t) => t.tick)).toEqual(ticks.map((_, i) => i));
    for (let i = 1; i < ticks.length; i++) expect(ticks[i].kimg).toBeGreaterThan(ticks[i - 1].kimg);
    expect(ticks.find((t) => t.tick === index.tick)!.augmentP).toBeCloseTo(index.augmentP, 6);
    // The first tick after the resume continues from the snapshot's kimg by one step.
    expect(ticks.find((t) => t.tick === index.tick + 1)!.kimg).toBeCloseTo(index.kimg + 0.004, 6);
    // Checkpoints: those from before the crash are kept, later ones continue from there.
    const cps = await db.checkpoint.findMany({ where: { trainingRunId: run.id }, orderBy: { createdAt: 'asc' }, select: { kimg: true } });
    expect(cps.length).toBeGreaterThan(checkpointsAtKill);
    for (let i = 1; i < cps.length; i++) expect(cps[i].kimg).toBeGreaterThan(cps[i - 1].kimg);
    await closeQueues();
  }, 420_000); // two worker start-ups and a lock expiry on a shared 2-core machine
});
