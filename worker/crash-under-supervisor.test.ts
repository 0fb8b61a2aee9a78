// A worker SIGKILLed in the middle of a fine-tune and a video, under the supervisor that
// `npm run up` runs (scripts/supervise.mjs): the supervisor starts a new worker, which takes
// both jobs up again; the fine-tune resumes from its last snapshot, the video renders again,
// and both finish. Each job's row counts both attempts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@/lib/testing/wait-for';

const ROOT = path.resolve(__dirname, '..');
const PREFIX = `atelier-supervised-crash-${randomBytes(4).toString('hex')}`;
process.env.QUEUE_PREFIX = PREFIX; // before any lib module reads the environment

let supervisor: ChildProcess | undefined;
afterAll(() => {
  if (supervisor?.pid && supervisor.exitCode === null) process.kill(-supervisor.pid, 'SIGKILL');
});


describe('a worker killed under the supervisor', () => {
  it('finishes the fine-tune (from its snapshot) and the video it was running', async () => {
    const { db } = await import('@/lib/db');
    const { createUser } = await import('@/lib/testing/http');
    const { createFixtureModel, licensedFaceDataset, TINY } = await import('@/lib/training/test-helpers');
    const { createFineTuneRun } = await import('@/lib/training/start-fine-tune');
    const { fineTuneOptions } = await import('@/lib/training/options');
    const { enqueueJob } = await import('@/lib/jobs/enqueue-job');
    const { fineTuneJob } = await import('@/lib/training/jobs/fine-tune');
    const { createFixtureVideo } = await import('@/lib/videos/test-helpers');
    const { closeQueues } = await import('@/lib/queue/connection');

    const user = await createUser('supervised-crash');
    const datasetId = await licensedFaceDataset(user, 4);
    const base = await createFixtureModel(user.id);
    const target = 0.012; // 3 steps of 4 images, a snapshot after each
    const run = await createFineTuneRun(user.id, { datasetId, baseModelId: base.id, options: fineTuneOptions.parse({ ...TINY, kimg: target }) });
    const trainJob = await enqueueJob(fineTuneJob, { runId: run.id }, { userId: user.id });
    await db.trainingRun.update({ where: { id: run.id }, data: { jobId: trainJob.id } });

    let out = '';
    supervisor = spawn(process.execPath, ['scripts/supervise.mjs', 'worker=node --import tsx worker/index.ts'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        QUEUE_PREFIX: PREFIX,
        NODE_ENV: 'production',
        SUPERVISE_BACKOFF_MS: '500',
        WORKER_LOCK_DURATION_MS: '3000',
        WORKER_STALLED_INTERVAL_MS: '1000',
        VIDEO_BATCH_SIZE: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout!.on('data', (d) => (out += d));
    supervisor.stderr!.on('data', (d) => (out += d));
    const log = () => out;
    const workerPid = (nth: number) => {
      const m = [...out.matchAll(/\[up\] worker started \(pid (\d+)\)/g)][nth];
      return m ? Number(m[1]) : null;
    };

    await waitFor('a snapshot', async () => (await db.checkpoint.count({ where: { trainingRunId: run.id } })) >= 1, 150_000, { out: log });
    // A video long enough to be caught mid-render: 240 frames of 32 px.
    const { video, job: videoJob } = await createFixtureVideo(user.id, base.id, { secondsPerTransition: 10, fps: 24 });
    await waitFor('the video to be mid-render', async () => (await db.job.findUniqueOrThrow({ where: { id: videoJob.id } })).progress >= 0.1, 60_000, { out: log });

    const [trainingAtKill, videoAtKill] = await Promise.all([db.trainingRun.findUniqueOrThrow({ where: { id: run.id } }), db.job.findUniqueOrThrow({ where: { id: videoJob.id } })]);
    expect(trainingAtKill.state).toBe('ACTIVE');
    // The run's compute time is written as it trains, so the attempt about to be killed counts.
    expect(trainingAtKill.gpuSeconds).toBeGreaterThan(0);
    expect(videoAtKill.state).toBe('ACTIVE');
    expect(videoAtKill.progress).toBeLessThan(0.9);
    const first = workerPid(0)!;
    process.kill(first, 'SIGKILL');
    await waitFor('the supervisor to restart the worker', async () => workerPid(1), 15_000, { out: log });
    expect(out).toMatch(new RegExp(`worker \\(pid ${first}\\) was killed by SIGKILL`));

    const finished = async (id: string) => {
      const row = await db.job.findUniqueOrThrow({ where: { id } });
      return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(row.state) && row;
    };
    const [t, v] = await Promise.all([waitFor('the fine-tune', () => finished(trainJob.id), 200_000, { out: log }), waitFor('the video', () => finished(videoJob.id), 200_000, { out: log })]);
    expect([t.state, t.error]).toEqual(['COMPLETED', null]);
    expect([v.state, v.error]).toEqual(['COMPLETED', null]);
    // The killed attempt counts (a worker slowed down past its 3 s lock may add one more).
    expect(t.attempts).toBeGreaterThanOrEqual(2);
    expect(v.attempts).toBeGreaterThanOrEqual(2);
    const done = await db.trainingRun.findUniqueOrThrow({ where: { id: run.id }, select: { state: true, kimg: true, log: true, gpuSeconds: true } });
    expect(done.gpuSeconds).toBeGreaterThan(trainingAtKill.gpuSeconds);
    expect(done.state).toBe('COMPLETED');
    expect(done.kimg).toBeGreaterThanOrEqual(target);
    expect(done.log).toMatch(/resuming from the snapshot at tick/);
    const rendered = await db.video.findUniqueOrThrow({ where: { id: video.id }, select: { mp4AssetId: true, webmAssetId: true, previewAssetId: true, frameCount: true } });
    expect(rendered.mp4AssetId && rendered.webmAssetId && rendered.previewAssetId).toBeTruthy();
    expect(rendered.frameCount).toBe(240);

    const exited = new Promise((r) => supervisor!.once('exit', r));
    process.kill(supervisor.pid!, 'SIGTERM');
    await exited;
    await closeQueues();
  }, 420_000);
});
